import type { SortState } from "../../components/sort-button";
import type { ImageComplianceQuery, ImageFindingsQuery, Severity } from "../../gql/graphql";
import { SEVERITY_RANK } from "../../lib/severity";

export type Finding = NonNullable<ImageFindingsQuery["image"]["latestScan"]>["findings"][number];
export type FindingTreatmentRow = ImageComplianceQuery["image"]["compliance"]["findings"][number];

export type ExceptionRef = { id: string; title: string };

/** How exceptions treated one finding in the selected cluster, across its policies. */
export type Treatment = {
  excludedBy: ExceptionRef[];
  overriddenBy: Array<ExceptionRef & { countedAs: Severity | null }>;
};

/** Per finding, the exceptions that excluded it or changed its severity (each named once). */
export function treatmentsByFinding(rows: readonly FindingTreatmentRow[]): Map<string, Treatment> {
  const map = new Map<string, Treatment>();
  for (const row of rows) {
    if (!row.excludedBy && !row.overriddenBy) continue;
    const entry = map.get(row.findingId) ?? { excludedBy: [], overriddenBy: [] };
    if (row.excludedBy && !entry.excludedBy.some((item) => item.id === row.excludedBy?.id)) {
      entry.excludedBy.push({ id: row.excludedBy.id, title: row.excludedBy.title });
    }
    if (row.overriddenBy && !entry.overriddenBy.some((item) => item.id === row.overriddenBy?.id)) {
      entry.overriddenBy.push({
        id: row.overriddenBy.id,
        title: row.overriddenBy.title,
        countedAs: row.countedSeverity ?? row.overriddenBy.alternateSeverity ?? null,
      });
    }
    map.set(row.findingId, entry);
  }
  return map;
}

export type FindingSortKey = "severity" | "fixable" | "package" | "issue";

export const DEFAULT_FINDING_SORT: SortState<FindingSortKey> = { key: "severity", direction: "desc" };

/** Worst and fixable first when a column is first chosen; names A to Z. */
export function naturalDirection(key: FindingSortKey): "asc" | "desc" {
  return key === "severity" || key === "fixable" ? "desc" : "asc";
}

const text = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });

export function sortFindings(findings: readonly Finding[], sort: SortState<FindingSortKey>): Finding[] {
  const compare = (a: Finding, b: Finding): number => {
    switch (sort.key) {
      case "severity":
        return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
      case "fixable":
        return Number(a.fixable) - Number(b.fixable);
      case "package":
        return text(a.packageName, b.packageName);
      case "issue":
        return text(a.issueId, b.issueId);
    }
  };
  const sign = sort.direction === "asc" ? 1 : -1;
  // Ties: worst first, then issue and package, so the order never jumps around.
  return [...findings].sort(
    (a, b) =>
      sign * compare(a, b) ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      text(a.issueId, b.issueId) ||
      text(a.packageName, b.packageName),
  );
}

export type FindingFilter = { search: string; severity: Severity | ""; fixable: "" | "fixable" | "unfixable" };

export const EMPTY_FINDING_FILTER: FindingFilter = { search: "", severity: "", fixable: "" };

export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  const needle = filter.search.trim().toLowerCase();
  return findings.filter(
    (finding) =>
      (!filter.severity || finding.severity === filter.severity) &&
      (!filter.fixable || finding.fixable === (filter.fixable === "fixable")) &&
      (!needle ||
        finding.issueId.toLowerCase().includes(needle) ||
        finding.packageName.toLowerCase().includes(needle) ||
        finding.vulnerability.title.toLowerCase().includes(needle)),
  );
}

export type CvssScore = { source: string; score: number | null; vector: string | null; version: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** CVSS scores per source as the scanner gave them ({ nvd: { V3Score, V3Vector, … } }), newest version first. */
export function cvssScores(cvss: unknown): CvssScore[] {
  if (!isRecord(cvss)) return [];
  const scores: CvssScore[] = [];
  for (const [source, value] of Object.entries(cvss)) {
    if (!isRecord(value)) continue;
    for (const version of ["V40", "V3", "V2"]) {
      const score = value[`${version}Score`];
      const vector = value[`${version}Vector`];
      if (typeof score === "number" || typeof vector === "string") {
        scores.push({
          source,
          version: version === "V40" ? "4.0" : version === "V3" ? "3.x" : "2.0",
          score: typeof score === "number" ? score : null,
          vector: typeof vector === "string" ? vector : null,
        });
        break;
      }
    }
  }
  return scores;
}
