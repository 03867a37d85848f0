import type { ContainerKind } from "../api/contract.js";
import { isRecord } from "./admission-review.js";

export type ContainerImage = { name: string; kind: ContainerKind; image: string };

type Path = readonly string[];

/** Where each checked kind keeps its pod spec. */
const POD_SPEC_PATHS: ReadonlyMap<string, Path> = new Map<string, Path>([
  ["Pod", ["spec"]],
  ["Deployment", ["spec", "template", "spec"]],
  ["StatefulSet", ["spec", "template", "spec"]],
  ["DaemonSet", ["spec", "template", "spec"]],
  ["ReplicaSet", ["spec", "template", "spec"]],
  ["Job", ["spec", "template", "spec"]],
  // batch/v1 and batch/v1beta1 alike
  ["CronJob", ["spec", "jobTemplate", "spec", "template", "spec"]],
  // the pods/ephemeralcontainers subresource of Kubernetes before 1.25 carries this object
  ["EphemeralContainers", []],
]);

export const CHECKED_KINDS: readonly string[] = [...POD_SPEC_PATHS.keys()].filter((k) => k !== "EphemeralContainers");

export function isCheckedKind(kind: string): boolean {
  return POD_SPEC_PATHS.has(kind);
}

/**
 * The pod spec of an object of a checked kind, or null when the object does not have one where its
 * kind keeps it.
 */
export function podSpecOf(kind: string, object: unknown): Record<string, unknown> | null {
  const path = POD_SPEC_PATHS.get(kind);
  if (path === undefined) return null;
  let node: unknown = object;
  for (const key of path) {
    if (!isRecord(node)) return null;
    node = node[key];
  }
  return isRecord(node) ? node : null;
}

const LISTS: ReadonlyArray<[string, ContainerKind]> = [
  ["initContainers", "init"],
  ["containers", "app"],
  ["ephemeralContainers", "ephemeral"],
];

/** Every container of a pod spec, init and ephemeral included; a missing image reads as "". */
export function containersOf(podSpec: Record<string, unknown>): ContainerImage[] {
  const result: ContainerImage[] = [];
  for (const [field, kind] of LISTS) {
    const list = podSpec[field];
    if (!Array.isArray(list)) continue;
    for (const item of list as unknown[]) {
      if (!isRecord(item)) continue;
      result.push({
        name: typeof item.name === "string" ? item.name : "",
        kind,
        image: typeof item.image === "string" ? item.image : "",
      });
    }
  }
  return result;
}

/** metadata.<field> of an object, when it is a string. */
export function metadataString(object: unknown, field: string): string | undefined {
  if (!isRecord(object) || !isRecord(object.metadata)) return undefined;
  const value = object.metadata[field];
  return typeof value === "string" ? value : undefined;
}
