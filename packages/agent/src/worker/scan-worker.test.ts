import { afterEach, describe, expect, it } from "vitest";
import type { ClaimedScanJob, VerdictStatus } from "../api/contract.js";
import { ApiError } from "../client/api-error.js";
import { sleep } from "../client/backoff.js";
import { ScanError, type ScanOutput, type ScanRequest } from "../scanner/scanner.js";
import { memoryLogger } from "../webhook/test-logger.js";
import {
  leaseSecondsFor,
  MAX_CLAIM,
  MAX_LEASE_SECONDS,
  MIN_LEASE_SECONDS,
  startScanWorker,
  type ScanWorker,
  type ScanWorkerOptions,
} from "./scan-worker.js";

const WARN = 40;
const ERROR = 50;

const until = async (check: () => boolean, what: string, ms = 1_500) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
};

const job = (id: string, overrides: Partial<ClaimedScanJob> = {}): ClaimedScanJob => ({
  id,
  reference: `registry.example/team/${id}@sha256:${id.padEnd(64, "0")}`,
  scanner: "trivy",
  attempts: 1,
  maxAttempts: 3,
  leaseUntil: new Date(Date.now() + 10 * 60_000).toISOString(),
  credentials: null,
  ...overrides,
});

type Deferred<T> = { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void };
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The remote api: a queue of jobs to claim, and every call recorded. Errors are thrown on demand. */
function fakeApi() {
  const queue: ClaimedScanJob[] = [];
  const claims: Array<{ workerId: string; limit: number; leaseSeconds: number }> = [];
  const completed: Array<{ jobId: string; workerId: string; report: unknown }> = [];
  const failed: Array<{ jobId: string; workerId: string; error: string }> = [];
  const errors = { claim: [] as unknown[], complete: [] as unknown[], fail: [] as unknown[] };
  let claimGate: Deferred<void> | null = null;
  let status: VerdictStatus = "compliant";
  return {
    queue,
    claims,
    completed,
    failed,
    errors,
    setStatus(next: VerdictStatus) {
      status = next;
    },
    /** Claims wait until the returned function is called. */
    holdClaims(): () => void {
      const gate = deferred<void>();
      claimGate = gate;
      return () => {
        claimGate = null;
        gate.resolve();
      };
    },
    async claimScanJobs(workerId: string, limit: number, leaseSeconds: number) {
      claims.push({ workerId, limit, leaseSeconds });
      if (claimGate) await claimGate.promise;
      if (errors.claim.length) throw errors.claim.shift();
      return queue.splice(0, limit);
    },
    async completeScanJob(jobId: string, workerId: string, report: unknown) {
      if (errors.complete.length) throw errors.complete.shift();
      completed.push({ jobId, workerId, report });
      return { status };
    },
    async failScanJob(jobId: string, workerId: string, error: string) {
      if (errors.fail.length) throw errors.fail.shift();
      failed.push({ jobId, workerId, error });
    },
  };
}

/** The scanner: each scan waits until the test finishes or fails it, or its signal is aborted. */
function fakeScanner() {
  const requests = new Map<string, ScanRequest>();
  const scans = new Map<string, Deferred<ScanOutput>>();
  let running = 0;
  let maxRunning = 0;
  const idOf = (reference: string) => reference.split("/").at(-1)?.split("@")[0] ?? reference;
  return {
    requests,
    get running() {
      return running;
    },
    get maxRunning() {
      return maxRunning;
    },
    started: () => [...requests.keys()],
    async scan(request: ScanRequest): Promise<ScanOutput> {
      const id = idOf(request.reference);
      const scan = deferred<ScanOutput>();
      requests.set(id, request);
      scans.set(id, scan);
      request.signal?.addEventListener("abort", () => scan.reject(new ScanError("aborted", "the scan was stopped")));
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      try {
        return await scan.promise;
      } finally {
        running -= 1;
      }
    },
    finish(id: string, report: unknown = { SchemaVersion: 2, ArtifactName: id, Results: [] }) {
      scans.get(id)?.resolve({ report, durationMs: 1200, stderr: "" });
    },
    fail(id: string, error: unknown) {
      scans.get(id)?.reject(error);
    },
  };
}

const workers: ScanWorker[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

function setup(options: Partial<ScanWorkerOptions> = {}) {
  const api = fakeApi();
  const scanner = fakeScanner();
  const { logger, lines } = memoryLogger();
  const fatal: ApiError[] = [];
  const delays: number[] = [];
  const start = () => {
    const worker = startScanWorker({
      api,
      scanner,
      logger,
      workerId: "agent-1",
      concurrency: 2,
      scanTimeoutSeconds: 300,
      pollMs: 20,
      busyPollMs: 5,
      onFatal: (error) => fatal.push(error),
      claimBackoff: { initialMs: 20, maxMs: 40 },
      reportBackoff: { initialMs: 20, maxMs: 40 },
      shutdownGraceMs: 20,
      // Every wait is recorded and kept short.
      sleep: (ms, signal) => {
        delays.push(ms);
        return sleep(Math.min(ms, 5), signal);
      },
      ...options,
    });
    workers.push(worker);
    return worker;
  };
  return { api, scanner, lines, fatal, delays, start };
}

describe("leaseSecondsFor", () => {
  it("is the scan timeout plus the margin, within the api's bounds", () => {
    expect(leaseSecondsFor(300)).toBe(360);
    expect(leaseSecondsFor(300, 30)).toBe(330);
    expect(leaseSecondsFor(10.2, 0)).toBe(MIN_LEASE_SECONDS);
    expect(leaseSecondsFor(40.2, 0)).toBe(41);
    expect(leaseSecondsFor(0, 0)).toBe(MIN_LEASE_SECONDS);
    expect(leaseSecondsFor(MAX_LEASE_SECONDS)).toBe(MAX_LEASE_SECONDS);
    expect(leaseSecondsFor(100_000, 60)).toBe(MAX_LEASE_SECONDS);
    expect([MIN_LEASE_SECONDS, MAX_LEASE_SECONDS]).toEqual([30, 3600]);
  });
});

describe("startScanWorker", () => {
  it("claims at most as many jobs as it has free slots, and claims again as scans finish", async () => {
    const { api, scanner, start } = setup();
    api.queue.push(job("a"), job("b"), job("c"));
    start();
    await until(() => scanner.started().length === 2, "two scans");
    expect(api.claims[0]).toEqual({ workerId: "agent-1", limit: 2, leaseSeconds: 360 });
    await sleep(40);
    // Both slots are taken: no claim meanwhile.
    expect(api.claims).toHaveLength(1);
    expect(scanner.started()).toEqual(["a", "b"]);

    scanner.finish("a");
    await until(() => scanner.started().length === 3, "the third scan");
    expect(api.claims.slice(1).every((c) => c.limit === 1)).toBe(true);
    expect(scanner.maxRunning).toBe(2);
    scanner.finish("b");
    scanner.finish("c");
    await until(() => api.completed.length === 3, "three completions");
  });

  it("claims no more than the api's limit at once", async () => {
    const { api, start } = setup({ concurrency: 50 });
    start();
    await until(() => api.claims.length > 0, "a claim");
    expect(api.claims[0]?.limit).toBe(MAX_CLAIM);
  });

  it("keeps polling at its pace while the queue is empty", async () => {
    const { api, start } = setup({ pollMs: 10 });
    start();
    await until(() => api.claims.length >= 3, "three claims");
    expect(api.claims.every((c) => c.limit === 2)).toBe(true);
  });

  it("hands the scanner the job's reference, registry credentials and a signal", async () => {
    const { api, scanner, start } = setup();
    const credentials = { username: "robot$ci", password: "s3cret" };
    api.queue.push(job("a", { credentials }));
    start();
    await until(() => scanner.started().length === 1, "the scan");
    const request = scanner.requests.get("a");
    expect(request?.reference).toBe(job("a").reference);
    expect(request?.credentials).toEqual(credentials);
    expect(request?.signal?.aborted).toBe(false);
  });

  it("completes the job with the scanner's report", async () => {
    const { api, scanner, lines, start } = setup();
    api.setStatus("non_compliant");
    api.queue.push(job("a", { attempts: 2 }));
    start();
    await until(() => scanner.started().length === 1, "the scan");
    const report = { SchemaVersion: 2, ArtifactName: "a", Results: [{ Target: "a", Vulnerabilities: [] }] };
    scanner.finish("a", report);
    await until(() => api.completed.length === 1, "the completion");
    expect(api.completed).toEqual([{ jobId: "a", workerId: "agent-1", report }]);
    expect(api.failed).toEqual([]);
    expect(lines.find((l) => l.msg.startsWith("scanned "))).toMatchObject({
      msg: `scanned ${job("a").reference}: non-compliant in this cluster`,
      jobId: "a",
      attempt: 2,
      status: "non_compliant",
    });
  });

  it("fails the job with the scanner's own message", async () => {
    const { api, scanner, lines, start } = setup();
    api.queue.push(job("a"));
    start();
    await until(() => scanner.started().length === 1, "the scan");
    scanner.fail(
      "a",
      new ScanError("exited", "trivy: unable to find the specified image: unauthorized: authentication required", 1),
    );
    await until(() => api.failed.length === 1, "the failure");
    expect(api.failed).toEqual([
      {
        jobId: "a",
        workerId: "agent-1",
        error: "trivy: unable to find the specified image: unauthorized: authentication required",
      },
    ]);
    expect(api.completed).toEqual([]);
    expect(lines.filter((l) => l.level === ERROR)).toEqual([]);
    expect(lines.find((l) => l.level === WARN)?.msg).toBe(
      `the scan of ${job("a").reference} failed: trivy: unable to find the specified image: unauthorized: authentication required`,
    );
  });

  it("fails the job when the scanner throws something unexpected, and trims long messages", async () => {
    const { api, scanner, lines, start } = setup();
    api.queue.push(job("a"), job("b"));
    start();
    await until(() => scanner.started().length === 2, "the scans");
    scanner.fail("a", new TypeError("cannot read properties of undefined"));
    scanner.fail("b", new ScanError("exited", `fatal: ${"x".repeat(20_000)}`));
    await until(() => api.failed.length === 2, "the failures");
    const byJob = Object.fromEntries(api.failed.map((f) => [f.jobId, f.error]));
    expect(byJob.a).toBe("the scan failed unexpectedly: cannot read properties of undefined");
    expect(byJob.b).toHaveLength(10_000);
    expect(byJob.b?.endsWith("x…")).toBe(true);
    expect(lines.find((l) => l.level === ERROR)?.msg).toBe("the scanner failed unexpectedly");
  });

  it("logs a CONFLICT on complete and moves on without failing the job", async () => {
    const { api, scanner, lines, start } = setup();
    api.errors.complete.push(
      new ApiError({ kind: "graphql", code: "CONFLICT", message: "the job is leased to another worker" }),
    );
    api.queue.push(job("a"), job("b"));
    start();
    await until(() => scanner.started().length === 2, "the scans");
    scanner.finish("a");
    await until(() => lines.some((l) => l.level === WARN), "the warning");
    scanner.finish("b");
    await until(() => api.completed.length === 1, "the second completion");
    expect(api.completed.map((c) => c.jobId)).toEqual(["b"]);
    expect(api.failed).toEqual([]);
    expect(lines.find((l) => l.level === WARN)).toMatchObject({
      msg: `the api no longer holds the scan of ${job("a").reference} for this worker (its lease may have expired and another worker retried it): the job is leased to another worker; moving on`,
      code: "CONFLICT",
    });
  });

  it("drops a job the api no longer knows when failing it", async () => {
    const { api, scanner, lines, start } = setup();
    api.errors.fail.push(new ApiError({ kind: "graphql", code: "NOT_FOUND", message: "no such job" }));
    api.queue.push(job("a"));
    start();
    await until(() => scanner.started().length === 1, "the scan");
    scanner.fail("a", new ScanError("timed_out", "the scan took longer than 300 s"));
    await until(() => lines.some((l) => l.code === "NOT_FOUND"), "the warning");
    await sleep(20);
    expect(api.failed).toEqual([]);
    expect(api.completed).toEqual([]);
  });

  it("fails the job when the api rejects the scanner's report", async () => {
    const { api, scanner, start } = setup();
    api.errors.complete.push(
      new ApiError({
        kind: "graphql",
        code: "BAD_USER_INPUT",
        message: "the report is not a Trivy JSON report",
        retryable: false,
      }),
    );
    api.queue.push(job("a"));
    start();
    await until(() => scanner.started().length === 1, "the scan");
    scanner.finish("a", { unexpected: true });
    await until(() => api.failed.length === 1, "the failure");
    expect(api.failed).toEqual([
      {
        jobId: "a",
        workerId: "agent-1",
        error: "the api rejected the scanner's report: the report is not a Trivy JSON report",
      },
    ]);
    expect(api.completed).toEqual([]);
  });

  it("retries a report that could not be delivered, with backoff", async () => {
    const { api, scanner, lines, delays, start } = setup();
    const unreachable = () =>
      new ApiError({ kind: "network", message: "cannot reach the Bulwark api: ECONNRESET", retryable: true });
    api.errors.complete.push(unreachable(), unreachable());
    api.queue.push(job("a"));
    start();
    await until(() => scanner.started().length === 1, "the scan");
    const before = delays.length;
    scanner.finish("a");
    await until(() => api.completed.length === 1, "the completion");
    expect(api.failed).toEqual([]);
    const retries = lines.filter((l) => l.msg.startsWith(`cannot complete the scan job of ${job("a").reference}`));
    expect(retries.map((l) => l.retryInMs)).toEqual(delays.slice(before));
    expect(retries).toHaveLength(2);
    expect(retries[0]?.retryInMs).toBeGreaterThanOrEqual(10);
    expect(retries[0]?.retryInMs).toBeLessThanOrEqual(20);
    expect(retries[1]?.retryInMs).toBeGreaterThanOrEqual(20);
    expect(retries[1]?.retryInMs).toBeLessThanOrEqual(40);
  });

  it("does not retry a report past the job's lease", async () => {
    const { api, scanner, lines, start } = setup();
    api.errors.complete.push(
      new ApiError({ kind: "http", status: 503, message: "service unavailable", retryable: true }),
    );
    api.queue.push(job("a", { leaseUntil: new Date(Date.now() + 5).toISOString() }));
    start();
    await until(() => scanner.started().length === 1, "the scan");
    await sleep(10);
    scanner.finish("a");
    await until(() => lines.some((l) => l.level === ERROR), "the error");
    expect(lines.find((l) => l.level === ERROR)?.msg).toBe(
      `cannot complete the scan job of ${job("a").reference}: service unavailable; the job is retried once its lease expires`,
    );
    await sleep(20);
    expect(api.completed).toEqual([]);
    expect(api.failed).toEqual([]);
  });

  it("backs off after a failed claim and claims again", async () => {
    const { api, scanner, lines, delays, start } = setup();
    api.errors.claim.push(new ApiError({ kind: "network", message: "cannot reach the Bulwark api", retryable: true }));
    api.queue.push(job("a"));
    start();
    await until(() => scanner.started().length === 1, "the scan after the retried claim");
    expect(api.claims).toHaveLength(2);
    const warning = lines.find((l) => l.level === WARN);
    expect(warning).toMatchObject({ msg: "cannot claim scan jobs: cannot reach the Bulwark api", failures: 1 });
    expect(warning?.retryInMs).toBeGreaterThanOrEqual(10);
    expect(warning?.retryInMs).toBeLessThanOrEqual(20);
    expect(lines.some((l) => l.msg === "claiming scan jobs again")).toBe(true);
    expect(delays).toEqual([]);
  });

  it("calls onFatal and stops claiming when the api refuses the key", async () => {
    const { api, fatal, lines, start } = setup({ pollMs: 5 });
    const refused = new ApiError({ kind: "unauthenticated", message: "the API key was revoked" });
    api.errors.claim.push(refused);
    start();
    await until(() => fatal.length === 1, "onFatal");
    expect(fatal[0]).toBe(refused);
    await sleep(40);
    expect(api.claims).toHaveLength(1);
    expect(lines.find((l) => l.level === ERROR)?.msg).toBe(
      "the Bulwark api refused the agent: the API key was revoked",
    );
  });

  it("calls onFatal when the key is refused while reporting, without failing the job", async () => {
    const { api, scanner, fatal, start } = setup({ pollMs: 5 });
    api.errors.complete.push(new ApiError({ kind: "forbidden", message: "the key is bound to another cluster" }));
    api.queue.push(job("a"));
    start();
    await until(() => scanner.started().length === 1, "the scan");
    scanner.finish("a");
    await until(() => fatal.length === 1, "onFatal");
    const claims = api.claims.length;
    await sleep(40);
    expect(api.claims).toHaveLength(claims);
    expect(api.failed).toEqual([]);
  });

  it("stop() lets running scans finish within the grace period, and stops and fails the rest", async () => {
    const { api, scanner, lines, start } = setup({ shutdownGraceMs: 500 });
    api.queue.push(job("quick"), job("slow"), job("queued"));
    const worker = start();
    await until(() => scanner.started().length === 2, "two scans");
    expect(worker.running).toBe(2);

    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await sleep(30);
    expect(stopped).toBe(false);
    scanner.finish("quick");
    await until(() => api.completed.length === 1, "the quick scan's completion");
    expect(stopped).toBe(false);

    await stopping;
    expect(api.completed.map((c) => c.jobId)).toEqual(["quick"]);
    expect(api.failed).toEqual([
      { jobId: "slow", workerId: "agent-1", error: "the agent stopped before the scan finished; it will be retried" },
    ]);
    expect(scanner.requests.get("quick")?.signal?.aborted).toBe(false);
    expect(scanner.requests.get("slow")?.signal?.aborted).toBe(true);
    expect(worker.running).toBe(0);
    expect(
      lines.some((l) => l.msg === "stopping 1 scans that did not finish in time; their jobs will be retried"),
    ).toBe(true);
    // No claim once stopping: the third job stays queued.
    await sleep(30);
    expect(api.claims).toHaveLength(1);
    expect(api.queue.map((j) => j.id)).toEqual(["queued"]);
  });

  it("stop() returns once every running scan has finished, without stopping any", async () => {
    const { api, scanner, start } = setup({ shutdownGraceMs: 5_000 });
    api.queue.push(job("a"), job("b"));
    const worker = start();
    await until(() => scanner.started().length === 2, "two scans");
    const stopping = worker.stop();
    scanner.finish("a");
    scanner.finish("b");
    await stopping;
    expect(api.completed.map((c) => c.jobId).sort()).toEqual(["a", "b"]);
    expect(api.failed).toEqual([]);
    expect(scanner.requests.get("b")?.signal?.aborted).toBe(false);
  });

  it("fails a job claimed while stopping without scanning it", async () => {
    const { api, scanner, start } = setup();
    const release = api.holdClaims();
    api.queue.push(job("late"));
    const worker = start();
    await until(() => api.claims.length === 1, "the claim");
    const stopping = worker.stop();
    release();
    await stopping;
    await until(() => api.failed.length === 1, "the failure");
    expect(api.failed).toEqual([
      { jobId: "late", workerId: "agent-1", error: "the agent stopped before the scan started; it will be retried" },
    ]);
    expect(scanner.started()).toEqual([]);
  });

  it("warns when the scan timeout is longer than the longest lease", async () => {
    const { lines, start } = setup({ scanTimeoutSeconds: 3_600 });
    start();
    expect(lines.find((l) => l.level === WARN)).toMatchObject({
      msg: "the scan timeout is longer than the longest lease the api grants (3600 s): a scan that runs that long may be handed to another worker",
      leaseSeconds: MAX_LEASE_SECONDS,
    });
  });
});
