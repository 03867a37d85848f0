import type { AgentApi, ClaimedScanJob } from "../api/contract.js";
import { isApiError, type ApiError } from "../client/api-error.js";
import { backoffDelay, sleep as defaultSleep, type BackoffOptions } from "../client/backoff.js";
import type { Logger } from "../log.js";
import { ScanError, type Scanner } from "../scanner/scanner.js";

export type ScanWorkerOptions = {
  api: Pick<AgentApi, "claimScanJobs" | "completeScanJob" | "failScanJob">;
  scanner: Pick<Scanner, "scan">;
  logger: Logger;
  /** Names this worker to the api (the claims are its own). */
  workerId: string;
  /** Scans at the same time. */
  concurrency: number;
  /** The scanner's own timeout; the lease covers it. */
  scanTimeoutSeconds: number;
  /** Between claims when the last one found nothing; default 5 s. */
  pollMs?: number;
  /** Between claims while the last one found jobs and slots are free; default 250 ms. */
  busyPollMs?: number;
  /** Added to the scan timeout for the lease: time to upload the report; default 60 s. */
  leaseMarginSeconds?: number;
  /** How long stopping waits for running scans before it stops them; default 25 s. */
  shutdownGraceMs?: number;
  /** The api refused the key: the agent should stop. */
  onFatal: (error: ApiError) => void;
  claimBackoff?: BackoffOptions;
  reportBackoff?: BackoffOptions;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export type ScanWorker = {
  /** Jobs being scanned or reported now. */
  readonly running: number;
  /** Stops claiming, lets running scans finish within the grace period, stops the rest. */
  stop(): Promise<void>;
};

/** The api's bounds for a lease, and for one claim. */
export const MIN_LEASE_SECONDS = 30;
export const MAX_LEASE_SECONDS = 3600;
export const MAX_CLAIM = 20;
/** The api keeps failure messages up to this length. */
const MAX_ERROR_CHARS = 10_000;

const CLAIM_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 60_000 };
const REPORT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 15_000 };
const REPORT_ATTEMPTS = 6;
const STOP_REPORT_MS = 10_000;

/** The lease a claim asks for: the scan's timeout plus a margin to report, within the api's bounds. */
export function leaseSecondsFor(scanTimeoutSeconds: number, marginSeconds = 60): number {
  return Math.min(MAX_LEASE_SECONDS, Math.max(MIN_LEASE_SECONDS, Math.ceil(scanTimeoutSeconds + marginSeconds)));
}

type Running = { job: ClaimedScanJob; controller: AbortController; done: Promise<void>; stopping: boolean };

/**
 * Claims scan jobs the cluster asked for, at most as many as there are free slots, and runs the
 * scanner on each with the job's own registry credentials. The report goes back with
 * completeScanJob, a failure with the scanner's own message with failScanJob. A job whose lease
 * ran out meanwhile is answered with a conflict by the api (another worker has it now): logged,
 * and the worker moves on.
 */
export function startScanWorker(options: ScanWorkerOptions): ScanWorker {
  const { api, logger, workerId } = options;
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? defaultSleep;
  const pollMs = options.pollMs ?? 5_000;
  const busyPollMs = options.busyPollMs ?? 250;
  const leaseSeconds = leaseSecondsFor(options.scanTimeoutSeconds, options.leaseMarginSeconds ?? 60);
  const running = new Map<string, Running>();
  const shutdown = new AbortController();
  let stopping = false;
  let claiming = false;
  let timer: NodeJS.Timeout | null = null;
  let timerAt = 0;
  let claimFailures = 0;
  let lastClaimFound = false;

  if (options.scanTimeoutSeconds + (options.leaseMarginSeconds ?? 60) > MAX_LEASE_SECONDS) {
    logger.warn(
      { scanTimeoutSeconds: options.scanTimeoutSeconds, leaseSeconds },
      `the scan timeout is longer than the longest lease the api grants (${MAX_LEASE_SECONDS} s): a scan that runs that long may be handed to another worker`,
    );
  }

  const schedule = (ms: number) => {
    if (stopping) return;
    const at = now() + ms;
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => void claim(), ms);
  };

  const claim = async () => {
    timer = null;
    if (stopping || claiming) return;
    const free = options.concurrency - running.size;
    // A finishing scan asks for the next claim.
    if (free <= 0) return;
    claiming = true;
    let jobs: ClaimedScanJob[];
    try {
      jobs = await api.claimScanJobs(workerId, Math.min(free, MAX_CLAIM), leaseSeconds);
    } catch (error) {
      claiming = false;
      if (stopping) return;
      if (isApiError(error) && error.refused) {
        logger.error({ kind: error.kind, code: error.code }, `the Bulwark api refused the agent: ${error.message}`);
        stopping = true;
        options.onFatal(error);
        return;
      }
      const delay = backoffDelay(claimFailures, options.claimBackoff ?? CLAIM_BACKOFF);
      claimFailures += 1;
      const message = error instanceof Error ? error.message : String(error);
      if (isApiError(error)) {
        logger.warn(
          { kind: error.kind, failures: claimFailures, retryInMs: delay },
          `cannot claim scan jobs: ${message}`,
        );
      } else {
        logger.error({ err: error, retryInMs: delay }, "claiming scan jobs failed unexpectedly");
      }
      schedule(delay);
      return;
    }
    claiming = false;
    if (claimFailures > 0) logger.info("claiming scan jobs again");
    claimFailures = 0;
    lastClaimFound = jobs.length > 0;
    for (const job of jobs) start(job);
    if (stopping) return;
    schedule(lastClaimFound && running.size < options.concurrency ? busyPollMs : pollMs);
  };

  const start = (job: ClaimedScanJob) => {
    const controller = new AbortController();
    const entry: Running = { job, controller, done: Promise.resolve(), stopping: false };
    running.set(job.id, entry);
    entry.done = runJob(entry).finally(() => {
      running.delete(job.id);
      if (stopping) return;
      // A slot is free: claim again soon if the queue had work, else at the usual pace.
      schedule(lastClaimFound ? 0 : pollMs);
    });
  };

  const runJob = async (entry: Running) => {
    const { job } = entry;
    const context = { jobId: job.id, reference: job.reference, attempt: job.attempts, maxAttempts: job.maxAttempts };
    if (stopping) {
      await report(job, "fail", () =>
        api.failScanJob(job.id, workerId, "the agent stopped before the scan started; it will be retried"),
      );
      return;
    }
    logger.info(context, `scanning ${job.reference} (attempt ${job.attempts} of ${job.maxAttempts})`);
    let output: Awaited<ReturnType<ScanWorkerOptions["scanner"]["scan"]>>;
    try {
      output = await options.scanner.scan({
        reference: job.reference,
        credentials: job.credentials,
        signal: entry.controller.signal,
      });
    } catch (error) {
      const message =
        error instanceof ScanError
          ? error.reason === "aborted" && entry.stopping
            ? "the agent stopped before the scan finished; it will be retried"
            : error.message
          : `the scan failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
      if (!(error instanceof ScanError)) logger.error({ ...context, err: error }, "the scanner failed unexpectedly");
      logger.warn({ ...context }, `the scan of ${job.reference} failed: ${message}`);
      await report(job, "fail", () => api.failScanJob(job.id, workerId, trimError(message)));
      return;
    }
    const result = await report(job, "complete", () => api.completeScanJob(job.id, workerId, output.report));
    if (result.outcome === "done") {
      logger.info(
        { ...context, status: result.value.status, durationMs: output.durationMs },
        `scanned ${job.reference}: ${result.value.status.replace("_", "-")} in this cluster`,
      );
    } else if (result.outcome === "rejected") {
      // The api would not take the report: say why, so the job fails visibly instead of expiring.
      await report(job, "fail", () =>
        api.failScanJob(job.id, workerId, trimError(`the api rejected the scanner's report: ${result.message}`)),
      );
    }
  };

  type Outcome<T> = { outcome: "done"; value: T } | { outcome: "rejected"; message: string } | { outcome: "dropped" };

  /**
   * Sends a completion or failure. Network trouble is retried while the lease lasts (a repeat of
   * a call that did arrive is answered with a conflict, which is fine); a conflict or a missing
   * job means the lease ran out and another worker has the job.
   */
  const report = async <T>(
    job: ClaimedScanJob,
    what: "complete" | "fail",
    call: () => Promise<T>,
  ): Promise<Outcome<T>> => {
    const leaseEnds = Date.parse(job.leaseUntil);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return { outcome: "done", value: await call() };
      } catch (error) {
        const context = { jobId: job.id, reference: job.reference };
        if (!isApiError(error)) {
          logger.error({ ...context, err: error }, `reporting the scan of ${job.reference} failed unexpectedly`);
          return { outcome: "dropped" };
        }
        if (error.refused) {
          logger.error({ kind: error.kind, code: error.code }, `the Bulwark api refused the agent: ${error.message}`);
          if (!stopping) {
            stopping = true;
            options.onFatal(error);
          }
          return { outcome: "dropped" };
        }
        if (error.code === "CONFLICT" || error.code === "NOT_FOUND") {
          logger.warn(
            { ...context, code: error.code },
            `the api no longer holds the scan of ${job.reference} for this worker (its lease may have expired and another worker retried it): ${error.message}; moving on`,
          );
          return { outcome: "dropped" };
        }
        const retryable = error.retryable || error.kind === "network";
        const delay = backoffDelay(attempt, options.reportBackoff ?? REPORT_BACKOFF);
        const leaseLeft = Number.isFinite(leaseEnds) ? leaseEnds - now() : Number.POSITIVE_INFINITY;
        if (retryable && attempt + 1 < REPORT_ATTEMPTS && delay < leaseLeft) {
          logger.warn(
            { ...context, kind: error.kind, retryInMs: delay },
            `cannot ${what} the scan job of ${job.reference}: ${error.message}; retrying`,
          );
          try {
            // While the agent stops, there is no time for retries: the lease expiry covers it.
            await wait(delay, shutdown.signal);
          } catch {
            logger.warn(
              context,
              `the agent is stopping; the scan job of ${job.reference} is retried once its lease expires`,
            );
            return { outcome: "dropped" };
          }
          continue;
        }
        if (!retryable && what === "complete") return { outcome: "rejected", message: error.message };
        logger.error(
          { ...context, kind: error.kind, code: error.code },
          `cannot ${what} the scan job of ${job.reference}: ${error.message}; the job is retried once its lease expires`,
        );
        return { outcome: "dropped" };
      }
    }
  };

  schedule(0);
  logger.info(
    { workerId, concurrency: options.concurrency, leaseSeconds, pollMs },
    `scan worker started: up to ${options.concurrency} scans at a time`,
  );

  return {
    get running() {
      return running.size;
    },
    async stop() {
      if (shutdown.signal.aborted) return;
      shutdown.abort();
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (!running.size) return;
      const graceMs = options.shutdownGraceMs ?? 25_000;
      logger.info(
        { running: running.size, graceMs },
        `waiting up to ${Math.round(graceMs / 1000)} s for ${running.size} running scans to finish`,
      );
      const all = () => Promise.all([...running.values()].map((r) => r.done));
      let graceTimer: NodeJS.Timeout | null = null;
      const finished = await Promise.race([
        all().then(() => true),
        new Promise<boolean>((resolve) => (graceTimer = setTimeout(() => resolve(false), graceMs))),
      ]);
      if (graceTimer) clearTimeout(graceTimer);
      if (finished) return;
      logger.warn(
        { running: running.size },
        `stopping ${running.size} scans that did not finish in time; their jobs will be retried`,
      );
      for (const r of running.values()) {
        r.stopping = true;
        r.controller.abort();
      }
      // The scanner is killed at once; reporting the failure gets a few seconds.
      await Promise.race([all(), wait(STOP_REPORT_MS).catch(() => undefined)]);
    },
  };
}

function trimError(message: string): string {
  const text = message.trim() || "the scan failed without a message";
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}
