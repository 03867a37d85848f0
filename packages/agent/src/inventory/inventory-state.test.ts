import { describe, expect, it } from "vitest";
import type { InventoryNamespace, InventoryPod } from "../api/contract.js";
import { InventoryState } from "./inventory-state.js";
import type { OwnerRef, PodEntry } from "./kube-objects.js";

/** A pod as podEntry reads it: its owner is its direct controller. */
function entry(uid: string, controller: OwnerRef | null, overrides: Partial<InventoryPod> = {}): PodEntry {
  return {
    pod: {
      uid,
      namespace: "shop",
      name: `pod-${uid}`,
      phase: "Running",
      nodeName: "node-a",
      ownerKind: controller?.kind ?? null,
      ownerName: controller?.name ?? null,
      createdAt: "2026-03-01T12:00:00Z",
      labels: {},
      containers: [{ name: "app", kind: "app", image: "app:1", imageID: null }],
      ...overrides,
    },
    controller,
  };
}

const rs = (name: string): OwnerRef => ({ kind: "ReplicaSet", name });
const job = (name: string): OwnerRef => ({ kind: "Job", name });
const deployment = (name: string): OwnerRef => ({ kind: "Deployment", name });
const owner = (state: InventoryState, uid: string) => {
  const pod = state.pod(uid);
  return pod ? [pod.ownerKind, pod.ownerName] : undefined;
};

const ns = (name: string, labels: Record<string, string> = {}): InventoryNamespace => ({
  uid: `uid-${name}`,
  name,
  createdAt: "2026-01-01T00:00:00Z",
  labels,
});

describe("InventoryState: owners", () => {
  it("keeps a pod of an unseen ReplicaSet pending, and resolves it to the Deployment when the ReplicaSet arrives", () => {
    const state = new InventoryState();
    expect(state.upsertPod(entry("p1", rs("web-7d9f")))).toBe(true);
    expect(state.upsertPod(entry("p2", rs("web-7d9f")))).toBe(true);
    expect(state.upsertPod(entry("other", rs("api-5c4b")))).toBe(true);
    expect(owner(state, "p1")).toEqual(["ReplicaSet", "web-7d9f"]);
    expect(state.waitingPods).toBe(3);

    const resend = state.setOwned("ReplicaSet", { key: "shop/web-7d9f", owner: deployment("web") });
    expect(resend.sort()).toEqual(["p1", "p2"]);
    expect(owner(state, "p1")).toEqual(["Deployment", "web"]);
    expect(owner(state, "p2")).toEqual(["Deployment", "web"]);
    expect(owner(state, "other")).toEqual(["ReplicaSet", "api-5c4b"]);
    expect(state.waitingPods).toBe(1);
    // The controller is kept, so the pod can be resolved again later.
    expect(state.pods.get("p1")?.controller).toEqual(rs("web-7d9f"));

    // The same ReplicaSet again (a MODIFIED event for its status): nothing to resend.
    expect(state.setOwned("ReplicaSet", { key: "shop/web-7d9f", owner: deployment("web") })).toEqual([]);
  });

  it("resolves a pod at once when its ReplicaSet is already known", () => {
    const state = new InventoryState();
    expect(state.setOwned("ReplicaSet", { key: "shop/web-7d9f", owner: deployment("web") })).toEqual([]);
    state.upsertPod(entry("p1", rs("web-7d9f")));
    expect(owner(state, "p1")).toEqual(["Deployment", "web"]);
    expect(state.waitingPods).toBe(0);
    expect(state.allPods()).toEqual([
      expect.objectContaining({ uid: "p1", ownerKind: "Deployment", ownerName: "web" }),
    ]);
  });

  it("does not take a ReplicaSet of the same name in another namespace", () => {
    const state = new InventoryState();
    state.upsertPod(entry("p1", rs("web-7d9f")));
    expect(state.setOwned("ReplicaSet", { key: "staging/web-7d9f", owner: deployment("web") })).toEqual([]);
    expect(owner(state, "p1")).toEqual(["ReplicaSet", "web-7d9f"]);
    expect(state.waitingPods).toBe(1);
  });

  it("goes from a Job to its CronJob, and keeps Jobs and ReplicaSets apart", () => {
    const state = new InventoryState();
    state.upsertPod(entry("j1", job("backup-29000000")));
    // A ReplicaSet of the same name is not the Job.
    expect(state.setOwned("ReplicaSet", { key: "shop/backup-29000000", owner: deployment("x") })).toEqual([]);
    expect(owner(state, "j1")).toEqual(["Job", "backup-29000000"]);
    expect(state.setOwned("Job", { key: "shop/backup-29000000", owner: { kind: "CronJob", name: "backup" } })).toEqual([
      "j1",
    ]);
    expect(owner(state, "j1")).toEqual(["CronJob", "backup"]);
    expect(state.job("shop", "backup-29000000")).toEqual({ kind: "CronJob", name: "backup" });
    expect(state.replicaSet("shop", "backup-29000000")).toEqual(deployment("x"));
    expect(state.job("shop", "unknown")).toBeUndefined();
  });

  it("keeps a ReplicaSet nobody owns as the top level, and stops waiting for it", () => {
    const state = new InventoryState();
    state.upsertPod(entry("p1", rs("bare")));
    expect(state.waitingPods).toBe(1);
    // The owner shown does not change, so there is nothing to resend.
    expect(state.setOwned("ReplicaSet", { key: "shop/bare", owner: null })).toEqual([]);
    expect(owner(state, "p1")).toEqual(["ReplicaSet", "bare"]);
    expect(state.waitingPods).toBe(0);
    expect(state.replicaSet("shop", "bare")).toBeNull();
  });

  it("re-resolves the pods of a ReplicaSet that is adopted or orphaned", () => {
    const state = new InventoryState();
    state.setOwned("ReplicaSet", { key: "shop/web-7d9f", owner: null });
    state.upsertPod(entry("p1", rs("web-7d9f")));
    state.upsertPod(entry("p2", rs("web-7d9f")));
    state.upsertPod(entry("p3", { kind: "StatefulSet", name: "db" }));
    expect(owner(state, "p1")).toEqual(["ReplicaSet", "web-7d9f"]);

    expect(state.setOwned("ReplicaSet", { key: "shop/web-7d9f", owner: deployment("web") }).sort()).toEqual([
      "p1",
      "p2",
    ]);
    expect(owner(state, "p2")).toEqual(["Deployment", "web"]);

    expect(state.setOwned("ReplicaSet", { key: "shop/web-7d9f", owner: deployment("web-v2") }).sort()).toEqual([
      "p1",
      "p2",
    ]);
    expect(owner(state, "p1")).toEqual(["Deployment", "web-v2"]);

    expect(state.setOwned("ReplicaSet", { key: "shop/web-7d9f", owner: null }).sort()).toEqual(["p1", "p2"]);
    expect(owner(state, "p1")).toEqual(["ReplicaSet", "web-7d9f"]);
    expect(owner(state, "p3")).toEqual(["StatefulSet", "db"]);
  });

  it.each(["StatefulSet", "DaemonSet"])("takes a %s as named and never waits", (kind) => {
    const state = new InventoryState();
    state.upsertPod(entry("p1", { kind, name: "agent" }));
    expect(owner(state, "p1")).toEqual([kind, "agent"]);
    expect(state.waitingPods).toBe(0);
  });

  it("keeps the owner a pod had when its ReplicaSet is deleted; a pod seen later shows the ReplicaSet", () => {
    const state = new InventoryState();
    state.setOwned("ReplicaSet", { key: "shop/web-7d9f", owner: deployment("web") });
    state.upsertPod(entry("p1", rs("web-7d9f")));
    state.deleteOwned("ReplicaSet", "shop/web-7d9f");
    expect(state.replicaSet("shop", "web-7d9f")).toBeUndefined();
    expect(owner(state, "p1")).toEqual(["Deployment", "web"]);

    state.upsertPod(entry("p2", rs("web-7d9f")));
    expect(owner(state, "p2")).toEqual(["ReplicaSet", "web-7d9f"]);
    expect(state.waitingPods).toBe(1);
  });

  it("replaceOwned resolves every pod again and returns those whose owner changed", () => {
    const state = new InventoryState();
    state.setOwned("ReplicaSet", { key: "shop/old", owner: deployment("old") });
    state.upsertPod(entry("gone-rs", rs("old")));
    state.upsertPod(entry("new-rs", rs("new")));
    state.upsertPod(entry("job", job("migrate")));
    state.upsertPod(entry("plain", null));
    expect(state.waitingPods).toBe(2);

    const changed = state.replaceOwned("ReplicaSet", [{ key: "shop/new", owner: deployment("new") }]);
    expect(changed.sort()).toEqual(["gone-rs", "new-rs"]);
    expect(owner(state, "new-rs")).toEqual(["Deployment", "new"]);
    // Its ReplicaSet is not in the new list: the pod shows it, and waits for it.
    expect(owner(state, "gone-rs")).toEqual(["ReplicaSet", "old"]);
    expect(state.replicaSet("shop", "old")).toBeUndefined();
    expect(state.waitingPods).toBe(2);

    expect(state.replaceOwned("Job", [{ key: "shop/migrate", owner: null }])).toEqual([]);
    expect(state.waitingPods).toBe(1);
    // The ReplicaSets are untouched by a list of Jobs.
    expect(state.replicaSet("shop", "new")).toEqual(deployment("new"));
  });
});

describe("InventoryState: pods", () => {
  it("says whether anything sent to the api changed", () => {
    const state = new InventoryState();
    expect(state.upsertPod(entry("p1", null))).toBe(true);
    expect(state.upsertPod(entry("p1", null))).toBe(false);
    expect(state.upsertPod(entry("p1", null, { phase: "Succeeded" }))).toBe(true);
    expect(state.upsertPod(entry("p1", null, { phase: "Succeeded", labels: { app: "web" } }))).toBe(true);
    expect(state.upsertPod(entry("p1", null, { phase: "Succeeded", labels: { app: "web" } }))).toBe(false);
    expect(state.pod("p1")).toMatchObject({ phase: "Succeeded", labels: { app: "web" } });
  });

  it("compares a pending pod with what was resolved for it, not with its direct controller", () => {
    const state = new InventoryState();
    state.setOwned("ReplicaSet", { key: "shop/web-7d9f", owner: deployment("web") });
    expect(state.upsertPod(entry("p1", rs("web-7d9f")))).toBe(true);
    // The next event carries the ReplicaSet again; the resolved owner is the same.
    expect(state.upsertPod(entry("p1", rs("web-7d9f")))).toBe(false);
  });

  it("deletes a pod once, and it no longer waits for its ReplicaSet", () => {
    const state = new InventoryState();
    state.upsertPod(entry("p1", rs("web-7d9f")));
    expect(state.deletePod("p1")).toBe(true);
    expect(state.deletePod("p1")).toBe(false);
    expect(state.pod("p1")).toBeUndefined();
    expect(state.waitingPods).toBe(0);
    expect(state.setOwned("ReplicaSet", { key: "shop/web-7d9f", owner: deployment("web") })).toEqual([]);
  });

  it("moves a pod between waiting lists when its controller changes", () => {
    const state = new InventoryState();
    state.upsertPod(entry("p1", rs("a")));
    state.upsertPod(entry("p1", rs("b")));
    expect(state.waitingPods).toBe(1);
    expect(state.setOwned("ReplicaSet", { key: "shop/a", owner: deployment("a") })).toEqual([]);
    expect(state.setOwned("ReplicaSet", { key: "shop/b", owner: deployment("b") })).toEqual(["p1"]);
    expect(owner(state, "p1")).toEqual(["Deployment", "b"]);
  });

  it("replacePods keeps only the listed pods, resolved, and waits only for theirs", () => {
    const state = new InventoryState();
    state.setOwned("ReplicaSet", { key: "shop/web-7d9f", owner: deployment("web") });
    state.upsertPod(entry("old", rs("unseen")));
    state.replacePods([entry("p1", rs("web-7d9f")), entry("p2", rs("api-5c4b")), entry("p3", null)]);
    expect(state.allPods().map((p) => p.uid)).toEqual(["p1", "p2", "p3"]);
    expect(state.pod("old")).toBeUndefined();
    expect(owner(state, "p1")).toEqual(["Deployment", "web"]);
    expect(state.waitingPods).toBe(1);
    expect(state.setOwned("ReplicaSet", { key: "shop/unseen", owner: deployment("x") })).toEqual([]);
    expect(state.setOwned("ReplicaSet", { key: "shop/api-5c4b", owner: deployment("api") })).toEqual(["p2"]);
  });
});

describe("InventoryState: namespaces", () => {
  it("says whether a namespace is new or changed, and deletes it once", () => {
    const state = new InventoryState();
    expect(state.upsertNamespace(ns("shop"))).toBe(true);
    expect(state.upsertNamespace(ns("shop"))).toBe(false);
    expect(state.upsertNamespace(ns("shop", { team: "a" }))).toBe(true);
    expect(state.namespace("shop")?.labels).toEqual({ team: "a" });
    expect(state.deleteNamespace("shop")).toBe(true);
    expect(state.deleteNamespace("shop")).toBe(false);
    expect(state.namespace("shop")).toBeUndefined();
  });

  it("replaceNamespaces keeps only the listed ones", () => {
    const state = new InventoryState();
    state.upsertNamespace(ns("old"));
    state.replaceNamespaces([ns("shop"), ns("ops")]);
    expect(state.allNamespaces().map((n) => n.name)).toEqual(["shop", "ops"]);
    expect(state.namespace("old")).toBeUndefined();
  });
});
