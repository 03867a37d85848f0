import { createHash, randomUUID } from "node:crypto";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, freshDatabase, GraphQLClient, ROOT_EMAIL, ROOT_PASSWORD } from "../harness.js";
import { syscallEvent } from "../falco.js";
import { type ApiProcess, postFalcoEvent, startApi, stopApi } from "./falco-support.js";

/**
 * Falco events across api replicas: an event posted by falcosidekick to one process reaches a
 * falcoEventAdded subscriber connected to another, through Redis, with the subscription's filter
 * applied. Needs DATABASE_URL, REDIS_URL and a build.
 */
const replicas: ApiProcess[] = [];
let drop: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    throw new Error("this suite needs DATABASE_URL and REDIS_URL (see docs/DEVELOPMENT.md)");
  }
  const db = await freshDatabase();
  drop = db.drop;
  if (db.target.kind !== "postgres") throw new Error("expected PostgreSQL");
  const env = { REDIS_URL: process.env.REDIS_URL };
  replicas.push(await startApi(db.target.url, env));
  replicas.push(await startApi(db.target.url, env));
});

afterAll(async () => {
  await Promise.all(replicas.map(stopApi));
  await drop();
});

type Delivered = {
  uuid: string | null;
  clusterId: string;
  clusterName: string;
  priority: string;
  rule: string;
  namespace: string | null;
  pod: string | null;
  container: string | null;
  image: string | null;
  process: string | null;
  commandLine: string | null;
  user: string | null;
  hostname: string | null;
  tags: string[];
  signature: string;
  silenced: boolean;
};

describe("Falco events across api replicas", () => {
  it("reach a falcoEventAdded subscriber on the other replica, filtered as it asked", async () => {
    const [a, b] = replicas as [ApiProcess, ApiProcess];
    const admin = new GraphQLClient(a.url);
    await admin.login(ROOT_EMAIL, ROOT_PASSWORD);
    const cluster = await build.cluster(admin);
    const other = await build.cluster(admin);
    const key = await build.apiKey(admin, ["falco_ingest"], { clusterId: cluster.id });
    const otherKey = await build.apiKey(admin, ["falco_ingest"], { clusterId: other.id });

    const reader = new GraphQLClient(b.url);
    await reader.login(ROOT_EMAIL, ROOT_PASSWORD);
    const cookie = reader.cookie!;
    const client = createClient({
      url: `ws://127.0.0.1:${b.port}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie } });
        }
      },
      retryAttempts: 0,
    });
    const received: Delivered[] = [];
    const errors: unknown[] = [];
    client.subscribe(
      {
        query: `subscription($f: FalcoEventFilter) {
          falcoEventAdded(filter: $f) {
            uuid clusterId clusterName priority rule namespace pod container image process commandLine user hostname
            tags signature silenced
          }
        }`,
        variables: { f: { clusterId: cluster.id, minPriority: "warning" } },
      },
      {
        next: (value) => {
          if (value.errors) errors.push(value.errors);
          const event = (value.data as { falcoEventAdded?: Delivered } | undefined)?.falcoEventAdded;
          if (event) received.push(event);
        },
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    const until = async (predicate: () => boolean, what: string) => {
      const deadline = Date.now() + 20_000;
      while (!predicate()) {
        if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    // The subscription is live on b once a probe posted to a arrives; probe until one does.
    const probes = new Set<string>();
    const posted: Array<Promise<unknown>> = [];
    await until(() => {
      if (received.some((e) => e.uuid && probes.has(e.uuid))) return true;
      const uuid = randomUUID();
      probes.add(uuid);
      posted.push(postFalcoEvent(a.url, cluster.id, key.secret, syscallEvent({ uuid, priority: "Warning" })));
      return false;
    }, "the subscription to start");
    await Promise.all(posted);
    const delivered = () => received.filter((e) => !e.uuid || !probes.has(e.uuid));

    // Below the filter's priority, and another cluster's event: stored, not delivered.
    const quiet = randomUUID();
    const notice = await postFalcoEvent(
      a.url,
      cluster.id,
      key.secret,
      syscallEvent({ uuid: quiet, priority: "Notice" }),
    );
    expect(notice.status).toBe(201);
    const elsewhere = await postFalcoEvent(
      a.url,
      other.id,
      otherKey.secret,
      syscallEvent({ uuid: randomUUID(), priority: "Critical" }),
    );
    expect(elsewhere.status).toBe(201);

    const loud = randomUUID();
    const critical = await postFalcoEvent(
      a.url,
      cluster.id,
      key.secret,
      syscallEvent({ uuid: loud, priority: "CRITICAL", namespace: "payments", repository: "ghcr.io/example/checkout" }),
    );
    expect(critical.status).toBe(201);
    expect(critical.body).toMatchObject({ stored: true, silenced: false });

    await until(() => received.some((e) => e.uuid === loud), "the critical event on the other replica");
    // Posted before it, each after the previous one was stored: had the filter let them through, they
    // would be here by now.
    await new Promise((r) => setTimeout(r, 300));
    expect(delivered().map((e) => e.uuid)).toEqual([loud]);
    expect(delivered()[0]).toMatchObject({
      clusterId: cluster.id,
      clusterName: cluster.name,
      priority: "critical",
      rule: "Terminal shell in container",
      namespace: "payments",
      pod: "checkout-7d9f8b6c5d-x2x4q",
      container: "checkout",
      image: "ghcr.io/example/checkout:1.4.2",
      process: "sh",
      commandLine: "sh -c uptime",
      user: "root",
      hostname: "ip-10-0-1-17.ec2.internal",
      tags: ["container", "mitre_execution", "shell", "T1059"],
      silenced: false,
      signature: createHash("sha256")
        .update(`${cluster.id}\nTerminal shell in container\npayments\nghcr.io/example/checkout:1.4.2`)
        .digest("hex"),
    });
    await client.dispose();

    // Both events of the cluster are stored and readable through either replica.
    const events = await reader.ok<{ falcoEvents: { nodes: Array<{ uuid: string; priority: string }> } }>(
      `query($f: FalcoEventFilter) { falcoEvents(filter: $f, first: 100) { nodes { uuid priority } } }`,
      { f: { clusterId: cluster.id } },
    );
    const byUuid = new Map(events.falcoEvents.nodes.map((n) => [n.uuid, n.priority]));
    expect(byUuid.get(quiet)).toBe("notice");
    expect(byUuid.get(loud)).toBe("critical");
  }, 90_000);
});
