import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, GraphQLClient } from "../harness.js";
import { syscallEvent } from "../falco.js";
import { type ApiProcess, postFalcoEvent, startApi, stopApi } from "./falco-support.js";

/**
 * What falcosidekick was told is what is stored: the built api is killed (SIGKILL) in the middle of a
 * burst of concurrent event posts and restarted on the same database; every event answered 201
 * before the kill is there, exactly once, and nothing is stored twice. Needs DATABASE_URL and a build.
 */
const CONCURRENCY = 64;
/** Acknowledged events to wait for before the kill; posting goes on until then. */
const ACKNOWLEDGED_BEFORE_KILL = 1_500;

const bootstrapKey = `durability-${randomBytes(16).toString("hex")}`;
let databaseUrl = "";
let api: ApiProcess | null = null;
let drop: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (!process.env.DATABASE_URL) throw new Error("this suite needs DATABASE_URL (see docs/DEVELOPMENT.md)");
  const db = await freshDatabase();
  drop = db.drop;
  if (db.target.kind !== "postgres") throw new Error("expected PostgreSQL");
  databaseUrl = db.target.url;
});

afterAll(async () => {
  if (api) await stopApi(api);
  await drop();
});

describe("Falco ingest when the api is killed mid-burst", () => {
  it("keeps every acknowledged event, once", async () => {
    const env = { BULWARK_BOOTSTRAP_API_KEY: bootstrapKey };
    api = await startApi(databaseUrl, env);
    const admin = new GraphQLClient(api.url).withApiKey(bootstrapKey);
    const { createCluster } = await admin.ok<{ createCluster: { id: string } }>(
      `mutation { createCluster(input: { name: "durability" }) { id } }`,
    );
    const clusterId = createCluster.id;
    const { createApiKey } = await admin.ok<{ createApiKey: { secret: string } }>(
      `mutation($c: ID!) { createApiKey(input: { name: "falcosidekick", scopes: [falco_ingest], clusterId: $c }) { secret } }`,
      { c: clusterId },
    );
    const key = createApiKey.secret;

    const sent = new Set<string>();
    const acknowledged = new Set<string>();
    const beforeKill: Record<number, number> = {};
    const bodies: unknown[] = [];
    let killed = false;
    let inFlight = 0;
    let inFlightAtKill = 0;
    const victim = api;
    const kill = () => {
      if (killed) return;
      inFlightAtKill = inFlight;
      killed = true;
      victim.child.kill("SIGKILL");
    };
    // Never hang: the kill comes after a while even if the api acknowledges little.
    const timer = setTimeout(kill, 30_000);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const worker = async () => {
      while (!killed) {
        const uuid = randomUUID();
        sent.add(uuid);
        inFlight++;
        const answer = await postFalcoEvent(victim.url, clusterId, key, syscallEvent({ uuid }), agent);
        inFlight--;
        // A 201 read after the kill was written before it: it counts as acknowledged too.
        if (answer.status === 201) acknowledged.add(uuid);
        if (!killed) {
          beforeKill[answer.status] = (beforeKill[answer.status] ?? 0) + 1;
          if (answer.status !== 201 && bodies.length < 3) bodies.push(answer.body ?? answer.error);
          if (acknowledged.size >= ACKNOWLEDGED_BEFORE_KILL) kill();
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    clearTimeout(timer);
    agent.destroy();
    await victim.exited;

    // Until the kill every answer was a 201, and requests were still in flight when it came.
    expect(beforeKill, JSON.stringify(bodies)).toEqual({ 201: expect.any(Number) });
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(inFlightAtKill).toBeGreaterThan(0);

    api = await startApi(databaseUrl, env);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ uuid: string | null; copies: number }>(
        "SELECT uuid, count(*)::int AS copies FROM falco_events WHERE cluster_id = $1 GROUP BY uuid",
        [clusterId],
      );
      const stored = new Map(rows.map((r) => [r.uuid, r.copies]));
      const lost = [...acknowledged].filter((uuid) => !stored.has(uuid));
      expect(lost, `${lost.length} of ${acknowledged.size} acknowledged events are missing`).toEqual([]);
      expect(rows.filter((r) => r.copies > 1)).toEqual([]);
      // Anything stored but not acknowledged was one of the requests in flight at the kill.
      const unacknowledged = rows.filter((r) => !acknowledged.has(r.uuid!));
      expect(unacknowledged.every((r) => sent.has(r.uuid!))).toBe(true);
      expect(unacknowledged.length).toBeLessThanOrEqual(inFlightAtKill);

      // The restarted api takes events again.
      const after = randomUUID();
      const answer = await postFalcoEvent(api.url, clusterId, key, syscallEvent({ uuid: after }));
      expect(answer.status).toBe(201);
      const again = await db.query<{ copies: number }>(
        "SELECT count(*)::int AS copies FROM falco_events WHERE cluster_id = $1 AND uuid = $2",
        [clusterId, after],
      );
      expect(again.rows[0]!.copies).toBe(1);
    } finally {
      await db.end();
    }
  }, 180_000);
});
