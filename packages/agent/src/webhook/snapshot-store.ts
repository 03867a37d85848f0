import type { Logger } from "pino";
import type { AdmissionApi, AdmissionChange, AdmissionSettings, AdmissionSnapshot } from "../api/contract.js";
import { SnapshotIndex } from "./snapshot-index.js";

export type SnapshotStoreOptions = {
  api: AdmissionApi;
  logger: Logger;
  /** Period of the full refresh that backs up the change subscription. */
  refreshSeconds: number;
  /** First retry delay after a failed refresh; doubles up to maxRetryMs. */
  initialRetryMs?: number;
  maxRetryMs?: number;
  /** Milliseconds since the epoch; tests replace it. */
  now?: () => number;
};

export type SnapshotView = {
  index: SnapshotIndex;
  /** Seconds since the last successful full refresh. */
  ageSeconds: number;
};

export type SnapshotStoreStatus = {
  ready: boolean;
  clusterName: string | null;
  images: number;
  lastFullRefreshAt: string | null;
  ageSeconds: number | null;
  subscribed: boolean;
  consecutiveFailures: number;
  lastError: string | null;
};

/** Full refreshes never come more often than this, whatever the settings say. */
const MIN_REFRESH_MS = 5_000;

/**
 * Holds the admission snapshot and its index, and keeps them current: a full load at start, partial
 * refreshes when the api announces changed images (a full reload when it announces anything else),
 * a periodic full refresh, and retries with backoff while the api cannot be reached. Readers get the
 * current index synchronously; nothing here runs on the admission path.
 *
 * The snapshot's age (for the stale-snapshot setting) counts from the last successful full refresh:
 * only a full refresh proves that no change was missed.
 */
export class SnapshotStore {
  private readonly api: AdmissionApi;
  private readonly logger: Logger;
  private readonly refreshMs: number;
  private readonly initialRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly now: () => number;

  private index: SnapshotIndex | null = null;
  private lastFullRefreshAt: number | null = null;
  private pendingFull = true;
  private readonly pendingIds = new Set<string>();
  private running = false;
  private stopped = false;
  private failures = 0;
  private lastError: string | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private resubscribeTimer: NodeJS.Timeout | undefined;
  private subscriptionFailures = 0;
  private unsubscribe: (() => void) | null = null;
  private readonly listeners: Array<(index: SnapshotIndex, previous: SnapshotIndex | null) => void> = [];
  private resolveReady!: () => void;
  /** Settles once the first full load has succeeded. */
  readonly ready: Promise<void>;

  constructor(options: SnapshotStoreOptions) {
    this.api = options.api;
    this.logger = options.logger;
    this.refreshMs = Math.max(MIN_REFRESH_MS, options.refreshSeconds * 1000);
    this.initialRetryMs = options.initialRetryMs ?? 1_000;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.ready = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
  }

  /** Subscribes to changes and starts loading; does not wait for the first load (see `ready`). */
  start(): void {
    this.subscribe();
    this.scheduleRefresh();
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.refreshTimer);
    clearTimeout(this.resubscribeTimer);
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  isReady(): boolean {
    return this.index !== null;
  }

  /** The current snapshot, or null before the first load. */
  view(): SnapshotView | null {
    if (this.index === null || this.lastFullRefreshAt === null) return null;
    return { index: this.index, ageSeconds: Math.max(0, (this.now() - this.lastFullRefreshAt) / 1000) };
  }

  /** Called after every successful load, full or partial. */
  onLoad(listener: (index: SnapshotIndex, previous: SnapshotIndex | null) => void): void {
    this.listeners.push(listener);
  }

  status(): SnapshotStoreStatus {
    const view = this.view();
    return {
      ready: this.index !== null,
      clusterName: this.index?.snapshot.clusterName ?? null,
      images: this.index?.size ?? 0,
      lastFullRefreshAt: this.lastFullRefreshAt === null ? null : new Date(this.lastFullRefreshAt).toISOString(),
      ageSeconds: view === null ? null : Math.round(view.ageSeconds),
      subscribed: this.unsubscribe !== null,
      consecutiveFailures: this.failures,
      lastError: this.lastError,
    };
  }

  /** Applies an announced change: the given images, or everything when none are given. */
  applyChange(change: AdmissionChange): void {
    if (change.imageIds.length === 0) this.pendingFull = true;
    else for (const id of change.imageIds) this.pendingIds.add(id);
    this.kick();
  }

  /** Asks for a full refresh now (it still waits for a pending retry). */
  refreshNow(): void {
    this.pendingFull = true;
    this.kick();
  }

  private subscribe(): void {
    if (this.stopped) return;
    try {
      this.unsubscribe = this.api.onChange(
        (change) => {
          this.subscriptionFailures = 0;
          this.logger.debug({ imageIds: change.imageIds.length, at: change.at }, "admission snapshot change announced");
          this.applyChange(change);
        },
        (error) => this.subscriptionLost(error),
      );
    } catch (error) {
      this.subscriptionLost(toError(error));
    }
  }

  private subscriptionLost(error: Error): void {
    if (this.stopped) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.subscriptionFailures += 1;
    const delay = this.backoff(this.subscriptionFailures);
    this.logger.warn(
      { err: error.message, retryInMs: delay, attempt: this.subscriptionFailures },
      "admission change subscription lost; resubscribing, then reloading the whole snapshot",
    );
    clearTimeout(this.resubscribeTimer);
    this.resubscribeTimer = setTimeout(() => {
      this.resubscribeTimer = undefined;
      this.subscribe();
      // changes announced while unsubscribed were missed
      this.refreshNow();
    }, delay);
    this.resubscribeTimer.unref();
  }

  private scheduleRefresh(): void {
    if (this.stopped) return;
    const staleMs = (this.index?.settings.staleSnapshotSeconds ?? 0) * 1000;
    // refresh well within the stale limit, so a healthy agent never reads as stale
    const period = staleMs > 0 ? Math.max(MIN_REFRESH_MS, Math.min(this.refreshMs, staleMs / 3)) : this.refreshMs;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refreshNow();
      this.scheduleRefresh();
    }, period);
    this.refreshTimer.unref();
  }

  private backoff(attempt: number): number {
    return Math.min(this.maxRetryMs, this.initialRetryMs * 2 ** Math.max(0, attempt - 1));
  }

  private kick(): void {
    if (this.running || this.stopped || this.retryTimer !== undefined) return;
    void this.work();
  }

  private async work(): Promise<void> {
    this.running = true;
    try {
      while (!this.stopped && (this.pendingFull || this.pendingIds.size > 0)) {
        if (this.pendingFull || this.index === null) {
          this.pendingFull = false;
          this.pendingIds.clear();
          try {
            await this.loadFull();
          } catch (error) {
            this.pendingFull = true;
            throw error;
          }
        } else {
          const ids = [...this.pendingIds];
          this.pendingIds.clear();
          try {
            await this.loadPartial(ids);
          } catch (error) {
            // what else changed meanwhile is unknown: the retry reloads everything
            this.pendingFull = true;
            throw error;
          }
        }
      }
    } catch (error) {
      this.failed(toError(error));
    } finally {
      this.running = false;
    }
  }

  private failed(error: Error): void {
    if (this.stopped) return;
    this.failures += 1;
    this.lastError = error.message;
    const delay = this.backoff(this.failures);
    const view = this.view();
    if (view === null) {
      this.logger.warn(
        { err: error.message, attempt: this.failures, retryInMs: delay },
        "cannot load the admission snapshot from the api; not ready until it loads",
      );
    } else {
      this.logger.warn(
        {
          err: error.message,
          attempt: this.failures,
          retryInMs: delay,
          snapshotAgeSeconds: Math.round(view.ageSeconds),
          lastFullRefreshAt: new Date(this.lastFullRefreshAt ?? 0).toISOString(),
        },
        "cannot refresh the admission snapshot from the api; deciding from the last snapshot",
      );
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, delay);
    this.retryTimer.unref();
  }

  private async loadFull(): Promise<void> {
    const started = this.now();
    const snapshot = await this.api.snapshot();
    this.install(snapshot, "full", this.now() - started, started);
  }

  private async loadPartial(imageIds: string[]): Promise<void> {
    const current = this.index;
    if (current === null) return this.loadFull();
    const started = this.now();
    const partial = await this.api.snapshot(imageIds);
    const requested = new Set(imageIds);
    const returned = new Set(partial.images.map((i) => i.imageId));
    const images = current.snapshot.images.filter((i) => !requested.has(i.imageId) && !returned.has(i.imageId));
    images.push(...partial.images);
    this.install({ ...partial, images }, "partial", this.now() - started, null, {
      requested: imageIds.length,
      updated: returned.size,
      removed: imageIds.filter((id) => !returned.has(id) && current.image(id) !== undefined).length,
    });
  }

  private install(
    snapshot: AdmissionSnapshot,
    kind: "full" | "partial",
    fetchMs: number,
    fullRefreshAt: number | null,
    counts?: Record<string, number>,
  ): void {
    const previous = this.index;
    const index = new SnapshotIndex(snapshot);
    this.index = index;
    if (fullRefreshAt !== null) this.lastFullRefreshAt = fullRefreshAt;
    const recovered = this.failures > 0;
    this.failures = 0;
    this.lastError = null;
    const settingsChanged = previous === null || !sameSettings(previous.settings, index.settings);
    const fields = {
      kind,
      cluster: snapshot.clusterName,
      images: index.size,
      fetchMs,
      generatedAt: snapshot.generatedAt,
      ...(index.ambiguousTags > 0 ? { ambiguousTags: index.ambiguousTags } : {}),
      ...counts,
      ...(settingsChanged ? { settings: summariseSettings(index.settings) } : {}),
    };
    if (previous === null) this.logger.info(fields, "admission snapshot loaded; ready to decide");
    else if (recovered) this.logger.info(fields, "admission snapshot refreshed; the api is reachable again");
    else if (settingsChanged) this.logger.info(fields, "admission settings changed");
    else this.logger.debug(fields, "admission snapshot refreshed");
    if (previous === null) {
      this.resolveReady();
      this.scheduleRefresh();
    } else if (previous.settings.staleSnapshotSeconds !== index.settings.staleSnapshotSeconds) {
      this.scheduleRefresh();
    }
    for (const listener of this.listeners) {
      try {
        listener(index, previous);
      } catch (error) {
        this.logger.error({ err: toError(error).message }, "admission snapshot listener failed");
      }
    }
  }
}

function sameSettings(a: AdmissionSettings, b: AdmissionSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function summariseSettings(s: AdmissionSettings): Record<string, unknown> {
  return {
    enforcement: s.enforcementEnabled ? s.mode : "off",
    unscannedImages: s.unscannedImages,
    exemptNamespaces: s.exemptNamespaces,
    staleSnapshot: `${s.staleSnapshotSeconds}s → ${s.staleSnapshotAction}`,
    failurePolicy: s.failurePolicy,
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
