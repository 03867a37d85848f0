import { type FalcoPriorityName, isAtLeast } from "./falco-priority.js";

/**
 * The event filter of `falcoEvents`, `falcoEventsCsv` and `falcoEventAdded`, normalised. The
 * repository turns it into SQL; `matchesFalcoFilter` applies the same meaning to one event (the
 * live subscription), so the list and the live feed agree.
 */
export type FalcoFilter = {
  /** Only these clusters (a cluster-bound key, or the filter's clusterId); undefined = all. */
  clusterIds?: string[] | undefined;
  /** Inclusive. */
  since?: Date | undefined;
  /** Exclusive. */
  until?: Date | undefined;
  minPriority?: FalcoPriorityName | undefined;
  /** Substring of the rule name, case-insensitive. */
  rule?: string | undefined;
  /** Exact. */
  namespace?: string | undefined;
  /** Substring, case-insensitive. */
  pod?: string | undefined;
  /** Substring, case-insensitive. */
  image?: string | undefined;
  anomalyOnly?: boolean | undefined;
  signature?: string | undefined;
};

export type FilterableEvent = {
  clusterId: string;
  time: Date;
  priority: FalcoPriorityName;
  rule: string;
  namespace: string | null;
  pod: string | null;
  image: string | null;
  anomaly: boolean;
  signature: string;
};

const contains = (value: string | null, part: string) =>
  value !== null && value.toLowerCase().includes(part.toLowerCase());

export function matchesFalcoFilter(event: FilterableEvent, filter: FalcoFilter): boolean {
  if (filter.clusterIds && !filter.clusterIds.includes(event.clusterId)) return false;
  if (filter.since && event.time.getTime() < filter.since.getTime()) return false;
  if (filter.until && event.time.getTime() >= filter.until.getTime()) return false;
  if (filter.minPriority && !isAtLeast(event.priority, filter.minPriority)) return false;
  if (filter.rule && !contains(event.rule, filter.rule)) return false;
  if (filter.namespace && event.namespace !== filter.namespace) return false;
  if (filter.pod && !contains(event.pod, filter.pod)) return false;
  if (filter.image && !contains(event.image, filter.image)) return false;
  if (filter.anomalyOnly && !event.anomaly) return false;
  if (filter.signature && event.signature !== filter.signature) return false;
  return true;
}
