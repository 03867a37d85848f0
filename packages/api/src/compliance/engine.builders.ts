import { createComplianceEngine } from "./engine.js";
import type {
  EvaluationSubject,
  ExceptionInput,
  FindingInput,
  ImageSubject,
  PolicyInput,
  ScanInput,
  ScannerInput,
  Severity,
  SeverityLimits,
  Thresholds,
  Verdict,
} from "./types.js";

/** Builders of compliance engine inputs for tests: small defaults, overridden per test. */

export const NOW = new Date("2026-03-01T12:00:00.000Z");
export const DAY = 24 * 60 * 60 * 1000;
export const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);

export const NGINX: ImageSubject = {
  registry: "docker.io",
  repository: "library/nginx",
  digest: `sha256:${"a".repeat(64)}`,
  tag: "1.25",
};
export const REDIS: ImageSubject = {
  registry: "docker.io",
  repository: "bitnami/redis",
  digest: `sha256:${"b".repeat(64)}`,
  tag: "7.2",
};

/** Limits for one group: the given ones, everything else `rest` (default: no limit). */
export function limits(given: Partial<SeverityLimits> = {}, rest: number | null = null): SeverityLimits {
  return { negligible: rest, low: rest, medium: rest, high: rest, critical: rest, ...given };
}

/** The default policy's thresholds: no fixable critical or high, nothing else limited. */
export function noFixableCriticalOrHigh(): Thresholds {
  return { fixable: limits({ critical: 0, high: 0 }), unfixable: limits() };
}

export function scanner(overrides: Partial<ScannerInput> = {}): ScannerInput {
  return {
    id: "s1",
    name: "Trivy",
    type: "trivy",
    active: true,
    required: true,
    thresholds: noFixableCriticalOrHigh(),
    ...overrides,
  };
}

export function policy(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    id: "p1",
    name: "No fixable critical or high",
    active: true,
    enforced: true,
    allClusters: true,
    clusterIds: [],
    graceDays: 0,
    scanners: [scanner()],
    ...overrides,
  };
}

/** An active policy exception covering everything, in force since 30 days ago, without end. */
export function exception(overrides: Partial<ExceptionInput> = {}): ExceptionInput {
  return {
    id: "e1",
    type: "policy",
    status: "active",
    startsAt: at(-30 * DAY),
    endsAt: null,
    allClusters: true,
    clusterIds: [],
    allNamespaces: true,
    namespaces: [],
    allPolicies: true,
    policyIds: [],
    scannerId: null,
    issueId: null,
    imagePattern: "*",
    alternateSeverity: null,
    ...overrides,
  };
}

/** An override exception: counts a finding at another severity. */
export function override(alternateSeverity: Severity, overrides: Partial<ExceptionInput> = {}): ExceptionInput {
  return exception({ id: "o1", type: "override", alternateSeverity, ...overrides });
}

/** A finding; its id is issue/package so tests can tell findings apart. */
export function finding(issueId: string, severity: Severity, fixable: boolean, packageName = "openssl"): FindingInput {
  return { id: `${issueId}/${packageName}`, issueId, packageName, severity, fixable };
}

export function scan(findings: FindingInput[], overrides: Partial<ScanInput> = {}): ScanInput {
  return { id: "scan1", scanner: "trivy", status: "succeeded", error: null, findings, ...overrides };
}

export function failedScan(): ScanInput {
  return scan([], { status: "failed", error: "pull access denied for registry.example.com/app" });
}

export type SubjectOptions = Partial<Omit<EvaluationSubject, "scans">> & {
  /** Findings of a succeeded Trivy scan (ignored when `scans` is given). */
  findings?: FindingInput[];
  scans?: EvaluationSubject["scans"];
};

/** nginx:1.25 in cluster c1, namespace "web", with a succeeded Trivy scan of the given findings. */
export function subject(options: SubjectOptions = {}): EvaluationSubject {
  const { findings = [], scans, ...rest } = options;
  return {
    image: NGINX,
    clusterId: "c1",
    namespace: "web",
    scans: scans ?? { trivy: scan(findings) },
    ...rest,
  };
}

export type EngineOptions = { policies?: PolicyInput[]; exceptions?: ExceptionInput[]; now?: Date };

/** Creates an engine (default: the default policy, no exceptions, NOW) and evaluates one subject. */
export function evaluate(options: EngineOptions, evaluated: EvaluationSubject): Verdict {
  return createComplianceEngine({
    policies: options.policies ?? [policy()],
    exceptions: options.exceptions ?? [],
    now: options.now ?? NOW,
  }).evaluate(evaluated);
}

/** Zero counts, with the given ones set. */
export function counts(
  fixable: Partial<Record<Severity, number>> = {},
  unfixable: Partial<Record<Severity, number>> = {},
): { fixable: Record<Severity, number>; unfixable: Record<Severity, number> } {
  const zero = { negligible: 0, low: 0, medium: 0, high: 0, critical: 0 };
  return { fixable: { ...zero, ...fixable }, unfixable: { ...zero, ...unfixable } };
}
