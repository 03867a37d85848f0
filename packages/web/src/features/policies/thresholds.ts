import type { ThresholdsInput } from "../../gql/graphql";
import { SEVERITIES, type SeverityName } from "../../lib/severity";

export type Fixability = "fixable" | "unfixable";
export const FIXABILITIES: readonly Fixability[] = ["fixable", "unfixable"];

/** The ten threshold fields as typed: "" means no limit. */
export type ThresholdValues = Record<Fixability, Record<SeverityName, string>>;

/** Max counts per severity; null = no limit. */
type Limits = Record<SeverityName, number | null>;
export type ThresholdLimits = Record<Fixability, Limits>;

const row = (value: (severity: SeverityName) => string) =>
  Object.fromEntries(SEVERITIES.map((severity) => [severity, value(severity)])) as Record<SeverityName, string>;

export function emptyThresholdValues(): ThresholdValues {
  return { fixable: row(() => ""), unfixable: row(() => "") };
}

/** The default policy's rule, a sensible start: no fixable critical or high findings. */
export function defaultThresholdValues(): ThresholdValues {
  const values = emptyThresholdValues();
  values.fixable.critical = "0";
  values.fixable.high = "0";
  return values;
}

export function thresholdValuesFrom(thresholds: ThresholdLimits): ThresholdValues {
  const text = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));
  return {
    fixable: row((severity) => text(thresholds.fixable[severity])),
    unfixable: row((severity) => text(thresholds.unfixable[severity])),
  };
}

/** A whole number from 0 up, or "" for no limit. */
export function limitProblem(value: string): string | null {
  const text = value.trim();
  if (text === "") return null;
  if (!/^\d+$/.test(text)) return "Enter a whole number from 0, or leave empty";
  if (Number(text) > 1_000_000) return "Enter at most 1000000";
  return null;
}

/** Problems by path, e.g. "fixable.high". */
export function thresholdProblems(values: ThresholdValues): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const fixability of FIXABILITIES) {
    for (const severity of SEVERITIES) {
      const problem = limitProblem(values[fixability][severity]);
      if (problem) problems[`${fixability}.${severity}`] = problem;
    }
  }
  return problems;
}

/** What the API takes: every field, null where it was left empty (no limit). */
export function thresholdsToInput(values: ThresholdValues): ThresholdsInput {
  const limits = (fixability: Fixability) =>
    Object.fromEntries(
      SEVERITIES.map((severity) => {
        const text = values[fixability][severity].trim();
        return [severity, text === "" ? null : Number(text)];
      }),
    ) as Record<SeverityName, number | null>;
  return { fixable: limits("fixable"), unfixable: limits("unfixable") };
}

/** "critical ≤ 0, high ≤ 0" for one side, or null when it has no limit at all. */
function describeSide(limits: Limits): string | null {
  const parts = SEVERITIES.filter((severity) => limits[severity] !== null && limits[severity] !== undefined).map(
    (severity) => `${severity} ≤ ${String(limits[severity])}`,
  );
  return parts.length ? parts.join(", ") : null;
}

/** One line per side that has limits: "Fixable: critical ≤ 0, high ≤ 0". */
export function summariseThresholds(thresholds: ThresholdLimits): string[] {
  const lines: string[] = [];
  const fixable = describeSide(thresholds.fixable);
  const unfixable = describeSide(thresholds.unfixable);
  if (fixable) lines.push(`Fixable: ${fixable}`);
  if (unfixable) lines.push(`Unfixable: ${unfixable}`);
  return lines.length ? lines : ["No limits: always passes"];
}
