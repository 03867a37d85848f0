/**
 * The agent's view of the api: the shapes the GraphQL agent operations return and accept, and the
 * interfaces the modes depend on. The GraphQL client implements them; tests may use in-memory ones.
 * Field names are those of packages/api/schema.graphql.
 */

export type VerdictStatus = "compliant" | "non_compliant" | "unscanned" | "scan_failed";
export type Severity = "negligible" | "low" | "medium" | "high" | "critical";
export type ContainerKind = "app" | "init" | "ephemeral";

export type VerdictReason = {
  policyId: string;
  policyName: string;
  scannerId: string;
  scannerName: string;
  severity: Severity;
  fixable: boolean;
  count: number;
  limit: number;
  issueIds: string[];
  /** False for advisory policies and non-required scanners: report, never block. */
  blocking: boolean;
};

export type AdmissionSettings = {
  /** Off: every request is admitted, and what would have been denied is recorded. */
  enforcementEnabled: boolean;
  /** deny: refuse non-compliant images; warn: admit them with warnings. */
  mode: "deny" | "warn";
  /** What to do with an image Bulwark has never scanned (a high-priority scan is queued either way). */
  unscannedImages: "deny" | "allow";
  /** Requests in these namespaces are always admitted (the agent's own and kube-system by default). */
  exemptNamespaces: string[];
  /** When the snapshot has not been refreshed for this long… */
  staleSnapshotSeconds: number;
  /** …requests are decided this way instead. */
  staleSnapshotAction: "allow" | "deny";
  /** The ValidatingWebhookConfiguration's failurePolicy. */
  failurePolicy: "Ignore" | "Fail";
};

export type AdmissionVerdict = {
  /** "" = the cluster as a whole; other entries exist only where a namespace's exceptions change the verdict. */
  namespace: string;
  status: VerdictStatus;
  reasons: VerdictReason[];
};

export type AdmissionImage = {
  imageId: string;
  registry: string;
  repository: string;
  digest: string;
  /** Tags last seen pointing at this digest. */
  tags: string[];
  verdicts: AdmissionVerdict[];
};

export type RegistryAliasGroup = { hostname: string; aliases: string[] };

export type AdmissionSnapshot = {
  clusterId: string;
  clusterName: string;
  /** ISO time the api produced it. */
  generatedAt: string;
  settings: AdmissionSettings;
  registryAliases: RegistryAliasGroup[];
  images: AdmissionImage[];
};

/** What the api announces when verdicts, exceptions or settings of the cluster change. */
export type AdmissionChange = {
  clusterId: string;
  /** Images whose entries changed; empty means "reload the whole snapshot" (settings, policies…). */
  imageIds: string[];
  at: string;
};

export type AdmissionDecision = "allowed" | "denied" | "warned" | "would_deny";
export type AdmissionImageStatus = VerdictStatus | "exempt" | "invalid";

export type AdmissionEventInput = {
  at: string;
  requestUid: string;
  operation: string;
  /** Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob */
  kind: string;
  namespace: string;
  name: string;
  userName: string | null;
  decision: AdmissionDecision;
  enforced: boolean;
  mode: "deny" | "warn";
  message: string;
  images: Array<{ container: string; kind: ContainerKind; reference: string; status: AdmissionImageStatus }>;
};

/** The webhook's link to the api. */
export interface AdmissionApi {
  /** The whole snapshot, or only the given images' entries. */
  snapshot(imageIds?: string[]): Promise<AdmissionSnapshot>;
  /** Calls back on every change for the key's cluster until the returned function is called. */
  onChange(callback: (change: AdmissionChange) => void, onError?: (error: Error) => void): () => void;
  /** Sends decisions (in batches); rejects when the api cannot be reached. */
  recordEvents(events: AdmissionEventInput[]): Promise<void>;
}

export type AgentHeartbeatInput = {
  cluster: string;
  agentVersion: string;
  kubernetesVersion: string | null;
  mode: "run" | "webhook";
};

export type AgentHeartbeat = {
  clusterId: string;
  clusterName: string;
  settings: AdmissionSettings;
  serverTime: string;
};

export type InventoryContainer = {
  name: string;
  kind: ContainerKind;
  /** As the pod spec names it. */
  image: string;
  /** containerStatuses[].imageID when the kubelet reported one (docker-pullable://repo@sha256:…). */
  imageID: string | null;
};

export type InventoryPod = {
  uid: string;
  namespace: string;
  name: string;
  phase: string | null;
  nodeName: string | null;
  /** The top-level owner: a Deployment rather than its ReplicaSet, a CronJob rather than its Job. */
  ownerKind: string | null;
  ownerName: string | null;
  createdAt: string | null;
  labels: Record<string, string>;
  containers: InventoryContainer[];
};

export type InventoryNamespace = {
  uid: string;
  name: string;
  createdAt: string | null;
  labels: Record<string, string>;
};

export type InventoryReport = {
  /** true: this is everything; what is not listed is removed. false: changes only. */
  full: boolean;
  namespaces: InventoryNamespace[];
  deletedNamespaces: string[];
  pods: InventoryPod[];
  /** Pod uids. */
  deletedPods: string[];
};

export type InventoryReportResult = { namespaces: number; pods: number; scansQueued: number };

export type ClaimedScanJob = {
  id: string;
  /** What to scan: registry/repository@digest, or :tag for an image never resolved. */
  reference: string;
  scanner: "trivy";
  attempts: number;
  maxAttempts: number;
  leaseUntil: string;
  /** For this job's registry only, when the api holds credentials for it. */
  credentials: { username: string; password: string } | null;
};

/** The run mode's link to the api. */
export interface AgentApi {
  heartbeat(input: AgentHeartbeatInput): Promise<AgentHeartbeat>;
  reportInventory(report: InventoryReport): Promise<InventoryReportResult>;
  claimScanJobs(workerId: string, limit: number, leaseSeconds: number): Promise<ClaimedScanJob[]>;
  completeScanJob(jobId: string, workerId: string, report: unknown): Promise<{ status: VerdictStatus }>;
  failScanJob(jobId: string, workerId: string, error: string): Promise<void>;
}
