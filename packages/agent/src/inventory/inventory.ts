import type { AgentApi, InventoryNamespace } from "../api/contract.js";
import type { ApiError } from "../client/api-error.js";
import type { BackoffOptions } from "../client/backoff.js";
import type { Logger } from "../log.js";
import type { KubeClient } from "../run/kube-client.js";
import { InventoryState, type IntermediateKind } from "./inventory-state.js";
import { InventorySync } from "./inventory-sync.js";
import { namespaceRecord, ownedRecord, podEntry, type OwnedRecord, type PodEntry } from "./kube-objects.js";
import { ResourceWatch, type WatchEventType } from "./resource-watch.js";

export type InventoryOptions = {
  kube: KubeClient;
  api: Pick<AgentApi, "reportInventory">;
  logger: Logger;
  /** The api refused the key: the agent should stop. */
  onFatal: (error: ApiError) => void;
  /** A full report this often; default 10 minutes. */
  resyncMs?: number;
  /** Changes are gathered this long before they are sent; default 1 s. */
  batchWindowMs?: number;
  /** Most changes per report; default 500. */
  maxBatch?: number;
  /** Objects per list page; default 500. */
  pageSize?: number;
  /** Seconds before the apiserver ends a watch (resumed at once); default 5–10 minutes. */
  watchTimeoutSeconds?: () => number;
  watchBackoff?: BackoffOptions;
  reportRetry?: BackoffOptions;
};

export type Inventory = {
  readonly state: InventoryState;
  readonly sync: InventorySync;
  stop(): Promise<void>;
};

/** The paths of what the inventory watches; the agent's ClusterRole grants list and watch on them. */
export const WATCHED = {
  namespaces: "/api/v1/namespaces",
  pods: "/api/v1/pods",
  replicasets: "/apis/apps/v1/replicasets",
  jobs: "/apis/batch/v1/jobs",
} as const;

/**
 * The cluster's inventory: namespaces and pods, each pod with its top-level owner (ReplicaSets and
 * Jobs are watched only to get from a pod to its Deployment or CronJob) and its containers. Sent to
 * the api in full once everything is listed, then as changes.
 */
export function startInventory(options: InventoryOptions): Inventory {
  const { logger } = options;
  const state = new InventoryState();
  const sync = new InventorySync({
    api: options.api,
    source: state,
    logger,
    onFatal: (error) => {
      void stop();
      options.onFatal(error);
    },
    ...(options.resyncMs !== undefined ? { resyncMs: options.resyncMs } : {}),
    ...(options.batchWindowMs !== undefined ? { batchWindowMs: options.batchWindowMs } : {}),
    ...(options.maxBatch !== undefined ? { maxBatch: options.maxBatch } : {}),
    ...(options.reportRetry ? { retry: options.reportRetry } : {}),
  });

  const common = {
    kube: options.kube,
    logger,
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    ...(options.watchTimeoutSeconds ? { watchTimeoutSeconds: options.watchTimeoutSeconds } : {}),
    ...(options.watchBackoff ? { backoff: options.watchBackoff } : {}),
  };

  const ownerChanges = (uids: string[]) => {
    for (const uid of uids) sync.podChanged(uid, true);
  };

  const owned = (kind: IntermediateKind, resource: string, path: string) =>
    new ResourceWatch<OwnedRecord>({
      ...common,
      resource,
      path,
      reduce: ownedRecord,
      onListed: (records) => {
        state.replaceOwned(kind, records);
        relisted(resource);
      },
      onEvent: (type, record) => {
        if (type === "DELETED") state.deleteOwned(kind, record.key);
        else ownerChanges(state.setOwned(kind, record));
      },
    });

  const watches = [
    new ResourceWatch<InventoryNamespace>({
      ...common,
      resource: "namespaces",
      path: WATCHED.namespaces,
      reduce: namespaceRecord,
      onListed: (records) => {
        state.replaceNamespaces(records);
        relisted("namespaces");
      },
      onEvent: (type: WatchEventType, record) => {
        if (type === "DELETED") {
          if (state.deleteNamespace(record.name)) sync.namespaceChanged(record.name, false);
        } else if (state.upsertNamespace(record)) sync.namespaceChanged(record.name, true);
      },
    }),
    owned("ReplicaSet", "replicasets", WATCHED.replicasets),
    owned("Job", "jobs", WATCHED.jobs),
    new ResourceWatch<PodEntry>({
      ...common,
      resource: "pods",
      path: WATCHED.pods,
      reduce: podEntry,
      onListed: (records) => {
        state.replacePods(records);
        relisted("pods");
      },
      onEvent: (type, record) => {
        if (type === "DELETED") {
          if (state.deletePod(record.pod.uid)) sync.podChanged(record.pod.uid, false);
        } else if (state.upsertPod(record)) sync.podChanged(record.pod.uid, true);
      },
    }),
  ];

  let firstListDone = false;
  function relisted(resource: string) {
    if (!firstListDone) {
      if (!watches.every((w) => w.listed)) return;
      firstListDone = true;
      logger.info(
        { namespaces: state.namespaces.size, pods: state.pods.size, waitingForOwner: state.waitingPods },
        "the cluster is listed; sending the full inventory",
      );
      sync.markReady();
      return;
    }
    sync.requestFull(`${resource} listed again`);
  }

  let stopping: Promise<void> | null = null;
  function stop(): Promise<void> {
    stopping ??= (async () => {
      sync.stop();
      await Promise.all(watches.map((w) => w.stop()));
    })();
    return stopping;
  }

  logger.info({ apiserver: options.kube.server, via: options.kube.source }, "starting the inventory");
  for (const w of watches) w.start();
  return { state, sync, stop };
}
