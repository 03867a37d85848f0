import { createHash } from "node:crypto";
import type { Severity, VerdictReason } from "../api/contract.js";
import type { ScanSubmission } from "../client/ci-scan-api.js";
import type { TrivyFinding, TrivyImageReport } from "../scanner/trivy-report.js";

/** SARIF 2.1.0, as much of it as Bulwark writes. */
export type SarifLevel = "none" | "note" | "warning" | "error";
export type SarifMessage = { text: string; markdown?: string };
export type SarifRule = {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  helpUri?: string;
  help: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; precision: string; "security-severity": string; [key: string]: unknown };
};
export type SarifLocation = {
  physicalLocation: {
    artifactLocation: { uri: string };
    region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
  message: SarifMessage;
};
export type SarifResult = {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
};
export type SarifLog = {
  $schema: string;
  version: "2.1.0";
  runs: Array<{
    tool: {
      driver: { name: string; fullName: string; version: string; rules: SarifRule[] };
      extensions?: Array<{ name: string; version?: string }>;
    };
    automationDetails: { id: string };
    invocations: Array<{ executionSuccessful: boolean; endTimeUtc: string }>;
    columnKind: "utf16CodeUnits";
    results: SarifResult[];
    properties: Record<string, unknown>;
  }>;
};

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const FINGERPRINT_KEY = "bulwarkFinding/v1";

/** When the report gives no CVSS score: the middle of each GitHub code-scanning band. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  negligible: "0.0",
};

const RANK: Record<Severity, number> = { negligible: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function severityLevel(severity: Severity): SarifLevel {
  if (severity === "critical" || severity === "high") return "error";
  if (severity === "medium") return "warning";
  return "note";
}

export type SarifInput = {
  /** The reference scanned, as given on the command line. */
  image: string;
  cluster: string;
  report: TrivyImageReport;
  submission: ScanSubmission;
  agentVersion: string;
  now?: Date;
};

type Treatment = { level: SarifLevel; blocking: VerdictReason[]; advisory: VerdictReason[] };

/**
 * Which policies a finding fails. A finding counted in a blocking reason is an error; one counted
 * only in advisory reasons (non-enforced policies, non-required scanners) a warning; one that no
 * policy objects to a note. Its severity still ranks it, through security-severity.
 */
function treatment(issueId: string, reasons: VerdictReason[]): Treatment {
  const matching = reasons.filter((r) => r.issueIds.includes(issueId));
  const blocking = matching.filter((r) => r.blocking);
  const advisory = matching.filter((r) => !r.blocking);
  return { level: blocking.length ? "error" : advisory.length ? "warning" : "note", blocking, advisory };
}

function describeReason(reason: VerdictReason): string {
  return `policy "${reason.policyName}" (${reason.scannerName}): ${reason.count} ${reason.fixable ? "fixable" : "unfixable"} ${reason.severity}, at most ${reason.limit} allowed`;
}

/** Where code-scanning tools show the finding: as Trivy does, the image's repository for OS packages, the file for language packages. */
export function locationUri(finding: TrivyFinding, repository: string): string {
  if (finding.resultClass === "os-pkgs" || (!finding.packagePath && !finding.target)) return repository;
  const raw = finding.packagePath ?? finding.target;
  return raw.replace(/\\/g, "/").replace(/^\/+/, "") || repository;
}

function httpUrl(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function fingerprint(parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/**
 * The findings of the local Trivy report as SARIF 2.1.0, with the verdict Bulwark gave: one rule
 * per issue id (security-severity from the report's CVSS score, else by severity), one result per
 * finding, levels by what the cluster's policies make of it.
 */
export function toSarif(input: SarifInput): SarifLog {
  const { submission, report } = input;
  const reasons = submission.verdict.reasons;
  const repository = submission.image.repository;
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results: SarifResult[] = [];
  const seen = new Set<string>();

  // One rule per issue id, at the highest severity and score any of its findings has.
  const byIssue = new Map<string, TrivyFinding[]>();
  for (const finding of report.findings) {
    const list = byIssue.get(finding.issueId) ?? [];
    list.push(finding);
    byIssue.set(finding.issueId, list);
  }
  for (const [issueId, findings] of byIssue) {
    const first = findings[0] as TrivyFinding;
    const severity = findings.reduce<Severity>((s, f) => (RANK[f.severity] > RANK[s] ? f.severity : s), first.severity);
    const scores = findings.map((f) => f.cvssScore).filter((s): s is number => s !== null);
    const score = scores.length ? Math.max(...scores).toFixed(1) : SECURITY_SEVERITY[severity];
    const helpUri = httpUrl(first.primaryUrl);
    const title = first.title ?? issueId;
    const packages = [...new Set(findings.map((f) => f.packageName))].join(", ");
    const vector = findings.find((f) => f.cvssVector)?.cvssVector;
    ruleIndex.set(issueId, rules.length);
    rules.push({
      id: issueId,
      name: first.resultClass === "lang-pkgs" ? "LanguageSpecificPackageVulnerability" : "OsPackageVulnerability",
      shortDescription: { text: title },
      fullDescription: { text: first.description ?? title },
      ...(helpUri ? { helpUri } : {}),
      help: {
        text: `Vulnerability ${issueId}\nSeverity: ${severity}\nPackage: ${packages}\nLink: ${helpUri ?? "none"}\n\n${first.description ?? title}`,
        markdown: `**Vulnerability ${issueId}**\n\n| Severity | Package | Link |\n| --- | --- | --- |\n| ${severity} | ${packages} | ${
          helpUri ? `[${issueId}](${helpUri})` : issueId
        } |\n\n${first.description ?? title}`,
      },
      defaultConfiguration: { level: severityLevel(severity) },
      properties: {
        tags: ["vulnerability", "security", severity],
        precision: "very-high",
        "security-severity": score,
        ...(vector ? { cvssVector: vector } : {}),
      },
    });
  }

  for (const finding of report.findings) {
    const uri = locationUri(finding, repository);
    const print = fingerprint([
      `${submission.image.registry}/${repository}`,
      finding.issueId,
      finding.packageName,
      finding.installedVersion,
      uri,
    ]);
    if (seen.has(print)) continue;
    seen.add(print);
    const t = treatment(finding.issueId, reasons);
    const fixed = finding.fixedVersion ? `fixed in ${finding.fixedVersion}` : "no fixed version yet";
    const policy = t.blocking.length
      ? `Blocked by ${t.blocking.map(describeReason).join("; ")}`
      : t.advisory.length
        ? `Fails advisory ${t.advisory.map(describeReason).join("; ")}`
        : "Allowed by the cluster's policies";
    results.push({
      ruleId: finding.issueId,
      ruleIndex: ruleIndex.get(finding.issueId) as number,
      level: t.level,
      message: {
        text: `${finding.packageName} ${finding.installedVersion} has ${finding.issueId} (${finding.severity}); ${fixed}. ${policy}.`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri },
            region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
          },
          message: { text: `${uri}: ${finding.packageName}@${finding.installedVersion}` },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: print },
      properties: {
        packageName: finding.packageName,
        installedVersion: finding.installedVersion,
        fixedVersion: finding.fixedVersion,
        severity: finding.severity,
        target: finding.target,
        blocking: t.blocking.length > 0,
        policies: [...t.blocking, ...t.advisory].map((r) => r.policyName),
      },
    });
  }

  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "Bulwark",
            fullName: "Bulwark image compliance",
            version: input.agentVersion,
            rules,
          },
          extensions: [{ name: "Trivy", ...(report.trivyVersion ? { version: report.trivyVersion } : {}) }],
        },
        automationDetails: { id: `bulwark/${submission.image.registry}/${repository}/` },
        invocations: [{ executionSuccessful: true, endTimeUtc: (input.now ?? new Date()).toISOString() }],
        columnKind: "utf16CodeUnits",
        results,
        properties: {
          imageName: input.image,
          imageReference: submission.image.reference,
          digest: submission.image.digest,
          repoTags: report.repoTags,
          repoDigests: report.repoDigests,
          imageID: report.imageId,
          cluster: input.cluster,
          verdict: submission.verdict.status,
          scanId: submission.scan.id,
        },
      },
    ],
  };
}
