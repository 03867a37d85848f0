import { compileImagePattern, ImagePatternError, type ImagePredicate } from "./image-pattern.js";
import { compareSeverities } from "./severity.js";
import {
  SEVERITIES,
  type EvaluationSubject,
  type ExceptionInput,
  type FindingInput,
  type FindingResult,
  type PolicyInput,
  type PolicyResult,
  type Reason,
  type ScanInput,
  type ScannerInput,
  type ScannerResult,
  type Severity,
  type TemporaryExceptionCandidate,
  type Verdict,
  type VerdictStatus,
} from "./types.js";

/**
 * The compliance engine judges one image (in one cluster and namespace) against the policies and
 * exceptions it was created with. docs/COMPLIANCE.md states the rules; the comments below point at
 * the non-obvious ones. Everything that does not depend on the image (which exceptions are in force,
 * which of them reach each policy's scanner, pattern compilation) is prepared once, in
 * createComplianceEngine, so evaluating thousands of images only does per-image work.
 */

export type ComplianceEngineOptions = {
  policies: PolicyInput[];
  exceptions: ExceptionInput[];
  /** The moment exceptions are judged at (start inclusive, end exclusive). */
  now: Date;
};

/** An exception that is active and dated for now but cannot be applied; it is left out. */
export type IgnoredException = { exceptionId: string; problem: string };

export type ComplianceEngine = {
  evaluate(subject: EvaluationSubject): Verdict;
  /** Exceptions left out because they are malformed (an invalid pattern, an override without a severity). */
  readonly ignoredExceptions: readonly IgnoredException[];
};

/** Most specific first: scanner + issue, issue only, scanner only, neither. */
const SPECIFICITY = { scannerAndIssue: 3, issue: 2, scanner: 1, none: 0 } as const;

type CompiledException = {
  /** Position in the engine's list of exceptions in force; indexes the per-image match table. */
  slot: number;
  id: string;
  allClusters: boolean;
  clusterIds: ReadonlySet<string>;
  allNamespaces: boolean;
  namespaces: ReadonlySet<string>;
  /** Position in the engine's list of distinct patterns, or -1 when it matches every image. */
  pattern: number;
  alternateSeverity: Severity | null;
};

/** The exceptions of one type that reach one scanner of one policy, most specific first. */
type ExceptionIndex = {
  /** Exceptions for every issue. */
  anyIssue: CompiledException[];
  /** Exceptions for one issue, by issue number (see IssueNumbers). */
  byIssue: Map<number, CompiledException[]>;
};

/**
 * Issue ids named by exceptions, numbered once (compared case-insensitively). A finding's issue id
 * is looked up here once per image; findings whose issue no exception names (most of them) then
 * skip every issue-specific lookup.
 */
type IssueNumbers = {
  /** Lower-cased issue id → number. */
  byKey: Map<string, number>;
  /** Issue id as findings spell it → number, or -1 when no exception names it; filled as met. */
  seen: Map<string, number>;
};

type ScannerPlan = {
  scanner: ScannerInput;
  blocking: boolean;
  /** Limits by bucket (see bucketOf); null = no limit. */
  limits: (number | null)[];
  policyExceptions: ExceptionIndex;
  overrides: ExceptionIndex;
};

type PolicyPlan = {
  policy: PolicyInput;
  clusterIds: ReadonlySet<string>;
  /** Active scanners only; inactive ones are neither evaluated nor reported. */
  scanners: ScannerPlan[];
};

type Scratch = {
  /** 1 for each exception (by slot) that reaches the image being judged. */
  reaches: Uint8Array;
  /** Per distinct pattern: 0 = not tried yet, 1 = matches the image, -1 = does not. */
  patternMatches: Int8Array;
  /** Counted findings per bucket, for the scanner being judged. */
  counts: Int32Array;
  /** The bucket each finding was counted in, -1 when excluded. */
  countedIn: Int8Array;
};

/** Buckets 0-4 hold fixable findings by severity rank, 5-9 unfixable ones. */
const BUCKETS = 10;
function bucketOf(severity: Severity, fixable: boolean): number {
  const base = fixable ? 0 : 5;
  switch (severity) {
    case "negligible":
      return base;
    case "low":
      return base + 1;
    case "medium":
      return base + 2;
    case "high":
      return base + 3;
    case "critical":
      return base + 4;
  }
}
const severityOfBucket = (bucket: number): Severity => SEVERITIES[bucket % 5] as Severity;

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function createComplianceEngine(options: ComplianceEngineOptions): ComplianceEngine {
  const now = options.now.getTime();
  if (Number.isNaN(now)) throw new RangeError("now must be a valid date");

  const ignoredExceptions: IgnoredException[] = [];
  const patterns: ImagePredicate[] = [];
  const patternSlots = new Map<string, number>();
  const compiled: Array<{ input: ExceptionInput; exception: CompiledException }> = [];

  for (const input of options.exceptions) {
    if (!isInForce(input, now)) continue;
    if (input.type === "override" && input.alternateSeverity === null) {
      ignoredExceptions.push({ exceptionId: input.id, problem: "an override exception needs an alternate severity" });
      continue;
    }
    let pattern = -1;
    const glob = input.imagePattern;
    if (!/^\**$/.test(glob)) {
      let slot = patternSlots.get(glob);
      if (slot === undefined) {
        try {
          patterns.push(compileImagePattern(glob));
        } catch (error) {
          if (!(error instanceof ImagePatternError)) throw error;
          // Patterns are validated when saved; one that slipped through excludes nothing.
          ignoredExceptions.push({ exceptionId: input.id, problem: error.message });
          continue;
        }
        slot = patterns.length - 1;
        patternSlots.set(glob, slot);
      }
      pattern = slot;
    }
    compiled.push({
      input,
      exception: {
        slot: compiled.length,
        id: input.id,
        allClusters: input.allClusters,
        clusterIds: new Set(input.clusterIds),
        allNamespaces: input.allNamespaces,
        namespaces: new Set(input.namespaces),
        pattern,
        alternateSeverity: input.alternateSeverity,
      },
    });
  }
  const exceptions = compiled.map((entry) => entry.exception);

  const issues: IssueNumbers = { byKey: new Map(), seen: new Map() };
  for (const { input } of compiled) {
    const key = issueKeyOf(input);
    if (key !== "" && !issues.byKey.has(key)) issues.byKey.set(key, issues.byKey.size);
  }

  const plans: PolicyPlan[] = options.policies
    .filter((policy) => policy.active)
    .map((policy) => ({
      policy,
      clusterIds: new Set(policy.clusterIds),
      scanners: policy.scanners
        .filter((scanner) => scanner.active)
        .map((scanner) => {
          const reaching = compiled.filter(
            ({ input }) =>
              (input.allPolicies || input.policyIds.includes(policy.id)) &&
              (input.scannerId === null || input.scannerId === scanner.id),
          );
          return {
            scanner,
            blocking: policy.enforced && scanner.required,
            limits: limitsOf(scanner),
            policyExceptions: indexExceptions(
              reaching.filter(({ input }) => input.type === "policy"),
              issues,
            ),
            overrides: indexExceptions(
              reaching.filter(({ input }) => input.type === "override"),
              issues,
            ),
          };
        }),
    }));

  // Working memory reused by every evaluation (evaluate is synchronous, so never shared).
  const scratch: Scratch = {
    reaches: new Uint8Array(exceptions.length),
    patternMatches: new Int8Array(patterns.length),
    counts: new Int32Array(BUCKETS),
    countedIn: new Int8Array(256),
  };

  const plansByCluster = new Map<string, PolicyPlan[]>();
  const applicablePlans = (clusterId: string): PolicyPlan[] => {
    let found = plansByCluster.get(clusterId);
    if (found === undefined) {
      found = plans.filter((plan) => plan.policy.allClusters || plan.clusterIds.has(clusterId));
      plansByCluster.set(clusterId, found);
    }
    return found;
  };

  /** Exceptions whose cluster and namespace scope covers a place, by "cluster\0namespace". */
  const exceptionsByPlace = new Map<string, CompiledException[]>();
  const exceptionsAt = (clusterId: string, namespace: string | null): CompiledException[] => {
    const key = namespace === null ? `${clusterId}\u0000` : `${clusterId}\u0000\u0000${namespace}`;
    let found = exceptionsByPlace.get(key);
    if (found === undefined) {
      found = exceptions.filter(
        (exception) =>
          (exception.allClusters || exception.clusterIds.has(clusterId)) &&
          // At cluster level (no namespace) only exceptions for every namespace apply.
          (exception.allNamespaces || (namespace !== null && exception.namespaces.has(namespace))),
      );
      exceptionsByPlace.set(key, found);
    }
    return found;
  };

  function evaluate(subject: EvaluationSubject): Verdict {
    const applicable = applicablePlans(subject.clusterId);
    if (applicable.length === 0) {
      return { status: "compliant", reasons: [], policies: [], findings: [], temporaryExceptionCandidates: [] };
    }

    // Which exceptions in force reach this image (cluster, namespace, image pattern).
    const { reaches, patternMatches } = scratch;
    reaches.fill(0);
    patternMatches.fill(0); // 0 = not tried, 1 = matches, -1 = does not
    for (const exception of exceptionsAt(subject.clusterId, subject.namespace)) {
      if (exception.pattern !== -1) {
        let match = patternMatches[exception.pattern] ?? 0;
        if (match === 0) {
          match = (patterns[exception.pattern] as ImagePredicate)(subject.image) ? 1 : -1;
          patternMatches[exception.pattern] = match;
        }
        if (match === -1) continue;
      }
      reaches[exception.slot] = 1;
    }

    const numbered = new Map<ScanInput, number[]>();
    const numbersOf = (scan: ScanInput): number[] => {
      let numbers = numbered.get(scan);
      if (numbers === undefined) {
        numbers = issueNumbersOf(scan, issues);
        numbered.set(scan, numbers);
      }
      return numbers;
    };

    let missingScan = false;
    let failedScan = false;
    let enforcedFailure = false;
    const reasons: Reason[] = [];
    const findings: FindingResult[] = [];
    const policies: PolicyResult[] = [];
    const failedPolicies: PolicyInput[] = [];

    for (const plan of applicable) {
      const { policy } = plan;
      const scanners: ScannerResult[] = [];
      let passed = true;
      for (const scannerPlan of plan.scanners) {
        const { scanner } = scannerPlan;
        const scan = subject.scans[scanner.type];
        if (scan === undefined || scan.status === "failed") {
          if (scan === undefined) missingScan = true;
          else failedScan = true;
          scanners.push({
            scannerId: scanner.id,
            scannerName: scanner.name,
            required: scanner.required,
            passed: false,
            counts: countsOf(scratch.counts.fill(0)),
            scanId: scan?.id ?? null,
            scanStatus: scan === undefined ? "missing" : "failed",
          });
          if (scanner.required) passed = false;
          continue;
        }
        const result = evaluateScanner(policy, scannerPlan, scan, reaches, numbersOf, scratch, findings, reasons);
        scanners.push(result);
        // Non-required scanners report only.
        if (scanner.required && !result.passed) passed = false;
      }
      policies.push({ policyId: policy.id, policyName: policy.name, enforced: policy.enforced, passed, scanners });
      if (!passed && policy.enforced) {
        enforcedFailure = true;
        failedPolicies.push(policy);
      }
    }

    // A failed scan outranks a missing one: both mean "cannot judge", but a failure needs attention.
    const status: VerdictStatus = failedScan
      ? "scan_failed"
      : missingScan
        ? "unscanned"
        : enforcedFailure
          ? "non_compliant"
          : "compliant";
    if (status === "scan_failed" || status === "unscanned") {
      return { status, reasons: [], policies, findings, temporaryExceptionCandidates: [] };
    }

    reasons.sort(compareReasons);
    return {
      status,
      reasons,
      policies,
      findings,
      temporaryExceptionCandidates: temporaryExceptionCandidates(subject, failedPolicies, reasons),
    };
  }

  return { evaluate, ignoredExceptions };
}

function isInForce(exception: ExceptionInput, now: number): boolean {
  // Gatekeeper exceptions belong to admission constraints, never to image verdicts.
  if (exception.status !== "active" || exception.type === "gatekeeper") return false;
  if (!(exception.startsAt.getTime() <= now)) return false;
  return exception.endsAt === null || now < exception.endsAt.getTime();
}

function limitsOf(scanner: ScannerInput): (number | null)[] {
  const limits: (number | null)[] = [];
  for (const fixable of [true, false]) {
    const group = fixable ? scanner.thresholds.fixable : scanner.thresholds.unfixable;
    for (const severity of SEVERITIES) limits[bucketOf(severity, fixable)] = group[severity];
  }
  return limits;
}

/** "" when the exception is for every issue (no id, or a blank one). */
function issueKeyOf(input: ExceptionInput): string {
  return input.issueId?.trim().toLowerCase() ?? "";
}

/** The issue number of each finding of a scan, -1 for issues no exception names. */
function issueNumbersOf(scan: ScanInput, issues: IssueNumbers): number[] {
  const numbers = new Array<number>(scan.findings.length);
  for (let i = 0; i < scan.findings.length; i++) {
    const issueId = (scan.findings[i] as FindingInput).issueId;
    let number = issues.seen.get(issueId);
    if (number === undefined) {
      number = issues.byKey.get(issueId.trim().toLowerCase()) ?? -1;
      issues.seen.set(issueId, number);
    }
    numbers[i] = number;
  }
  return numbers;
}

function indexExceptions(
  entries: Array<{ input: ExceptionInput; exception: CompiledException }>,
  issues: IssueNumbers,
): ExceptionIndex {
  const ranked = entries.map(({ input, exception }) => {
    const issue = issueKeyOf(input);
    const scoped = input.scannerId !== null;
    const specificity =
      issue !== ""
        ? scoped
          ? SPECIFICITY.scannerAndIssue
          : SPECIFICITY.issue
        : scoped
          ? SPECIFICITY.scanner
          : SPECIFICITY.none;
    return { issue, specificity, exception };
  });
  // Most specific first; among equals the lowest id wins.
  ranked.sort((a, b) => b.specificity - a.specificity || compareIds(a.exception.id, b.exception.id));

  const index: ExceptionIndex = { anyIssue: [], byIssue: new Map() };
  for (const { issue, exception } of ranked) {
    if (issue === "") {
      index.anyIssue.push(exception);
      continue;
    }
    const number = issues.byKey.get(issue) as number;
    const list = index.byIssue.get(number);
    if (list === undefined) index.byIssue.set(number, [exception]);
    else list.push(exception);
  }
  return index;
}

/** The first (most specific) exception in the list that reaches the image. */
function firstReaching(list: CompiledException[] | undefined, reaches: Uint8Array): CompiledException | null {
  if (list === undefined) return null;
  for (const exception of list) if (reaches[exception.slot] === 1) return exception;
  return null;
}

/**
 * The exception that decides a finding: an issue-specific one beats one for every issue, whatever
 * the scanner scope, because the lists are ordered by specificity and the issue lists are tried first.
 */
function decidingException(
  index: ExceptionIndex,
  anyIssue: CompiledException | null,
  issueNumber: number,
  reaches: Uint8Array,
): CompiledException | null {
  if (issueNumber !== -1 && index.byIssue.size > 0) {
    const specific = firstReaching(index.byIssue.get(issueNumber), reaches);
    if (specific !== null) return specific;
  }
  return anyIssue;
}

function evaluateScanner(
  policy: PolicyInput,
  plan: ScannerPlan,
  scan: ScanInput,
  reaches: Uint8Array,
  numbersOf: (scan: ScanInput) => number[],
  scratch: Scratch,
  findings: FindingResult[],
  reasons: Reason[],
): ScannerResult {
  const { scanner } = plan;
  const policyAnyIssue = firstReaching(plan.policyExceptions.anyIssue, reaches);
  const overrideAnyIssue = firstReaching(plan.overrides.anyIssue, reaches);
  const needNumbers = plan.policyExceptions.byIssue.size > 0 || plan.overrides.byIssue.size > 0;
  const numbers = needNumbers ? numbersOf(scan) : null;

  const counts = scratch.counts.fill(0);
  if (scratch.countedIn.length < scan.findings.length) scratch.countedIn = new Int8Array(scan.findings.length);
  const countedIn = scratch.countedIn.fill(-1, 0, scan.findings.length);

  for (let i = 0; i < scan.findings.length; i++) {
    const finding = scan.findings[i] as FindingInput;
    const number = numbers === null ? -1 : (numbers[i] ?? -1);
    const excluded = decidingException(plan.policyExceptions, policyAnyIssue, number, reaches);
    if (excluded !== null) {
      findings.push({
        findingId: finding.id,
        policyId: policy.id,
        scannerId: scanner.id,
        countedSeverity: null,
        excludedBy: excluded.id,
        overriddenBy: null,
      });
      continue;
    }
    const override = decidingException(plan.overrides, overrideAnyIssue, number, reaches);
    // Overrides without an alternate severity are refused when the engine is created.
    const severity = override === null ? finding.severity : (override.alternateSeverity as Severity);
    const bucket = bucketOf(severity, finding.fixable);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
    countedIn[i] = bucket;
    findings.push({
      findingId: finding.id,
      policyId: policy.id,
      scannerId: scanner.id,
      countedSeverity: severity,
      excludedBy: null,
      overriddenBy: override === null ? null : override.id,
    });
  }

  let passed = true;
  for (let bucket = 0; bucket < BUCKETS; bucket++) {
    const limit = plan.limits[bucket] ?? null;
    const count = counts[bucket] ?? 0;
    if (limit === null || count <= limit) continue;
    passed = false;
    const issueIds = new Set<string>();
    for (let i = 0; i < scan.findings.length; i++) {
      if (countedIn[i] === bucket) issueIds.add((scan.findings[i] as FindingInput).issueId);
    }
    reasons.push({
      policyId: policy.id,
      policyName: policy.name,
      scannerId: scanner.id,
      scannerName: scanner.name,
      severity: severityOfBucket(bucket),
      fixable: bucket < 5,
      count,
      limit,
      issueIds: [...issueIds].sort(),
      blocking: plan.blocking,
    });
  }

  return {
    scannerId: scanner.id,
    scannerName: scanner.name,
    required: scanner.required,
    passed,
    counts: countsOf(counts),
    scanId: scan.id,
    scanStatus: "succeeded",
  };
}

function countsOf(counts: Int32Array): ScannerResult["counts"] {
  const fixable = {} as Record<Severity, number>;
  const unfixable = {} as Record<Severity, number>;
  for (const severity of SEVERITIES) {
    fixable[severity] = counts[bucketOf(severity, true)] ?? 0;
    unfixable[severity] = counts[bucketOf(severity, false)] ?? 0;
  }
  return { fixable, unfixable };
}

/** Blocking first, then severity (highest first), policy name, scanner name, fixable before unfixable. */
function compareReasons(a: Reason, b: Reason): number {
  return (
    Number(b.blocking) - Number(a.blocking) ||
    compareSeverities(b.severity, a.severity) ||
    compareIds(a.policyName, b.policyName) ||
    compareIds(a.scannerName, b.scannerName) ||
    Number(b.fixable) - Number(a.fixable) ||
    compareIds(a.policyId, b.policyId) ||
    compareIds(a.scannerId, b.scannerId)
  );
}

/**
 * For each failed enforced policy with grace days, every issue counted in one of its blocking
 * failing thresholds, scoped to this image's repository. The engine never applies them.
 */
function temporaryExceptionCandidates(
  subject: EvaluationSubject,
  failedPolicies: PolicyInput[],
  reasons: Reason[],
): TemporaryExceptionCandidate[] {
  const candidates: TemporaryExceptionCandidate[] = [];
  for (const policy of failedPolicies) {
    if (policy.graceDays <= 0) continue;
    const issueIds = new Set<string>();
    for (const reason of reasons) {
      if (reason.policyId !== policy.id || !reason.blocking) continue;
      for (const issueId of reason.issueIds) issueIds.add(issueId);
    }
    for (const issueId of [...issueIds].sort()) {
      candidates.push({
        policyId: policy.id,
        issueId,
        registry: subject.image.registry,
        repository: subject.image.repository,
        graceDays: policy.graceDays,
      });
    }
  }
  return candidates;
}
