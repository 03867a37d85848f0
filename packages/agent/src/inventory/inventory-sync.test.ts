import { afterEach, describe, expect, it } from "vitest";
import type { InventoryNamespace, InventoryPod, InventoryReport, InventoryReportResult } from "../api/contract.js";
import { ApiError } from "../client/api-error.js";
import { memoryLogger } from "../webhook/test-logger.js";
import { InventoryState } from "./inventory-state.js";
import { InventorySync, type InventorySyncOptions } from "./inventory-sync.js";

const namespace = (name: string): InventoryNamespace => ({
  uid: `uid-${name}`,
  name,
  createdAt: "2026-01-01T00:00:00Z",
  labels: {},
});

const pod = (uid: string, namespaceName = "shop"): InventoryPod => ({
  uid,
  namespace: namespaceName,
  name: `pod-${uid}`,
  phase: "Running",
  nodeName: "node-a",
  ownerKind: null,
  ownerName: null,
  createdAt: "2026-03-01T12:00:00Z",
  labels: {},
  containers: [{ name: "app", kind: "app", image: "app:1", imageID: null }],
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const until = async (check: () => boolean, what: string, ms = 1_500) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
};

type Attempt = { report: InventoryReport; at: number; outcome: "accepted" | "failed" };

/** The remote api: records every report, fails the next ones on demand, and can hold them in flight. */
function fakeApi() {
  const attempts: Attempt[] = [];
  const failures: unknown[] = [];
  let held: Array<() => void> | null = null;
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    attempts,
    /** Reports the api took. */
    get accepted(): InventoryReport[] {
      return attempts.filter((a) => a.outcome === "accepted").map((a) => a.report);
    },
    get maxInFlight() {
      return maxInFlight;
    },
    failNext(...errors: unknown[]) {
      failures.push(...errors);
    },
    /** Reports wait until released. */
    hold() {
      held = [];
    },
    release() {
      const waiting = held ?? [];
      held = null;
      for (const resolve of waiting) resolve();
    },
    async reportInventory(report: InventoryReport): Promise<InventoryReportResult> {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const attempt: Attempt = { report: structuredClone(report), at: Date.now(), outcome: "accepted" };
      try {
        if (held) await new Promise<void>((resolve) => held?.push(resolve));
        if (failures.length) {
          attempt.outcome = "failed";
          throw failures.shift();
        }
        return { namespaces: report.namespaces.length, pods: report.pods.length, scansQueued: 0 };
      } finally {
        attempts.push(attempt);
        inFlight -= 1;
      }
    },
  };
}

const networkError = () =>
  new ApiError({
    kind: "network",
    message: "cannot reach the Bulwark api at http://api.test/graphql: ECONNREFUSED",
    retryable: true,
    delivered: false,
  });

const running: InventorySync[] = [];

afterEach(() => {
  for (const sync of running.splice(0)) sync.stop();
});

function setup(options: Partial<InventorySyncOptions> = {}) {
  const api = fakeApi();
  const { logger, lines } = memoryLogger();
  const state = new InventoryState();
  state.replaceNamespaces([namespace("shop"), namespace("ops")]);
  state.replacePods([
    { pod: pod("p1"), controller: null },
    { pod: pod("p2", "ops"), controller: null },
  ]);
  const fatal: ApiError[] = [];
  const sync = new InventorySync({
    api,
    source: state,
    logger,
    onFatal: (error) => fatal.push(error),
    batchWindowMs: 20,
    ...options,
  });
  running.push(sync);
  return { api, state, sync, lines, fatal };
}

/** Ready, and the first full report taken. */
async function started(options: Partial<InventorySyncOptions> = {}) {
  const context = setup(options);
  context.sync.markReady();
  await context.sync.idle();
  expect(context.api.accepted).toHaveLength(1);
  return context;
}

const WARN = 40;
const ERROR = 50;

describe("InventorySync", () => {
  it("sends nothing before markReady, then a full report of every namespace and pod", async () => {
    const { api, sync, state, lines } = setup();
    sync.podChanged("p1", true);
    sync.namespaceChanged("shop", true);
    sync.requestFull("early");
    await sleep(60);
    expect(api.attempts).toEqual([]);
    expect(sync.pendingChanges).toBe(2);

    sync.markReady();
    await sync.idle();
    expect(api.accepted).toEqual([
      {
        full: true,
        namespaces: state.allNamespaces(),
        deletedNamespaces: [],
        pods: state.allPods(),
        deletedPods: [],
      },
    ]);
    expect(api.accepted[0]?.pods.map((p) => p.uid)).toEqual(["p1", "p2"]);
    // The full report covers the changes made before it: they are not sent again.
    expect(sync.pendingChanges).toBe(0);
    await sleep(50);
    expect(api.attempts).toHaveLength(1);
    expect(sync.status).toMatchObject({ fullReports: 1, deltaReports: 0, failures: 0 });
    expect(sync.status.lastFullSyncAt).toEqual(expect.any(Number));
    expect(lines.find((l) => l.msg.startsWith("sent the full inventory"))).toMatchObject({
      msg: "sent the full inventory to the api: 2 namespaces, 2 pods",
      reason: "start",
    });
  });

  it("marks ready once", async () => {
    const { api, sync } = setup();
    sync.markReady();
    sync.markReady();
    await sync.idle();
    await sleep(40);
    expect(api.attempts).toHaveLength(1);
  });

  it("gathers changes for the batch window and sends them in one report, deletions included", async () => {
    const { api, sync, state } = await started({ batchWindowMs: 300 });

    state.upsertPod({ pod: pod("p3"), controller: null });
    sync.podChanged("p3", true);
    state.deletePod("p1");
    sync.podChanged("p1", false);
    await sleep(20);
    state.upsertNamespace(namespace("new"));
    sync.namespaceChanged("new", true);
    state.deleteNamespace("ops");
    sync.namespaceChanged("ops", false);
    // Reported as changed, but gone from the state by the time the report is built.
    sync.podChanged("p2", true);
    state.deletePod("p2");
    expect(api.attempts).toHaveLength(1);
    expect(sync.pendingChanges).toBe(5);

    await sync.idle();
    expect(api.accepted.slice(1)).toEqual([
      {
        full: false,
        namespaces: [namespace("new")],
        deletedNamespaces: ["ops"],
        pods: [pod("p3")],
        deletedPods: ["p1", "p2"],
      },
    ]);
    expect(sync.status).toMatchObject({ fullReports: 1, deltaReports: 1 });
    expect(sync.pendingChanges).toBe(0);
  });

  it("waits for the batch window before sending changes", async () => {
    const { api, sync } = await started({ batchWindowMs: 10_000 });
    sync.podChanged("p1", true);
    await sleep(80);
    expect(api.attempts).toHaveLength(1);
    expect(sync.pendingChanges).toBe(1);
  });

  it("keeps only the last change of a pod", async () => {
    const { api, sync, state } = await started();
    sync.podChanged("p1", true);
    state.deletePod("p1");
    sync.podChanged("p1", false);
    sync.podChanged("p2", false);
    sync.podChanged("p2", true);
    await sync.idle();
    expect(api.accepted[1]).toEqual({
      full: false,
      namespaces: [],
      deletedNamespaces: [],
      pods: [pod("p2", "ops")],
      deletedPods: ["p1"],
    });
  });

  it("splits changes into reports of maxBatch at most, namespaces first", async () => {
    const { api, sync, state } = await started({ maxBatch: 2 });
    for (const uid of ["a", "b", "c"]) {
      state.upsertPod({ pod: pod(uid), controller: null });
      sync.podChanged(uid, true);
    }
    sync.namespaceChanged("shop", true);
    sync.namespaceChanged("gone", false);

    await until(() => api.accepted.length === 4, "three reports of changes");
    const deltas = api.accepted.slice(1);
    expect(
      deltas.map((r) => [...r.namespaces.map((n) => n.name), ...r.deletedNamespaces, ...r.pods.map((p) => p.uid)]),
    ).toEqual([["shop", "gone"], ["a", "b"], ["c"]]);
    expect(deltas.every((r) => !r.full)).toBe(true);
    expect(api.maxInFlight).toBe(1);
    expect(sync.status.deltaReports).toBe(3);
  });

  it("sends full batches without waiting for the window; the rest waits for the window that is open", async () => {
    const { api, sync, state } = await started({ batchWindowMs: 10_000, maxBatch: 2 });
    for (const uid of ["a", "b", "c", "d", "e"]) {
      state.upsertPod({ pod: pod(uid), controller: null });
      sync.podChanged(uid, true);
    }
    await until(() => api.accepted.length === 3, "two full batches");
    expect(api.accepted.slice(1).map((r) => r.pods.map((p) => p.uid))).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    await sleep(60);
    expect(api.attempts).toHaveLength(3);
    expect(sync.pendingChanges).toBe(1);
  });

  it("has one report in flight at a time; what changes meanwhile goes in the next one", async () => {
    const { api, sync, state } = await started();
    api.hold();
    sync.podChanged("p1", true);
    await until(() => sync.pendingChanges === 0, "the first report of changes to leave");
    for (const uid of ["x", "y"]) {
      state.upsertPod({ pod: pod(uid), controller: null });
      sync.podChanged(uid, true);
    }
    await sleep(60);
    expect(api.attempts).toHaveLength(1);
    api.release();
    await until(() => api.accepted.length === 3, "the second report of changes");
    expect(api.accepted.slice(1).map((r) => r.pods.map((p) => p.uid))).toEqual([["p1"], ["x", "y"]]);
    expect(api.maxInFlight).toBe(1);
  });

  it("after a failed report, keeps the state and sends a full report with growing backoff until the api takes it", async () => {
    const { api, sync, state, lines } = await started({ retry: { initialMs: 40, maxMs: 1_000 } });
    api.failNext(networkError(), networkError());
    state.upsertPod({ pod: pod("p3"), controller: null });
    sync.podChanged("p3", true);

    await until(() => api.accepted.length === 2, "the api to take a report again");
    expect(api.attempts.map((a) => [a.report.full, a.outcome])).toEqual([
      [true, "accepted"],
      [false, "failed"],
      [true, "failed"],
      [true, "accepted"],
    ]);
    expect(api.accepted[1]?.pods.map((p) => p.uid)).toEqual(["p1", "p2", "p3"]);

    const warnings = lines.filter((l) => l.level === WARN);
    expect(warnings.map((l) => l.msg)).toEqual([
      expect.stringMatching(
        /^could not send inventory changes to the api: cannot reach the Bulwark api at http:\/\/api\.test\/graphql: ECONNREFUSED; the agent keeps its state and sends a full report once the api answers \(next try in \d s\)$/,
      ),
      expect.stringMatching(/^could not send the full inventory to the api: cannot reach/),
    ]);
    const [first, second] = warnings.map((l) => l.retryInMs as number);
    expect(first).toBeGreaterThanOrEqual(20);
    expect(first).toBeLessThanOrEqual(40);
    expect(second).toBeGreaterThanOrEqual(40);
    expect(second).toBeLessThanOrEqual(80);
    expect(warnings.map((l) => l.failures)).toEqual([1, 2]);
    // Each retry waits for its delay.
    const at = api.attempts.map((a) => a.at);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(first! - 2);
    expect(at[3]! - at[2]!).toBeGreaterThanOrEqual(second! - 2);

    expect(lines.find((l) => l.msg.startsWith("the api takes inventory reports again"))).toMatchObject({
      failures: 2,
    });
    expect(lines.filter((l) => l.msg.startsWith("sent the full inventory")).at(-1)).toMatchObject({
      reason: "the api is back",
    });
    expect(sync.status).toMatchObject({ failures: 0, fullReports: 2, deltaReports: 0 });
  });

  it("logs an unexpected failure as an error and follows it with a full report", async () => {
    const { api, sync, lines } = await started({ retry: { initialMs: 10, maxMs: 10 } });
    api.failNext(new TypeError("boom"));
    sync.requestFull("test");
    await until(() => api.accepted.length === 2, "the retried full report");
    expect(lines.find((l) => l.level === ERROR)).toMatchObject({
      msg: "could not send the full inventory to the api; a full report follows",
      err: expect.objectContaining({ message: "boom" }),
    });
    expect(api.attempts.map((a) => a.report.full)).toEqual([true, true, true]);
  });

  it("retries a report the api rejected with the slow backoff", async () => {
    const { api, sync, lines } = await started({
      retry: { initialMs: 60_000, maxMs: 60_000 },
      rejectedRetry: { initialMs: 30, maxMs: 30 },
    });
    api.failNext(
      new ApiError({
        kind: "graphql",
        code: "BAD_USER_INPUT",
        message: "pods[0].uid must not be empty",
        retryable: false,
      }),
    );
    sync.podChanged("p1", true);
    await until(() => api.accepted.length === 2, "the full report after the rejection");
    const rejected = lines.find((l) => l.level === ERROR);
    expect(rejected?.msg).toMatch(
      /^the api rejected inventory changes: pods\[0\]\.uid must not be empty; a full report follows in \d s$/,
    );
    expect(rejected).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(rejected?.retryInMs).toBeGreaterThanOrEqual(15);
    expect(rejected?.retryInMs).toBeLessThanOrEqual(30);
    expect(api.accepted[1]?.full).toBe(true);
  });

  it("stops and calls onFatal when the api refuses the key", async () => {
    const { api, sync, fatal, lines, state } = setup();
    const refused = new ApiError({ kind: "unauthenticated", message: "the API key was revoked", status: 401 });
    api.failNext(refused);
    sync.markReady();
    await until(() => fatal.length > 0, "onFatal");
    expect(fatal).toEqual([refused]);
    expect(lines.filter((l) => l.level === ERROR).map((l) => l.msg)).toEqual([
      "the Bulwark api refused the agent: the API key was revoked",
    ]);

    state.upsertPod({ pod: pod("p9"), controller: null });
    sync.podChanged("p9", true);
    sync.requestFull("again");
    await sync.idle();
    await sleep(60);
    expect(api.attempts).toHaveLength(1);
    expect(sync.pendingChanges).toBe(0);
  });

  it("treats a key the api forbids like a refused one", async () => {
    const { api, sync, fatal } = await started();
    api.failNext(new ApiError({ kind: "forbidden", message: "the key is bound to another cluster", status: 403 }));
    sync.podChanged("p1", true);
    await until(() => fatal.length > 0, "onFatal");
    expect(fatal[0]?.kind).toBe("forbidden");
    await sleep(40);
    expect(api.attempts).toHaveLength(2);
  });

  it("requestFull sends a full report at once, in place of the pending changes", async () => {
    const { api, sync, lines, state } = await started({ batchWindowMs: 10_000 });
    state.upsertPod({ pod: pod("p3"), controller: null });
    sync.podChanged("p3", true);
    sync.requestFull("pods listed again");
    sync.requestFull("namespaces listed again");
    await sync.idle();
    expect(api.accepted.map((r) => r.full)).toEqual([true, true]);
    expect(api.accepted[1]?.pods.map((p) => p.uid)).toEqual(["p1", "p2", "p3"]);
    expect(sync.pendingChanges).toBe(0);
    expect(lines.filter((l) => l.msg.startsWith("sent the full inventory")).map((l) => l.reason)).toEqual([
      "start",
      "pods listed again",
    ]);
  });

  it("sends a full report every resync period", async () => {
    const { api, lines } = await started({ resyncMs: 25 });
    await until(() => api.accepted.length >= 3, "two periodic resyncs");
    expect(api.accepted.every((r) => r.full)).toBe(true);
    expect(lines.filter((l) => l.msg.startsWith("sent the full inventory")).slice(1)[0]).toMatchObject({
      reason: "periodic resync",
    });
  });

  it("sends nothing more once stopped, and idle() resolves", async () => {
    const { api, sync } = await started({ resyncMs: 20 });
    sync.podChanged("p1", true);
    sync.stop();
    await sync.idle();
    sync.podChanged("p2", false);
    sync.requestFull("after stop");
    await sleep(80);
    expect(api.attempts).toHaveLength(1);
  });

  it("sends nothing more when stopped while a report is in flight", async () => {
    const { api, sync } = await started();
    api.hold();
    sync.podChanged("p1", true);
    await until(() => sync.pendingChanges === 0, "the report of changes to leave");
    sync.podChanged("p2", true);
    const idle = sync.idle();
    sync.stop();
    await idle;
    api.release();
    await sleep(60);
    expect(api.attempts).toHaveLength(2);
  });
});
