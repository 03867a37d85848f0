import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_MAIN, startApi, type RunningApi } from "./process-harness.js";

/** The run mode's heartbeat against the built api: connected, then refused once its key is revoked. */
let api: RunningApi;
let clusterId: string;

beforeAll(async () => {
  api = await startApi();
  clusterId = (
    await api.admin<{ createCluster: { id: string } }>(`mutation { createCluster(input: { name: "edge" }) { id } }`)
  ).createCluster.id;
});

afterAll(async () => {
  await api?.stop();
});

describe("bulwark-agent run against a real api", () => {
  it("sends heartbeats, then stops with a clear error when its key is revoked", async () => {
    const { createApiKey: key } = await api.admin<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }`,
      { i: { name: "edge-agent", scopes: ["agent"], clusterId } },
    );
    const child = spawn(process.execPath, [AGENT_MAIN, "run", "--heartbeat-seconds", "1"], {
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: "/nonexistent",
        BULWARK_API_URL: api.url,
        BULWARK_API_KEY: key.secret,
        BULWARK_CLUSTER: "edge",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const deadline = Date.now() + 30_000;
      while (!stderr.includes("connected to the Bulwark api as cluster edge")) {
        if (Date.now() > deadline) throw new Error(`no heartbeat was accepted:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const { cluster } = await api.admin<{ cluster: Record<string, unknown> }>(
        `query($id: ID!) { cluster(id: $id) { agentStatus agentVersion agentLastSeenAt kubernetesVersion } }`,
        { id: clusterId },
      );
      expect(cluster).toMatchObject({ agentStatus: "connected", agentVersion: "0.1.0", kubernetesVersion: null });
      expect(cluster.agentLastSeenAt).toEqual(expect.any(String));
      await api.admin(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: key.apiKey.id });
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("still running"), 20_000))]);
      expect(code).toBe(1);
    } finally {
      child.kill("SIGKILL");
    }
    const messages = stderr
      .split("\n")
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain("connected to the Bulwark api as cluster edge");
    expect(messages).toContain(
      'the Bulwark api refused the agent: the Bulwark api refused the API key: The API key "edge-agent" was revoked',
    );
    expect(stderr).not.toContain(key.secret);
  });

  it("stops on SIGTERM with exit code 0", async () => {
    const { createApiKey: key } = await api.admin<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { name: "edge-agent-2", scopes: ["agent"], clusterId } },
    );
    const child = spawn(process.execPath, [AGENT_MAIN, "run"], {
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: "/nonexistent",
        BULWARK_API_URL: api.url,
        BULWARK_API_KEY: key.secret,
        BULWARK_CLUSTER: "edge",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (!stderr.includes("connected to the Bulwark api")) {
      if (Date.now() > deadline) throw new Error(`no heartbeat was accepted:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
