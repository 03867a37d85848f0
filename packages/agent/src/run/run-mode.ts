import { randomBytes } from "node:crypto";
import os from "node:os";
import type { AgentApi } from "../api/contract.js";
import { isApiError } from "../client/api-error.js";
import type { RunSettings } from "../config/settings.js";
import { startInventory } from "../inventory/inventory.js";
import type { Logger } from "../log.js";
import { createScanner } from "../scanner/scanner.js";
import { VERSION } from "../version.js";
import { startScanWorker } from "../worker/scan-worker.js";
import { startHeartbeat } from "./heartbeat.js";
import { kubernetesVersion, type KubeClient } from "./kubernetes.js";

/** What every part of the run mode is given. */
export type RunContext = {
  settings: RunSettings;
  api: AgentApi;
  logger: Logger;
  kube: KubeClient;
  /** Aborted when the agent stops. */
  signal: AbortSignal;
  /** Stops the agent with an error (exit code 1). */
  fatal: (error: Error) => void;
};

/** One concern of the run mode (heartbeat, inventory, scan worker), started and stopped with it. */
export type RunPart = { name: string; stop(): Promise<void> | void };
export type RunPartFactory = (context: RunContext) => RunPart | Promise<RunPart>;

/** Tells the api the agent is alive and which Kubernetes it watches. */
export const heartbeatPart: RunPartFactory = (context) => {
  const heartbeat = startHeartbeat({
    api: context.api,
    logger: context.logger.child({ part: "heartbeat" }),
    cluster: context.settings.connection.cluster,
    mode: "run",
    agentVersion: VERSION,
    intervalSeconds: context.settings.heartbeatSeconds,
    kubernetesVersion: () => kubernetesVersion(context.kube),
    onFatal: (error) => context.fatal(error),
  });
  return { name: "heartbeat", stop: () => heartbeat.stop() };
};

/** Watches namespaces, pods and their owners, and keeps the api's inventory of the cluster current. */
export const inventoryPart: RunPartFactory = (context) => {
  const inventory = startInventory({
    kube: context.kube,
    api: context.api,
    logger: context.logger.child({ part: "inventory" }),
    onFatal: (error) => context.fatal(error),
  });
  return { name: "inventory", stop: () => inventory.stop() };
};

/** A name for this agent's claims: the pod's name (its hostname in a cluster) and a random suffix. */
export function workerIdFor(hostname = os.hostname()): string {
  return `${hostname.slice(0, 180)}/${randomBytes(4).toString("hex")}`;
}

/** Claims the scan jobs the cluster asked for and runs the scanner on them. */
export const scanWorkerPart: RunPartFactory = (context) => {
  const worker = startScanWorker({
    api: context.api,
    scanner: createScanner(context.settings.scanner),
    logger: context.logger.child({ part: "scan-worker" }),
    workerId: workerIdFor(),
    concurrency: context.settings.scanConcurrency,
    scanTimeoutSeconds: context.settings.scanner.timeoutSeconds,
    onFatal: (error) => context.fatal(error),
  });
  return { name: "scan-worker", stop: () => worker.stop() };
};

export const RUN_PARTS: readonly RunPartFactory[] = [heartbeatPart, inventoryPart, scanWorkerPart];

/**
 * The `run` mode: starts every part, runs until the signal is aborted (SIGTERM, SIGINT) or a part
 * hits a fatal error, then stops them all. Resolves to the process exit code.
 */
export async function runAgent(
  settings: RunSettings,
  deps: { api: AgentApi; logger: Logger; kube: KubeClient; signal: AbortSignal; parts?: readonly RunPartFactory[] },
): Promise<number> {
  const { logger } = deps;
  const stopping = new AbortController();
  let exitCode = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const finish = (code: number) => {
    if (stopping.signal.aborted) return;
    exitCode = code;
    stopping.abort();
    resolveDone();
  };
  if (deps.signal.aborted) return 0;
  deps.signal.addEventListener("abort", () => finish(0), { once: true });

  const context: RunContext = {
    settings,
    api: deps.api,
    logger,
    kube: deps.kube,
    signal: stopping.signal,
    fatal: (error) => {
      logger.error(
        isApiError(error) ? { kind: error.kind, code: error.code } : { err: error },
        `stopping: ${error.message}`,
      );
      finish(1);
    },
  };
  logger.info(
    { api: settings.connection.apiUrl, cluster: settings.connection.cluster, version: VERSION },
    "bulwark-agent starting in run mode",
  );
  const parts: RunPart[] = [];
  for (const factory of deps.parts ?? RUN_PARTS) {
    if (stopping.signal.aborted) break;
    parts.push(await factory(context));
  }
  await done;
  for (const part of parts.reverse()) {
    try {
      await part.stop();
    } catch (error) {
      logger.warn({ err: error, part: part.name }, "error while stopping");
    }
  }
  logger.info({ exitCode }, "bulwark-agent stopped");
  return exitCode;
}
