import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InventoryReport, InventoryReportResult } from "../api/contract.js";
import { ApiError } from "../client/api-error.js";
import { memoryLogger } from "../webhook/test-logger.js";
import { startInventory, WATCHED, type Inventory, type InventoryOptions } from "./inventory.js";
import { FakeApiserver, kubeStatus, listReply, statusReply, waitUntil } from "./test-apiserver.js";

type Owner = { kind: string; name: string };

const meta = (name: string, namespace: string | null, owner: Owner | null, resourceVersion = "10") => ({
  uid: `uid-${namespace ?? "cluster"}-${name}`,
  name,
  ...(namespace ? { namespace } : {}),
  resourceVersion,
  creationTimestamp: "2026-03-01T12:00:00Z",
  ...(owner
    ? { ownerReferences: [{ apiVersion: "v1", kind: owner.kind, name: owner.name, uid: "x", controller: true }] }
    : {}),
});

const namespaceObject = (name: string, resourceVersion?: string) => ({
  metadata: meta(name, null, null, resourceVersion),
});
const ownedObject = (name: string, namespace: string, owner: Owner | null, resourceVersion?: string) => ({
  metadata: meta(name, namespace, owner, resourceVersion),
});
const podObject = (
  name: string,
  namespace: string,
  owner: Owner | null,
  resourceVersion?: string,
  phase = "Running",
) => ({
  metadata: meta(name, namespace, owner, resourceVersion),
  spec: { nodeName: "node-a", containers: [{ name: "app", image: `registry.example/${name}:1` }] },
  status: { phase, containerStatuses: [{ name: "app", imageID: `sha256:${name}` }] },
});

const ADDED = "ADDED";

let apiserver: FakeApiserver;
let running: Inventory | null = null;

beforeEach(async () => {
  apiserver = await new FakeApiserver().start();
  apiserver.onList(WATCHED.namespaces, () => listReply([namespaceObject("shop"), namespaceObject("ops")], "10"));
  apiserver.onList(WATCHED.replicasets, () =>
    listReply([ownedObject("web-7d9f", "shop", { kind: "Deployment", name: "web" })], "10"),
  );
  apiserver.onList(WATCHED.jobs, () =>
    listReply([ownedObject("backup-29000000", "ops", { kind: "CronJob", name: "backup" })], "10"),
  );
  apiserver.onList(WATCHED.pods, () =>
    listReply(
      [
        podObject("web-7d9f-aaaaa", "shop", { kind: "ReplicaSet", name: "web-7d9f" }),
        podObject("backup-29000000-bbbbb", "ops", { kind: "Job", name: "backup-29000000" }),
        podObject("db-0", "shop", { kind: "StatefulSet", name: "db" }),
        podObject("api-5c4b-ccccc", "shop", { kind: "ReplicaSet", name: "api-5c4b" }),
        podObject("bare", "shop", null),
      ],
      "10",
    ),
  );
});

afterEach(async () => {
  await running?.stop();
  running = null;
  await apiserver.close();
});

function start(options: Partial<InventoryOptions> = {}) {
  const reports: InventoryReport[] = [];
  const failures: unknown[] = [];
  const fatal: ApiError[] = [];
  const { logger, lines } = memoryLogger();
  const inventory = startInventory({
    kube: apiserver.client(),
    api: {
      async reportInventory(report): Promise<InventoryReportResult> {
        if (failures.length) throw failures.shift();
        reports.push(structuredClone(report));
        return { namespaces: report.namespaces.length, pods: report.pods.length, scansQueued: 0 };
      },
    },
    logger,
    onFatal: (error) => fatal.push(error),
    batchWindowMs: 20,
    watchTimeoutSeconds: () => 300,
    watchBackoff: { initialMs: 100, maxMs: 200 },
    ...options,
  });
  running = inventory;
  const owners = (report: InventoryReport | undefined) =>
    Object.fromEntries((report?.pods ?? []).map((p) => [p.name, `${p.ownerKind ?? "-"}/${p.ownerName ?? "-"}`]));
  const watchesOpen = async () => {
    for (const path of Object.values(WATCHED)) await apiserver.watchOpened(path);
  };
  return { inventory, reports, failures, fatal, lines, owners, watchesOpen };
}

describe("startInventory", () => {
  it("sends the full inventory once everything is listed, each pod with its top-level owner", async () => {
    const { reports, lines, owners, watchesOpen } = start();
    await waitUntil(() => reports.length === 1, "the full report");
    await watchesOpen();
    const [full] = reports;
    expect(full).toMatchObject({ full: true, deletedNamespaces: [], deletedPods: [] });
    expect(full?.namespaces.map((n) => n.name)).toEqual(["shop", "ops"]);
    expect(owners(full)).toEqual({
      "web-7d9f-aaaaa": "Deployment/web",
      "backup-29000000-bbbbb": "CronJob/backup",
      "db-0": "StatefulSet/db",
      // Its ReplicaSet is not listed (yet).
      "api-5c4b-ccccc": "ReplicaSet/api-5c4b",
      bare: "-/-",
    });
    expect(full?.pods.find((p) => p.name === "db-0")?.containers).toEqual([
      { name: "app", kind: "app", image: "registry.example/db-0:1", imageID: "sha256:db-0" },
    ]);
    expect(lines.find((l) => l.msg === "the cluster is listed; sending the full inventory")).toMatchObject({
      namespaces: 2,
      pods: 5,
      waitingForOwner: 1,
    });
  });

  it("sends nothing until every resource is listed", async () => {
    apiserver.onList(WATCHED.jobs, () =>
      statusReply(403, "Forbidden", 'jobs.batch is forbidden: cannot list resource "jobs"'),
    );
    const { reports, lines } = start();
    await apiserver.watchOpened(WATCHED.pods);
    await waitUntil(() => apiserver.listRequests(WATCHED.jobs).length >= 2, "the jobs list to be retried");
    expect(reports).toEqual([]);
    expect(lines.some((l) => l.msg.startsWith("the apiserver refuses to let the agent list and watch jobs"))).toBe(
      true,
    );

    apiserver.onList(WATCHED.jobs, () => listReply([], "10"));
    await waitUntil(() => reports.length === 1, "the full report");
    expect(reports[0]?.full).toBe(true);
  });

  it("sends the changes the watches bring, and resends a pod once its ReplicaSet is seen", async () => {
    const { inventory, reports, owners, watchesOpen } = start();
    await waitUntil(() => reports.length === 1, "the full report");
    await watchesOpen();
    const pods = await apiserver.watchOpened(WATCHED.pods);
    const replicaSets = await apiserver.watchOpened(WATCHED.replicasets);
    const namespaces = await apiserver.watchOpened(WATCHED.namespaces);

    replicaSets.send({
      type: ADDED,
      object: ownedObject("api-5c4b", "shop", { kind: "Deployment", name: "api" }, "11"),
    });
    await waitUntil(() => reports.length === 2, "the resolved pod");
    expect(reports[1]).toMatchObject({ full: false, deletedPods: [], namespaces: [], deletedNamespaces: [] });
    expect(owners(reports[1])).toEqual({ "api-5c4b-ccccc": "Deployment/api" });
    expect(inventory.state.waitingPods).toBe(0);

    // Nothing the api stores changed: nothing is sent.
    pods.send({ type: "MODIFIED", object: podObject("db-0", "shop", { kind: "StatefulSet", name: "db" }, "12") });
    namespaces.send({ type: "MODIFIED", object: namespaceObject("ops", "12") });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(reports).toHaveLength(2);

    pods.send(
      { type: "DELETED", object: podObject("bare", "shop", null, "13") },
      { type: "MODIFIED", object: podObject("db-0", "shop", { kind: "StatefulSet", name: "db" }, "14", "Failed") },
    );
    namespaces.send(
      { type: ADDED, object: namespaceObject("new", "15") },
      { type: "DELETED", object: namespaceObject("ops", "16") },
    );
    await waitUntil(() => reports.length === 3, "the report of changes");
    expect(reports[2]).toMatchObject({
      full: false,
      namespaces: [{ name: "new" }],
      deletedNamespaces: ["ops"],
      pods: [{ name: "db-0", phase: "Failed" }],
      deletedPods: ["uid-shop-bare"],
    });
  });

  it("sends a full report again when a resource is listed again after its watch expired", async () => {
    let relisted = false;
    const { reports, watchesOpen, lines } = start();
    await waitUntil(() => reports.length === 1, "the full report");
    await watchesOpen();
    apiserver.onList(WATCHED.pods, () => {
      relisted = true;
      return listReply([podObject("db-0", "shop", { kind: "StatefulSet", name: "db" }, "50")], "50");
    });
    (await apiserver.watchOpened(WATCHED.pods)).send({
      type: "ERROR",
      object: kubeStatus(410, "Expired", "too old resource version: 10 (40)"),
    });
    await waitUntil(() => reports.length === 2, "the second full report");
    expect(relisted).toBe(true);
    expect(reports[1]?.full).toBe(true);
    expect(reports[1]?.pods.map((p) => p.name)).toEqual(["db-0"]);
    expect(lines.filter((l) => l.msg.startsWith("sent the full inventory")).map((l) => l.reason)).toEqual([
      "start",
      "pods listed again",
    ]);
  });

  it("stops everything when the api refuses the key", async () => {
    const { failures, fatal } = start();
    const refused = new ApiError({ kind: "unauthenticated", message: "the API key was revoked" });
    failures.push(refused);
    await waitUntil(() => fatal.length === 1, "onFatal");
    expect(fatal[0]).toBe(refused);
    await waitUntil(() => apiserver.watches.every((w) => w.closed), "every watch to close");
    const requests = apiserver.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(apiserver.requests).toHaveLength(requests);
  });

  it("stop() closes every watch", async () => {
    const { inventory, reports, watchesOpen } = start();
    await waitUntil(() => reports.length === 1, "the full report");
    await watchesOpen();
    await inventory.stop();
    await waitUntil(() => apiserver.watches.every((w) => w.closed), "every watch to close");
    expect(apiserver.watches).toHaveLength(4);
  });
});
