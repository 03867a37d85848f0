import { SEVERITIES, type Severity } from "./types.js";

/** Highest first: the order reasons and reports list severities in. */
export const SEVERITIES_HIGH_TO_LOW: readonly Severity[] = [...SEVERITIES].reverse();

const RANK: Readonly<Record<Severity, number>> = {
  negligible: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

/** 0 for negligible up to 4 for critical. */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** Sorts lowest first; use `(a, b) => compareSeverities(b, a)` for highest first. */
export function compareSeverities(a: Severity, b: Severity): number {
  return RANK[a] - RANK[b];
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === "string" && Object.hasOwn(RANK, value);
}

const TRIVY_SEVERITIES: ReadonlyMap<string, Severity> = new Map([
  ["CRITICAL", "critical"],
  ["HIGH", "high"],
  ["MEDIUM", "medium"],
  ["LOW", "low"],
]);

/**
 * Trivy reports CRITICAL, HIGH, MEDIUM, LOW or UNKNOWN. UNKNOWN, an absent severity and anything
 * unrecognised count as negligible: a finding is never dropped because its severity is unknown.
 */
export function fromTrivySeverity(severity: string): Severity {
  return TRIVY_SEVERITIES.get(severity.trim().toUpperCase()) ?? "negligible";
}

/** A zero count for every severity. */
export function emptyCounts(): Record<Severity, number> {
  return { negligible: 0, low: 0, medium: 0, high: 0, critical: 0 };
}
