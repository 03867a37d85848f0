import type { Severity, VerdictReason, VerdictStatus } from "../api/contract.js";
import type { FindingCounts, ScanSubmission, SeverityCounts } from "../client/ci-scan-api.js";

export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "negligible"];

const VERDICT_WORDS: Record<VerdictStatus, string> = {
  compliant: "COMPLIANT",
  non_compliant: "NON-COMPLIANT",
  unscanned: "UNSCANNED",
  scan_failed: "SCAN FAILED",
};

/** 0 compliant; 1 anything else the api decided (non-compliant, unscanned, scan failed). */
export function exitCodeFor(status: VerdictStatus): 0 | 1 {
  return status === "compliant" ? 0 : 1;
}

function listIssues(ids: string[], max = 8): string {
  if (!ids.length) return "";
  const shown = ids.slice(0, max).join(", ");
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}

export function describeReason(reason: VerdictReason): string {
  const kind = reason.fixable ? "fixable" : "unfixable";
  const found = `${reason.count} ${kind} ${reason.severity} finding${reason.count === 1 ? "" : "s"}, at most ${reason.limit} allowed`;
  return `${reason.policyName} / ${reason.scannerName}: ${found}`;
}

function totals(counts: FindingCounts): SeverityCounts {
  const out = {} as SeverityCounts;
  for (const s of SEVERITY_ORDER) out[s] = counts.fixable[s] + counts.unfixable[s];
  return out;
}

const sum = (c: SeverityCounts) => SEVERITY_ORDER.reduce((n, s) => n + c[s], 0);

/** For people: the verdict, why, and the findings per severity. */
export function formatTable(image: string, submission: ScanSubmission): string {
  const { verdict, scan } = submission;
  const lines: string[] = [];
  lines.push(`Image:    ${image}`);
  lines.push(`Digest:   ${submission.image.digest}`);
  lines.push(`Cluster:  ${submission.cluster.name}`);
  lines.push(`Verdict:  ${VERDICT_WORDS[verdict.status]}`);
  lines.push("");
  if (verdict.reasons.length) {
    lines.push("Reasons:");
    for (const reason of verdict.reasons) {
      lines.push(`  ${reason.blocking ? "[blocking]" : "[advisory]"} ${describeReason(reason)}`);
      const issues = listIssues(reason.issueIds);
      if (issues) lines.push(`             ${issues}`);
    }
  } else if (verdict.status === "compliant") {
    lines.push("Every policy of the cluster passes.");
  } else {
    lines.push("No policy reason was given.");
  }
  lines.push("");
  const total = totals(scan.counts);
  const rows = [
    ["Severity", "Fixable", "Unfixable", "Total"],
    ...SEVERITY_ORDER.map((s) => [s, scan.counts.fixable[s], scan.counts.unfixable[s], total[s]].map(String)),
    ["total", String(sum(scan.counts.fixable)), String(sum(scan.counts.unfixable)), String(sum(total))],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  for (const row of rows) {
    lines.push(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")}`);
  }
  return `${lines.join("\n")}\n`;
}

/** For machines: stable field names, counts with totals, the exit code the command ends with. */
export function formatJson(image: string, submission: ScanSubmission): string {
  const { verdict, scan } = submission;
  const total = totals(scan.counts);
  const out = {
    image: {
      scanned: image,
      reference: submission.image.reference,
      name: submission.image.name,
      registry: submission.image.registry,
      repository: submission.image.repository,
      digest: submission.image.digest,
      tags: submission.image.tags,
    },
    cluster: submission.cluster.name,
    verdict: verdict.status,
    compliant: verdict.status === "compliant",
    reasons: verdict.reasons,
    counts: { ...scan.counts, total: { ...total, all: sum(total) } },
    scanId: scan.id,
    exitCode: exitCodeFor(verdict.status),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
