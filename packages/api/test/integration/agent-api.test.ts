import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  build,
  type GraphQLClient,
  newDigest,
  startTestApp,
  SUBMIT,
  type TestApp,
  trivyReportFor,
} from "../harness.js";

/** The operations the cluster agent calls, with a key bound to its cluster. */
let t: TestApp;
let root: GraphQLClient;
let cluster: { id: string; name: string };
let agent: GraphQLClient;
let agentKey: string;

const HEARTBEAT = `mutation($i: AgentHeartbeatInput!) { agentHeartbeat(input: $i) { clusterId clusterName settings { enforcementEnabled mode exemptNamespaces failurePolicy } } }`;
const INVENTORY = `mutation($i: InventoryReportInput!) { reportInventory(input: $i) { namespaces pods scansQueued } }`;
const SNAPSHOT = `query($ids: [ID!]) { admissionSnapshot(imageIds: $ids) { clusterId clusterName settings { mode unscannedImages } registryAliases { hostname aliases } images { imageId registry repository digest tags verdicts { namespace status reasons { policyName severity count limit issueIds } } } } }`;
const CLAIM = `mutation($i: ClaimScanJobsInput!) { claimScanJobs(input: $i) { id reference attempts credentials { username password } } }`;
const COMPLETE = `mutation($i: CompleteScanJobInput!) { completeScanJob(input: $i) { image { id reference } verdict { status } } }`;

const pod = (name: string, image: string, extra: Record<string, unknown> = {}) => ({
  uid: `uid-${name}`,
  namespace: "shop",
  name,
  phase: "Pending",
  ownerKind: "Deployment",
  ownerName: name.replace(/-[a-z0-9]+$/, ""),
  labels: { app: name },
  containers: [{ name: "main", kind: "app", image }],
  ...extra,
});

beforeAll(async () => {
  t = await startTestApp();
  root = await t.root();
  cluster = await build.cluster(root);
  agentKey = (await build.apiKey(root, ["agent"], { clusterId: cluster.id })).secret;
  agent = t.client().withApiKey(agentKey);
});
afterAll(() => t?.close());

describe("the agent's connection", () => {
  it("heartbeats, and the cluster shows it connected with its versions", async () => {
    const before = await root.ok<{ cluster: { agentStatus: string } }>(
      `query($id: ID!) { cluster(id: $id) { agentStatus } }`,
      { id: cluster.id },
    );
    expect(before.cluster.agentStatus).toBe("never_connected");
    const beat = await agent.ok<{
      agentHeartbeat: {
        clusterId: string;
        settings: { enforcementEnabled: boolean; exemptNamespaces: string[]; failurePolicy: string };
      };
    }>(HEARTBEAT, { i: { cluster: cluster.name, agentVersion: "0.1.0", kubernetesVersion: "v1.20.2", mode: "run" } });
    expect(beat.agentHeartbeat).toMatchObject({
      clusterId: cluster.id,
      settings: { enforcementEnabled: false, exemptNamespaces: ["bulwark", "kube-system"], failurePolicy: "Ignore" },
    });
    const after = await root.ok<{ cluster: { agentStatus: string; agentVersion: string; kubernetesVersion: string } }>(
      `query($id: ID!) { cluster(id: $id) { agentStatus agentVersion kubernetesVersion } }`,
      { id: cluster.id },
    );
    expect(after.cluster).toEqual({ agentStatus: "connected", agentVersion: "0.1.0", kubernetesVersion: "v1.20.2" });
    // Connections are audited, not every beat.
    await agent.ok(HEARTBEAT, {
      i: { cluster: cluster.name, agentVersion: "0.1.0", kubernetesVersion: "v1.20.2", mode: "run" },
    });
    expect(
      await t.app.services.db.prisma.auditEntry.count({ where: { action: "agent.connect", entityId: cluster.id } }),
    ).toBe(1);
  });

  it("refuses a key bound to another cluster, an unbound key and a revoked key, each with a clear message", async () => {
    const wrong = await agent.fails(HEARTBEAT, { i: { cluster: "someone-else", agentVersion: "0.1.0", mode: "run" } });
    expect(wrong).toMatchObject({
      message: `This API key is bound to cluster "${cluster.name}", not "someone-else"`,
      extensions: { code: "FORBIDDEN" },
    });
    const unbound = t.client().withApiKey((await build.apiKey(root, ["agent"])).secret);
    const refused = await unbound.fails(HEARTBEAT, {
      i: { cluster: cluster.name, agentVersion: "0.1.0", mode: "run" },
    });
    expect(refused.message).toMatch(/need an API key bound to a cluster/);
    const revokedKey = await build.apiKey(root, ["agent"], { clusterId: cluster.id });
    await root.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: revokedKey.id });
    const revoked = await t
      .client()
      .withApiKey(revokedKey.secret)
      .request(HEARTBEAT, { i: { cluster: cluster.name, agentVersion: "0.1.0", mode: "run" } });
    expect(revoked.status).toBe(401);
    expect(revoked.errors?.[0]?.message).toMatch(/was revoked/);
  });
});

describe("inventory and scanning", () => {
  it("stores pods, queues one scan per new image, links them once scanned and forgets deleted pods", async () => {
    const digest = newDigest();
    const first = await agent.ok<{ reportInventory: { namespaces: number; pods: number; scansQueued: number } }>(
      INVENTORY,
      {
        i: {
          full: true,
          namespaces: [{ uid: "ns-shop", name: "shop", labels: { team: "shop" } }],
          pods: [
            pod("cart-abc12", "shop/cart:1"),
            pod("cart-def34", "shop/cart:1"),
            pod("web-xyz99", "nginx:1.25", {
              containers: [
                { name: "init-db", kind: "init", image: "busybox:1.36" },
                { name: "web", kind: "app", image: "nginx:1.25" },
              ],
            }),
          ],
        },
      },
    );
    expect(first.reportInventory).toEqual({ namespaces: 1, pods: 3, scansQueued: 3 });
    const jobs = await t.app.services.db.prisma.scanJob.findMany({
      where: { status: "queued" },
      orderBy: { reference: "asc" },
    });
    expect(jobs.map((j) => [j.reference, j.reason, j.clusterIds])).toEqual([
      ["docker.io/library/busybox:1.36", "new_image", [cluster.id]],
      ["docker.io/library/nginx:1.25", "new_image", [cluster.id]],
      ["docker.io/shop/cart:1", "new_image", [cluster.id]],
    ]);
    // Reporting again queues nothing new.
    const again = await agent.ok<{ reportInventory: { scansQueued: number } }>(INVENTORY, {
      i: { full: false, pods: [pod("cart-ghi56", "shop/cart:1")] },
    });
    expect(again.reportInventory.scansQueued).toBe(0);

    // The scan worker claims a job, scans, and completes it: the pods now run a known image.
    const claimed = await agent.ok<{ claimScanJobs: Array<{ id: string; reference: string; attempts: number }> }>(
      CLAIM,
      {
        i: { workerId: "agent-1", limit: 5, leaseSeconds: 300 },
      },
    );
    expect(claimed.claimScanJobs).toHaveLength(3);
    const cart = claimed.claimScanJobs.find((j) => j.reference === "docker.io/shop/cart:1")!;
    expect(cart.attempts).toBe(1);
    const done = await agent.ok<{
      completeScanJob: { image: { id: string; reference: string }; verdict: { status: string } };
    }>(COMPLETE, {
      i: {
        jobId: cart.id,
        workerId: "agent-1",
        report: trivyReportFor("shop/cart:1", digest, [{ id: "CVE-2026-4000", severity: "CRITICAL" }]),
      },
    });
    expect(done.completeScanJob).toMatchObject({
      image: { reference: `docker.io/shop/cart@${digest}` },
      verdict: { status: "non_compliant" },
    });
    const pods = await root.ok<{
      cluster: {
        pods: {
          totalCount: number;
          nodes: Array<{
            name: string;
            ownerKind: string;
            containers: Array<{
              kind: string;
              imageReference: string;
              image: { id: string } | null;
              verdict: { status: string } | null;
            }>;
          }>;
        };
      };
    }>(
      `query($id: ID!) { cluster(id: $id) { pods(namespace: "shop") { totalCount nodes { name ownerKind containers { kind imageReference image { id } verdict { status } } } } } }`,
      { id: cluster.id },
    );
    expect(pods.cluster.pods.totalCount).toBe(4);
    const cartPods = pods.cluster.pods.nodes.filter((p) => p.name.startsWith("cart-"));
    expect(
      cartPods.every(
        (p) =>
          p.containers[0]?.image?.id === done.completeScanJob.image.id &&
          p.containers[0]?.verdict?.status === "non_compliant",
      ),
    ).toBe(true);
    const web = pods.cluster.pods.nodes.find((p) => p.name === "web-xyz99")!;
    expect(web.containers.map((c) => [c.kind, c.imageReference, c.image])).toEqual([
      ["app", "nginx:1.25", null],
      ["init", "busybox:1.36", null],
    ]);
    const running = await root.ok<{ images: { nodes: Array<{ running: boolean }> } }>(
      `query($c: ID!) { images(filter: { clusterId: $c, namespace: "shop" }) { nodes { running } } }`,
      { c: cluster.id },
    );
    expect(running.images.nodes).toEqual([{ running: true }]);

    // A failed scan is reported with the scanner's message and retried later.
    const nginx = claimed.claimScanJobs.find((j) => j.reference === "docker.io/library/nginx:1.25")!;
    const failed = await agent.ok<{ failScanJob: { status: string; lastError: string } }>(
      `mutation($i: FailScanJobInput!) { failScanJob(input: $i) { status lastError } }`,
      { i: { jobId: nginx.id, workerId: "agent-1", error: "trivy exited 1: unable to find the specified image" } },
    );
    expect(failed.failScanJob).toEqual({
      status: "queued",
      lastError: "trivy exited 1: unable to find the specified image",
    });
    const notMine = await agent.fails(COMPLETE, { i: { jobId: nginx.id, workerId: "agent-1", report: {} } });
    expect(notMine.extensions?.code).toBe("CONFLICT");

    // A pod deleted in the cluster disappears; a full report drops what it does not list.
    await agent.ok(INVENTORY, { i: { full: false, deletedPods: ["uid-cart-abc12"] } });
    await agent.ok(INVENTORY, {
      i: { full: true, namespaces: [{ uid: "ns-shop", name: "shop" }], pods: [pod("web-xyz99", "nginx:1.25")] },
    });
    const left = await root.ok<{
      cluster: { pods: { nodes: Array<{ name: string }> }; namespaces: Array<{ name: string; podCount: number }> };
    }>(`query($id: ID!) { cluster(id: $id) { pods { nodes { name } } namespaces { name podCount } } }`, {
      id: cluster.id,
    });
    expect(left.cluster.pods.nodes.map((p) => p.name)).toEqual(["web-xyz99"]);
    expect(left.cluster.namespaces).toEqual([{ name: "shop", podCount: 1 }]);
    const stillRunning = await t.app.services.db.prisma.clusterImage.findFirstOrThrow({
      where: { imageId: done.completeScanJob.image.id },
    });
    expect(stillRunning.running).toBe(false);
  });

  it("hands registry credentials only with a job for that registry", async () => {
    await root.ok(
      `mutation { createRegistry(input: { name: "Private", hostname: "registry.example.com", username: "puller", password: "pull-secret" }) { id } }`,
    );
    await agent.ok(INVENTORY, {
      i: {
        full: false,
        pods: [pod("priv-aaaa1", "registry.example.com/team/api:2"), pod("pub-bbbb2", "docker.io/library/redis:7")],
      },
    });
    const claimed = await agent.ok<{
      claimScanJobs: Array<{ reference: string; credentials: { username: string; password: string } | null }>;
    }>(CLAIM, {
      i: { workerId: "agent-2", limit: 10, leaseSeconds: 300 },
    });
    const byRef = new Map(claimed.claimScanJobs.map((j) => [j.reference, j.credentials]));
    expect(byRef.get("registry.example.com/team/api:2")).toEqual({ username: "puller", password: "pull-secret" });
    expect(byRef.get("docker.io/library/redis:7")).toBeNull();
  });

  it("never lets an agent claim jobs other clusters asked for", async () => {
    const other = await build.cluster(root);
    const otherAgent = t.client().withApiKey((await build.apiKey(root, ["agent"], { clusterId: other.id })).secret);
    await otherAgent.ok(INVENTORY, { i: { full: false, pods: [pod("only-there", "only/there:1")] } });
    const mine = await agent.ok<{ claimScanJobs: Array<{ reference: string }> }>(CLAIM, {
      i: { workerId: "agent-3", limit: 20, leaseSeconds: 300 },
    });
    expect(mine.claimScanJobs.map((j) => j.reference)).not.toContain("docker.io/only/there:1");
    const theirs = await otherAgent.ok<{ claimScanJobs: Array<{ reference: string }> }>(CLAIM, {
      i: { workerId: "agent-x", limit: 20, leaseSeconds: 300 },
    });
    expect(theirs.claimScanJobs.map((j) => j.reference)).toEqual(["docker.io/only/there:1"]);
  });
});

describe("admission", () => {
  it("serves a snapshot with tags, cluster-level verdicts and namespace-specific ones where exceptions differ", async () => {
    const c = await build.cluster(root);
    const key = (await build.apiKey(root, ["agent"], { clusterId: c.id })).secret;
    const webhook = t.client().withApiKey(key);
    const digest = newDigest();
    const sub = await root.ok<{ submitTrivyReport: { image: { id: string } } }>(SUBMIT, {
      i: {
        cluster: c.name,
        image: "pay/api:3",
        report: trivyReportFor("pay/api:3", digest, [{ id: "CVE-2026-4100", severity: "HIGH" }]),
      },
    });
    const imageId = sub.submitTrivyReport.image.id;
    await root.ok(
      `mutation($c: [ID!]) { createException(input: { title: "staging only", issueId: "CVE-2026-4100", allNamespaces: false, namespaces: ["staging"], allClusters: false, clusterIds: $c }) { id } }`,
      {
        c: [c.id],
      },
    );
    const snap = await webhook.ok<{
      admissionSnapshot: {
        clusterName: string;
        images: Array<{
          imageId: string;
          repository: string;
          digest: string;
          tags: string[];
          verdicts: Array<{ namespace: string; status: string }>;
        }>;
      };
    }>(SNAPSHOT);
    expect(snap.admissionSnapshot.clusterName).toBe(c.name);
    expect(snap.admissionSnapshot.images).toEqual([
      {
        imageId,
        registry: "docker.io",
        repository: "pay/api",
        digest,
        tags: ["3"],
        verdicts: [
          {
            namespace: "",
            status: "non_compliant",
            reasons: [
              {
                policyName: "No fixable critical or high",
                severity: "high",
                count: 1,
                limit: 0,
                issueIds: ["CVE-2026-4100"],
              },
            ],
          },
          { namespace: "staging", status: "compliant", reasons: [] },
        ],
      },
    ]);
    const partial = await webhook.ok<{ admissionSnapshot: { images: Array<{ imageId: string }> } }>(SNAPSHOT, {
      ids: [imageId],
    });
    expect(partial.admissionSnapshot.images.map((i) => i.imageId)).toEqual([imageId]);
    const denied = await root.fails(SNAPSHOT);
    expect(denied.extensions?.code).toBe("FORBIDDEN");
  });

  it("records decisions, queues high-priority scans for unscanned images, and streams both changes and events", async () => {
    const c = await build.cluster(root);
    const key = (await build.apiKey(root, ["agent"], { clusterId: c.id })).secret;
    const webhook = t.client().withApiKey(key);
    const ws = (headers: Record<string, string>, params?: Record<string, unknown>) =>
      createClient({
        url: `ws://127.0.0.1:${t.port}/graphql`,
        webSocketImpl: class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers });
          }
        },
        ...(params ? { connectionParams: params } : {}),
        retryAttempts: 0,
      });
    const agentWs = ws({}, { authorization: `Bearer ${key}` });
    const uiWs = ws({ cookie: root.cookie! });
    const change = new Promise<{ clusterId: string; imageIds: string[] }>((resolve, reject) =>
      agentWs.subscribe(
        { query: `subscription { admissionChanged { clusterId imageIds } }` },
        {
          next: (v) =>
            resolve((v.data as { admissionChanged: { clusterId: string; imageIds: string[] } }).admissionChanged),
          error: reject,
          complete: () => undefined,
        },
      ),
    );
    const event = new Promise<Record<string, unknown>>((resolve, reject) =>
      uiWs.subscribe(
        {
          query: `subscription($c: ID!) { admissionEventAdded(clusterId: $c) { kind name decision images { reference status } } }`,
          variables: { c: c.id },
        },
        {
          next: (v) => resolve((v.data as { admissionEventAdded: Record<string, unknown> }).admissionEventAdded),
          error: reject,
          complete: () => undefined,
        },
      ),
    );
    await new Promise((r) => setTimeout(r, 300));

    await root.ok(
      `mutation($id: ID!) { updateClusterAdmissionSettings(clusterId: $id, input: { enforcementEnabled: true, mode: warn }) { id } }`,
      { id: c.id },
    );
    await expect(change).resolves.toEqual({ clusterId: c.id, imageIds: [] });

    const stored = await webhook.ok<{ recordAdmissionEvents: number }>(
      `mutation($e: [AdmissionEventInput!]!) { recordAdmissionEvents(events: $e) }`,
      {
        e: [
          {
            at: new Date().toISOString(),
            requestUid: "9c1f6d0e-1111-4444-8888-123456789abc",
            operation: "CREATE",
            kind: "Pod",
            namespace: "default",
            name: "new-thing",
            userName: "kubernetes-admin",
            decision: "denied",
            enforced: true,
            mode: "deny",
            message: "Bulwark denied this pod: image docker.io/brand/new:1 (container main) was never scanned",
            images: [{ container: "main", kind: "app", reference: "brand/new:1", status: "unscanned" }],
          },
        ],
      },
    );
    expect(stored.recordAdmissionEvents).toBe(1);
    await expect(event).resolves.toEqual({
      kind: "Pod",
      name: "new-thing",
      decision: "denied",
      images: [{ reference: "brand/new:1", status: "unscanned" }],
    });
    const job = await t.app.services.db.prisma.scanJob.findFirstOrThrow({
      where: { reference: "docker.io/brand/new:1" },
    });
    expect(job).toMatchObject({ reason: "admission", priority: 100, clusterIds: [c.id] });
    const listed = await root.ok<{
      cluster: { admissionEvents: { nodes: Array<{ decision: string; message: string }> } };
    }>(
      `query($id: ID!) { cluster(id: $id) { admissionEvents(filter: { decision: denied }) { nodes { decision message } } } }`,
      { id: c.id },
    );
    expect(listed.cluster.admissionEvents.nodes).toHaveLength(1);
    await agentWs.dispose();
    await uiWs.dispose();
  });

  it("validates admission settings", async () => {
    const error = await root.fails(
      `mutation($id: ID!) { updateClusterAdmissionSettings(clusterId: $id, input: { exemptNamespaces: ["Bad_Name"] }) { id } }`,
      { id: cluster.id },
    );
    expect(error).toMatchObject({ extensions: { code: "BAD_USER_INPUT", details: { field: "exemptNamespaces.0" } } });
    const stale = await root.fails(
      `mutation($id: ID!) { updateClusterAdmissionSettings(clusterId: $id, input: { staleSnapshotSeconds: 5 }) { id } }`,
      { id: cluster.id },
    );
    expect(stale.message).toBe("staleSnapshotSeconds must be at least 60");
  });
});
