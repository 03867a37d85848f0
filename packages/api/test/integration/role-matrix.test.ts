import { getNamedType, type GraphQLObjectType } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema } from "../../src/graphql/schema.js";
import {
  build,
  GraphQLClient,
  newDigest,
  ROOT_EMAIL,
  ROOT_PASSWORD,
  startTestApp,
  SUBMIT,
  type TestApp,
  trivyReportFor,
} from "../harness.js";
import { postFalco, syscallEvent } from "../falco.js";

/**
 * Calls every operation in the schema as every kind of caller and checks who is refused.
 * Allowed callers must succeed outright; refused ones must get UNAUTHENTICATED (anonymous) or
 * FORBIDDEN. A new operation without a row here fails the coverage test.
 */
type CallerName =
  | "anonymous"
  | "read_only"
  | "admin"
  | "super_admin"
  | "key:agent"
  | "key:ci_scan"
  | "key:falco_ingest"
  | "key:kube_bench"
  | "key:kube_hunter"
  | "key:read"
  | "key:admin";

type Caller = { name: CallerName; client: GraphQLClient; email?: string; password?: string; clusterId?: string };
type Ctx = { caller: Caller; root: GraphQLClient };
type Row = {
  query: string;
  allowed: CallerName[];
  variables?: (ctx: Ctx) => Promise<Record<string, unknown>> | Record<string, unknown>;
  subscription?: true;
  /** Telemetry whose rows are themselves the record (admission decisions) is not also audited. */
  audited?: false;
};

const EVERYONE: CallerName[] = [
  "anonymous",
  "read_only",
  "admin",
  "super_admin",
  "key:agent",
  "key:ci_scan",
  "key:falco_ingest",
  "key:kube_bench",
  "key:kube_hunter",
  "key:read",
  "key:admin",
];
const SESSIONS: CallerName[] = ["read_only", "admin", "super_admin"];
const ADMINS: CallerName[] = ["admin", "super_admin", "key:admin"];
const CLUSTER_READERS: CallerName[] = ["read_only", "admin", "super_admin", "key:agent", "key:read", "key:admin"];
const SETTINGS_READERS: CallerName[] = ["read_only", "admin", "super_admin", "key:read", "key:admin"];
const KEY_OWNERS: CallerName[] = ["read_only", "admin", "super_admin", "key:admin"];
const READERS: CallerName[] = ["read_only", "admin", "super_admin", "key:read", "key:admin"];
const IMAGE_READERS: CallerName[] = [...READERS, "key:agent"];
const REQUESTERS: CallerName[] = ["read_only", "admin", "super_admin", "key:admin"];
const SUBMITTERS: CallerName[] = ["admin", "super_admin", "key:agent", "key:ci_scan", "key:admin"];
/** Agent operations need the agent scope and a key bound to a cluster. */
const AGENT: CallerName[] = ["key:agent"];

/** State shared by rows: the agent key's cluster, an image known to it and a Falco event of it. */
const shared = { clusterId: "", clusterName: "", imageId: "", falcoEventId: "", falcoSignature: "" };

let n = 0;
const unique = (prefix: string) => `${prefix}-${++n}`;
const freshCluster = async ({ root }: Ctx) => ({ id: (await build.cluster(root)).id });
/** A cluster the caller may see: a cluster-bound key sees only its own. */
const visibleCluster = async (ctx: Ctx) => (ctx.caller.clusterId ? { id: ctx.caller.clusterId } : freshCluster(ctx));
const freshGroup = async ({ root }: Ctx) => ({
  id: (
    await root.ok<{ createClusterGroup: { id: string } }>(
      `mutation($n: String!) { createClusterGroup(input: { name: $n }) { id } }`,
      {
        n: unique("group"),
      },
    )
  ).createClusterGroup.id,
});
const freshRegistry = async ({ root }: Ctx) => ({
  id: (
    await root.ok<{ createRegistry: { id: string } }>(
      `mutation($n: String!, $h: String!) { createRegistry(input: { name: $n, hostname: $h }) { id } }`,
      {
        n: unique("registry"),
        h: `${unique("r")}.example.com`,
      },
    )
  ).createRegistry.id,
});
const freshPolicy = async ({ root }: Ctx) => ({
  id: (
    await root.ok<{ createPolicy: { id: string } }>(
      `mutation($n: String!) { createPolicy(input: { name: $n, active: false }) { id } }`,
      {
        n: unique("policy"),
      },
    )
  ).createPolicy.id,
});
const freshScanner = async ({ root }: Ctx) => {
  const { id } = await freshPolicy({ root } as Ctx);
  const data = await root.ok<{ addScanner: { id: string } }>(
    `mutation($p: ID!) { addScanner(policyId: $p, input: { thresholds: {} }) { id } }`,
    { p: id },
  );
  return { id: data.addScanner.id };
};
const freshException =
  (status: "in_review" | "active") =>
  async ({ root }: Ctx) => ({
    id:
      status === "active"
        ? (
            await root.ok<{ createException: { id: string } }>(
              `mutation($t: String!) { createException(input: { title: $t, issueId: "CVE-0000-0001" }) { id } }`,
              { t: unique("exception") },
            )
          ).createException.id
        : (
            await root.ok<{ requestException: { id: string } }>(
              `mutation($t: String!) { requestException(input: { title: $t, issueId: "CVE-0000-0001" }) { id } }`,
              { t: unique("exception") },
            )
          ).requestException.id,
  });
const freshFailedJob = async () => ({
  id: (
    await t.app.services.db.prisma.scanJob.create({
      data: {
        reference: `docker.io/library/x@${newDigest()}`,
        dedupeKey: unique("job"),
        reason: "manual",
        priority: 40,
        status: "failed",
        requestedBy: "matrix",
      },
    })
  ).id,
});
/** A job of the agent's cluster, claimed by "matrix-worker". */
const claimedJob = async () =>
  t.app.services.db.prisma.scanJob.create({
    data: {
      reference: "docker.io/matrix/job:1",
      dedupeKey: unique("job"),
      reason: "new_image",
      priority: 50,
      status: "claimed",
      attempts: 1,
      claimedBy: "matrix-worker",
      leaseUntil: new Date(Date.now() + 600_000),
      clusterIds: [shared.clusterId],
      requestedBy: "matrix",
    },
  });
const freshFalcoRule = async ({ root }: Ctx) => ({
  id: (
    await root.ok<{ createFalcoRule: { id: string } }>(
      `mutation($n: String!) { createFalcoRule(input: { name: $n, action: silence, rulePattern: "matrix*" }) { id } }`,
      { n: unique("falco-rule") },
    )
  ).createFalcoRule.id,
});
const freshReadOnlyUser = async ({ root }: Ctx) => ({ id: (await build.user(root, "read_only")).id });

const MATRIX: Record<string, Row> = {
  me: { query: `{ me { authMethod } }`, allowed: EVERYONE },
  login: {
    query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }`,
    allowed: EVERYONE,
    variables: () => ({ e: ROOT_EMAIL, p: ROOT_PASSWORD }),
  },
  logout: { query: `mutation { logout }`, allowed: EVERYONE },
  changePassword: {
    query: `mutation($c: String!) { changePassword(currentPassword: $c, newPassword: $c) { id } }`,
    allowed: SESSIONS,
    variables: ({ caller }) => ({ c: caller.password ?? "irrelevant-password" }),
  },
  users: { query: `{ users { id } }`, allowed: ADMINS },
  user: { query: `query($id: ID!) { user(id: $id) { id } }`, allowed: ADMINS, variables: freshReadOnlyUser },
  createUser: {
    query: `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
    allowed: ADMINS,
    variables: () => ({
      i: { email: `${unique("m")}@example.com`, name: "M", role: "read_only", password: "matrix-password-1" },
    }),
  },
  updateUser: {
    query: `mutation($id: ID!) { updateUser(id: $id, input: { name: "Renamed" }) { id } }`,
    allowed: ADMINS,
    variables: freshReadOnlyUser,
  },
  setUserPassword: {
    query: `mutation($id: ID!) { setUserPassword(id: $id, password: "matrix-password-2") { id } }`,
    allowed: ADMINS,
    variables: freshReadOnlyUser,
  },
  apiKeys: { query: `{ apiKeys { id } }`, allowed: KEY_OWNERS },
  createApiKey: {
    query: `mutation($n: String!) { createApiKey(input: { name: $n, scopes: [read] }) { secret } }`,
    allowed: KEY_OWNERS,
    variables: () => ({ n: unique("key") }),
  },
  revokeApiKey: {
    query: `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
    allowed: KEY_OWNERS,
    // A key the caller owns (key callers are owned by root), so only permissions decide.
    variables: async ({ caller, root }) => {
      const owner = caller.name.startsWith("key:") || caller.name === "anonymous" ? root : caller.client;
      return { id: (await build.apiKey(owner, ["read"])).id };
    },
  },
  auditEntries: { query: `{ auditEntries(first: 5) { nodes { id } } }`, allowed: ADMINS },
  auditEntryAdded: {
    query: `subscription { auditEntryAdded(filter: { actionPrefix: "cluster." }) { id } }`,
    allowed: ADMINS,
    subscription: true,
  },
  clusters: { query: `{ clusters { id } }`, allowed: CLUSTER_READERS },
  cluster: {
    query: `query($id: ID!) { cluster(id: $id) { id } }`,
    allowed: CLUSTER_READERS,
    variables: visibleCluster,
  },
  createCluster: {
    query: `mutation($n: String!) { createCluster(input: { name: $n }) { id } }`,
    allowed: ADMINS,
    variables: () => ({ n: unique("matrix") }),
  },
  updateCluster: {
    query: `mutation($id: ID!) { updateCluster(id: $id, input: { description: "changed" }) { id } }`,
    allowed: ADMINS,
    variables: freshCluster,
  },
  deleteCluster: {
    query: `mutation($id: ID!) { deleteCluster(id: $id) { id } }`,
    allowed: ADMINS,
    variables: freshCluster,
  },
  clusterGroups: { query: `{ clusterGroups { id clusterCount } }`, allowed: CLUSTER_READERS },
  createClusterGroup: {
    query: `mutation($n: String!) { createClusterGroup(input: { name: $n }) { id } }`,
    allowed: ADMINS,
    variables: () => ({ n: unique("g") }),
  },
  updateClusterGroup: {
    query: `mutation($id: ID!) { updateClusterGroup(id: $id, input: { description: "d" }) { id } }`,
    allowed: ADMINS,
    variables: freshGroup,
  },
  deleteClusterGroup: {
    query: `mutation($id: ID!) { deleteClusterGroup(id: $id) { id } }`,
    allowed: ADMINS,
    variables: freshGroup,
  },
  siteInfo: { query: `{ siteInfo { siteName } }`, allowed: EVERYONE },
  registries: { query: `{ registries { id hasPassword } }`, allowed: READERS },
  createRegistry: {
    query: `mutation($n: String!, $h: String!) { createRegistry(input: { name: $n, hostname: $h, password: "pw" }) { id } }`,
    allowed: ADMINS,
    variables: () => ({ n: unique("registry"), h: `${unique("h")}.example.com` }),
  },
  updateRegistry: {
    query: `mutation($id: ID!) { updateRegistry(id: $id, input: { username: "u" }) { id } }`,
    allowed: ADMINS,
    variables: freshRegistry,
  },
  deleteRegistry: {
    query: `mutation($id: ID!) { deleteRegistry(id: $id) { id } }`,
    allowed: ADMINS,
    variables: freshRegistry,
  },
  policies: { query: `{ policies { id scanners { thresholds { fixable { high } } } } }`, allowed: READERS },
  policy: {
    query: `query($id: ID!) { policy(id: $id) { id clusters { id } } }`,
    allowed: READERS,
    variables: freshPolicy,
  },
  createPolicy: {
    query: `mutation($n: String!) { createPolicy(input: { name: $n, active: false }) { id } }`,
    allowed: ADMINS,
    variables: () => ({ n: unique("policy") }),
  },
  updatePolicy: {
    query: `mutation($id: ID!) { updatePolicy(id: $id, input: { description: "d" }) { id } }`,
    allowed: ADMINS,
    variables: freshPolicy,
  },
  deletePolicy: {
    query: `mutation($id: ID!) { deletePolicy(id: $id) { id } }`,
    allowed: ADMINS,
    variables: freshPolicy,
  },
  addScanner: {
    query: `mutation($id: ID!) { addScanner(policyId: $id, input: { thresholds: { fixable: { critical: 0 } } }) { id } }`,
    allowed: ADMINS,
    variables: freshPolicy,
  },
  updateScanner: {
    query: `mutation($id: ID!) { updateScanner(id: $id, input: { required: false }) { id } }`,
    allowed: ADMINS,
    variables: freshScanner,
  },
  deleteScanner: {
    query: `mutation($id: ID!) { deleteScanner(id: $id) { id } }`,
    allowed: ADMINS,
    variables: freshScanner,
  },
  exceptions: { query: `{ exceptions { id } }`, allowed: READERS },
  exception: {
    query: `query($id: ID!) { exception(id: $id) { id comments { id } history { id } clusters { id } policies { id } scanner { id } } }`,
    allowed: READERS,
    variables: freshException("in_review"),
  },
  requestException: {
    query: `mutation($t: String!) { requestException(input: { title: $t }) { id status } }`,
    allowed: REQUESTERS,
    variables: () => ({ t: unique("request") }),
  },
  createException: {
    query: `mutation($t: String!) { createException(input: { title: $t, issueId: "CVE-0000-0002" }) { id } }`,
    allowed: ADMINS,
    variables: () => ({ t: unique("create") }),
  },
  updateException: {
    query: `mutation($id: ID!) { updateException(id: $id, input: { reason: "r" }) { id } }`,
    allowed: ADMINS,
    variables: freshException("active"),
  },
  approveException: {
    query: `mutation($id: ID!) { approveException(id: $id) { id } }`,
    allowed: ADMINS,
    variables: freshException("in_review"),
  },
  rejectException: {
    query: `mutation($id: ID!) { rejectException(id: $id) { id } }`,
    allowed: ADMINS,
    variables: freshException("in_review"),
  },
  deleteException: {
    query: `mutation($id: ID!) { deleteException(id: $id) { id } }`,
    allowed: ADMINS,
    variables: freshException("active"),
  },
  commentOnException: {
    query: `mutation($id: ID!) { commentOnException(id: $id, body: "hello") { id } }`,
    allowed: REQUESTERS,
    variables: freshException("in_review"),
  },
  images: {
    query: `{ images(first: 5) { totalCount nodes { tag verdict { status } counts { fixable { high } } cluster { id } image { id } } } }`,
    allowed: IMAGE_READERS,
  },
  image: {
    query: `query($id: ID!, $c: ID!) { image(id: $id) { id name reference tags latestScan { id findings { id vulnerability { id } } } scans { id } clusters { verdict { status } } compliance(clusterId: $c) { status findings { excludedBy { id } } } } }`,
    allowed: IMAGE_READERS,
    variables: () => ({ id: shared.imageId, c: shared.clusterId }),
  },
  imagesCsv: { query: `{ imagesCsv }`, allowed: IMAGE_READERS },
  imageByReference: { query: `{ imageByReference(reference: "matrix/base:1") { id } }`, allowed: IMAGE_READERS },
  imageFindingsCsv: {
    query: `query($id: ID!, $c: ID) { imageFindingsCsv(imageId: $id, clusterId: $c) }`,
    allowed: IMAGE_READERS,
    variables: () => ({ id: shared.imageId, c: shared.clusterId }),
  },
  complianceSummary: {
    query: `query($c: ID!) { complianceSummary(clusterId: $c) { total cluster { id } } }`,
    allowed: IMAGE_READERS,
    variables: () => ({ c: shared.clusterId }),
  },
  submitTrivyReport: {
    query: SUBMIT,
    allowed: SUBMITTERS,
    variables: () => ({
      i: {
        cluster: shared.clusterName,
        image: "matrix/app:1",
        report: trivyReportFor("matrix/app:1", newDigest(), []),
      },
    }),
  },
  scanJobs: { query: `{ scanJobs { id image { id } } }`, allowed: IMAGE_READERS },
  scanQueueCounts: { query: `{ scanQueueCounts { queued } }`, allowed: IMAGE_READERS },
  requestRescan: {
    query: `mutation($id: ID!) { requestRescan(imageId: $id) { id } }`,
    allowed: ADMINS,
    variables: () => ({ id: shared.imageId }),
  },
  retryScanJob: {
    query: `mutation($id: ID!) { retryScanJob(id: $id) { id } }`,
    allowed: ADMINS,
    variables: freshFailedJob,
  },
  verdictChanged: {
    query: `subscription { verdictChanged { imageId status } }`,
    allowed: IMAGE_READERS,
    subscription: true,
  },
  updateClusterAdmissionSettings: {
    query: `mutation($id: ID!) { updateClusterAdmissionSettings(clusterId: $id, input: { mode: warn }) { id admissionSettings { mode } } }`,
    allowed: ADMINS,
    variables: freshCluster,
  },
  admissionEventAdded: {
    query: `subscription($c: ID!) { admissionEventAdded(clusterId: $c) { id } }`,
    allowed: CLUSTER_READERS,
    subscription: true,
    variables: () => ({ c: shared.clusterId }),
  },
  agentHeartbeat: {
    query: `mutation($c: String!) { agentHeartbeat(input: { cluster: $c, agentVersion: "0.1.0", mode: "run" }) { clusterId } }`,
    allowed: AGENT,
    variables: () => ({ c: shared.clusterName }),
  },
  reportInventory: {
    query: `mutation { reportInventory(input: { full: true, namespaces: [{ uid: "u1", name: "default" }], pods: [] }) { pods } }`,
    allowed: AGENT,
  },
  admissionSnapshot: { query: `{ admissionSnapshot { clusterId images { imageId } } }`, allowed: AGENT },
  admissionChanged: { query: `subscription { admissionChanged { clusterId } }`, allowed: AGENT, subscription: true },
  recordAdmissionEvents: {
    query: `mutation($e: [AdmissionEventInput!]!) { recordAdmissionEvents(events: $e) }`,
    allowed: AGENT,
    audited: false,
    variables: () => ({
      e: [
        {
          at: new Date().toISOString(),
          requestUid: unique("uid"),
          operation: "CREATE",
          kind: "Pod",
          namespace: "default",
          name: "p",
          decision: "allowed",
          enforced: false,
          mode: "deny",
          message: "",
          images: [],
        },
      ],
    }),
  },
  claimScanJobs: {
    query: `mutation { claimScanJobs(input: { workerId: "matrix", limit: 1, leaseSeconds: 60 }) { id } }`,
    allowed: AGENT,
    // A job the agent's cluster asked for, so an allowed claim has something to claim.
    variables: async () => {
      await t.app.services.db.prisma.scanJob.create({
        data: {
          reference: `docker.io/matrix/claim:${unique("t")}`,
          dedupeKey: unique("claim"),
          reason: "new_image",
          priority: 50,
          clusterIds: [shared.clusterId],
          requestedBy: "matrix",
        },
      });
      return {};
    },
  },
  completeScanJob: {
    query: `mutation($i: CompleteScanJobInput!) { completeScanJob(input: $i) { verdict { status } } }`,
    allowed: AGENT,
    variables: async () => ({
      i: {
        jobId: (await claimedJob()).id,
        workerId: "matrix-worker",
        report: trivyReportFor("matrix/job:1", newDigest(), []),
      },
    }),
  },
  failScanJob: {
    query: `mutation($i: FailScanJobInput!) { failScanJob(input: $i) { id } }`,
    allowed: AGENT,
    variables: async () => ({
      i: { jobId: (await claimedJob()).id, workerId: "matrix-worker", error: "scanner failed" },
    }),
  },
  falcoEvents: {
    query: `{ falcoEvents(first: 5) { nodes { id clusterName outputFields } pageInfo { hasNextPage } } }`,
    allowed: READERS,
  },
  falcoEvent: {
    query: `query($id: ID!) { falcoEvent(id: $id) { id signature } }`,
    allowed: READERS,
    variables: () => ({ id: shared.falcoEventId }),
  },
  falcoRelatedEvents: {
    query: `query($id: ID!) { falcoRelatedEvents(id: $id) { id } }`,
    allowed: READERS,
    variables: () => ({ id: shared.falcoEventId }),
  },
  falcoSignatureDays: {
    query: `query($s: String!) { falcoSignatureDays(signature: $s) { day count } }`,
    allowed: READERS,
    variables: () => ({ s: shared.falcoSignature }),
  },
  falcoPriorityTimeline: {
    query: `query($c: ID!, $s: DateTimeISO!) { falcoPriorityTimeline(clusterId: $c, since: $s) { bucketStart priority count } }`,
    allowed: READERS,
    variables: () => ({ c: shared.clusterId, s: new Date(Date.now() - 86_400_000).toISOString() }),
  },
  falcoEventsCsv: { query: `{ falcoEventsCsv }`, allowed: READERS },
  falcoRules: { query: `{ falcoRules { id active } }`, allowed: READERS },
  falcoSettings: {
    query: `query($c: ID!) { falcoSettings(clusterId: $c) { clusterId minimumPriority } }`,
    allowed: READERS,
    variables: () => ({ c: shared.clusterId }),
  },
  createFalcoRule: {
    query: `mutation($n: String!) { createFalcoRule(input: { name: $n, action: silence, rulePattern: "matrix*" }) { id } }`,
    allowed: ADMINS,
    variables: () => ({ n: unique("falco-rule") }),
  },
  updateFalcoRule: {
    query: `mutation($id: ID!, $n: String!) { updateFalcoRule(id: $id, input: { name: $n, action: ignore, rulePattern: "matrix*" }) { id } }`,
    allowed: ADMINS,
    variables: async (ctx) => ({ ...(await freshFalcoRule(ctx)), n: unique("falco-renamed") }),
  },
  deleteFalcoRule: {
    query: `mutation($id: ID!) { deleteFalcoRule(id: $id) { id } }`,
    allowed: ADMINS,
    variables: freshFalcoRule,
  },
  updateFalcoSettings: {
    query: `mutation($id: ID!) { updateFalcoSettings(clusterId: $id, input: { retentionDays: 31 }) { retentionDays } }`,
    allowed: ADMINS,
    variables: freshCluster,
  },
  falcoEventAdded: {
    query: `subscription { falcoEventAdded(filter: { minPriority: error }) { id } }`,
    allowed: READERS,
    subscription: true,
  },
  organisationSettings: { query: `{ organisationSettings { siteName } }`, allowed: SETTINGS_READERS },
  updateOrganisationSettings: {
    query: `mutation { updateOrganisationSettings(input: { siteName: "Bulwark" }) { siteName } }`,
    allowed: ADMINS,
  },
};

let t: TestApp;
let root: GraphQLClient;
const callers: Caller[] = [];

beforeAll(async () => {
  t = await startTestApp();
  root = await t.root();
  const cluster = await build.cluster(root);
  const submitted = await root.ok<{ submitTrivyReport: { image: { id: string } } }>(SUBMIT, {
    i: {
      cluster: cluster.name,
      image: "matrix/base:1",
      report: trivyReportFor("matrix/base:1", newDigest(), [{ id: "CVE-0000-0001" }]),
    },
  });
  const falcoKey = await build.apiKey(root, ["falco_ingest"], { clusterId: cluster.id });
  const falco = await postFalco(t.url, `/api/falco/${cluster.id}/create`, syscallEvent(), { key: falcoKey.secret });
  const { signature } = await t.app.services.db.prisma.falcoEvent.findUniqueOrThrow({
    where: { id: falco.body.id as string },
  });
  Object.assign(shared, {
    clusterId: cluster.id,
    clusterName: cluster.name,
    imageId: submitted.submitTrivyReport.image.id,
    falcoEventId: falco.body.id as string,
    falcoSignature: signature,
  });
  callers.push({ name: "anonymous", client: t.client() });
  for (const role of ["read_only", "admin", "super_admin"] as const) {
    const user = await build.user(root, role);
    callers.push({ name: role, client: user.client, email: user.email, password: user.password });
  }
  for (const scope of ["agent", "ci_scan", "falco_ingest", "kube_bench", "kube_hunter", "read", "admin"] as const) {
    const key = await build.apiKey(root, [scope], scope === "agent" ? { clusterId: cluster.id } : {});
    callers.push({
      name: `key:${scope}`,
      client: t.client().withApiKey(key.secret),
      ...(scope === "agent" ? { clusterId: cluster.id } : {}),
    });
  }
});
afterAll(() => t?.close());

async function runSubscription(
  caller: Caller,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ code: string | undefined; ok: boolean }> {
  const headers: Record<string, string> = caller.client.cookie ? { cookie: caller.client.cookie } : {};
  const client = createClient({
    url: `ws://127.0.0.1:${t.port}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    },
    connectionParams: caller.client.apiKey ? { authorization: `Bearer ${caller.client.apiKey}` } : {},
    retryAttempts: 0,
  });
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ code: undefined, ok: true }), 700);
      client.subscribe(
        { query, variables },
        {
          next: (value) => {
            clearTimeout(timer);
            const code = value.errors?.[0]?.extensions?.code as string | undefined;
            resolve({ code, ok: !value.errors });
          },
          error: () => {
            clearTimeout(timer);
            resolve({ code: "CONNECTION_REFUSED", ok: false });
          },
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

describe("role matrix", () => {
  it("covers every operation in the schema", async () => {
    const inert = {
      publish: () => {},
      subscribe: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) }),
    };
    const schema = await createSchema(inert as never);
    const operations = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter((type): type is GraphQLObjectType => Boolean(type))
      .flatMap((type) => Object.keys(type.getFields()));
    expect(operations.sort()).toEqual(Object.keys(MATRIX).sort());
    expect(getNamedType(schema.getQueryType()!)).toBeTruthy();
  });

  for (const [operation, row] of Object.entries(MATRIX)) {
    it(`${operation}: allowed for ${row.allowed.join(", ")}`, async () => {
      const outcomes: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const caller of callers) {
        const variables = row.variables ? await row.variables({ caller, root }) : {};
        const allowed = row.allowed.includes(caller.name);
        expected[caller.name] = allowed ? "ok" : caller.name === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN";
        if (row.subscription) {
          const result = await runSubscription(caller, row.query, variables);
          outcomes[caller.name] = result.ok ? "ok" : (result.code ?? "error");
        } else {
          // login and logout would replace or end the caller's session: use a second one.
          const client = operation === "login" || operation === "logout" ? await secondClient(caller) : caller.client;
          const auditBefore = await t.app.services.db.prisma.auditEntry.count();
          const hadSession = Boolean(client.cookie);
          const res = await client.request(row.query, variables);
          outcomes[caller.name] = res.errors?.length
            ? String(res.errors[0]?.extensions?.code ?? res.errors[0]?.message)
            : "ok";
          // Every mutation that did something is audited (logout without a session does nothing).
          const changes =
            row.query.startsWith("mutation") && row.audited !== false && !(operation === "logout" && !hadSession);
          if (allowed && changes) {
            expect(
              await t.app.services.db.prisma.auditEntry.count(),
              `${operation} as ${caller.name} was not audited`,
            ).toBeGreaterThan(auditBefore);
          }
        }
      }
      expect(outcomes).toEqual(expected);
    });
  }
});

/** The same caller with a session of its own (or the same API key). */
async function secondClient(caller: Caller): Promise<GraphQLClient> {
  const copy = new GraphQLClient(caller.client.url);
  if (caller.client.apiKey) copy.withApiKey(caller.client.apiKey, caller.client.apiKeyHeader);
  if (caller.email && caller.password) await copy.login(caller.email, caller.password);
  return copy;
}
