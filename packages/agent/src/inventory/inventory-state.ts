import type { InventoryNamespace, InventoryPod } from "../api/contract.js";
import { ownerKey, sameNamespace, samePod, type OwnedRecord, type OwnerRef, type PodEntry } from "./kube-objects.js";
import { intermediateKey, resolveOwner, type OwnerLookup } from "./owners.js";

export type IntermediateKind = "ReplicaSet" | "Job";

/**
 * What the agent knows of its cluster: namespaces, pods (only the fields sent to the api) with
 * their top-level owner resolved, and the ReplicaSets' and Jobs' own owners. Each change says
 * whether anything the api stores changed, so only real changes are sent.
 */
export class InventoryState implements OwnerLookup {
  readonly namespaces = new Map<string, InventoryNamespace>();
  readonly pods = new Map<string, PodEntry>();
  private readonly owners: Record<IntermediateKind, Map<string, OwnerRef | null>> = {
    ReplicaSet: new Map(),
    Job: new Map(),
  };
  /** Pods whose ReplicaSet or Job has not been seen yet, by that object's key. */
  private readonly waiting = new Map<string, Set<string>>();

  replicaSet(namespace: string, name: string): OwnerRef | null | undefined {
    return this.owners.ReplicaSet.get(ownerKey(namespace, name));
  }

  job(namespace: string, name: string): OwnerRef | null | undefined {
    return this.owners.Job.get(ownerKey(namespace, name));
  }

  // Namespaces ------------------------------------------------------------------------------

  /** True when the namespace is new or changed. */
  upsertNamespace(namespace: InventoryNamespace): boolean {
    const known = this.namespaces.get(namespace.name);
    this.namespaces.set(namespace.name, namespace);
    return !known || !sameNamespace(known, namespace);
  }

  deleteNamespace(name: string): boolean {
    return this.namespaces.delete(name);
  }

  replaceNamespaces(namespaces: InventoryNamespace[]): void {
    this.namespaces.clear();
    for (const n of namespaces) this.namespaces.set(n.name, n);
  }

  // Pods ------------------------------------------------------------------------------------

  /** Stores the pod with its owner resolved; true when anything sent to the api changed. */
  upsertPod(entry: PodEntry): boolean {
    const known = this.pods.get(entry.pod.uid);
    const resolved = this.resolve(entry);
    this.track(known, resolved);
    this.pods.set(resolved.pod.uid, resolved);
    return !known || !samePod(known.pod, resolved.pod);
  }

  deletePod(uid: string): boolean {
    const known = this.pods.get(uid);
    if (!known) return false;
    this.track(known, null);
    this.pods.delete(uid);
    return true;
  }

  replacePods(entries: PodEntry[]): void {
    this.pods.clear();
    this.waiting.clear();
    for (const entry of entries) {
      const resolved = this.resolve(entry);
      this.track(undefined, resolved);
      this.pods.set(resolved.pod.uid, resolved);
    }
  }

  /** How many pods wait for their ReplicaSet or Job to be seen. */
  get waitingPods(): number {
    let count = 0;
    for (const uids of this.waiting.values()) count += uids.size;
    return count;
  }

  // ReplicaSets and Jobs --------------------------------------------------------------------

  /** A ReplicaSet or Job was added or changed; returns the uids of pods whose owner changed. */
  setOwned(kind: IntermediateKind, record: OwnedRecord): string[] {
    const map = this.owners[kind];
    const had = map.has(record.key);
    const before = map.get(record.key);
    map.set(record.key, record.owner);
    if (had && sameOwner(before ?? null, record.owner)) return [];
    // New: only pods waiting for it can refer to it. Changed (adopted, orphaned): look at them all.
    const candidates = had
      ? this.podsControlledBy(kind, record.key)
      : [...(this.waiting.get(`${kind}:${record.key}`) ?? [])];
    return this.reresolve(candidates);
  }

  /** Pods keep the owner they had; a pod still referring to it later shows the ReplicaSet or Job itself. */
  deleteOwned(kind: IntermediateKind, key: string): void {
    this.owners[kind].delete(key);
  }

  /** A complete list of ReplicaSets or Jobs; every pod's owner is resolved again. */
  replaceOwned(kind: IntermediateKind, records: OwnedRecord[]): string[] {
    const map = this.owners[kind];
    map.clear();
    for (const r of records) map.set(r.key, r.owner);
    return this.reresolve([...this.pods.keys()]);
  }

  // Reports ---------------------------------------------------------------------------------

  allNamespaces(): InventoryNamespace[] {
    return [...this.namespaces.values()];
  }

  allPods(): InventoryPod[] {
    const pods: InventoryPod[] = [];
    for (const entry of this.pods.values()) pods.push(entry.pod);
    return pods;
  }

  pod(uid: string): InventoryPod | undefined {
    return this.pods.get(uid)?.pod;
  }

  namespace(name: string): InventoryNamespace | undefined {
    return this.namespaces.get(name);
  }

  // -----------------------------------------------------------------------------------------

  private resolve(entry: PodEntry): PodEntry {
    const owner = resolveOwner(entry.controller, entry.pod.namespace, this);
    if (owner.ownerKind === entry.pod.ownerKind && owner.ownerName === entry.pod.ownerName) return entry;
    return {
      pod: { ...entry.pod, ownerKind: owner.ownerKind, ownerName: owner.ownerName },
      controller: entry.controller,
    };
  }

  /** Keeps the waiting index in step: `before` leaves it, `after` joins it while its owner is unknown. */
  private track(before: PodEntry | undefined | null, after: PodEntry | null): void {
    if (before) {
      const key = intermediateKey(before.controller, before.pod.namespace);
      const set = key ? this.waiting.get(key) : undefined;
      if (key && set) {
        set.delete(before.pod.uid);
        if (!set.size) this.waiting.delete(key);
      }
    }
    if (after && resolveOwner(after.controller, after.pod.namespace, this).pending) {
      const key = intermediateKey(after.controller, after.pod.namespace) as string;
      let set = this.waiting.get(key);
      if (!set) this.waiting.set(key, (set = new Set()));
      set.add(after.pod.uid);
    }
  }

  private podsControlledBy(kind: IntermediateKind, key: string): string[] {
    const uids: string[] = [];
    for (const [uid, entry] of this.pods) {
      if (entry.controller?.kind === kind && ownerKey(entry.pod.namespace, entry.controller.name) === key)
        uids.push(uid);
    }
    return uids;
  }

  private reresolve(uids: string[]): string[] {
    const changed: string[] = [];
    for (const uid of uids) {
      const known = this.pods.get(uid);
      if (!known) continue;
      const resolved = this.resolve(known);
      this.track(known, resolved);
      this.pods.set(uid, resolved);
      if (resolved !== known) changed.push(uid);
    }
    return changed;
  }
}

function sameOwner(a: OwnerRef | null, b: OwnerRef | null): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.name === b.name);
}
