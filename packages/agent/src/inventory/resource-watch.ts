import { backoffDelay, sleep as defaultSleep, type BackoffOptions } from "../client/backoff.js";
import type { Logger } from "../log.js";
import { KubeApiError, type KubeClient } from "../run/kube-client.js";
import { resourceVersionOf } from "./kube-objects.js";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export type ResourceWatchOptions<R> = {
  /** Plural resource name, for logs: pods, namespaces… */
  resource: string;
  /** Cluster-wide collection path, e.g. /api/v1/pods. */
  path: string;
  kube: KubeClient;
  logger: Logger;
  /** Keeps only what the inventory needs of an object; null skips it. */
  reduce: (object: unknown) => R | null;
  /** A complete list (at start, and after the watch expired): replaces everything known. */
  onListed: (records: R[]) => void;
  onEvent: (type: WatchEventType, record: R) => void;
  /** Objects per list page. */
  pageSize?: number;
  /** The apiserver ends each watch after this many seconds; it is then resumed where it stopped. */
  watchTimeoutSeconds?: () => number;
  backoff?: BackoffOptions;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export const DEFAULT_PAGE_SIZE = 500;
export const WATCH_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000 };
/** A watch that ends sooner than this without any event counts as a failure (no tight reconnect loop). */
const MIN_HEALTHY_WATCH_MS = 1_000;
/** Silence beyond the watch's own timeout means the connection is dead. */
const IDLE_MARGIN_MS = 30_000;

/** Five to ten minutes, so that many agents do not reconnect in step. */
export function randomWatchTimeout(): number {
  return 300 + Math.floor(Math.random() * 300);
}

type Page = { items: unknown[]; resourceVersion: string; continueToken: string | null };

function readPage(body: unknown, resource: string): Page {
  const b = body && typeof body === "object" ? (body as { items?: unknown; metadata?: unknown }) : {};
  const metadata = b.metadata && typeof b.metadata === "object" ? (b.metadata as Record<string, unknown>) : {};
  if (!Array.isArray(b.items)) throw new KubeApiError(`the apiserver's list of ${resource} has no items`, 200);
  const resourceVersion = typeof metadata.resourceVersion === "string" ? metadata.resourceVersion : "";
  const continueToken = typeof metadata.continue === "string" && metadata.continue ? metadata.continue : null;
  return { items: b.items, resourceVersion, continueToken };
}

/**
 * One resource kept in step with the apiserver, as an informer does: a paged list, then a watch from
 * the list's resource version, resumed from the last version seen whenever it ends. A 410 Gone
 * (the version was compacted away) lists again. Errors reconnect with exponential backoff; nothing
 * is lost meanwhile, since the watch resumes where it stopped or the next list replaces everything.
 */
export class ResourceWatch<R> {
  private readonly controller = new AbortController();
  private done: Promise<void> | null = null;
  private listedOnce = false;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly backoff: BackoffOptions;
  private readonly log: Logger;

  constructor(private readonly options: ResourceWatchOptions<R>) {
    this.sleep = options.sleep ?? defaultSleep;
    this.backoff = options.backoff ?? WATCH_BACKOFF;
    this.log = options.logger;
  }

  /** True once the first complete list has been handed over. */
  get listed(): boolean {
    return this.listedOnce;
  }

  start(): void {
    this.done ??= this.run();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.done;
  }

  private get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  private async run(): Promise<void> {
    const { resource } = this.options;
    let resourceVersion = "";
    let failures = 0;
    /** 410s since a watch last worked. */
    let expired = 0;
    let relistReason: string | null = null;
    while (!this.stopped) {
      try {
        if (!resourceVersion) {
          const how = relistReason ? ` again (${relistReason})` : failures > 0 ? " after reconnecting" : "";
          resourceVersion = await this.list(how);
          if (this.stopped) return;
          relistReason = null;
          failures = 0;
        }
        const started = Date.now();
        let events = 0;
        const wasFailing = failures > 0;
        const timeoutSeconds = (this.options.watchTimeoutSeconds ?? randomWatchTimeout)();
        await this.options.kube.watch(
          this.options.path,
          { resourceVersion, allowWatchBookmarks: "true", timeoutSeconds: String(timeoutSeconds) },
          (line) => {
            resourceVersion = this.handle(line, resourceVersion);
            events += 1;
            // The watch works: the next failure backs off from the start.
            failures = 0;
            expired = 0;
          },
          {
            signal: this.controller.signal,
            idleTimeoutMs: timeoutSeconds * 1000 + IDLE_MARGIN_MS,
            onOpen: () => {
              if (wasFailing) this.log.info({ resource }, `watching ${resource} again`);
            },
          },
        );
        if (this.stopped) return;
        if (events === 0 && Date.now() - started < MIN_HEALTHY_WATCH_MS) {
          throw new KubeApiError(`the apiserver ended the ${resource} watch at once`, null);
        }
        failures = 0;
        expired = 0;
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof KubeApiError && error.gone) {
          this.log.info({ resource }, `the ${resource} watch is too old for the apiserver (410 Gone); listing again`);
          resourceVersion = "";
          relistReason = "the watch expired";
          // A second 410 in a row backs off like any failure.
          if (expired > 0) await this.pause(expired - 1, error);
          expired += 1;
          continue;
        }
        await this.pause(failures++, error);
      }
    }
  }

  private async pause(attempt: number, error: unknown): Promise<void> {
    const { resource } = this.options;
    const delay = backoffDelay(attempt, this.backoff);
    const message = error instanceof Error ? error.message : String(error);
    const denied = error instanceof KubeApiError && (error.status === 401 || error.status === 403);
    if (denied) {
      this.log.error(
        { resource, status: error.status, retryInMs: delay },
        `the apiserver refuses to let the agent list and watch ${resource} (${message}); check the agent's ClusterRole and credentials`,
      );
    } else if (!(error instanceof KubeApiError)) {
      this.log.error({ resource, err: error, retryInMs: delay }, `the ${resource} watch failed unexpectedly`);
    } else {
      this.log.warn(
        { resource, failures: attempt + 1, retryInMs: delay },
        `lost the ${resource} watch: ${message}; retrying in ${delay} ms`,
      );
    }
    try {
      await this.sleep(delay, this.controller.signal);
    } catch {
      // Stopped while waiting.
    }
  }

  /** Lists every page and hands the records over; returns the list's resource version. */
  private async list(how: string): Promise<string> {
    const { resource, path } = this.options;
    const limit = String(this.options.pageSize ?? DEFAULT_PAGE_SIZE);
    for (let restart = 0; ; restart += 1) {
      const records: R[] = [];
      let continueToken: string | null = null;
      let resourceVersion: string;
      try {
        do {
          const query: Record<string, string> = { limit };
          if (continueToken) query.continue = continueToken;
          const page = readPage(await this.options.kube.getJson(path, query, this.controller.signal), resource);
          for (const item of page.items) {
            const record = this.options.reduce(item);
            if (record !== null) records.push(record);
          }
          resourceVersion = page.resourceVersion;
          continueToken = page.continueToken;
        } while (continueToken && !this.stopped);
      } catch (error) {
        // The continue token expired between pages: start the list over (once; then back off).
        if (error instanceof KubeApiError && error.gone && continueToken && restart === 0) {
          this.log.info({ resource }, `the ${resource} list expired between pages; listing again from the start`);
          continue;
        }
        throw error;
      }
      if (this.stopped) return "";
      if (!resourceVersion) throw new KubeApiError(`the apiserver's list of ${resource} has no resource version`, 200);
      this.log.info({ resource, count: records.length }, `listed ${records.length} ${resource}${how}`);
      this.listedOnce = true;
      this.options.onListed(records);
      return resourceVersion;
    }
  }

  /** Applies one watch line; returns the resource version to resume from. */
  private handle(line: string, resourceVersion: string): string {
    const { resource } = this.options;
    let event: { type?: unknown; object?: unknown };
    try {
      event = JSON.parse(line) as { type?: unknown; object?: unknown };
    } catch {
      throw new KubeApiError(`the apiserver sent a ${resource} watch event that is not JSON`, 200);
    }
    const type = event.type;
    if (type === "ERROR") {
      const status = (event.object ?? {}) as { code?: unknown; message?: unknown; reason?: unknown };
      const code = typeof status.code === "number" ? status.code : null;
      const message = typeof status.message === "string" ? status.message : "no message";
      throw new KubeApiError(
        `the apiserver ended the ${resource} watch: ${message}`,
        code,
        typeof status.reason === "string" ? status.reason : null,
      );
    }
    const next = resourceVersionOf(event.object) ?? resourceVersion;
    if (type === "ADDED" || type === "MODIFIED" || type === "DELETED") {
      const record = this.options.reduce(event.object);
      if (record !== null) this.options.onEvent(type, record);
    }
    // BOOKMARK (and anything unknown) only moves the resource version on.
    return next;
  }
}
