import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphQLClient } from "../harness.js";

/** The built api as users run it: `node dist/src/main.js`, on the embedded database in a data directory. */
const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/src/main.js");

type Running = { child: ChildProcess; output: () => string; url: string };

function run(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let output = "";
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? "", BULWARK_LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function start(env: Record<string, string>): Promise<Running & { exited: Promise<number | null> }> {
  const proc = run(env);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const match = /Bulwark is running at (http:\/\/\S+)/.exec(proc.output());
    if (match) return { ...proc, url: match[1]!.replace("localhost", "127.0.0.1") };
    if (proc.child.exitCode !== null) throw new Error(`api exited early:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.child.kill("SIGKILL");
  throw new Error(`api did not start:\n${proc.output()}`);
}

async function stop(running: Running & { exited: Promise<number | null> }): Promise<number | null> {
  running.child.kill("SIGTERM");
  return running.exited;
}

let dataDir: string;
beforeAll(() => {
  if (!fs.existsSync(MAIN))
    throw new Error(`${MAIN} is missing: build the api first (pnpm --filter @bulwark/api build)`);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-process-"));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("the api process", () => {
  it("prints every configuration problem and exits 1", async () => {
    const proc = run({ PORT: "http", DATABASE_URL: "postgres://db/x", BULWARK_ADMIN_PASSWORD: "short" });
    expect(await proc.exited).toBe(1);
    const out = proc.output();
    expect(out).toMatch(/Invalid environment/);
    expect(out).toMatch(/PORT/);
    expect(out).toMatch(/BULWARK_SECRET_KEY is required when DATABASE_URL is set/);
    expect(out).toMatch(/BULWARK_ADMIN_PASSWORD must be at least 12 characters/);
  });

  it(
    "on first start creates an admin, prints the password once, keeps data across restarts and stops cleanly",
    { timeout: 120_000 },
    async () => {
      const bootstrapKey = `bootstrap-${"k".repeat(40)}`;
      const first = await start({ BULWARK_DATA_DIR: dataDir, BULWARK_BOOTSTRAP_API_KEY: bootstrapKey });
      const out = first.output();
      expect(out).toMatch(/First start: a super admin was created/);
      const email = /email:\s+(\S+)/.exec(out)![1]!;
      const password = /password:\s+(\S+)/.exec(out)![1]!;
      expect(email).toBe("admin@bulwark.local");
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(fs.statSync(path.join(dataDir, "secret.key")).mode & 0o777).toBe(0o600);

      const admin = new GraphQLClient(first.url);
      await admin.login(email, password);
      await admin.ok(`mutation { createCluster(input: { name: "survives-restart" }) { id } }`);
      const viaKey = new GraphQLClient(first.url).withApiKey(bootstrapKey);
      expect((await viaKey.ok<{ me: { scopes: string[] } }>(`{ me { scopes } }`)).me.scopes).toEqual(["admin"]);
      const keyId = (
        await admin.ok<{ apiKeys: Array<{ id: string; name: string }> }>(`{ apiKeys { id name } }`)
      ).apiKeys.find((k) => k.name === "bootstrap")!.id;
      await admin.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: keyId });

      // A second process on the same data directory refuses to start.
      const second = run({ BULWARK_DATA_DIR: dataDir });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/in use by another Bulwark process/);

      expect(await stop(first)).toBe(0);
      expect(fs.existsSync(path.join(dataDir, "bulwark.pid"))).toBe(false);

      const again = await start({ BULWARK_DATA_DIR: dataDir, BULWARK_BOOTSTRAP_API_KEY: bootstrapKey });
      expect(again.output()).not.toMatch(/First start/);
      const client = new GraphQLClient(again.url);
      await client.login(email, password);
      const clusters = await client.ok<{ clusters: Array<{ name: string }> }>(`{ clusters { name } }`);
      expect(clusters.clusters.map((c) => c.name)).toEqual(["survives-restart"]);
      // The bootstrap key is restored because the environment still asks for it.
      const restored = new GraphQLClient(again.url).withApiKey(bootstrapKey);
      expect((await restored.ok<{ me: { authMethod: string } }>(`{ me { authMethod } }`)).me.authMethod).toBe(
        "api_key",
      );
      expect(await stop(again)).toBe(0);
    },
  );
});
