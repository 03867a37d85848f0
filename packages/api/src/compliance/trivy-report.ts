import { z } from "zod";
import { DomainError, type ErrorCode } from "../common/errors.js";
import { DOCKER_HUB, normaliseRegistryHost, parseImageReference } from "./image-reference.js";
import { fromTrivySeverity } from "./severity.js";
import type { ImageReference, Severity } from "./types.js";

/**
 * Reads `trivy image -f json` output (JSON schema version 2; github.com/aquasecurity/trivy
 * pkg/types/report.go and pkg/types/vulnerability.go). Only the fields Bulwark uses are validated;
 * every other field (and any field a later Trivy adds) is ignored. Trivy omits empty fields, so
 * `Metadata`, `Results`, a result's `Vulnerabilities` and most vulnerability fields may be absent;
 * config, secret and license results carry no vulnerabilities at all.
 */

export const DEFAULT_MAX_VULNERABILITIES = 50_000;

/** One vulnerability in one package, as the scan reported it. */
export type ParsedFinding = {
  issueId: string;
  packageName: string;
  installedVersion: string;
  /** null when Trivy names no fixed version. */
  fixedVersion: string | null;
  severity: Severity;
  /** True when Trivy names a fixed version. */
  fixable: boolean;
  /** Result.Target, e.g. "nginx:1.25 (debian 12.5)" or "app/package-lock.json". */
  target: string;
  /** Result.Class, e.g. os-pkgs or lang-pkgs. */
  class: string | null;
  /** Result.Type, e.g. alpine, debian, npm, jar. */
  type: string | null;
  /** PkgPath: where a language package was found, e.g. a jar inside the image. */
  packagePath: string | null;
  /** Trivy's status, e.g. fixed, affected, will_not_fix. */
  status: string | null;
};

/** Trivy's CVSS object: vectors and scores per source, e.g. { nvd: { V3Vector, V3Score } }. */
export type TrivyCvss = Record<string, Record<string, unknown>>;

/** What is known about an issue, once per issue id. */
export type VulnerabilityInfo = {
  issueId: string;
  title: string | null;
  description: string | null;
  severity: Severity;
  cvss: TrivyCvss | null;
  primaryUrl: string | null;
  references: string[];
  /** RFC 3339 timestamps as Trivy gives them. */
  publishedAt: string | null;
  lastModifiedAt: string | null;
};

export type TrivyReport = {
  schemaVersion: 2;
  artifactName: string | null;
  artifactType: string | null;
  createdAt: string | null;
  imageId: string | null;
  repoDigests: string[];
  repoTags: string[];
  os: { family: string; name: string } | null;
  findings: ParsedFinding[];
  vulnerabilities: Map<string, VulnerabilityInfo>;
};

export type ParseTrivyReportOptions = {
  /** Reports listing more vulnerabilities than this are refused. Default 50,000. */
  maxVulnerabilities?: number;
};

/** A report Bulwark cannot read; `path` names the offending field ("" for the whole report). */
export class TrivyReportError extends DomainError {
  constructor(
    message: string,
    readonly path: string,
    code: ErrorCode = "BAD_USER_INPUT",
  ) {
    super(code, message, { path });
    this.name = "TrivyReportError";
  }
}

const text = z.string().nullish();
const requiredText = z.string().min(1);

const vulnerabilitySchema = z.object({
  VulnerabilityID: requiredText,
  PkgName: requiredText,
  InstalledVersion: requiredText,
  PkgPath: text,
  FixedVersion: text,
  Status: text,
  Severity: text,
  Title: text,
  Description: text,
  PrimaryURL: text,
  References: z.array(z.string()).nullish(),
  CVSS: z.record(z.string(), z.record(z.string(), z.unknown())).nullish(),
  PublishedDate: text,
  LastModifiedDate: text,
});

const resultSchema = z.object({
  Target: text,
  Class: text,
  Type: text,
  Vulnerabilities: z.array(vulnerabilitySchema).nullish(),
});

const reportSchema = z.object({
  ArtifactName: text,
  ArtifactType: text,
  CreatedAt: text,
  Metadata: z
    .object({
      OS: z.object({ Family: text, Name: text }).nullish(),
      ImageID: text,
      RepoTags: z.array(z.string()).nullish(),
      RepoDigests: z.array(z.string()).nullish(),
    })
    .nullish(),
  Results: z.array(resultSchema).nullish(),
});

type RawVulnerability = z.infer<typeof vulnerabilitySchema>;

const ARTICLES: Record<string, string> = { array: "an array", object: "an object", record: "an object" };

/** Short problems that read well after the field path: "Results[0].Target must be a string". */
const describeIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type") {
    // A missing or null field is "required"; a null list entry is simply of the wrong type.
    const last = issue.path?.[issue.path.length - 1];
    if (issue.input === undefined || (issue.input === null && typeof last !== "number")) return "is required";
    return `must be ${ARTICLES[issue.expected] ?? `a ${issue.expected}`}`;
  }
  if (issue.code === "too_small" && issue.origin === "string") return "is required";
  return undefined;
};

/** ["Results", 3, "Vulnerabilities", 12, "VulnerabilityID"] → Results[3].Vulnerabilities[12].VulnerabilityID */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonEmpty(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value;
}

/**
 * Validates a Trivy JSON report and flattens it into findings (one per issue per package) and a
 * catalogue of issues. Throws TrivyReportError naming the first problem.
 */
export function parseTrivyReport(input: unknown, options: ParseTrivyReportOptions = {}): TrivyReport {
  const maxVulnerabilities = options.maxVulnerabilities ?? DEFAULT_MAX_VULNERABILITIES;
  if (!isRecord(input)) throw new TrivyReportError("a Trivy report must be a JSON object", "");

  const version = input.SchemaVersion;
  if (version === undefined || version === null) {
    throw new TrivyReportError(
      "SchemaVersion is required; only Trivy JSON schema version 2 is supported",
      "SchemaVersion",
    );
  }
  if (version !== 2) {
    throw new TrivyReportError(
      `only Trivy JSON schema version 2 is supported; got ${JSON.stringify(version)}`,
      "SchemaVersion",
    );
  }

  // Count before validating, so an oversized report is refused without walking all of it.
  let listed = 0;
  if (Array.isArray(input.Results)) {
    for (const result of input.Results as unknown[]) {
      if (isRecord(result) && Array.isArray(result.Vulnerabilities)) listed += result.Vulnerabilities.length;
    }
  }
  if (listed > maxVulnerabilities) {
    throw new TrivyReportError(
      `the report lists ${listed} vulnerabilities; at most ${maxVulnerabilities} are accepted`,
      "Results",
      "PAYLOAD_TOO_LARGE",
    );
  }

  const parsed = reportSchema.safeParse(input, { error: describeIssue });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = formatPath(issue?.path ?? []);
    const problem = issue?.message ?? "is invalid";
    throw new TrivyReportError(path === "" ? `the report ${problem}` : `${path} ${problem}`, path);
  }
  const report = parsed.data;

  const findings: ParsedFinding[] = [];
  const vulnerabilities = new Map<string, VulnerabilityInfo>();
  const seen = new Set<string>();
  for (const result of report.Results ?? []) {
    const target = result.Target ?? "";
    for (const raw of result.Vulnerabilities ?? []) {
      addToCatalogue(vulnerabilities, raw);
      const packagePath = nonEmpty(raw.PkgPath);
      // The same issue in the same package at the same place is one finding, however often listed.
      const key = [raw.VulnerabilityID, raw.PkgName, raw.InstalledVersion, target, packagePath ?? ""].join("\u0000");
      if (seen.has(key)) continue;
      seen.add(key);
      const fixedVersion = nonEmpty(raw.FixedVersion);
      findings.push({
        issueId: raw.VulnerabilityID,
        packageName: raw.PkgName,
        installedVersion: raw.InstalledVersion,
        fixedVersion,
        severity: fromTrivySeverity(raw.Severity ?? ""),
        fixable: fixedVersion !== null,
        target,
        class: nonEmpty(result.Class),
        type: nonEmpty(result.Type),
        packagePath,
        status: nonEmpty(raw.Status),
      });
    }
  }

  const metadata = report.Metadata;
  return {
    schemaVersion: 2,
    artifactName: nonEmpty(report.ArtifactName),
    artifactType: nonEmpty(report.ArtifactType),
    createdAt: nonEmpty(report.CreatedAt),
    imageId: nonEmpty(metadata?.ImageID),
    repoDigests: metadata?.RepoDigests ?? [],
    repoTags: metadata?.RepoTags ?? [],
    os: metadata?.OS ? { family: metadata.OS.Family ?? "", name: metadata.OS.Name ?? "" } : null,
    findings,
    vulnerabilities,
  };
}

/**
 * The catalogue keeps the first listing of each issue; a later listing only fills in what the
 * earlier one left out. (Trivy repeats the same advisory text for every affected package.)
 */
function addToCatalogue(catalogue: Map<string, VulnerabilityInfo>, raw: RawVulnerability): void {
  const info: VulnerabilityInfo = {
    issueId: raw.VulnerabilityID,
    title: nonEmpty(raw.Title),
    description: nonEmpty(raw.Description),
    severity: fromTrivySeverity(raw.Severity ?? ""),
    cvss: raw.CVSS && Object.keys(raw.CVSS).length > 0 ? raw.CVSS : null,
    primaryUrl: nonEmpty(raw.PrimaryURL),
    references: raw.References ?? [],
    publishedAt: nonEmpty(raw.PublishedDate),
    lastModifiedAt: nonEmpty(raw.LastModifiedDate),
  };
  const known = catalogue.get(info.issueId);
  if (known === undefined) {
    catalogue.set(info.issueId, info);
    return;
  }
  known.title ??= info.title;
  known.description ??= info.description;
  known.cvss ??= info.cvss;
  known.primaryUrl ??= info.primaryUrl;
  known.publishedAt ??= info.publishedAt;
  known.lastModifiedAt ??= info.lastModifiedAt;
  if (known.references.length === 0) known.references = info.references;
}

function tryParse(reference: string): ImageReference | null {
  try {
    return parseImageReference(reference);
  } catch {
    return null;
  }
}

/**
 * The digest (sha256:…) the report gives for the image's repository. RepoDigests hold entries such
 * as `nginx@sha256:…` or `ghcr.io/org/app@sha256:…`; they are compared after normalisation, so
 * `nginx@sha256:…` belongs to docker.io/library/nginx. With no match, a report holding exactly one
 * RepoDigest yields that one; otherwise null (use the reference's own digest or the ImageID).
 */
export function digestForImage(
  report: Pick<TrivyReport, "repoDigests">,
  image: { registry: string; repository: string },
): string | null {
  const registry = normaliseRegistryHost(image.registry);
  const repository =
    registry === DOCKER_HUB && !image.repository.includes("/") ? `library/${image.repository}` : image.repository;
  const pinned = report.repoDigests.map(tryParse);
  for (const ref of pinned) {
    if (ref?.digest && ref.registry === registry && ref.repository === repository) return ref.digest;
  }
  if (pinned.length === 1) return pinned[0]?.digest ?? null;
  return null;
}
