import type { BadgeTone } from "../../components/badge";
import type { VerdictReasonFieldsFragment, VerdictStatus } from "../../gql/graphql";
import { SEVERITY_RANK } from "../../lib/severity";

export const VERDICT_STATUSES: readonly VerdictStatus[] = ["non_compliant", "scan_failed", "unscanned", "compliant"];

export const VERDICT_LABELS: Record<VerdictStatus, string> = {
  compliant: "Compliant",
  non_compliant: "Non-compliant",
  unscanned: "Not scanned",
  scan_failed: "Scan failed",
};

export const VERDICT_TONES: Record<VerdictStatus, BadgeTone> = {
  compliant: "success",
  non_compliant: "danger",
  unscanned: "neutral",
  scan_failed: "warning",
};

export const VERDICT_DESCRIPTIONS: Record<VerdictStatus, string> = {
  compliant: "Meets every enforced policy of the cluster.",
  non_compliant: "Breaks at least one enforced policy of the cluster; admission blocks it.",
  unscanned: "No scan yet, so it cannot be judged.",
  scan_failed: "Its latest scan failed, so it cannot be judged.",
};

export function isVerdictStatus(value: unknown): value is VerdictStatus {
  return typeof value === "string" && (VERDICT_STATUSES as readonly string[]).includes(value);
}

type Reason = Pick<VerdictReasonFieldsFragment, "count" | "limit" | "fixable" | "severity" | "blocking">;

/** "2 fixable high > 0": the count that broke a threshold and the limit it broke. */
export function reasonSummary(reason: Reason): string {
  return `${reason.count} ${reason.fixable ? "fixable" : "unfixable"} ${reason.severity} > ${reason.limit}`;
}

/** Blocking first, then the worst severity: the order the API uses, kept for data from elsewhere. */
export function sortReasons<R extends Reason>(reasons: readonly R[]): R[] {
  return [...reasons].sort(
    (a, b) =>
      Number(b.blocking) - Number(a.blocking) ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      Number(b.fixable) - Number(a.fixable),
  );
}

/** A short summary of a verdict's reasons for a list: the first few, then how many more. */
export function reasonsSummary(reasons: readonly Reason[], shown = 2): string {
  if (!reasons.length) return "";
  const sorted = sortReasons(reasons);
  const unique = [...new Set(sorted.map(reasonSummary))];
  const head = unique.slice(0, shown).join("; ");
  return unique.length > shown ? `${head}; +${unique.length - shown} more` : head;
}
