import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const AGENT_DIR = path.resolve(here, "../..");
export const AGENT_MAIN = path.join(AGENT_DIR, "dist/main.js");
export const API_MAIN = path.resolve(AGENT_DIR, "../api/dist/src/main.js");
export const FAKE_TRIVY = path.join(AGENT_DIR, "test/fixtures/fake-trivy.mjs");

/** The variables every child gets; nothing else of this process's environment leaks into it. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin", NODE_ENV: "test" };
  if (process.env.HOME) env.HOME = process.env.HOME;
  return env;
}

export function assertBuilt(): void {
  const missing = [AGENT_MAIN, API_MAIN].filter((file) => !fs.existsSync(file));
  if (missing.length) {
    throw new Error(
      `These tests run the built agent and api, and ${missing.map((f) => path.relative(path.resolve(AGENT_DIR, "../.."), f)).join(" and ")} ` +
        "are missing. Build first: pnpm --filter @bulwark/api --filter @bulwark/agent build (or pnpm build at the root).",
    );
  }
}

export type RunningApi = {
  url: string;
  bootstrapKey: string;
  /** A GraphQL call with the bootstrap (super admin) key; throws on errors. */
  admin<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** A port nothing listens on. */
  closedPort(): Promise<number>;
  stop(): Promise<void>;
};

/** Starts the built api on a fresh embedded database and waits for "Bulwark is running at …". */
export async function startApi(): Promise<RunningApi> {
  assertBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-api-"));
  const bootstrapKey = `bwk_${randomBytes(24).toString("hex")}`;
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], {
    cwd: dataDir,
    env: {
      ...baseEnv(),
      PORT: "0",
      HOST: "127.0.0.1",
      BULWARK_DATA_DIR: dataDir,
      BULWARK_ADMIN_EMAIL: "admin@example.com",
      BULWARK_ADMIN_PASSWORD: "correct-horse-battery",
      BULWARK_BOOTSTRAP_API_KEY: bootstrapKey,
      BULWARK_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the api did not start within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Bulwark is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ""));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the api exited (${code}) before it was ready:\n${output}`));
    });
  });

  const admin = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { authorization: `Bearer ${bootstrapKey}`, "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  return {
    url,
    bootstrapKey,
    admin,
    async closedPort() {
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const port = (server.address() as net.AddressInfo).port;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type AgentResult = { code: number | null; stdout: string; stderr: string };

/** Runs the built `bulwark-agent` with exactly these variables (plus PATH, HOME and the fake scanner). */
export function runAgent(args: string[], env: Record<string, string>): Promise<AgentResult> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AGENT_MAIN, ...args], {
      env: { ...baseEnv(), BULWARK_SCANNER_COMMAND: FAKE_TRIVY, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
