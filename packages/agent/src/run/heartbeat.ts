import type { AgentApi, AgentHeartbeat } from "../api/contract.js";
import { isApiError, type ApiError } from "../client/api-error.js";
import { backoffDelay } from "../client/backoff.js";
import type { Logger } from "../log.js";

export type HeartbeatOptions = {
  api: Pick<AgentApi, "heartbeat">;
  logger: Logger;
  cluster: string;
  mode: "run" | "webhook";
  agentVersion: string;
  intervalSeconds: number;
  /** Asked before each heartbeat until it answers; null when the apiserver cannot be reached. */
  kubernetesVersion: () => Promise<string | null>;
  /** The api will not take this agent (refused key, wrong cluster, unknown operation): it should stop. */
  onFatal: (error: ApiError) => void;
  /** Each accepted heartbeat (settings may have changed). */
  onBeat?: (beat: AgentHeartbeat) => void;
};

export type Heartbeat = { stop(): void };

/** Errors retrying will not fix: the key is refused, or the api rejects the request itself. */
export function isFatal(error: ApiError): boolean {
  return error.refused || (error.kind === "graphql" && !error.retryable);
}

/**
 * Tells the api every `intervalSeconds` that the agent is alive, with its version and the
 * Kubernetes version. Network trouble is logged and retried with backoff; a refusal is fatal.
 */
export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const { api, logger } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let connected = false;
  let kubernetesVersion: string | null = null;
  let versionWarned = false;
  const intervalMs = options.intervalSeconds * 1000;

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => void beat(), ms);
  };

  const beat = async () => {
    timer = null;
    if (stopped) return;
    if (!kubernetesVersion) {
      kubernetesVersion = await options.kubernetesVersion().catch((error: unknown) => {
        const message = "cannot read the Kubernetes version from the apiserver; sending the heartbeat without it";
        if (versionWarned) logger.debug({ err: error }, message);
        else logger.warn({ err: error }, message);
        versionWarned = true;
        return null;
      });
    }
    try {
      const result = await api.heartbeat({
        cluster: options.cluster,
        agentVersion: options.agentVersion,
        kubernetesVersion,
        mode: options.mode,
      });
      if (stopped) return;
      if (!connected || failures > 0) {
        logger.info(
          { clusterId: result.clusterId, cluster: result.clusterName, kubernetesVersion },
          `connected to the Bulwark api as cluster ${result.clusterName}`,
        );
      } else {
        logger.debug({ serverTime: result.serverTime }, "heartbeat accepted");
      }
      connected = true;
      failures = 0;
      options.onBeat?.(result);
      schedule(intervalMs);
    } catch (error) {
      if (stopped) return;
      if (!isApiError(error)) {
        logger.error({ err: error }, "heartbeat failed unexpectedly");
        failures += 1;
        schedule(backoffDelay(failures, { initialMs: 1000, maxMs: Math.max(intervalMs, 60_000) }));
        return;
      }
      if (isFatal(error)) {
        logger.error({ kind: error.kind, code: error.code }, `the Bulwark api refused the agent: ${error.message}`);
        stopped = true;
        options.onFatal(error);
        return;
      }
      const delay = backoffDelay(failures, { initialMs: 1000, maxMs: Math.max(intervalMs, 60_000) });
      failures += 1;
      logger.warn({ kind: error.kind, failures, retryInMs: delay }, `heartbeat failed: ${error.message}`);
      schedule(delay);
    }
  };

  schedule(0);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
