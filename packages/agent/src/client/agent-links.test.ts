import http from "node:http";
import type { AddressInfo } from "node:net";
import { buildSchema, graphql } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import type { AdmissionChange } from "../api/contract.js";
import { createAdmissionApi } from "./admission-api.js";
import { createAgentApi } from "./agent-api.js";
import type { ApiError } from "./api-error.js";
import { createGraphqlClient } from "./graphql-client.js";

/** The agent operations' shapes, enough to run the agent's documents against. */
const schema = buildSchema(`
  type Query { admissionSnapshot(imageIds: [ID!]): AdmissionSnapshot! }
  type Mutation {
    recordAdmissionEvents(events: [AdmissionEventInput!]!): Int!
    agentHeartbeat(input: AgentHeartbeatInput!): AgentHeartbeat!
    reportInventory(input: InventoryReportInput!): InventoryReportResult!
    claimScanJobs(input: ClaimScanJobsInput!): [ClaimedScanJob!]!
    completeScanJob(input: CompleteScanJobInput!): CompletedScanJob!
    failScanJob(input: FailScanJobInput!): ScanJob!
  }
  type Subscription { admissionChanged: AdmissionChange! }
  type AdmissionSettings { enforcementEnabled: Boolean! mode: String! unscannedImages: String! exemptNamespaces: [String!]!
    staleSnapshotSeconds: Int! staleSnapshotAction: String! failurePolicy: String! }
  type RegistryAliasGroup { hostname: String! aliases: [String!]! }
  type VerdictReason { policyId: ID! policyName: String! scannerId: ID! scannerName: String! severity: String! fixable: Boolean!
    count: Int! limit: Int! issueIds: [String!]! blocking: Boolean! }
  type AdmissionVerdict { namespace: String! status: String! reasons: [VerdictReason!]! }
  type AdmissionImage { imageId: ID! registry: String! repository: String! digest: String! tags: [String!]! verdicts: [AdmissionVerdict!]! }
  type AdmissionSnapshot { clusterId: ID! clusterName: String! generatedAt: String! settings: AdmissionSettings!
    registryAliases: [RegistryAliasGroup!]! images: [AdmissionImage!]! }
  type AdmissionChange { clusterId: ID! imageIds: [ID!]! at: String! }
  input AdmissionEventImageInput { container: String! kind: String! reference: String! status: String! }
  input AdmissionEventInput { at: String! requestUid: String! operation: String! kind: String! namespace: String! name: String!
    userName: String decision: String! enforced: Boolean! mode: String! message: String! images: [AdmissionEventImageInput!]! }
  input AgentHeartbeatInput { cluster: String! agentVersion: String! kubernetesVersion: String mode: String! }
  type AgentHeartbeat { clusterId: ID! clusterName: String! serverTime: String! settings: AdmissionSettings! }
  input InventoryReportInput { full: Boolean! namespaces: [String!]! deletedNamespaces: [String!]! pods: [String!]! deletedPods: [String!]! }
  type InventoryReportResult { namespaces: Int! pods: Int! scansQueued: Int! }
  input ClaimScanJobsInput { workerId: String! limit: Int! leaseSeconds: Int! }
  type Credentials { username: String! password: String! }
  type ClaimedScanJob { id: ID! reference: String! scanner: String! attempts: Int! maxAttempts: Int! leaseUntil: String! credentials: Credentials }
  input CompleteScanJobInput { workerId: String! jobId: ID! report: String! }
  type Verdict { status: String! }
  type CompletedScanJob { verdict: Verdict! }
  input FailScanJobInput { workerId: String! jobId: ID! error: String! }
  type ScanJob { id: ID! status: String! }
`);

const settings = {
  enforcementEnabled: true,
  mode: "deny",
  unscannedImages: "allow",
  exemptNamespaces: ["kube-system", "bulwark"],
  staleSnapshotSeconds: 600,
  staleSnapshotAction: "allow",
  failurePolicy: "Ignore",
};

type Call = { field: string; args: unknown; authorization: string | undefined };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function startApi(options: { acceptKey?: (authorization: unknown) => boolean } = {}) {
  const calls: Call[] = [];
  const changes: AdmissionChange[] = [];
  let push: (() => void) | null = null;
  let authorization: string | undefined;
  const record = (field: string) => (args: unknown) => {
    calls.push({ field, args, authorization });
    return answers[field];
  };
  const answers: Record<string, unknown> = {
    admissionSnapshot: {
      clusterId: "c1",
      clusterName: "prod",
      generatedAt: "2026-11-27T12:00:00Z",
      settings,
      registryAliases: [],
      images: [],
    },
    recordAdmissionEvents: 1,
    agentHeartbeat: { clusterId: "c1", clusterName: "prod", serverTime: "2026-11-27T12:00:00Z", settings },
    reportInventory: { namespaces: 2, pods: 3, scansQueued: 1 },
    claimScanJobs: [
      {
        id: "j1",
        reference: "r.example/a@sha256:1",
        scanner: "trivy",
        attempts: 1,
        maxAttempts: 3,
        leaseUntil: "t",
        credentials: null,
      },
    ],
    completeScanJob: { verdict: { status: "compliant" } },
    failScanJob: { id: "j1", status: "queued" },
  };
  const root = Object.fromEntries(Object.keys(answers).map((f) => [f, record(f)]));
  const httpServer = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const body = JSON.parse(raw) as { query: string; variables?: Record<string, unknown> };
      authorization = req.headers.authorization;
      void graphql({ schema, source: body.query, variableValues: body.variables ?? null, rootValue: root }).then(
        (result) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(result));
        },
      );
    });
  });
  const wss = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const ws = useServer(
    {
      schema,
      onConnect: (ctx) => (options.acceptKey ?? (() => true))(ctx.connectionParams?.authorization),
      roots: {
        subscription: {
          admissionChanged: async function* () {
            while (true) {
              await new Promise<void>((resolve) => (push = resolve));
              const next = changes.shift();
              if (next) yield { admissionChanged: next };
            }
          },
        },
      },
    },
    wss,
  );
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const close = async () => {
    await ws.dispose();
    for (const client of wss.clients) client.terminate();
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  };
  closers.push(close);
  return {
    http: `http://127.0.0.1:${port}/graphql`,
    ws: `ws://127.0.0.1:${port}/graphql`,
    calls,
    wss,
    emit(change: AdmissionChange) {
      changes.push(change);
      push?.();
    },
  };
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("AgentApi over GraphQL", () => {
  it("sends each operation with the inputs the schema expects", async () => {
    const api = await startApi();
    const agent = createAgentApi(createGraphqlClient({ url: api.http, apiKey: "agent-key" }));
    await expect(
      agent.heartbeat({ cluster: "prod", agentVersion: "0.1.0", kubernetesVersion: "v1.30.2", mode: "run" }),
    ).resolves.toEqual({
      clusterId: "c1",
      clusterName: "prod",
      serverTime: "2026-11-27T12:00:00Z",
      settings,
    });
    const jobs = await agent.claimScanJobs("worker-1", 2, 300);
    expect(jobs[0]).toMatchObject({ id: "j1", credentials: null });
    await expect(agent.completeScanJob("j1", "worker-1", "{}")).resolves.toEqual({ status: "compliant" });
    await expect(agent.failScanJob("j1", "worker-1", "trivy exited 1: boom")).resolves.toBeUndefined();
    expect(api.calls.map((c) => [c.field, c.args])).toEqual([
      [
        "agentHeartbeat",
        { input: { cluster: "prod", agentVersion: "0.1.0", kubernetesVersion: "v1.30.2", mode: "run" } },
      ],
      ["claimScanJobs", { input: { workerId: "worker-1", limit: 2, leaseSeconds: 300 } }],
      ["completeScanJob", { input: { jobId: "j1", workerId: "worker-1", report: "{}" } }],
      ["failScanJob", { input: { jobId: "j1", workerId: "worker-1", error: "trivy exited 1: boom" } }],
    ]);
    expect(new Set(api.calls.map((c) => c.authorization))).toEqual(new Set(["Bearer agent-key"]));
  });
});

describe("AdmissionApi over GraphQL", () => {
  it("loads the snapshot, whole or for some images, and records events", async () => {
    const api = await startApi();
    const admission = createAdmissionApi(createGraphqlClient({ url: api.http, apiKey: "k" }), {
      url: api.ws,
      apiKey: "k",
    });
    expect((await admission.snapshot()).settings).toEqual(settings);
    await admission.snapshot(["i1", "i2"]);
    await admission.recordEvents([]);
    await admission.recordEvents([
      {
        at: "2026-11-27T12:00:00Z",
        requestUid: "u1",
        operation: "CREATE",
        kind: "Pod",
        namespace: "default",
        name: "web",
        userName: null,
        decision: "denied",
        enforced: true,
        mode: "deny",
        message: "denied",
        images: [{ container: "app", kind: "app", reference: "nginx:1.25", status: "non_compliant" }],
      },
    ]);
    expect(api.calls.map((c) => [c.field, c.args])).toEqual([
      ["admissionSnapshot", { imageIds: null }],
      ["admissionSnapshot", { imageIds: ["i1", "i2"] }],
      ["recordAdmissionEvents", { events: [expect.objectContaining({ requestUid: "u1", userName: null })] }],
    ]);
  });

  it("delivers changes, and asks for a full reload after reconnecting", async () => {
    const api = await startApi({ acceptKey: (authorization) => authorization === "Bearer k" });
    const admission = createAdmissionApi(createGraphqlClient({ url: api.http, apiKey: "k" }), {
      url: api.ws,
      apiKey: "k",
      backoff: { initialMs: 20, maxMs: 50 },
    });
    const seen: AdmissionChange[] = [];
    const errors: Error[] = [];
    const stop = admission.onChange(
      (c) => seen.push(c),
      (e) => errors.push(e),
    );
    await until(() => api.wss.clients.size === 1);
    await new Promise((r) => setTimeout(r, 50));
    api.emit({ clusterId: "c1", imageIds: ["i1"], at: "2026-11-27T12:00:01Z" });
    await until(() => seen.length === 1);
    expect(seen[0]).toEqual({ clusterId: "c1", imageIds: ["i1"], at: "2026-11-27T12:00:01Z" });

    for (const socket of api.wss.clients) socket.terminate();
    await until(() => seen.length === 2);
    expect(seen[1]?.imageIds).toEqual([]);
    expect(errors[0]?.message).toMatch(
      /^the subscription to the Bulwark api at ws:\/\/127\.0\.0\.1:\d+\/graphql closed \(1006/,
    );
    stop();
  });

  it("reports a refused key and keeps trying", async () => {
    const api = await startApi({ acceptKey: () => false });
    const admission = createAdmissionApi(createGraphqlClient({ url: api.http, apiKey: "revoked" }), {
      url: api.ws,
      apiKey: "revoked",
      backoff: { initialMs: 10, maxMs: 20 },
    });
    const errors: ApiError[] = [];
    const stop = admission.onChange(
      () => undefined,
      (e) => errors.push(e as ApiError),
    );
    await until(() => errors.length >= 2);
    stop();
    expect(errors[0]?.kind).toBe("unauthenticated");
    expect(errors[0]?.message).toBe(
      "the Bulwark api refused the subscription (4403 Forbidden): the API key is unknown, revoked or expired, or may not subscribe",
    );
  });
});
