import type { FalcoPriority } from "../../gql/graphql";
import { FALCO_PRIORITIES } from "./falco-priorities";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The two views of the priority chart: hourly bars over a day, daily bars over two weeks. */
export type TimelineScale = "24h" | "14d";

export type TimelineWindow = {
  scale: TimelineScale;
  /** The first bucket's start (ISO), aligned to a whole hour or a UTC day. */
  since: string;
  bucketMinutes: number;
  /** Start of each bucket in milliseconds, oldest first; the last one holds now. */
  starts: number[];
};

/** The buckets of a view ending with the one that holds `now`. */
export function timelineWindow(scale: TimelineScale, now: number): TimelineWindow {
  const size = scale === "24h" ? HOUR_MS : DAY_MS;
  const count = scale === "24h" ? 24 : 14;
  const current = Math.floor(now / size) * size;
  const first = current - (count - 1) * size;
  return {
    scale,
    since: new Date(first).toISOString(),
    bucketMinutes: size / 60_000,
    starts: Array.from({ length: count }, (_, index) => first + index * size),
  };
}

export type PriorityBucket = {
  start: number;
  counts: Record<FalcoPriority, number>;
  total: number;
};

function zeroCounts(): Record<FalcoPriority, number> {
  return Object.fromEntries(FALCO_PRIORITIES.map((priority) => [priority, 0])) as Record<FalcoPriority, number>;
}

/** Spreads the server's counts (zero counts omitted) over the window's buckets. */
export function toPriorityBuckets(
  counts: ReadonlyArray<{ bucketStart: string; priority: FalcoPriority; count: number }>,
  window: TimelineWindow,
): PriorityBucket[] {
  const size = window.bucketMinutes * 60_000;
  const first = window.starts[0] ?? 0;
  const buckets = window.starts.map((start) => ({ start, counts: zeroCounts(), total: 0 }));
  for (const item of counts) {
    const index = Math.floor((Date.parse(item.bucketStart) - first) / size);
    const bucket = buckets[index];
    if (!bucket) continue;
    bucket.counts[item.priority] += item.count;
    bucket.total += item.count;
  }
  return buckets;
}

/** Events per priority over all buckets. */
export function priorityTotals(buckets: readonly PriorityBucket[]): Record<FalcoPriority, number> {
  const totals = zeroCounts();
  for (const bucket of buckets) {
    for (const priority of FALCO_PRIORITIES) totals[priority] += bucket.counts[priority];
  }
  return totals;
}

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const hourLongFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const dayFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const dayLongFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** A bucket's axis label ("14:00", "Nov 27") and its full name ("Nov 27, 14:00", "Nov 27, 2026"). */
export function bucketLabels(start: number, scale: TimelineScale): { short: string; long: string } {
  const date = new Date(start);
  if (scale === "24h") return { short: hourFormat.format(date), long: `from ${hourLongFormat.format(date)}` };
  return { short: dayFormat.format(date), long: dayLongFormat.format(date) };
}

/** "2026-11-27" (a UTC day) → its axis label and full name. */
export function dayLabels(day: string): { short: string; long: string } {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(time)) return { short: day, long: day };
  return bucketLabels(time, "14d");
}
