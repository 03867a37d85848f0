/** Severities as the API names them. */
export type SeverityName = "critical" | "high" | "medium" | "low" | "negligible";

/** Highest first, the order every list and table uses. */
export const SEVERITIES: readonly SeverityName[] = ["critical", "high", "medium", "low", "negligible"];

export const SEVERITY_LABELS: Record<SeverityName, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  negligible: "Negligible",
};

/** Higher is worse; for sorting. */
export const SEVERITY_RANK: Record<SeverityName, number> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  negligible: 0,
};

export function isSeverity(value: unknown): value is SeverityName {
  return typeof value === "string" && (SEVERITIES as readonly string[]).includes(value);
}

/** Findings per severity, as the API returns them. */
export type SeverityCountValues = Record<SeverityName, number>;

export type FindingCountValues = { fixable: SeverityCountValues; unfixable: SeverityCountValues };

export function totalOf(counts: SeverityCountValues): number {
  return SEVERITIES.reduce((sum, severity) => sum + counts[severity], 0);
}

/** Fixable and unfixable added up, per severity. */
export function combinedCounts(counts: FindingCountValues): SeverityCountValues {
  return Object.fromEntries(
    SEVERITIES.map((severity) => [severity, counts.fixable[severity] + counts.unfixable[severity]]),
  ) as SeverityCountValues;
}
