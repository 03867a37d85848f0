import type { FalcoEventFieldsFragment, FalcoEventFilter, FalcoPriority } from "../../gql/graphql";
import { atLeast, isFalcoPriority } from "./falco-priorities";

export type TimeRange = "all" | "1h" | "24h" | "7d" | "14d" | "30d";

export const TIME_RANGES: ReadonlyArray<{ value: TimeRange; label: string; ms: number | null }> = [
  { value: "all", label: "Any time", ms: null },
  { value: "1h", label: "Last hour", ms: 3_600_000 },
  { value: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
  { value: "14d", label: "Last 14 days", ms: 14 * 86_400_000 },
  { value: "30d", label: "Last 30 days", ms: 30 * 86_400_000 },
];

function isTimeRange(value: unknown): value is TimeRange {
  return TIME_RANGES.some((range) => range.value === value);
}

/** A cluster's Falco filters, as kept in the address bar. */
export type FalcoFilterValues = {
  range: TimeRange;
  minPriority: FalcoPriority | "";
  /** Part of the rule name. */
  rule: string;
  /** The exact namespace. */
  namespace: string;
  /** Part of the pod name. */
  pod: string;
  /** Part of the image. */
  image: string;
  anomalyOnly: boolean;
  /** Events of one signature (rule, namespace and image), e.g. from an event's page. */
  signature: string;
};

export const EMPTY_FALCO_FILTER: FalcoFilterValues = {
  range: "all",
  minPriority: "",
  rule: "",
  namespace: "",
  pod: "",
  image: "",
  anomalyOnly: false,
  signature: "",
};

const KEYS = {
  range: "range",
  minPriority: "priority",
  rule: "rule",
  namespace: "namespace",
  pod: "pod",
  image: "image",
  anomalyOnly: "anomalies",
  signature: "signature",
} as const;

export function readFalcoFilter(params: URLSearchParams): FalcoFilterValues {
  const range = params.get(KEYS.range);
  const priority = params.get(KEYS.minPriority);
  return {
    range: isTimeRange(range) ? range : "all",
    minPriority: isFalcoPriority(priority) ? priority : "",
    rule: params.get(KEYS.rule) ?? "",
    namespace: params.get(KEYS.namespace) ?? "",
    pod: params.get(KEYS.pod) ?? "",
    image: params.get(KEYS.image) ?? "",
    anomalyOnly: params.get(KEYS.anomalyOnly) === "yes",
    signature: params.get(KEYS.signature) ?? "",
  };
}

/** Only what differs from the defaults goes into the address. */
export function writeFalcoFilter(values: FalcoFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (values.range !== "all") params.set(KEYS.range, values.range);
  if (values.minPriority) params.set(KEYS.minPriority, values.minPriority);
  for (const key of ["rule", "namespace", "pod", "image", "signature"] as const) {
    const value = values[key].trim();
    if (value) params.set(KEYS[key], value);
  }
  if (values.anomalyOnly) params.set(KEYS.anomalyOnly, "yes");
  return params;
}

export function isFalcoFiltered(values: FalcoFilterValues): boolean {
  return writeFalcoFilter(values).toString() !== "";
}

/** When a range starts, counted back from `now`; null for any time. */
export function rangeStart(range: TimeRange, now: number): string | null {
  const ms = TIME_RANGES.find((item) => item.value === range)?.ms ?? null;
  return ms === null ? null : new Date(now - ms).toISOString();
}

/** The GraphQL filter for one cluster; `now` anchors the time range. */
export function toFalcoEventFilter(clusterId: string, values: FalcoFilterValues, now: number): FalcoEventFilter {
  const since = rangeStart(values.range, now);
  const text = (value: string) => value.trim() || null;
  const rule = text(values.rule);
  const namespace = text(values.namespace);
  const pod = text(values.pod);
  const image = text(values.image);
  const signature = text(values.signature);
  return {
    clusterId,
    ...(since ? { since } : {}),
    ...(values.minPriority ? { minPriority: values.minPriority } : {}),
    ...(rule ? { rule } : {}),
    ...(namespace ? { namespace } : {}),
    ...(pod ? { pod } : {}),
    ...(image ? { image } : {}),
    ...(values.anomalyOnly ? { anomalyOnly: true } : {}),
    ...(signature ? { signature } : {}),
  };
}

function contains(value: string | null | undefined, part: string): boolean {
  return (value ?? "").toLowerCase().includes(part.toLowerCase());
}

/** Whether a live event belongs in the list the server returned for this filter (the server's rules). */
export function matchesFalcoFilter(
  event: Pick<
    FalcoEventFieldsFragment,
    "clusterId" | "time" | "priority" | "rule" | "namespace" | "pod" | "image" | "anomaly" | "signature"
  >,
  filter: FalcoEventFilter,
): boolean {
  if (filter.clusterId && event.clusterId !== filter.clusterId) return false;
  const time = Date.parse(event.time);
  if (filter.since && time < Date.parse(filter.since)) return false;
  if (filter.until && time >= Date.parse(filter.until)) return false;
  if (filter.minPriority && !atLeast(event.priority, filter.minPriority)) return false;
  if (filter.rule && !contains(event.rule, filter.rule)) return false;
  if (filter.namespace && event.namespace !== filter.namespace) return false;
  if (filter.pod && !contains(event.pod, filter.pod)) return false;
  if (filter.image && !contains(event.image, filter.image)) return false;
  if (filter.anomalyOnly && !event.anomaly) return false;
  if (filter.signature && event.signature !== filter.signature) return false;
  return true;
}
