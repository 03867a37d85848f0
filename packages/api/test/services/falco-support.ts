import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type FalcoPayload, toJson } from "../falco.js";
import { ROOT_EMAIL, ROOT_PASSWORD } from "../harness.js";

/** The built api, run as its own process by the services tier. */
const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/src/main.js");

export type ApiProcess = {
  child: ChildProcess;
  port: number;
  url: string;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<void>;
  /** Everything it printed, for failure messages. */
  output(): string;
};

/** Starts `node dist/src/main.js` on a PostgreSQL database and waits until it listens. */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  let output = "";
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? "",
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: databaseUrl,
      BULWARK_SECRET_KEY: "falco-secret-key-falco-secret-key-01",
      BULWARK_ADMIN_EMAIL: ROOT_EMAIL,
      BULWARK_ADMIN_PASSWORD: ROOT_PASSWORD,
      BULWARK_LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = /Bulwark is running at http:\/\/[^:]+:(\d+)/.exec(output);
    if (match) {
      const port = Number(match[1]);
      return { child, port, url: `http://127.0.0.1:${port}`, exited, output: () => output };
    }
    if (child.exitCode !== null) throw new Error(`the api exited:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`the api did not start:\n${output}`);
}

/** Stops the api with SIGTERM (a clean shutdown) unless it has already exited. */
export async function stopApi(api: ApiProcess): Promise<void> {
  if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill("SIGTERM");
  await api.exited;
}

export type IngestAnswer = { status: number; body: Record<string, unknown> | null; error?: string };

/**
 * Posts one event to `POST /api/falco/:clusterId/create?key=` as falcosidekick's webhook output
 * does, on the given agent (keep-alive, a bounded number of sockets). Connection errors resolve with
 * status 0.
 */
export function postFalcoEvent(
  url: string,
  clusterId: string,
  key: string,
  payload: FalcoPayload,
  agent?: http.Agent,
): Promise<IngestAnswer> {
  const body = toJson(payload);
  const target = new URL(`/api/falco/${clusterId}/create?key=${encodeURIComponent(key)}`, url);
  return new Promise((resolve) => {
    const req = http.request(
      target,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "Falcosidekick",
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (error) => resolve({ status: 0, body: null, error: error.message }));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: Record<string, unknown>;
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = { text };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, body: null, error: error.code ?? error.message }),
    );
    req.end(body);
  });
}
