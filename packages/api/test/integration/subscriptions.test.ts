import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type GraphQLClient, startTestApp, type TestApp } from "../harness.js";

const SUBSCRIBE = `subscription { auditEntryAdded { id action actorLabel entityType after } }`;

let t: TestApp;
let root: GraphQLClient;

beforeAll(async () => {
  t = await startTestApp();
  root = await t.root();
});
afterAll(() => t?.close());

function wsClient(headers: Record<string, string>, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: `ws://127.0.0.1:${t.port}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    },
    ...(connectionParams ? { connectionParams } : {}),
    retryAttempts: 0,
    lazy: true,
  });
}

/** Collects the next `count` results of a subscription, or its first error. */
function next(client: Client, count = 1): { done: Promise<Array<Record<string, any>>>; ready: Promise<void> } {
  const results: Array<Record<string, any>> = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const done = new Promise<Array<Record<string, any>>>((resolve, reject) => {
    client.on("connected", () => setTimeout(markReady, 100));
    const stop = client.subscribe(
      { query: SUBSCRIBE },
      {
        next: (value) => {
          if (value.errors) {
            reject(Object.assign(new Error(value.errors[0]!.message), { errors: value.errors }));
            return;
          }
          results.push(value.data as Record<string, any>);
          if (results.length >= count) {
            stop();
            resolve(results);
          }
        },
        error: (error) =>
          reject(error instanceof Error ? error : Object.assign(new Error("subscription error"), { detail: error })),
        complete: () => resolve(results),
      },
    );
  });
  return { done, ready };
}

describe("audit entries over graphql-ws", () => {
  it("arrive live for a signed-in admin", async () => {
    const client = wsClient({ cookie: root.cookie!, origin: t.url });
    const sub = next(client);
    await sub.ready;
    const cluster = await build.cluster(root);
    const [event] = await sub.done;
    expect(event!.auditEntryAdded).toMatchObject({
      action: "cluster.create",
      entityType: "cluster",
      after: { name: cluster.name },
    });
    await client.dispose();
  });

  it("arrive for an admin API key given in the connection params", async () => {
    const key = await build.apiKey(root, ["admin"]);
    const client = wsClient({}, { authorization: `Bearer ${key.secret}` });
    const sub = next(client);
    await sub.ready;
    await build.cluster(root);
    const [event] = await sub.done;
    expect(event!.auditEntryAdded.action).toBe("cluster.create");
    await client.dispose();
  });

  it("are refused to anonymous and read-only callers", async () => {
    const anonymous = wsClient({});
    await expect(next(anonymous).done).rejects.toMatchObject({ errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
    await anonymous.dispose();
    const viewer = await build.user(root, "read_only");
    const readOnly = wsClient({ cookie: viewer.client.cookie! });
    await expect(next(readOnly).done).rejects.toMatchObject({ errors: [{ extensions: { code: "FORBIDDEN" } }] });
    await readOnly.dispose();
  });

  it("deliver only entries matching the subscription's filter", async () => {
    const client = wsClient({ cookie: root.cookie! });
    const results: Array<Record<string, any>> = [];
    const connected = new Promise<void>((resolve) => client.on("connected", () => setTimeout(resolve, 100)));
    const received = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: `subscription { auditEntryAdded(filter: { actionPrefix: "cluster_group." }) { action } }` },
        {
          next: (value) => {
            results.push(value.data as Record<string, any>);
            resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await connected;
    await build.cluster(root);
    await root.ok(`mutation { createClusterGroup(input: { name: "filtered-live" }) { id } }`);
    await received;
    expect(results.map((r) => (r.auditEntryAdded as { action: string }).action)).toEqual(["cluster_group.create"]);
    await client.dispose();
  });

  it("refuses a WebSocket handshake from another origin", async () => {
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${t.port}/graphql`, "graphql-transport-ws", {
        headers: { origin: "https://evil.example", cookie: root.cookie! },
      });
      socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      socket.on("open", () => resolve(101));
      socket.on("error", () => undefined);
    });
    expect(status).toBe(403);
  });

  it("refuses a connection with an invalid API key", async () => {
    const client = wsClient({}, { authorization: "Bearer bwk_nope" });
    // graphql-ws closes with 4403 Forbidden when the connection is refused.
    await expect(next(client).done).rejects.toMatchObject({ detail: { code: 4403 } });
    await client.dispose();
  });
});

describe("verdict changes over graphql-ws", () => {
  it("reach a subscriber when an exception makes an image compliant", async () => {
    const { newDigest, SUBMIT, trivyReportFor } = await import("../harness.js");
    const cluster = await build.cluster(root);
    const sub = await root.ok<{ submitTrivyReport: { image: { id: string } } }>(SUBMIT, {
      i: {
        cluster: cluster.name,
        image: "live/app:1",
        report: trivyReportFor("live/app:1", newDigest(), [{ id: "CVE-2026-7777" }]),
      },
    });
    const imageId = sub.submitTrivyReport.image.id;
    const client = wsClient({ cookie: root.cookie! });
    const connected = new Promise<void>((resolve) => client.on("connected", () => setTimeout(resolve, 100)));
    const change = new Promise<Record<string, unknown>>((resolve, reject) => {
      client.subscribe(
        {
          query: `subscription($i: ID) { verdictChanged(imageId: $i) { imageId clusterId status previousStatus scanId } }`,
          variables: { i: imageId },
        },
        {
          next: (value) => resolve((value.data as { verdictChanged: Record<string, unknown> }).verdictChanged),
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await connected;
    await root.ok(`mutation { createException(input: { title: "live", issueId: "CVE-2026-7777" }) { id } }`);
    const scanId = (await t.app.services.db.prisma.image.findUniqueOrThrow({ where: { id: imageId } })).latestScanId;
    await expect(change).resolves.toEqual({
      imageId,
      clusterId: cluster.id,
      status: "compliant",
      previousStatus: "non_compliant",
      scanId,
    });
    await client.dispose();
  });
});

describe("subscription input errors", () => {
  it("are reported as BAD_USER_INPUT, as over HTTP", async () => {
    const client = wsClient({ cookie: root.cookie! });
    const error = await new Promise<Record<string, any>>((resolve) =>
      client.subscribe(
        { query: `subscription($c: ID!) { admissionEventAdded(clusterId: $c) { id } }` },
        {
          next: (v) => resolve(v.errors![0] as Record<string, any>),
          error: (e) => resolve({ error: e }),
          complete: () => undefined,
        },
      ),
    );
    expect(error).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(error.message).toMatch(/\$c/);
    await client.dispose();
  });
});
