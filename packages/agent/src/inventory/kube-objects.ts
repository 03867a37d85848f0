import type { ContainerKind, InventoryContainer, InventoryNamespace, InventoryPod } from "../api/contract.js";

/**
 * Readers of the apiserver's JSON objects. They keep only the fields the inventory sends, so the
 * agent never holds whole pods in memory, and they skip whatever is malformed rather than trust it.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The object's controller, as its ownerReferences name it. */
export type OwnerRef = { kind: string; name: string };

/** What a pod is kept as: the fields sent to the api, and its direct controller for owner resolution. */
export type PodEntry = { pod: InventoryPod; controller: OwnerRef | null };

export type Metadata = {
  uid: string;
  name: string;
  namespace: string | null;
  resourceVersion: string | null;
  creationTimestamp: string | null;
  labels: Record<string, string>;
  ownerReferences: unknown[];
};

export function metadataOf(object: unknown): Metadata | null {
  if (!isObj(object) || !isObj(object.metadata)) return null;
  const m = object.metadata;
  const uid = str(m.uid);
  const name = str(m.name);
  if (!uid || !name) return null;
  return {
    uid,
    name,
    namespace: str(m.namespace),
    resourceVersion: str(m.resourceVersion),
    creationTimestamp: str(m.creationTimestamp),
    labels: labelsOf(m.labels),
    ownerReferences: list(m.ownerReferences),
  };
}

/** The resource version of any object (a bookmark carries only that). */
export function resourceVersionOf(object: unknown): string | null {
  return isObj(object) && isObj(object.metadata) ? str(object.metadata.resourceVersion) : null;
}

function labelsOf(value: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!isObj(value)) return labels;
  for (const [key, v] of Object.entries(value)) if (typeof v === "string") labels[key] = v;
  return labels;
}

/** The owner reference marked controller, else the first one; null for an object nobody owns. */
export function controllerOf(metadata: Metadata): OwnerRef | null {
  const refs = metadata.ownerReferences.filter(isObj);
  const ref = refs.find((r) => r.controller === true) ?? refs[0];
  if (!ref) return null;
  const kind = str(ref.kind);
  const name = str(ref.name);
  return kind && name ? { kind, name } : null;
}

export function namespaceRecord(object: unknown): InventoryNamespace | null {
  const m = metadataOf(object);
  if (!m) return null;
  return { uid: m.uid, name: m.name, createdAt: m.creationTimestamp, labels: m.labels };
}

/** A ReplicaSet's or Job's place in the ownership chain: its namespace/name and its own controller. */
export type OwnedRecord = { key: string; owner: OwnerRef | null };

export function ownedRecord(object: unknown): OwnedRecord | null {
  const m = metadataOf(object);
  if (!m || !m.namespace) return null;
  return { key: ownerKey(m.namespace, m.name), owner: controllerOf(m) };
}

export function ownerKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

const KINDS: ReadonlyArray<[spec: string, status: string, kind: ContainerKind]> = [
  ["initContainers", "initContainerStatuses", "init"],
  ["containers", "containerStatuses", "app"],
  ["ephemeralContainers", "ephemeralContainerStatuses", "ephemeral"],
];

/**
 * Every container of a pod with its kind, the image its spec names and, when the kubelet reported
 * it, the imageID of the matching status (same name, same kind of list).
 */
export function containersOf(spec: unknown, status: unknown): InventoryContainer[] {
  const containers: InventoryContainer[] = [];
  const statusLists = isObj(status) ? status : {};
  for (const [specField, statusField, kind] of KINDS) {
    const declared = isObj(spec) ? list(spec[specField]) : [];
    if (!declared.length) continue;
    const imageIDs = new Map<string, string>();
    for (const s of list(statusLists[statusField])) {
      if (!isObj(s)) continue;
      const name = str(s.name);
      const imageID = str(s.imageID);
      if (name && imageID) imageIDs.set(name, imageID);
    }
    for (const c of declared) {
      if (!isObj(c)) continue;
      const name = str(c.name);
      const image = str(c.image);
      if (!name || !image) continue;
      containers.push({ name, kind, image, imageID: imageIDs.get(name) ?? null });
    }
  }
  return containers;
}

/** The pod as the inventory keeps it; its owner is its direct controller until resolved. */
export function podEntry(object: unknown): PodEntry | null {
  const m = metadataOf(object);
  if (!m || !m.namespace || !isObj(object)) return null;
  const status = isObj(object.status) ? object.status : {};
  const spec = isObj(object.spec) ? object.spec : {};
  const controller = controllerOf(m);
  return {
    pod: {
      uid: m.uid,
      namespace: m.namespace,
      name: m.name,
      phase: str(status.phase),
      nodeName: str(spec.nodeName),
      ownerKind: controller?.kind ?? null,
      ownerName: controller?.name ?? null,
      createdAt: m.creationTimestamp,
      labels: m.labels,
      containers: containersOf(spec, status),
    },
    controller,
  };
}

/** True when two pods would be sent the same way (a status change the api does not store is no change). */
export function samePod(a: InventoryPod, b: InventoryPod): boolean {
  if (
    a.uid !== b.uid ||
    a.namespace !== b.namespace ||
    a.name !== b.name ||
    a.phase !== b.phase ||
    a.nodeName !== b.nodeName ||
    a.ownerKind !== b.ownerKind ||
    a.ownerName !== b.ownerName ||
    a.createdAt !== b.createdAt ||
    a.containers.length !== b.containers.length ||
    !sameLabels(a.labels, b.labels)
  )
    return false;
  return a.containers.every((c, i) => {
    const d = b.containers[i] as InventoryContainer;
    return c.name === d.name && c.kind === d.kind && c.image === d.image && c.imageID === d.imageID;
  });
}

export function sameNamespace(a: InventoryNamespace, b: InventoryNamespace): boolean {
  return a.uid === b.uid && a.name === b.name && a.createdAt === b.createdAt && sameLabels(a.labels, b.labels);
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => a[k] === b[k]);
}
