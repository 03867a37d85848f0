import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sleep } from "../client/backoff.js";
import { memoryLogger } from "../webhook/test-logger.js";
import { podEntry, type PodEntry } from "./kube-objects.js";
import { ResourceWatch, type ResourceWatchOptions } from "./resource-watch.js";
import { FakeApiserver, kubeStatus, listReply, statusReply, waitUntil } from "./test-apiserver.js";

const PODS = "/api/v1/pods";
const INFO = 30;
const WARN = 40;
const ERROR = 50;

const podObject = (name: string, resourceVersion = "1") => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { uid: `uid-${name}`, name, namespace: "shop", resourceVersion },
  spec: { containers: [{ name: "app", image: `${name}:1` }] },
});

let apiserver: FakeApiserver;
const watches: Array<ResourceWatch<PodEntry>> = [];

beforeEach(async () => {
  apiserver = await new FakeApiserver().start();
});

afterEach(async () => {
  await Promise.all(watches.splice(0).map((w) => w.stop()));
  await apiserver.close();
});

/** A watch of pods against the test apiserver, with what it hands over and how long it sleeps recorded. */
function watchPods(options: Partial<ResourceWatchOptions<PodEntry>> = {}) {
  const { logger, lines } = memoryLogger();
  const listed: string[][] = [];
  const events: string[] = [];
  const delays: number[] = [];
  const watch = new ResourceWatch<PodEntry>({
    resource: "pods",
    path: PODS,
    kube: apiserver.client(),
    logger,
    reduce: podEntry,
    onListed: (records) => listed.push(records.map((r) => r.pod.name)),
    onEvent: (type, record) => events.push(`${type} ${record.pod.name}`),
    watchTimeoutSeconds: () => 300,
    backoff: { initialMs: 100, maxMs: 1_000 },
    sleep: (ms, signal) => {
      delays.push(ms);
      return sleep(1, signal);
    },
    ...options,
  });
  watches.push(watch);
  return { watch, listed, events, delays, lines };
}

describe("ResourceWatch", () => {
  it("lists every page with the continue token, then watches from the list's resource version", async () => {
    apiserver.onList(PODS, (query) =>
      query.continue === "page-2"
        ? listReply([podObject("c"), { metadata: { name: "no-uid", namespace: "shop" } }], "100")
        : listReply([podObject("a"), podObject("b")], "100", "page-2"),
    );
    const { watch, listed, events, lines } = watchPods({ pageSize: 2 });
    expect(watch.listed).toBe(false);
    watch.start();
    watch.start();

    const stream = await apiserver.watchOpened(PODS);
    expect(watch.listed).toBe(true);
    expect(listed).toEqual([["a", "b", "c"]]);
    expect(events).toEqual([]);
    expect(apiserver.listRequests(PODS).map((r) => r.query)).toEqual([
      { limit: "2" },
      { limit: "2", continue: "page-2" },
    ]);
    expect(stream.request.query).toEqual({
      resourceVersion: "100",
      allowWatchBookmarks: "true",
      timeoutSeconds: "300",
      watch: "true",
    });
    expect(apiserver.requests.every((r) => r.authorization === "Bearer test-token")).toBe(true);
    expect(lines.filter((l) => l.level === INFO).map((l) => l.msg)).toEqual(["listed 3 pods"]);
    // One start, one watch.
    expect(apiserver.watchRequests(PODS)).toHaveLength(1);
  });

  it("applies ADDED, MODIFIED and DELETED events, and resumes an ended watch from the last version, bookmarks included", async () => {
    apiserver.onList(PODS, () => listReply([podObject("a"), podObject("b")], "100"));
    const { watch, listed, events, delays } = watchPods();
    watch.start();
    const stream = await apiserver.watchOpened(PODS);

    stream.send(
      { type: "ADDED", object: podObject("c", "101") },
      { type: "MODIFIED", object: podObject("a", "102") },
      { type: "DELETED", object: podObject("b", "103") },
      { type: "BOOKMARK", object: { kind: "Pod", metadata: { resourceVersion: "150" } } },
    );
    // A line split across writes is read whole.
    const split = JSON.stringify({ type: "ADDED", object: podObject("d", "160") });
    stream.write(split.slice(0, 40));
    await waitUntil(() => events.length === 3, "the first three events");
    stream.write(`${split.slice(40)}\n`);
    // Skipped by reduce, but its version still counts.
    stream.send({ type: "ADDED", object: { kind: "Pod", metadata: { name: "broken", resourceVersion: "170" } } });
    await waitUntil(() => events.length === 4, "the split event");
    stream.end();

    const resumed = await apiserver.watchOpened(PODS, 2);
    expect(events).toEqual(["ADDED c", "MODIFIED a", "DELETED b", "ADDED d"]);
    expect(resumed.request.query.resourceVersion).toBe("170");
    expect(listed).toHaveLength(1);
    expect(apiserver.listRequests(PODS)).toHaveLength(1);
    // A watch that delivered events and ended is resumed at once.
    expect(delays).toEqual([]);
  });

  it("resumes a dropped watch from the last resource version, after a backoff", async () => {
    apiserver.onList(PODS, () => listReply([podObject("a")], "100"));
    const { watch, listed, events, delays, lines } = watchPods();
    watch.start();
    const stream = await apiserver.watchOpened(PODS);
    stream.send({ type: "ADDED", object: podObject("b", "205") });
    await waitUntil(() => events.length === 1, "the event");
    stream.drop();

    const resumed = await apiserver.watchOpened(PODS, 2);
    expect(resumed.request.query.resourceVersion).toBe("205");
    expect(listed).toEqual([["a"]]);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    const lost = lines.find((l) => l.level === WARN);
    expect(lost?.msg).toMatch(/^lost the pods watch: .+; retrying in \d+ ms$/);
    expect(lost).toMatchObject({ resource: "pods", failures: 1, retryInMs: delays[0] });
    await waitUntil(() => lines.some((l) => l.msg === "watching pods again"), "the log of the resumed watch");
  });

  it("counts a watch the apiserver ends at once without events as a failure", async () => {
    apiserver.onList(PODS, () => listReply([], "100"));
    const { watch, delays, lines } = watchPods();
    watch.start();
    (await apiserver.watchOpened(PODS)).end();
    (await apiserver.watchOpened(PODS, 2)).end();
    await apiserver.watchOpened(PODS, 3);
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
    expect(lines.filter((l) => l.level === WARN).map((l) => l.msg)[0]).toMatch(
      /^lost the pods watch: the apiserver ended the pods watch at once; retrying in \d+ ms$/,
    );
    expect(apiserver.watchRequests(PODS).map((r) => r.query.resourceVersion)).toEqual(["100", "100", "100"]);
  });

  it("lists again when the watch is too old (a 410 Gone ERROR event), and watches from the new list", async () => {
    let lists = 0;
    apiserver.onList(PODS, () => {
      lists += 1;
      return lists === 1
        ? listReply([podObject("a"), podObject("b")], "100")
        : listReply([podObject("b"), podObject("c")], "900");
    });
    const { watch, listed, events, delays, lines } = watchPods();
    watch.start();
    const stream = await apiserver.watchOpened(PODS);
    stream.send(
      { type: "ADDED", object: podObject("x", "101") },
      { type: "ERROR", object: kubeStatus(410, "Expired", "too old resource version: 101 (850)") },
    );

    const next = await apiserver.watchOpened(PODS, 2);
    expect(next.request.query.resourceVersion).toBe("900");
    expect(listed).toEqual([
      ["a", "b"],
      ["b", "c"],
    ]);
    expect(events).toEqual(["ADDED x"]);
    expect(delays).toEqual([]);
    expect(lines.filter((l) => l.level === INFO).map((l) => l.msg)).toEqual([
      "listed 2 pods",
      "the pods watch is too old for the apiserver (410 Gone); listing again",
      "listed 2 pods again (the watch expired)",
    ]);
  });

  it("backs off when the watch is too old again right after listing, instead of listing in a loop", async () => {
    apiserver.onList(PODS, () => listReply([podObject("a")], "100"));
    const { watch, listed, delays } = watchPods();
    watch.start();
    for (let n = 1; n <= 3; n++) {
      const stream = await apiserver.watchOpened(PODS, n);
      stream.send({ type: "ERROR", object: kubeStatus(410, "Expired", "too old resource version: 100 (850)") });
    }
    await apiserver.watchOpened(PODS, 4);
    expect(listed).toHaveLength(4);
    // The first 410 lists again at once; the next ones in a row back off, longer each time.
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
  });

  it("backs off from the start again once a watch has worked", async () => {
    apiserver.onList(PODS, () => listReply([], "100"));
    const { watch, delays } = watchPods();
    watch.start();
    (await apiserver.watchOpened(PODS)).end();
    (await apiserver.watchOpened(PODS, 2)).end();
    const working = await apiserver.watchOpened(PODS, 3);
    working.send({ type: "ADDED", object: podObject("a", "101") });
    working.write("{not json\n");
    await apiserver.watchOpened(PODS, 4);
    expect(delays).toHaveLength(3);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[2]).toBeLessThanOrEqual(100);
  });

  it("lists again when the apiserver answers the watch request with 410 Gone", async () => {
    apiserver.onList(PODS, () => listReply([podObject("a")], "100"));
    apiserver.failWatch(PODS, statusReply(410, "Expired", "too old resource version: 100 (850)"));
    const { watch, listed } = watchPods();
    watch.start();
    await apiserver.watchOpened(PODS);
    expect(listed).toEqual([["a"], ["a"]]);
    expect(apiserver.watchRequests(PODS)).toHaveLength(2);
  });

  it("starts the list over when the continue token expires between pages", async () => {
    let expired = false;
    apiserver.onList(PODS, (query) => {
      if (query.continue === "page-2") {
        if (!expired) {
          expired = true;
          return statusReply(410, "Expired", "The provided continue parameter is too old");
        }
        return listReply([podObject("c")], "120");
      }
      return listReply([podObject("a"), podObject("b")], expired ? "120" : "100", "page-2");
    });
    const { watch, listed, lines } = watchPods({ pageSize: 2 });
    watch.start();
    const stream = await apiserver.watchOpened(PODS);
    expect(listed).toEqual([["a", "b", "c"]]);
    expect(apiserver.listRequests(PODS).map((r) => r.query.continue ?? "")).toEqual(["", "page-2", "", "page-2"]);
    expect(stream.request.query.resourceVersion).toBe("120");
    expect(lines.map((l) => l.msg)).toContain("the pods list expired between pages; listing again from the start");
  });

  it("logs a 403 with the hint to check RBAC, and retries with growing backoff until allowed", async () => {
    let denials = 2;
    apiserver.onList(PODS, () => {
      if (denials-- > 0) {
        return statusReply(
          403,
          "Forbidden",
          'pods is forbidden: User "system:serviceaccount:bulwark:bulwark-agent" cannot list resource "pods" in API group "" at the cluster scope',
        );
      }
      return listReply([podObject("a")], "100");
    });
    const { watch, listed, delays, lines } = watchPods();
    watch.start();
    await apiserver.watchOpened(PODS);

    expect(listed).toEqual([["a"]]);
    const errors = lines.filter((l) => l.level === ERROR);
    expect(errors).toHaveLength(2);
    expect(errors[0]?.msg).toBe(
      `the apiserver refuses to let the agent list and watch pods (the apiserver answered 403 to ${apiserver.url}/api/v1/pods: ` +
        'pods is forbidden: User "system:serviceaccount:bulwark:bulwark-agent" cannot list resource "pods" in API group "" at the cluster scope); ' +
        "check the agent's ClusterRole and credentials",
    );
    expect(errors.map((l) => [l.resource, l.status])).toEqual([
      ["pods", 403],
      ["pods", 403],
    ]);
    expect(errors.map((l) => l.retryInMs)).toEqual(delays);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
    expect(lines.filter((l) => l.level === INFO).map((l) => l.msg)).toEqual(["listed 1 pods after reconnecting"]);
  });

  it("retries a watch refused with 401 like a denied list", async () => {
    apiserver.onList(PODS, () => listReply([podObject("a")], "100"));
    apiserver.failWatch(PODS, statusReply(401, "Unauthorized", "Unauthorized"));
    const { watch, listed, delays, lines } = watchPods();
    watch.start();
    const stream = await apiserver.watchOpened(PODS);
    expect(stream.request.query.resourceVersion).toBe("100");
    expect(listed).toHaveLength(1);
    expect(delays).toHaveLength(1);
    expect(lines.find((l) => l.level === ERROR)?.msg).toMatch(/check the agent's ClusterRole and credentials$/);
  });

  it("reconnects after a watch event that is not JSON, from the last good version", async () => {
    apiserver.onList(PODS, () => listReply([], "100"));
    const { watch, events, delays } = watchPods();
    watch.start();
    const stream = await apiserver.watchOpened(PODS);
    stream.send({ type: "ADDED", object: podObject("a", "101") });
    stream.write("{not json\n");
    const next = await apiserver.watchOpened(PODS, 2);
    expect(events).toEqual(["ADDED a"]);
    expect(next.request.query.resourceVersion).toBe("101");
    expect(delays).toHaveLength(1);
  });

  it("stop() closes the open watch and makes no more requests", async () => {
    apiserver.onList(PODS, () => listReply([podObject("a")], "100"));
    const { watch, events } = watchPods();
    watch.start();
    const stream = await apiserver.watchOpened(PODS);
    await watch.stop();
    await waitUntil(() => stream.closed, "the watch connection to close");
    const requests = apiserver.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(apiserver.requests).toHaveLength(requests);
    expect(events).toEqual([]);
  });

  it("stop() ends a backoff wait at once", async () => {
    apiserver.onList(PODS, () => statusReply(500, "InternalError", "etcd is unavailable"));
    const { watch, lines } = watchPods({ backoff: { initialMs: 60_000, maxMs: 60_000 }, sleep });
    watch.start();
    await waitUntil(() => lines.some((l) => l.level === WARN), "the failed list");
    expect(lines.find((l) => l.level === WARN)?.msg).toMatch(
      /^lost the pods watch: the apiserver answered 500 to .+: etcd is unavailable; retrying in \d+ ms$/,
    );
    const stopped = await Promise.race([
      watch.stop().then(() => "stopped"),
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 1_000)),
    ]);
    expect(stopped).toBe("stopped");
    expect(apiserver.listRequests(PODS)).toHaveLength(1);
    expect(watch.listed).toBe(false);
  });
});
