import type {
  ApiKeyFieldsFragment,
  AdmissionEventFieldsFragment,
  AdmissionSettingsFieldsFragment,
  AuditEntryFieldsFragment,
  ClusterPodsQuery,
  ClusterFieldsFragment,
  ClusterGroupFieldsFragment,
  ExceptionFieldsFragment,
  FalcoEventFieldsFragment,
  FalcoRuleFieldsFragment,
  FalcoSettingsFieldsFragment,
  RegistryFieldsFragment,
  UserFieldsFragment,
  VerdictReasonFieldsFragment,
  VerdictStatus,
} from "../gql/graphql";
import type { Permission, Viewer } from "../features/auth/viewer";
import { VerdictChangedDocument } from "../features/images/images.graphql";

/** Objects as the API returns them (with __typename, which the cache adds to every selection). */
type Typed<T, N extends string> = T & { __typename: N };

/** What anyone signed in may see, as the API grants it. */
const READ_PERMISSIONS: Permission[] = [
  "cluster:read",
  "settings:read",
  "image:read",
  "scan_queue:read",
  "registry:read",
  "policy:read",
  "exception:read",
  "falco:read",
];
const ADMIN_PERMISSIONS: Permission[] = [
  ...READ_PERMISSIONS,
  "api_key:any",
  "api_key:own",
  "audit:read",
  "cluster:write",
  "settings:write",
  "user:read",
  "user:write",
  "scan:submit",
  "scan_queue:write",
  "registry:write",
  "policy:write",
  "exception:request",
  "exception:write",
  "falco:write",
];
const READ_ONLY_PERMISSIONS: Permission[] = [...READ_PERMISSIONS, "api_key:own", "exception:request"];

export function aViewer(
  overrides: { role?: "super_admin" | "admin" | "read_only"; permissions?: Permission[] } = {},
): Viewer {
  const role = overrides.role ?? "admin";
  const permissions = overrides.permissions ?? (role === "read_only" ? READ_ONLY_PERMISSIONS : ADMIN_PERMISSIONS);
  const viewer = {
    __typename: "Viewer" as const,
    authMethod: "session",
    permissions,
    scopes: null,
    user: {
      __typename: "User" as const,
      id: "u-self",
      email: role === "read_only" ? "reader@example.com" : "ada@example.com",
      name: role === "read_only" ? "Rita Reader" : "Ada Admin",
      role,
      active: true,
      createdAt: "2026-01-02T10:00:00.000Z",
      lastLoginAt: "2026-11-20T08:00:00.000Z",
    },
  };
  return viewer;
}

export function aGroup(
  overrides: Partial<ClusterGroupFieldsFragment> = {},
): Typed<ClusterGroupFieldsFragment, "ClusterGroup"> {
  return {
    __typename: "ClusterGroup",
    id: "g-1",
    name: "production",
    description: "",
    clusterCount: 0,
    createdAt: "2026-03-01T09:00:00.000Z",
    updatedAt: "2026-03-01T09:00:00.000Z",
    ...overrides,
  };
}

export function aCluster(overrides: Partial<ClusterFieldsFragment> = {}): Typed<ClusterFieldsFragment, "Cluster"> {
  return {
    __typename: "Cluster",
    id: "c-1",
    name: "prod-eu-1",
    description: "Primary EU cluster",
    tags: ["env=prod"],
    createdAt: "2026-03-02T09:00:00.000Z",
    updatedAt: "2026-03-02T09:00:00.000Z",
    group: null,
    agentStatus: "never_connected",
    agentLastSeenAt: null,
    agentVersion: null,
    kubernetesVersion: null,
    ...overrides,
  };
}

/** A cluster's admission settings as a new cluster starts with them. */
export function anAdmissionSettings(overrides: Partial<AdmissionSettingsFieldsFragment> = {}) {
  return {
    __typename: "AdmissionSettings" as const,
    enforcementEnabled: false,
    mode: "deny" as const,
    unscannedImages: "allow" as const,
    exemptNamespaces: ["bulwark", "kube-system"],
    staleSnapshotSeconds: 600,
    staleSnapshotAction: "allow" as const,
    failurePolicy: "Ignore" as const,
    ...overrides,
  };
}

export function anAdmissionImage(overrides: Partial<AdmissionEventFieldsFragment["images"][number]> = {}) {
  return {
    __typename: "AdmissionImageOutcome" as const,
    container: "web",
    kind: "app" as const,
    reference: "nginx:1.25",
    status: "non_compliant",
    ...overrides,
  };
}

export function anAdmissionEvent(
  overrides: Partial<AdmissionEventFieldsFragment> = {},
): Typed<AdmissionEventFieldsFragment, "AdmissionEvent"> {
  return {
    __typename: "AdmissionEvent",
    id: "1",
    at: "2026-11-27T10:00:00.000Z",
    requestUid: "7f1c2a9e-0000-4000-8000-000000000001",
    operation: "CREATE",
    kind: "Pod",
    namespace: "shop",
    name: "web-5d9c7",
    userName: "system:serviceaccount:kube-system:replicaset-controller",
    decision: "would_deny",
    enforced: false,
    mode: "deny",
    message: "nginx:1.25 is non-compliant: 2 fixable high > 0 (No fixable critical or high)",
    images: [anAdmissionImage()],
    ...overrides,
  };
}

type PodContainer = ClusterPodsQuery["cluster"]["pods"]["nodes"][number]["containers"][number];
type PodVerdictReason = NonNullable<PodContainer["verdict"]>["reasons"][number];

/** The scanned image a container runs, as a pod lists it. */
export function aPodImage(id = "i-1", name = "docker.io/library/nginx") {
  return { __typename: "Image" as const, id, name };
}

export function aPodVerdict(status: VerdictStatus = "compliant", reasons: Partial<PodVerdictReason>[] = []) {
  return {
    __typename: "ImageVerdict" as const,
    status,
    reasons: reasons.map((reason) => ({
      __typename: "VerdictReason" as const,
      policyName: "No fixable critical or high",
      severity: "high" as const,
      fixable: true,
      count: 2,
      limit: 0,
      blocking: true,
      ...reason,
    })),
  };
}

/** A container as the inventory reports it; image null until Bulwark has scanned it. */
export function aPodContainer(
  overrides: Partial<Omit<PodContainer, "image" | "verdict">> & {
    image?: ReturnType<typeof aPodImage> | null;
    verdict?: ReturnType<typeof aPodVerdict> | null;
  } = {},
) {
  return {
    __typename: "KubeContainer" as const,
    name: "web",
    kind: "app" as const,
    imageReference: "nginx:1.25",
    canonicalReference: "docker.io/library/nginx:1.25",
    image: aPodImage(),
    verdict: aPodVerdict(),
    ...overrides,
  };
}

export function aPod(
  overrides: Partial<Omit<ClusterPodsQuery["cluster"]["pods"]["nodes"][number], "containers">> & {
    containers?: ReturnType<typeof aPodContainer>[];
  } = {},
) {
  return {
    __typename: "KubePod" as const,
    id: "pod-1",
    uid: "3b0f6c1e-0000-4000-8000-000000000001",
    namespace: "shop",
    name: "web-5d9c7-x2x4z",
    phase: "Running",
    nodeName: "node-a",
    ownerKind: "Deployment",
    ownerName: "web",
    createdAt: "2026-11-27T08:00:00.000Z",
    lastSeenAt: "2026-11-27T10:00:00.000Z",
    containers: [aPodContainer()],
    ...overrides,
  };
}

export function aUser(overrides: Partial<UserFieldsFragment> = {}): Typed<UserFieldsFragment, "User"> {
  return {
    __typename: "User",
    id: "u-2",
    email: "bob@example.com",
    name: "Bob",
    role: "read_only",
    active: true,
    lastLoginAt: null,
    createdAt: "2026-03-02T09:00:00.000Z",
    updatedAt: "2026-03-02T09:00:00.000Z",
    ...overrides,
  };
}

export function anApiKey(overrides: Partial<ApiKeyFieldsFragment> = {}) {
  return {
    __typename: "ApiKey" as const,
    id: "k-1",
    name: "prod agent",
    prefix: "bwk_abcd1234",
    scopes: ["agent" as const],
    status: "active",
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
    createdAt: "2026-03-02T09:00:00.000Z",
    cluster: null,
    owner: { __typename: "User" as const, id: "u-self", email: "ada@example.com", name: "Ada Admin" },
    ...overrides,
  };
}

export function anAuditEntry(
  overrides: Partial<AuditEntryFieldsFragment> = {},
): Typed<AuditEntryFieldsFragment, "AuditEntry"> {
  return {
    __typename: "AuditEntry",
    id: "a-1",
    at: "2026-11-20T08:00:00.000Z",
    action: "auth.login",
    actorLabel: "ada@example.com",
    actorUserId: "u-self",
    actorApiKeyId: null,
    entityType: "user",
    entityId: "u-self",
    outcome: "success",
    sourceIp: "10.0.0.1",
    userAgent: "Mozilla/5.0",
    before: null,
    after: null,
    ...overrides,
  };
}

const NO_FINDINGS = { critical: 0, high: 0, medium: 0, low: 0, negligible: 0 };

/** Findings per severity and fixability, zero unless given. */
export function counts(fixable: Partial<typeof NO_FINDINGS> = {}, unfixable: Partial<typeof NO_FINDINGS> = {}) {
  return {
    __typename: "FindingCounts" as const,
    fixable: { __typename: "SeverityCounts" as const, ...NO_FINDINGS, ...fixable },
    unfixable: { __typename: "SeverityCounts" as const, ...NO_FINDINGS, ...unfixable },
  };
}

export function aVerdictReason(overrides: Partial<VerdictReasonFieldsFragment> = {}) {
  return {
    __typename: "VerdictReason" as const,
    policyId: "p-1",
    policyName: "No fixable critical or high",
    scannerId: "s-1",
    scannerName: "Trivy",
    severity: "high" as const,
    fixable: true,
    count: 2,
    limit: 0,
    issueIds: ["CVE-2024-0001", "CVE-2024-0002"],
    blocking: true,
    ...overrides,
  };
}

/** One row of the images list: an image as one cluster knows it. */
export function aClusterImage(
  overrides: {
    imageId?: string;
    name?: string;
    tag?: string | null;
    cluster?: { id: string; name: string };
    status?: VerdictStatus | null;
    reasons?: ReturnType<typeof aVerdictReason>[];
    counts?: ReturnType<typeof counts>;
    running?: boolean;
  } = {},
) {
  const imageId = overrides.imageId ?? "i-1";
  const name = overrides.name ?? "nginx";
  const status = overrides.status === undefined ? "non_compliant" : overrides.status;
  return {
    __typename: "ClusterImage" as const,
    tag: overrides.tag === undefined ? "1.25" : overrides.tag,
    running: overrides.running ?? true,
    firstSeenAt: "2026-11-20T08:00:00.000Z",
    lastSeenAt: "2026-11-27T08:00:00.000Z",
    cluster: { __typename: "Cluster" as const, ...(overrides.cluster ?? { id: "c-1", name: "prod-eu-1" }) },
    image: {
      __typename: "Image" as const,
      id: imageId,
      name,
      reference: `docker.io/library/${name}@sha256:${"a".repeat(64)}`,
      registry: "docker.io",
      repository: `library/${name}`,
      digest: `sha256:${"a".repeat(64)}`,
      lastScannedAt: "2026-11-27T07:00:00.000Z",
    },
    verdict:
      status === null
        ? null
        : {
            __typename: "ImageVerdict" as const,
            status,
            computedAt: "2026-11-27T07:00:00.000Z",
            reasons: overrides.reasons ?? (status === "non_compliant" ? [aVerdictReason()] : []),
          },
    counts: overrides.counts ?? counts({ high: 2, medium: 1 }, { low: 3 }),
  };
}

export function anException(overrides: Partial<ExceptionFieldsFragment> = {}) {
  return {
    __typename: "Exception" as const,
    id: "e-1",
    type: "policy" as const,
    status: "in_review" as const,
    title: "CVE-2024-0001 in nginx",
    reason: "Not reachable; the base image is replaced next sprint.",
    temporary: false,
    issueId: "CVE-2024-0001",
    imagePattern: "docker.io/library/nginx",
    startsAt: "2026-11-27T00:00:00.000Z",
    endsAt: "2027-01-01T00:00:00.000Z",
    allClusters: false,
    clusterIds: ["c-1"],
    allNamespaces: true,
    namespaces: [],
    allPolicies: true,
    policyIds: [],
    alternateSeverity: null,
    createdByLabel: "reader@example.com",
    createdAt: "2026-11-27T09:00:00.000Z",
    updatedAt: "2026-11-27T09:00:00.000Z",
    clusters: [{ __typename: "Cluster" as const, id: "c-1", name: "prod-eu-1" }],
    policies: [],
    scanner: null,
    ...overrides,
  };
}

export function aRegistry(overrides: Partial<RegistryFieldsFragment> = {}) {
  return {
    __typename: "Registry" as const,
    id: "r-1",
    name: "Harbor",
    hostname: "harbor.example.com",
    aliases: ["harbor-mirror.example.com"],
    username: "robot-ci",
    hasPassword: true,
    createdAt: "2026-11-01T09:00:00.000Z",
    updatedAt: "2026-11-01T09:00:00.000Z",
    ...overrides,
  };
}

/** A verdict feed that stays open and quiet, for pages that subscribe to it. */
export function quietVerdictFeed() {
  return {
    request: { query: VerdictChangedDocument, variables: () => true },
    result: { data: { verdictChanged: null } },
    delay: 10 * 60_000,
    maxUsageCount: 10,
  };
}

/** A Falco event as lists show it: a shell in a pod, as Falco's default rules report it. */
export function aFalcoEvent(
  overrides: Partial<FalcoEventFieldsFragment> = {},
): Typed<FalcoEventFieldsFragment, "FalcoEvent"> {
  return {
    __typename: "FalcoEvent",
    id: "fe-1",
    clusterId: "c-1",
    clusterName: "prod-eu-1",
    time: "2026-11-27T10:00:00.000Z",
    receivedAt: "2026-11-27T10:00:00.120Z",
    priority: "notice",
    rule: "Terminal shell in container",
    source: "syscall",
    output:
      "10:00:00.000000000: Notice A shell was spawned in a container with an attached terminal (user=root k8s.ns=shop k8s.pod=web-5d9c7 container=3f1a shell=sh)",
    hostname: "node-a",
    namespace: "shop",
    pod: "web-5d9c7",
    container: "web",
    image: "nginx:1.25",
    process: "sh",
    commandLine: "sh -c uptime",
    user: "root",
    tags: ["container", "shell", "mitre_execution"],
    signature: "3b0f6c1e".repeat(8),
    anomaly: false,
    silenced: false,
    cursor: `cursor-after-${overrides.id ?? "fe-1"}`,
    ...overrides,
  };
}

/** The event's page adds Falco's own id and the output fields. */
export function aFalcoEventDetail(
  overrides: Partial<FalcoEventFieldsFragment> & { uuid?: string | null; outputFields?: unknown } = {},
) {
  const { uuid = "9a6f3c52-8d4e-4b1a-9f0e-2c7d5b8a1e34", outputFields, ...rest } = overrides;
  return {
    ...aFalcoEvent(rest),
    uuid,
    outputFields: outputFields ?? {
      "container.id": "3f1a",
      "container.image.repository": "nginx",
      "container.image.tag": "1.25",
      "evt.time": 1795773600000000000,
      "k8s.ns.name": "shop",
      "k8s.pod.name": "web-5d9c7",
      "proc.cmdline": "sh -c uptime",
      "proc.name": "sh",
      "proc.tty": 34816,
      "user.loginuid": -1,
      "user.name": "root",
      "container.privileged": false,
      "fd.name": null,
    },
  };
}

export function aFalcoRule(
  overrides: Partial<FalcoRuleFieldsFragment> = {},
): Typed<FalcoRuleFieldsFragment, "FalcoRule"> {
  return {
    __typename: "FalcoRule",
    id: "fr-1",
    name: "Shells in CI runners",
    action: "silence",
    rulePattern: "Terminal shell in container",
    imagePattern: "ghcr.io/acme/ci-runner:*",
    namespaces: ["ci"],
    clusterIds: [],
    endsAt: null,
    builtIn: false,
    active: true,
    createdBy: "ada@example.com",
    createdAt: "2026-11-01T09:00:00.000Z",
    updatedAt: "2026-11-01T09:00:00.000Z",
    ...overrides,
  };
}

/** A cluster's Falco settings as they start. */
export function aFalcoSettings(
  overrides: Partial<FalcoSettingsFieldsFragment> = {},
): Typed<FalcoSettingsFieldsFragment, "FalcoSettings"> {
  return {
    __typename: "FalcoSettings",
    clusterId: "c-1",
    minimumPriority: "debug",
    retentionDays: 30,
    anomalyWindowDays: 7,
    notifyAnomalies: false,
    notifyMinPriority: "error",
    recipients: "all_admins",
    addresses: [],
    summary: "none",
    lastSummaryAt: null,
    ...overrides,
  };
}
