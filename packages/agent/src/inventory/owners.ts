import { ownerKey, type OwnerRef } from "./kube-objects.js";

/**
 * What the inventory knows of the objects between a pod and its workload: each ReplicaSet's and
 * Job's own controller (null when nothing owns it), by namespace/name; undefined = not seen.
 */
export type OwnerLookup = {
  replicaSet(namespace: string, name: string): OwnerRef | null | undefined;
  job(namespace: string, name: string): OwnerRef | null | undefined;
};

export type ResolvedOwner = {
  ownerKind: string | null;
  ownerName: string | null;
  /** The ReplicaSet or Job in between has not been seen yet: resolve again when it is. */
  pending: boolean;
};

/** Kinds whose objects are owned in turn: ReplicaSet → Deployment, Job → CronJob. */
export const INTERMEDIATE_KINDS = new Set(["ReplicaSet", "Job"]);

/**
 * The pod's top-level owner: a Deployment rather than its ReplicaSet, a CronJob rather than its
 * Job; a StatefulSet, DaemonSet or anything else as named. A ReplicaSet or Job nobody owns is the
 * top level itself.
 */
export function resolveOwner(controller: OwnerRef | null, namespace: string, lookup: OwnerLookup): ResolvedOwner {
  if (!controller) return { ownerKind: null, ownerName: null, pending: false };
  if (!INTERMEDIATE_KINDS.has(controller.kind)) {
    return { ownerKind: controller.kind, ownerName: controller.name, pending: false };
  }
  const parent =
    controller.kind === "ReplicaSet"
      ? lookup.replicaSet(namespace, controller.name)
      : lookup.job(namespace, controller.name);
  if (parent === undefined) return { ownerKind: controller.kind, ownerName: controller.name, pending: true };
  if (parent === null) return { ownerKind: controller.kind, ownerName: controller.name, pending: false };
  return { ownerKind: parent.kind, ownerName: parent.name, pending: false };
}

/** The intermediate object a pod waits on, as the key its index uses. */
export function intermediateKey(controller: OwnerRef | null, namespace: string): string | null {
  return controller && INTERMEDIATE_KINDS.has(controller.kind)
    ? `${controller.kind}:${ownerKey(namespace, controller.name)}`
    : null;
}
