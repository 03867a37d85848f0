import { describe, expect, it } from "vitest";
import type { OwnerRef } from "./kube-objects.js";
import { intermediateKey, resolveOwner, type OwnerLookup } from "./owners.js";

/** Lookup over plain maps keyed namespace/name; a missing key is an object not seen yet. */
function lookup(
  replicaSets: Record<string, OwnerRef | null> = {},
  jobs: Record<string, OwnerRef | null> = {},
): OwnerLookup & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    replicaSet(namespace, name) {
      asked.push(`ReplicaSet ${namespace}/${name}`);
      return replicaSets[`${namespace}/${name}`];
    },
    job(namespace, name) {
      asked.push(`Job ${namespace}/${name}`);
      return jobs[`${namespace}/${name}`];
    },
  };
}

describe("resolveOwner", () => {
  it("has no owner for a pod nobody owns", () => {
    expect(resolveOwner(null, "shop", lookup())).toEqual({ ownerKind: null, ownerName: null, pending: false });
  });

  it("goes from a ReplicaSet to its Deployment, in the pod's namespace", () => {
    const known = lookup({ "shop/web-7d9f": { kind: "Deployment", name: "web" } });
    expect(resolveOwner({ kind: "ReplicaSet", name: "web-7d9f" }, "shop", known)).toEqual({
      ownerKind: "Deployment",
      ownerName: "web",
      pending: false,
    });
    expect(known.asked).toEqual(["ReplicaSet shop/web-7d9f"]);
    // The same name in another namespace is another ReplicaSet, not seen yet.
    expect(resolveOwner({ kind: "ReplicaSet", name: "web-7d9f" }, "staging", known).pending).toBe(true);
  });

  it("goes from a Job to its CronJob", () => {
    const known = lookup({}, { "ops/backup-29000000": { kind: "CronJob", name: "backup" } });
    expect(resolveOwner({ kind: "Job", name: "backup-29000000" }, "ops", known)).toEqual({
      ownerKind: "CronJob",
      ownerName: "backup",
      pending: false,
    });
    expect(known.asked).toEqual(["Job ops/backup-29000000"]);
  });

  it("keeps a ReplicaSet or Job nobody owns as the top level", () => {
    const known = lookup({ "shop/bare-rs": null }, { "ops/one-off": null });
    expect(resolveOwner({ kind: "ReplicaSet", name: "bare-rs" }, "shop", known)).toEqual({
      ownerKind: "ReplicaSet",
      ownerName: "bare-rs",
      pending: false,
    });
    expect(resolveOwner({ kind: "Job", name: "one-off" }, "ops", known)).toEqual({
      ownerKind: "Job",
      ownerName: "one-off",
      pending: false,
    });
  });

  it("shows the ReplicaSet itself, pending, until it has been seen", () => {
    expect(resolveOwner({ kind: "ReplicaSet", name: "web-7d9f" }, "shop", lookup())).toEqual({
      ownerKind: "ReplicaSet",
      ownerName: "web-7d9f",
      pending: true,
    });
    expect(resolveOwner({ kind: "Job", name: "migrate" }, "shop", lookup()).pending).toBe(true);
  });

  it.each(["StatefulSet", "DaemonSet", "Node", "CustomThing"])("takes a %s as named, without any lookup", (kind) => {
    const known = lookup();
    expect(resolveOwner({ kind, name: "x" }, "shop", known)).toEqual({
      ownerKind: kind,
      ownerName: "x",
      pending: false,
    });
    expect(known.asked).toEqual([]);
  });
});

describe("intermediateKey", () => {
  it("names the ReplicaSet or Job a pod waits on, and nothing else", () => {
    expect(intermediateKey({ kind: "ReplicaSet", name: "web-7d9f" }, "shop")).toBe("ReplicaSet:shop/web-7d9f");
    expect(intermediateKey({ kind: "Job", name: "migrate" }, "shop")).toBe("Job:shop/migrate");
    expect(intermediateKey({ kind: "StatefulSet", name: "db" }, "shop")).toBeNull();
    expect(intermediateKey(null, "shop")).toBeNull();
  });
});
