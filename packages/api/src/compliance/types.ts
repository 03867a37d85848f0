/**
 * The compliance engine's vocabulary. Everything in src/compliance is pure: no I/O, no clock (the
 * time is an input), no Prisma. Services load rows, map them to these types, and store the results.
 */

/** Lowest to highest. Trivy's UNKNOWN is negligible. */
export const SEVERITIES = ["negligible", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A max count per severity; null = no limit. A threshold holds when count <= limit. */
export type SeverityLimits = Record<Severity, number | null>;
export type Thresholds = { fixable: SeverityLimits; unfixable: SeverityLimits };

export type ScannerType = "trivy";

/** What a pod spec or a CI job names, normalised. */
export type ImageReference = {
  /** e.g. docker.io, ghcr.io, registry.example.com:5000 */
  registry: string;
  /** e.g. library/nginx */
  repository: string;
  /** null when the reference names a digest only */
  tag: string | null;
  /** sha256:… when the reference pins one */
  digest: string | null;
};

/** The image being judged: registry + repository + digest, and the tag it was referred to by. */
export type ImageSubject = {
  registry: string;
  repository: string;
  digest: string;
  tag: string | null;
};

export type FindingInput = {
  /** Stable id of the finding row (for per-finding results). */
  id: string;
  /** CVE-…, GHSA-…, etc. */
  issueId: string;
  packageName: string;
  severity: Severity;
  fixable: boolean;
};

/** The latest scan of the image by one scanner type. */
export type ScanInput = {
  id: string;
  scanner: ScannerType;
  status: "succeeded" | "failed";
  error: string | null;
  findings: FindingInput[];
};

export type ScannerInput = {
  id: string;
  name: string;
  type: ScannerType;
  active: boolean;
  required: boolean;
  thresholds: Thresholds;
};

export type PolicyInput = {
  id: string;
  name: string;
  active: boolean;
  /** An enforced policy can fail the verdict; an advisory one only reports. */
  enforced: boolean;
  allClusters: boolean;
  clusterIds: string[];
  /** Temporary-exception grace days; 0 = none. */
  graceDays: number;
  scanners: ScannerInput[];
};

export type ExceptionType = "policy" | "override" | "gatekeeper";
export type ExceptionStatus = "active" | "in_review" | "inactive";

export type ExceptionInput = {
  id: string;
  type: ExceptionType;
  status: ExceptionStatus;
  /** In force from startsAt (inclusive) until endsAt (exclusive); endsAt null = no end. */
  startsAt: Date;
  endsAt: Date | null;
  allClusters: boolean;
  clusterIds: string[];
  allNamespaces: boolean;
  namespaces: string[];
  allPolicies: boolean;
  policyIds: string[];
  /** null = every scanner */
  scannerId: string | null;
  /** null = every issue; otherwise compared case-insensitively */
  issueId: string | null;
  /** Glob on registry/repository[:tag]; "*" = every image. */
  imagePattern: string;
  /** Override exceptions: the severity a matching finding is counted at. */
  alternateSeverity: Severity | null;
};

export type VerdictStatus = "compliant" | "non_compliant" | "unscanned" | "scan_failed";

/** One threshold that did not hold. */
export type Reason = {
  policyId: string;
  policyName: string;
  scannerId: string;
  scannerName: string;
  severity: Severity;
  fixable: boolean;
  count: number;
  limit: number;
  /** Issue ids of the counted findings in this bucket, sorted, unique. */
  issueIds: string[];
  /** False for advisory (non-enforced) policies and non-required scanners. */
  blocking: boolean;
};

/** Whether a scanner had a scan to judge: the latest scan succeeded, failed, or there is none. */
export type ScannerScanStatus = "succeeded" | "failed" | "missing";

export type ScannerResult = {
  scannerId: string;
  scannerName: string;
  required: boolean;
  passed: boolean;
  /** Counted findings per severity × fixable, after exceptions. */
  counts: { fixable: Record<Severity, number>; unfixable: Record<Severity, number> };
  /** The scan judged (null when there is none). */
  scanId: string | null;
  /** A scanner whose scan failed or is missing has not passed and has zero counts. */
  scanStatus: ScannerScanStatus;
};

export type PolicyResult = {
  policyId: string;
  policyName: string;
  enforced: boolean;
  passed: boolean;
  scanners: ScannerResult[];
};

/** How one finding was treated under one policy's scanner. */
export type FindingResult = {
  findingId: string;
  policyId: string;
  scannerId: string;
  /** The severity it was counted at (after an override), or null when not counted. */
  countedSeverity: Severity | null;
  /** The policy exception that excluded it. */
  excludedBy: string | null;
  /** The override exception that changed its severity. */
  overriddenBy: string | null;
};

/** A temporary exception the service should create (it checks whether one was ever created). */
export type TemporaryExceptionCandidate = {
  policyId: string;
  issueId: string;
  registry: string;
  repository: string;
  graceDays: number;
};

export type Verdict = {
  status: VerdictStatus;
  /** Failing thresholds, blocking ones first. */
  reasons: Reason[];
  policies: PolicyResult[];
  findings: FindingResult[];
  temporaryExceptionCandidates: TemporaryExceptionCandidate[];
};

export type EvaluationSubject = {
  image: ImageSubject;
  clusterId: string;
  /** null = cluster level: only exceptions for all namespaces apply. */
  namespace: string | null;
  /** The latest scan per scanner type (absent = never scanned by it). */
  scans: Partial<Record<ScannerType, ScanInput>>;
};
