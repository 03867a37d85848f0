import type { AgentApi, InventoryNamespace, InventoryPod, InventoryReport } from "../api/contract.js";
import { isApiError, type ApiError } from "../client/api-error.js";
import { backoffDelay, type BackoffOptions } from "../client/backoff.js";
import type { Logger } from "../log.js";

/** Where the reports' contents come from: the inventory's state at the time of sending. */
export type InventorySource = {
  allNamespaces(): InventoryNamespace[];
  allPods(): InventoryPod[];
  namespace(name: string): InventoryNamespace | undefined;
  pod(uid: string): InventoryPod | undefined;
};

export type InventorySyncOptions = {
  api: Pick<AgentApi, "reportInventory">;
  source: InventorySource;
  logger: Logger;
  /** The api refused the key: the agent should stop. */
  onFatal: (error: ApiError) => void;
  /** Changes are gathered for this long before they are sent. */
  batchWindowMs?: number;
  /** Most pods and namespaces (changed or deleted) in one report of changes. */
  maxBatch?: number;
  /** A full report is sent this often, whatever happened. */
  resyncMs?: number;
  /** After a failed report; the next one is a full report. */
  retry?: BackoffOptions;
  /** After the api rejected a report (bad input): retried, but slowly. */
  rejectedRetry?: BackoffOptions;
  now?: () => number;
};

export const DEFAULT_BATCH_WINDOW_MS = 1_000;
export const DEFAULT_MAX_BATCH = 500;
export const DEFAULT_RESYNC_MS = 10 * 60_000;
const RETRY: BackoffOptions = { initialMs: 1_000, maxMs: 60_000 };
const REJECTED_RETRY: BackoffOptions = { initialMs: 30_000, maxMs: 5 * 60_000 };

export type SyncStatus = {
  /** Reports sent and accepted since start. */
  fullReports: number;
  deltaReports: number;
  /** Failures in a row. */
  failures: number;
  lastFullSyncAt: number | null;
};

/**
 * Sends the inventory to the api: a full report once everything has been listed (and after every
 * re-list, every resync period and every failure), and in between the changes, gathered for about
 * a second and sent in batches. One report is in flight at a time. A failed report is not replayed:
 * the state is kept, and a full report is sent with backoff until the api takes it again.
 */
export class InventorySync {
  private ready = false;
  private stopped = false;
  private fullNeeded = true;
  private fullReason = "start";
  private sending = false;
  /** uid → true (changed) or false (deleted). */
  private readonly pods = new Map<string, boolean>();
  private readonly namespaces = new Map<string, boolean>();
  private firstPendingAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private resyncTimer: NodeJS.Timeout | null = null;
  private retryAt = 0;
  private idleWaiters: Array<() => void> = [];
  readonly status: SyncStatus = { fullReports: 0, deltaReports: 0, failures: 0, lastFullSyncAt: null };

  private readonly batchWindowMs: number;
  private readonly maxBatch: number;
  private readonly resyncMs: number;
  private readonly now: () => number;

  constructor(private readonly options: InventorySyncOptions) {
    this.batchWindowMs = options.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS;
    this.maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    this.resyncMs = options.resyncMs ?? DEFAULT_RESYNC_MS;
    this.now = options.now ?? Date.now;
  }

  /** Everything has been listed once: the first full report may go. */
  markReady(): void {
    if (this.ready || this.stopped) return;
    this.ready = true;
    this.resyncTimer = setInterval(() => this.requestFull("periodic resync"), this.resyncMs);
    this.resyncTimer.unref?.();
    this.schedule();
  }

  podChanged(uid: string, present: boolean): void {
    this.pending(this.pods, uid, present);
  }

  namespaceChanged(name: string, present: boolean): void {
    this.pending(this.namespaces, name, present);
  }

  /** The next report is a full one (after a re-list, a resync, or a failure). */
  requestFull(reason: string): void {
    if (this.stopped) return;
    if (!this.fullNeeded) this.fullReason = reason;
    this.fullNeeded = true;
    this.schedule();
  }

  /** Changes waiting to be sent. */
  get pendingChanges(): number {
    return this.pods.size + this.namespaces.size;
  }

  /** Resolves when nothing is waiting and nothing is in flight (for tests and shutdown). */
  idle(): Promise<void> {
    // Once stopped, nothing more is sent: waiting would never end.
    if (this.stopped || this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.timer = null;
    this.resyncTimer = null;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private isIdle(): boolean {
    return this.ready && !this.sending && !this.fullNeeded && this.pendingChanges === 0;
  }

  private pending(map: Map<string, boolean>, key: string, present: boolean): void {
    if (this.stopped) return;
    map.set(key, present);
    this.firstPendingAt ??= this.now();
    this.schedule();
  }

  /** Sets the timer for the next report, if one is due. */
  private schedule(): void {
    if (this.stopped || this.sending || !this.ready) return;
    const now = this.now();
    let at: number;
    if (this.retryAt > now) at = this.retryAt;
    else if (this.fullNeeded || this.pendingChanges >= this.maxBatch) at = now;
    else if (this.firstPendingAt !== null) at = this.firstPendingAt + this.batchWindowMs;
    else {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => void this.flush(), Math.max(0, at - now));
  }

  private async flush(): Promise<void> {
    this.timer = null;
    if (this.stopped || this.sending || !this.ready) return;
    this.sending = true;
    let full = false;
    try {
      full = this.fullNeeded;
      if (full) await this.sendFull();
      else if (this.pendingChanges) await this.sendChanges();
      if (this.status.failures > 0) {
        this.options.logger.info(
          { failures: this.status.failures },
          "the api takes inventory reports again; the inventory is up to date",
        );
      }
      this.status.failures = 0;
      this.retryAt = 0;
    } catch (error) {
      this.failed(error, full);
    } finally {
      this.sending = false;
      this.schedule();
    }
  }

  private async sendFull(): Promise<void> {
    const reason = this.fullReason;
    // Built from the state as it is now: whatever changed before this supersedes pending changes.
    this.fullNeeded = false;
    this.pods.clear();
    this.namespaces.clear();
    this.firstPendingAt = null;
    const report: InventoryReport = {
      full: true,
      namespaces: this.options.source.allNamespaces(),
      deletedNamespaces: [],
      pods: this.options.source.allPods(),
      deletedPods: [],
    };
    const started = this.now();
    const result = await this.options.api.reportInventory(report);
    this.status.fullReports += 1;
    this.status.lastFullSyncAt = this.now();
    this.fullReason = "resync";
    this.options.logger.info(
      {
        reason,
        namespaces: result.namespaces,
        pods: result.pods,
        scansQueued: result.scansQueued,
        durationMs: this.now() - started,
      },
      `sent the full inventory to the api: ${result.namespaces} namespaces, ${result.pods} pods` +
        (result.scansQueued ? `; ${result.scansQueued} new images queued for scanning` : ""),
    );
  }

  private async sendChanges(): Promise<void> {
    const report: InventoryReport = { full: false, namespaces: [], deletedNamespaces: [], pods: [], deletedPods: [] };
    let room = this.maxBatch;
    for (const [name, present] of this.namespaces) {
      if (room === 0) break;
      this.namespaces.delete(name);
      room -= 1;
      const namespace = present ? this.options.source.namespace(name) : undefined;
      if (namespace) report.namespaces.push(namespace);
      else report.deletedNamespaces.push(name);
    }
    for (const [uid, present] of this.pods) {
      if (room === 0) break;
      this.pods.delete(uid);
      room -= 1;
      const pod = present ? this.options.source.pod(uid) : undefined;
      if (pod) report.pods.push(pod);
      else report.deletedPods.push(uid);
    }
    // What is left goes at once, without another window.
    if (!this.pendingChanges) this.firstPendingAt = null;
    const result = await this.options.api.reportInventory(report);
    this.status.deltaReports += 1;
    const counts = {
      namespaces: report.namespaces.length,
      deletedNamespaces: report.deletedNamespaces.length,
      pods: report.pods.length,
      deletedPods: report.deletedPods.length,
      scansQueued: result.scansQueued,
    };
    if (result.scansQueued) {
      this.options.logger.info(counts, `sent inventory changes; ${result.scansQueued} new images queued for scanning`);
    } else {
      this.options.logger.debug(counts, "sent inventory changes");
    }
  }

  private failed(error: unknown, full: boolean): void {
    const { logger } = this.options;
    this.fullNeeded = true;
    this.fullReason = "the api is back";
    if (isApiError(error) && error.refused) {
      logger.error({ kind: error.kind, code: error.code }, `the Bulwark api refused the agent: ${error.message}`);
      this.stop();
      this.options.onFatal(error);
      return;
    }
    const attempt = this.status.failures;
    this.status.failures += 1;
    const rejected = isApiError(error) && error.kind === "graphql" && !error.retryable;
    const delay = backoffDelay(
      attempt,
      rejected ? (this.options.rejectedRetry ?? REJECTED_RETRY) : (this.options.retry ?? RETRY),
    );
    this.retryAt = this.now() + delay;
    const what = full ? "the full inventory" : "inventory changes";
    if (!isApiError(error)) {
      logger.error({ err: error, retryInMs: delay }, `could not send ${what} to the api; a full report follows`);
    } else if (rejected) {
      logger.error(
        { code: error.code, retryInMs: delay },
        `the api rejected ${what}: ${error.message}; a full report follows in ${Math.round(delay / 1000)} s`,
      );
    } else {
      logger.warn(
        { kind: error.kind, failures: this.status.failures, retryInMs: delay },
        `could not send ${what} to the api: ${error.message}; the agent keeps its state and sends a full report once the api answers (next try in ${Math.round(delay / 1000)} s)`,
      );
    }
  }
}
