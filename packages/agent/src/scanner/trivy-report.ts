import type { Severity } from "../api/contract.js";

/**
 * What the agent itself reads from `trivy image --format json` output (schema version 2): the
 * image's identity and each vulnerability, for the SARIF and JSON outputs of the scan mode. The api
 * does the authoritative parsing; this reader is tolerant and skips entries it cannot use.
 */
export type TrivyFinding = {
  issueId: string;
  packageName: string;
  installedVersion: string;
  fixedVersion: string | null;
  severity: Severity;
  title: string | null;
  description: string | null;
  primaryUrl: string | null;
  /** Result.Target, e.g. "nginx:1.25 (debian 12.5)" or "app/package-lock.json". */
  target: string;
  /** Result.Class: os-pkgs, lang-pkgs… */
  resultClass: string | null;
  /** Result.Type: debian, alpine, npm, jar… */
  resultType: string | null;
  /** Where a language package was found in the image. */
  packagePath: string | null;
  /** The CVSS v3 (or v4) base score from the source Trivy took the severity from. */
  cvssScore: number | null;
  cvssVector: string | null;
};

export type TrivyImageReport = {
  trivyVersion: string | null;
  artifactName: string | null;
  imageId: string | null;
  repoTags: string[];
  repoDigests: string[];
  findings: TrivyFinding[];
};

const SEVERITIES: Record<string, Severity> = {
  CRITICAL: "critical",
  HIGH: "high",
  MEDIUM: "medium",
  LOW: "low",
  UNKNOWN: "negligible",
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null);

export function toSeverity(value: unknown): Severity {
  return (typeof value === "string" ? SEVERITIES[value.toUpperCase()] : undefined) ?? "negligible";
}

function cvssOf(vulnerability: Obj): { score: number | null; vector: string | null } {
  const cvss = vulnerability.CVSS;
  const source = str(vulnerability.SeveritySource);
  if (!isObj(cvss) || !source || !isObj(cvss[source])) return { score: null, vector: null };
  const entry = cvss[source];
  const v3 = num(entry.V3Score);
  if (v3 !== null) return { score: v3, vector: str(entry.V3Vector) };
  const v4 = num(entry.V40Score);
  if (v4 !== null) return { score: v4, vector: str(entry.V40Vector) };
  return { score: null, vector: null };
}

export function readTrivyReport(report: unknown): TrivyImageReport {
  const root = isObj(report) ? report : {};
  const metadata = isObj(root.Metadata) ? root.Metadata : {};
  const trivy = isObj(root.Trivy) ? root.Trivy : {};
  const findings: TrivyFinding[] = [];
  for (const result of Array.isArray(root.Results) ? root.Results : []) {
    if (!isObj(result) || !Array.isArray(result.Vulnerabilities)) continue;
    const target = str(result.Target) ?? "";
    for (const v of result.Vulnerabilities) {
      if (!isObj(v)) continue;
      const issueId = str(v.VulnerabilityID);
      const packageName = str(v.PkgName);
      if (!issueId || !packageName) continue;
      const { score, vector } = cvssOf(v);
      findings.push({
        issueId,
        packageName,
        installedVersion: str(v.InstalledVersion) ?? "",
        fixedVersion: str(v.FixedVersion),
        severity: toSeverity(v.Severity),
        title: str(v.Title),
        description: str(v.Description),
        primaryUrl: str(v.PrimaryURL),
        target,
        resultClass: str(result.Class),
        resultType: str(result.Type),
        packagePath: str(v.PkgPath),
        cvssScore: score,
        cvssVector: vector,
      });
    }
  }
  return {
    trivyVersion: str(trivy.Version),
    artifactName: str(root.ArtifactName),
    imageId: str(metadata.ImageID),
    repoTags: strings(metadata.RepoTags),
    repoDigests: strings(metadata.RepoDigests),
    findings,
  };
}
