import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { AgentHeartbeat, AgentHeartbeatInput } from "../api/contract.js";
import { ApiError } from "../client/api-error.js";
import { createLogger } from "../log.js";
import { startHeartbeat } from "./heartbeat.js";

const beat: AgentHeartbeat = {
  clusterId: "c1",
  clusterName: "prod",
  serverTime: "2026-11-27T12:00:00Z",
  settings: {
    enforcementEnabled: true,
    mode: "deny",
    unscannedImages: "allow",
    exemptNamespaces: [],
    staleSnapshotSeconds: 600,
    staleSnapshotAction: "allow",
    failurePolicy: "Ignore",
  },
};

function memoryLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean))
        lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { logger: createLogger({ level: "debug" }, stream), lines };
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("startHeartbeat", () => {
  it("sends the versions every interval and keeps going through network errors", async () => {
    const sent: AgentHeartbeatInput[] = [];
    let calls = 0;
    const { logger, lines } = memoryLogger();
    const heartbeat = startHeartbeat({
      api: {
        async heartbeat(input) {
          calls += 1;
          if (calls === 2)
            throw new ApiError({
              kind: "network",
              message: "cannot reach the Bulwark api at http://x/graphql: ECONNREFUSED",
              retryable: true,
            });
          sent.push(input);
          return beat;
        },
      },
      logger,
      cluster: "prod",
      mode: "run",
      agentVersion: "0.1.0",
      intervalSeconds: 0.05,
      kubernetesVersion: async () => "v1.30.2",
      onFatal: () => {
        throw new Error("not fatal");
      },
    });
    await until(() => sent.length >= 3);
    heartbeat.stop();
    expect(sent[0]).toEqual({ cluster: "prod", agentVersion: "0.1.0", kubernetesVersion: "v1.30.2", mode: "run" });
    expect(
      lines.some((l) => l.msg === "heartbeat failed: cannot reach the Bulwark api at http://x/graphql: ECONNREFUSED"),
    ).toBe(true);
    expect(lines.filter((l) => l.msg === "connected to the Bulwark api as cluster prod")).toHaveLength(2);
  });

  it("stops and says so when the key is refused", async () => {
    const { logger, lines } = memoryLogger();
    const refused = new ApiError({
      kind: "unauthenticated",
      message: 'the Bulwark api refused the API key: The API key "agent" was revoked',
    });
    const fatal = await new Promise<ApiError>((resolve) => {
      startHeartbeat({
        api: { heartbeat: async () => Promise.reject(refused) },
        logger,
        cluster: "prod",
        mode: "run",
        agentVersion: "0.1.0",
        intervalSeconds: 30,
        kubernetesVersion: async () => {
          throw new Error("no apiserver");
        },
        onFatal: resolve,
      });
    });
    expect(fatal).toBe(refused);
    expect(lines.map((l) => l.msg)).toEqual([
      "cannot read the Kubernetes version from the apiserver; sending the heartbeat without it",
      'the Bulwark api refused the agent: the Bulwark api refused the API key: The API key "agent" was revoked',
    ]);
  });
});
