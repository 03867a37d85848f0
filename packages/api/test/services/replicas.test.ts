import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, GraphQLClient, ROOT_EMAIL, ROOT_PASSWORD } from "../harness.js";

/**
 * Two api processes on one PostgreSQL database and one Redis: an audit entry written through one
 * replica reaches a subscriber connected to the other. Needs DATABASE_URL and REDIS_URL.
 */
const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/src/main.js");

type Replica = { child: ChildProcess; url: string; port: number };
const replicas: Replica[] = [];
let drop: () => Promise<void> = async () => {};

async function startReplica(databaseUrl: string): Promise<Replica> {
  let output = "";
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? "",
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL,
      BULWARK_SECRET_KEY: "replica-secret-key-replica-secret-key",
      BULWARK_ADMIN_EMAIL: ROOT_EMAIL,
      BULWARK_ADMIN_PASSWORD: ROOT_PASSWORD,
      BULWARK_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = /Bulwark is running at http:\/\/[^:]+:(\d+)/.exec(output);
    if (match) {
      const port = Number(match[1]);
      return { child, port, url: `http://127.0.0.1:${port}` };
    }
    if (child.exitCode !== null) throw new Error(`replica exited:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`replica did not start:\n${output}`);
}

beforeAll(async () => {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    throw new Error("this suite needs DATABASE_URL and REDIS_URL (see docs/DEVELOPMENT.md)");
  }
  const db = await freshDatabase();
  drop = db.drop;
  if (db.target.kind !== "postgres") throw new Error("expected PostgreSQL");
  // Started together: migrations and the first-admin bootstrap must be safe under concurrency.
  replicas.push(...(await Promise.all([startReplica(db.target.url), startReplica(db.target.url)])));
});

afterAll(async () => {
  await Promise.all(
    replicas.map(
      (r) =>
        new Promise<void>((resolve) =>
          r.child.exitCode !== null ? resolve() : (r.child.on("exit", () => resolve()), r.child.kill("SIGTERM")),
        ),
    ),
  );
  await drop();
});

describe("several api replicas", () => {
  it("report Redis as their PubSub and share one first admin", async () => {
    for (const replica of replicas) {
      const ready = (await (await fetch(`${replica.url}/readyz`)).json()) as { pubsub: string; database: string };
      expect(ready).toMatchObject({ pubsub: "redis", database: "postgres" });
    }
    const a = new GraphQLClient(replicas[0]!.url);
    await a.login(ROOT_EMAIL, ROOT_PASSWORD);
    const users = await a.ok<{ users: Array<{ email: string }> }>(`{ users { email } }`);
    expect(users.users.map((u) => u.email)).toEqual([ROOT_EMAIL]);
  });

  it("deliver an audit entry written on one replica to a subscriber on the other", async () => {
    const [a, b] = replicas as [Replica, Replica];
    const writer = new GraphQLClient(a.url);
    await writer.login(ROOT_EMAIL, ROOT_PASSWORD);
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
    const received = new Promise<Record<string, unknown>>((resolve, reject) => {
      client.subscribe(
        { query: `subscription { auditEntryAdded { action after } }` },
        {
          next: (value) => {
            const entry = (
              value.data as { auditEntryAdded: { action: string; after: Record<string, unknown> } } | undefined
            )?.auditEntryAdded;
            if (entry?.action === "cluster.create") resolve(entry.after);
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await new Promise((r) => setTimeout(r, 500));
    await writer.ok(`mutation { createCluster(input: { name: "via-replica-a" }) { id } }`);
    await expect(received).resolves.toMatchObject({ name: "via-replica-a" });
    await client.dispose();
  });
});
