import { describe, expect, it } from "vitest";
import {
  at,
  counts,
  DAY,
  evaluate,
  exception,
  failedScan,
  finding,
  limits,
  NGINX,
  NOW,
  override,
  policy,
  REDIS,
  scan,
  scanner,
  subject,
  type SubjectOptions,
} from "./engine.builders.js";
import { createComplianceEngine } from "./engine.js";
import type {
  ExceptionInput,
  FindingResult,
  PolicyInput,
  ScannerInput,
  ScannerType,
  Severity,
  Thresholds,
  Verdict,
} from "./types.js";

const COMPLIANT_WITHOUT_POLICIES: Verdict = {
  status: "compliant",
  reasons: [],
  policies: [],
  findings: [],
  temporaryExceptionCandidates: [],
};

/** Every threshold 0: any counted finding fails. */
const zeroTolerance = (): Thresholds => ({ fixable: limits({}, 0), unfixable: limits({}, 0) });

const highA = finding("CVE-A", "high", true, "openssl");
const highB = finding("CVE-B", "high", true, "libc");
const mediumC = finding("CVE-C", "medium", true, "zlib");
const criticalD = finding("CVE-D", "critical", false, "busybox");

/** A scanner type that does not exist yet, to judge two scanner types at once. */
const OTHER_TYPE = "grype" as string as ScannerType;

describe("applicable policies", () => {
  it.each<[string, PolicyInput[]]>([
    ["no policies", []],
    ["an inactive policy", [policy({ active: false })]],
    ["a policy for other clusters", [policy({ allClusters: false, clusterIds: ["c2"] })]],
    ["a policy for no cluster", [policy({ allClusters: false, clusterIds: [] })]],
  ])("%s: compliant, with nothing to report", (_name, policies) => {
    expect(evaluate({ policies }, subject({ findings: [highA, highB] }))).toEqual(COMPLIANT_WITHOUT_POLICIES);
  });

  it("with no applicable policy even an unscanned image is compliant", () => {
    expect(evaluate({ policies: [] }, subject({ scans: {} }))).toEqual(COMPLIANT_WITHOUT_POLICIES);
  });

  it("applies a policy that lists the cluster", () => {
    const verdict = evaluate(
      { policies: [policy({ allClusters: false, clusterIds: ["c0", "c1"] })] },
      subject({ findings: [highA] }),
    );
    expect(verdict.status).toBe("non_compliant");
  });
});

describe("a full verdict", () => {
  it("reports the failing threshold, the counts and every finding", () => {
    const verdict = evaluate({}, subject({ findings: [highB, highA, mediumC, criticalD] }));
    expect(verdict).toEqual<Verdict>({
      status: "non_compliant",
      reasons: [
        {
          policyId: "p1",
          policyName: "No fixable critical or high",
          scannerId: "s1",
          scannerName: "Trivy",
          severity: "high",
          fixable: true,
          count: 2,
          limit: 0,
          issueIds: ["CVE-A", "CVE-B"],
          blocking: true,
        },
      ],
      policies: [
        {
          policyId: "p1",
          policyName: "No fixable critical or high",
          enforced: true,
          passed: false,
          scanners: [
            {
              scannerId: "s1",
              scannerName: "Trivy",
              required: true,
              passed: false,
              counts: counts({ high: 2, medium: 1 }, { critical: 1 }),
              scanId: "scan1",
              scanStatus: "succeeded",
            },
          ],
        },
      ],
      findings: [
        {
          findingId: "CVE-B/libc",
          policyId: "p1",
          scannerId: "s1",
          countedSeverity: "high",
          excludedBy: null,
          overriddenBy: null,
        },
        {
          findingId: "CVE-A/openssl",
          policyId: "p1",
          scannerId: "s1",
          countedSeverity: "high",
          excludedBy: null,
          overriddenBy: null,
        },
        {
          findingId: "CVE-C/zlib",
          policyId: "p1",
          scannerId: "s1",
          countedSeverity: "medium",
          excludedBy: null,
          overriddenBy: null,
        },
        {
          findingId: "CVE-D/busybox",
          policyId: "p1",
          scannerId: "s1",
          countedSeverity: "critical",
          excludedBy: null,
          overriddenBy: null,
        },
      ],
      temporaryExceptionCandidates: [],
    });
  });

  it("passes an image without findings", () => {
    const verdict = evaluate({}, subject({ findings: [] }));
    expect(verdict).toEqual<Verdict>({
      status: "compliant",
      reasons: [],
      policies: [
        {
          policyId: "p1",
          policyName: "No fixable critical or high",
          enforced: true,
          passed: true,
          scanners: [
            {
              scannerId: "s1",
              scannerName: "Trivy",
              required: true,
              passed: true,
              counts: counts(),
              scanId: "scan1",
              scanStatus: "succeeded",
            },
          ],
        },
      ],
      findings: [],
      temporaryExceptionCandidates: [],
    });
  });
});

describe("scans", () => {
  it("is unscanned when a needed scan is missing, listing what was evaluated", () => {
    const verdict = evaluate({ policies: [policy({ graceDays: 7 })] }, subject({ scans: {} }));
    expect(verdict).toEqual<Verdict>({
      status: "unscanned",
      reasons: [],
      policies: [
        {
          policyId: "p1",
          policyName: "No fixable critical or high",
          enforced: true,
          passed: false,
          scanners: [
            {
              scannerId: "s1",
              scannerName: "Trivy",
              required: true,
              passed: false,
              counts: counts(),
              scanId: null,
              scanStatus: "missing",
            },
          ],
        },
      ],
      findings: [],
      temporaryExceptionCandidates: [],
    });
  });

  it("is scan_failed when a needed scan failed", () => {
    const verdict = evaluate({}, subject({ scans: { trivy: failedScan() } }));
    expect(verdict.status).toBe("scan_failed");
    expect(verdict.reasons).toEqual([]);
    expect(verdict.policies[0]?.scanners).toEqual([
      {
        scannerId: "s1",
        scannerName: "Trivy",
        required: true,
        passed: false,
        counts: counts(),
        scanId: "scan1",
        scanStatus: "failed",
      },
    ]);
  });

  it.each<[string, PolicyInput, Verdict["status"]]>([
    ["a non-required scanner", policy({ scanners: [scanner({ required: false })] }), "unscanned"],
    ["an advisory policy", policy({ enforced: false }), "unscanned"],
    ["an inactive scanner", policy({ scanners: [scanner({ active: false })] }), "compliant"],
    ["a policy without scanners", policy({ scanners: [] }), "compliant"],
  ])("a missing scan for %s → %s", (_name, given, status) => {
    expect(evaluate({ policies: [given] }, subject({ scans: {} })).status).toBe(status);
  });

  it("passes policies whose scanners are all inactive, or that have none", () => {
    const verdict = evaluate(
      {
        policies: [
          policy({ id: "p1", scanners: [scanner({ active: false }), scanner({ id: "s2", active: false })] }),
          policy({ id: "p2", name: "Empty", scanners: [] }),
        ],
      },
      subject({ findings: [highA] }),
    );
    expect(verdict.status).toBe("compliant");
    expect(verdict.policies.map((p) => [p.policyId, p.passed, p.scanners])).toEqual([
      ["p1", true, []],
      ["p2", true, []],
    ]);
    expect(verdict.findings).toEqual([]);
  });

  const twoTypes = [
    policy({ id: "p-trivy", scanners: [scanner({ id: "s-trivy" })] }),
    policy({ id: "p-other", scanners: [scanner({ id: "s-other", type: OTHER_TYPE })] }),
  ];

  it.each<[string, PolicyInput[]]>([
    ["trivy first", twoTypes],
    ["trivy last", [...twoTypes].reverse()],
  ])("scan_failed wins over unscanned when both happen (%s)", (_name, policies) => {
    const verdict = evaluate({ policies }, subject({ scans: { trivy: failedScan() } }));
    expect(verdict.status).toBe("scan_failed");
  });

  it("still evaluates the scans it has while another is missing, but gives no reasons", () => {
    const policies = [
      policy({ id: "p-trivy", graceDays: 7, scanners: [scanner({ id: "s-trivy" })] }),
      policy({ id: "p-other", scanners: [scanner({ id: "s-other", type: OTHER_TYPE })] }),
    ];
    const verdict = evaluate({ policies }, subject({ findings: [highA] }));
    expect(verdict.status).toBe("unscanned");
    expect(verdict.reasons).toEqual([]);
    expect(verdict.temporaryExceptionCandidates).toEqual([]);
    expect(verdict.policies.map((p) => [p.policyId, p.passed, p.scanners.map((s) => s.scanStatus)])).toEqual([
      ["p-trivy", false, ["succeeded"]],
      ["p-other", false, ["missing"]],
    ]);
    expect(verdict.findings.map((f) => [f.policyId, f.findingId, f.countedSeverity])).toEqual([
      ["p-trivy", "CVE-A/openssl", "high"],
    ]);
  });
});

describe("thresholds", () => {
  const buckets: Array<[Severity, boolean]> = (["negligible", "low", "medium", "high", "critical"] as const).flatMap(
    (severity) => [
      [severity, true],
      [severity, false],
    ],
  );

  it.each(buckets)("a %s finding (fixable %s) lands in its own bucket", (severity, fixable) => {
    const verdict = evaluate(
      { policies: [policy({ scanners: [scanner({ thresholds: zeroTolerance() })] })] },
      subject({ findings: [finding("CVE-X", severity, fixable)] }),
    );
    expect(verdict.reasons.map((r) => [r.severity, r.fixable, r.count, r.limit, r.issueIds])).toEqual([
      [severity, fixable, 1, 0, ["CVE-X"]],
    ]);
    expect(verdict.policies[0]?.scanners[0]?.counts).toEqual(
      fixable ? counts({ [severity]: 1 }) : counts({}, { [severity]: 1 }),
    );
  });

  it.each<[number | null, number, boolean]>([
    [null, 5, true],
    [0, 0, true],
    [0, 1, false],
    [2, 1, true],
    [2, 2, true],
    [2, 3, false],
  ])("limit %s with %i findings holds: %s", (limit, count, holds) => {
    const thresholds: Thresholds = { fixable: limits({ high: limit }), unfixable: limits() };
    const findings = Array.from({ length: count }, (_, i) => finding(`CVE-${i}`, "high", true));
    const verdict = evaluate({ policies: [policy({ scanners: [scanner({ thresholds })] })] }, subject({ findings }));
    expect(verdict.status).toBe(holds ? "compliant" : "non_compliant");
    expect(verdict.reasons.map((r) => [r.count, r.limit])).toEqual(holds ? [] : [[count, limit]]);
  });

  it("counts the same issue in two packages twice and lists it once", () => {
    const thresholds: Thresholds = { fixable: limits({ high: 1 }), unfixable: limits() };
    const verdict = evaluate(
      { policies: [policy({ scanners: [scanner({ thresholds })] })] },
      subject({ findings: [finding("CVE-A", "high", true, "libssl3"), finding("CVE-A", "high", true, "libcrypto3")] }),
    );
    expect(verdict.status).toBe("non_compliant");
    expect(verdict.reasons.map((r) => [r.count, r.issueIds])).toEqual([[2, ["CVE-A"]]]);
  });

  it("lists the issue ids of a bucket sorted and unique", () => {
    const verdict = evaluate(
      {},
      subject({
        findings: [
          finding("CVE-9", "high", true, "a"),
          finding("CVE-10", "high", true, "b"),
          finding("CVE-10", "high", true, "c"),
          finding("CVE-1", "medium", true, "d"),
        ],
      }),
    );
    expect(verdict.reasons.map((r) => r.issueIds)).toEqual([["CVE-10", "CVE-9"]]);
  });
});

/** One way to scope an exception, and whether it then reaches highA in nginx:1.25, cluster c1, namespace web. */
type ScopeCase = [string, Partial<ExceptionInput>, SubjectOptions, boolean];

const scopeCases: ScopeCase[] = [
  // status and type
  ["active", {}, {}, true],
  ["in review", { status: "in_review" }, {}, false],
  ["inactive", { status: "inactive" }, {}, false],
  ["a gatekeeper exception", { type: "gatekeeper" }, {}, false],
  // dates: in force from startsAt (inclusive) until endsAt (exclusive)
  ["starting now", { startsAt: NOW }, {}, true],
  ["starting in 1 ms", { startsAt: at(1) }, {}, false],
  ["starting tomorrow", { startsAt: at(DAY), endsAt: at(7 * DAY) }, {}, false],
  ["ending now", { endsAt: NOW }, {}, false],
  ["ending in 1 ms", { endsAt: at(1) }, {}, true],
  ["ended yesterday", { endsAt: at(-DAY) }, {}, false],
  ["without end", { endsAt: null }, {}, true],
  // clusters
  ["for every cluster", { allClusters: true }, {}, true],
  ["for the listed cluster", { allClusters: false, clusterIds: ["c0", "c1"] }, {}, true],
  ["for another cluster", { allClusters: false, clusterIds: ["c2"] }, {}, false],
  ["for no cluster", { allClusters: false, clusterIds: [] }, {}, false],
  // namespaces
  ["for every namespace", { allNamespaces: true }, {}, true],
  ["for the listed namespace", { allNamespaces: false, namespaces: ["api", "web"] }, {}, true],
  ["for another namespace", { allNamespaces: false, namespaces: ["db"] }, {}, false],
  ["for every namespace, at cluster level", { allNamespaces: true }, { namespace: null }, true],
  [
    "for a listed namespace, at cluster level",
    { allNamespaces: false, namespaces: ["web"] },
    { namespace: null },
    false,
  ],
  // policies
  ["for every policy", { allPolicies: true }, {}, true],
  ["for the listed policy", { allPolicies: false, policyIds: ["p0", "p1"] }, {}, true],
  ["for another policy", { allPolicies: false, policyIds: ["p2"] }, {}, false],
  ["for no policy", { allPolicies: false, policyIds: [] }, {}, false],
  // scanner
  ["for every scanner", { scannerId: null }, {}, true],
  ["for the scanner", { scannerId: "s1" }, {}, true],
  ["for another scanner", { scannerId: "s2" }, {}, false],
  // issue
  ["for every issue", { issueId: null }, {}, true],
  ["for an empty issue id", { issueId: "" }, {}, true],
  ["for a blank issue id", { issueId: "  " }, {}, true],
  ["for the issue", { issueId: "CVE-A" }, {}, true],
  ["for the issue in lower case", { issueId: "cve-a" }, {}, true],
  ["for the issue with blanks around", { issueId: " CVE-A " }, {}, true],
  ["for another issue", { issueId: "CVE-B" }, {}, false],
  // image
  ["for every image", { imagePattern: "*" }, {}, true],
  ["with an empty pattern", { imagePattern: "" }, {}, true],
  ["for nginx*", { imagePattern: "nginx*" }, {}, true],
  ["for docker.io/library/nginx:1.25", { imagePattern: "docker.io/library/nginx:1.25" }, {}, true],
  ["for nginx:1.24", { imagePattern: "nginx:1.24" }, {}, false],
  ["for bitnami/*", { imagePattern: "bitnami/*" }, {}, false],
  ["for bitnami/*, judging redis", { imagePattern: "bitnami/*" }, { image: REDIS }, true],
  ["with an invalid pattern", { imagePattern: "nginx *" }, {}, false],
];

describe("exception scope: policy exceptions", () => {
  it.each(scopeCases)("%s → excludes: %s", (_name, scope, subjectOptions, applies) => {
    const verdict = evaluate({ exceptions: [exception(scope)] }, subject({ findings: [highA], ...subjectOptions }));
    expect(verdict.status).toBe(applies ? "compliant" : "non_compliant");
    expect(verdict.findings).toEqual<FindingResult[]>([
      {
        findingId: "CVE-A/openssl",
        policyId: "p1",
        scannerId: "s1",
        countedSeverity: applies ? null : "high",
        excludedBy: applies ? "e1" : null,
        overriddenBy: null,
      },
    ]);
  });
});

describe("exception scope: overrides", () => {
  it.each(scopeCases.filter(([, scope]) => scope.type === undefined))(
    "%s → overrides: %s",
    (_name, scope, subjectOptions, applies) => {
      const verdict = evaluate(
        { exceptions: [override("low", scope)] },
        subject({ findings: [highA], ...subjectOptions }),
      );
      expect(verdict.status).toBe(applies ? "compliant" : "non_compliant");
      expect(verdict.findings).toEqual<FindingResult[]>([
        {
          findingId: "CVE-A/openssl",
          policyId: "p1",
          scannerId: "s1",
          countedSeverity: applies ? "low" : "high",
          excludedBy: null,
          overriddenBy: applies ? "o1" : null,
        },
      ]);
    },
  );

  it("ignores a gatekeeper exception even when it carries a severity", () => {
    const verdict = evaluate({ exceptions: [override("low", { type: "gatekeeper" })] }, subject({ findings: [highA] }));
    expect(verdict.findings[0]).toMatchObject({ countedSeverity: "high", overriddenBy: null });
  });
});

describe("exceptions the engine cannot apply", () => {
  it("lists an override without a severity and an invalid pattern, and applies neither", () => {
    const engine = createComplianceEngine({
      policies: [policy()],
      exceptions: [
        override("low", { id: "o-no-severity", alternateSeverity: null }),
        exception({ id: "e-bad-pattern", imagePattern: "nginx latest" }),
        exception({ id: "e-expired-bad-pattern", imagePattern: "nginx latest", endsAt: at(-DAY) }),
        exception({ id: "e-review-bad-pattern", imagePattern: "nginx latest", status: "in_review" }),
      ],
      now: NOW,
    });
    expect(engine.ignoredExceptions).toEqual([
      { exceptionId: "o-no-severity", problem: "an override exception needs an alternate severity" },
      {
        exceptionId: "e-bad-pattern",
        problem: '"nginx latest" is not a valid image pattern: it contains whitespace',
      },
    ]);
    const verdict = engine.evaluate(subject({ findings: [highA] }));
    expect(verdict.status).toBe("non_compliant");
    expect(verdict.findings[0]).toMatchObject({ countedSeverity: "high", excludedBy: null, overriddenBy: null });
  });

  it("refuses an invalid now", () => {
    expect(() => createComplianceEngine({ policies: [], exceptions: [], now: new Date(Number.NaN) })).toThrow(
      new RangeError("now must be a valid date"),
    );
  });
});

describe("specificity", () => {
  // Ids sort opposite to specificity, so the id tie-break alone would pick the wrong one.
  const both = exception({ id: "e4-both", scannerId: "s1", issueId: "CVE-A" });
  const issue = exception({ id: "e3-issue", issueId: "CVE-A" });
  const scannerOnly = exception({ id: "e2-scanner", scannerId: "s1" });
  const neither = exception({ id: "e1-neither" });

  it.each<[string, ExceptionInput[], string]>([
    ["all four", [neither, scannerOnly, issue, both], "e4-both"],
    ["issue, scanner, neither", [neither, scannerOnly, issue], "e3-issue"],
    ["scanner and neither", [neither, scannerOnly], "e2-scanner"],
    ["neither alone", [neither], "e1-neither"],
    ["issue and neither", [neither, issue], "e3-issue"],
    ["scanner + issue and neither", [both, neither], "e4-both"],
    ["scanner and issue", [scannerOnly, issue], "e3-issue"],
    ["scanner + issue and scanner", [scannerOnly, both], "e4-both"],
    ["a tie on issue", [exception({ id: "b", issueId: "CVE-A" }), exception({ id: "a", issueId: "cve-a" })], "a"],
    ["a tie compared as strings", [exception({ id: "e9" }), exception({ id: "e10" })], "e10"],
    [
      "a more specific one that misses the image",
      [exception({ id: "e-both-redis", scannerId: "s1", issueId: "CVE-A", imagePattern: "redis*" }), neither],
      "e1-neither",
    ],
    [
      "a more specific one for another issue",
      [exception({ id: "e-other-issue", scannerId: "s1", issueId: "CVE-B" }), neither],
      "e1-neither",
    ],
  ])("%s → %s", (_name, exceptions, winner) => {
    const verdict = evaluate({ exceptions }, subject({ findings: [highA] }));
    expect(verdict.findings.map((f) => f.excludedBy)).toEqual([winner]);
  });

  it.each<[string, ExceptionInput[], string, Severity]>([
    [
      "issue beats every issue",
      [override("low", { id: "o1-all" }), override("medium", { id: "o2-issue", issueId: "CVE-A" })],
      "o2-issue",
      "medium",
    ],
    [
      "scanner + issue beats issue",
      [
        override("negligible", { id: "o1-issue", issueId: "CVE-A" }),
        override("low", { id: "o2-both", issueId: "CVE-A", scannerId: "s1" }),
      ],
      "o2-both",
      "low",
    ],
    ["ties go to the lowest id", [override("medium", { id: "o-b" }), override("low", { id: "o-a" })], "o-a", "low"],
  ])("overrides: %s", (_name, exceptions, winner, severity) => {
    const verdict = evaluate({ exceptions }, subject({ findings: [highA] }));
    expect(verdict.findings).toEqual([
      expect.objectContaining({ overriddenBy: winner, countedSeverity: severity, excludedBy: null }),
    ]);
  });
});

describe("policy exceptions and overrides together", () => {
  it.each<[string, ExceptionInput[]]>([
    ["equally specific", [exception({ issueId: "CVE-A" }), override("low", { issueId: "CVE-A" })]],
    ["the override more specific", [exception(), override("low", { issueId: "CVE-A", scannerId: "s1" })]],
  ])("a policy exception wins over an override (%s)", (_name, exceptions) => {
    const verdict = evaluate({ exceptions }, subject({ findings: [highA] }));
    expect(verdict.findings).toEqual<FindingResult[]>([
      {
        findingId: "CVE-A/openssl",
        policyId: "p1",
        scannerId: "s1",
        countedSeverity: null,
        excludedBy: "e1",
        overriddenBy: null,
      },
    ]);
  });

  it("an override can raise a severity, keeping the finding's fixability", () => {
    const verdict = evaluate(
      { exceptions: [override("critical", { issueId: "CVE-L" })] },
      subject({ findings: [finding("CVE-L", "low", true)] }),
    );
    expect(verdict.status).toBe("non_compliant");
    expect(verdict.reasons.map((r) => [r.severity, r.fixable, r.issueIds])).toEqual([["critical", true, ["CVE-L"]]]);
    expect(verdict.policies[0]?.scanners[0]?.counts).toEqual(counts({ critical: 1 }));
  });

  it("excludes one package's finding and overrides the other issue", () => {
    const verdict = evaluate(
      {
        exceptions: [exception({ issueId: "CVE-A" }), override("low", { issueId: "CVE-B" })],
      },
      subject({ findings: [highA, highB, finding("CVE-A", "high", true, "libssl3")] }),
    );
    expect(verdict.status).toBe("compliant");
    expect(verdict.findings.map((f) => [f.findingId, f.countedSeverity, f.excludedBy, f.overriddenBy])).toEqual([
      ["CVE-A/openssl", null, "e1", null],
      ["CVE-B/libc", "low", null, "o1"],
      ["CVE-A/libssl3", null, "e1", null],
    ]);
    expect(verdict.policies[0]?.scanners[0]?.counts).toEqual(counts({ low: 1 }));
  });

  it("matches issue ids case-insensitively in both directions", () => {
    const verdict = evaluate(
      { exceptions: [exception({ issueId: "CVE-2024-1234" })] },
      subject({ findings: [finding("cve-2024-1234", "high", true)] }),
    );
    expect(verdict.findings[0]?.excludedBy).toBe("e1");
  });
});

describe("exceptions across policies and scanners", () => {
  it("excludes a finding only under the policies an exception lists", () => {
    const verdict = evaluate(
      {
        policies: [policy({ id: "p1" }), policy({ id: "p2", name: "Second" })],
        exceptions: [exception({ allPolicies: false, policyIds: ["p1"] })],
      },
      subject({ findings: [highA] }),
    );
    expect(verdict.status).toBe("non_compliant");
    expect(verdict.findings.map((f) => [f.policyId, f.excludedBy])).toEqual([
      ["p1", "e1"],
      ["p2", null],
    ]);
    expect(verdict.policies.map((p) => [p.policyId, p.passed])).toEqual([
      ["p1", true],
      ["p2", false],
    ]);
  });

  it("excludes a finding only under the scanner an exception names", () => {
    const verdict = evaluate(
      {
        policies: [policy({ scanners: [scanner({ id: "s1" }), scanner({ id: "s2", name: "Trivy strict" })] })],
        exceptions: [exception({ scannerId: "s2" })],
      },
      subject({ findings: [highA] }),
    );
    expect(verdict.findings.map((f) => [f.scannerId, f.excludedBy])).toEqual([
      ["s1", null],
      ["s2", "e1"],
    ]);
    expect(verdict.reasons.map((r) => r.scannerId)).toEqual(["s1"]);
  });

  it("reuses one engine for many images, clusters and namespaces", () => {
    const engine = createComplianceEngine({
      policies: [policy()],
      exceptions: [
        exception({
          allClusters: false,
          clusterIds: ["c1"],
          allNamespaces: false,
          namespaces: ["web"],
          imagePattern: "nginx*",
        }),
      ],
      now: NOW,
    });
    const statusOf = (options: SubjectOptions) => engine.evaluate(subject({ findings: [highA], ...options })).status;
    expect(statusOf({})).toBe("compliant");
    expect(statusOf({ namespace: "db" })).toBe("non_compliant");
    expect(statusOf({ namespace: null })).toBe("non_compliant");
    expect(statusOf({ clusterId: "c2" })).toBe("non_compliant");
    expect(statusOf({ image: REDIS })).toBe("non_compliant");
    expect(statusOf({})).toBe("compliant");
    expect(statusOf({ image: { ...NGINX, tag: null } })).toBe("compliant");
  });
});

describe("enforced or advisory, required or not", () => {
  it.each<[boolean, boolean, Verdict["status"], boolean, boolean]>([
    [true, true, "non_compliant", true, false],
    [true, false, "compliant", false, true],
    [false, true, "compliant", false, false],
    [false, false, "compliant", false, true],
  ])(
    "enforced %s, required %s → %s; reason blocking %s; policy passed %s",
    (enforced, required, status, blocking, policyPassed) => {
      const verdict = evaluate(
        { policies: [policy({ enforced, scanners: [scanner({ required })] })] },
        subject({ findings: [highA] }),
      );
      expect(verdict.status).toBe(status);
      expect(verdict.reasons.map((r) => r.blocking)).toEqual([blocking]);
      expect(verdict.policies.map((p) => [p.passed, p.scanners[0]?.passed])).toEqual([[policyPassed, false]]);
    },
  );

  it("passes a policy whose required scanner passes while a report-only scanner fails", () => {
    const verdict = evaluate(
      {
        policies: [
          policy({
            scanners: [
              scanner({ id: "s1", required: true }),
              scanner({ id: "s2", name: "Report only", required: false, thresholds: zeroTolerance() }),
            ],
          }),
        ],
      },
      subject({ findings: [mediumC] }),
    );
    expect(verdict.status).toBe("compliant");
    expect(verdict.policies[0]?.passed).toBe(true);
    expect(verdict.policies[0]?.scanners.map((s) => [s.scannerId, s.passed])).toEqual([
      ["s1", true],
      ["s2", false],
    ]);
    expect(verdict.reasons.map((r) => [r.scannerId, r.blocking])).toEqual([["s2", false]]);
  });

  it("fails a policy when any of its required scanners fails", () => {
    const verdict = evaluate(
      { policies: [policy({ scanners: [scanner({ id: "s1" }), scanner({ id: "s2", thresholds: zeroTolerance() })] })] },
      subject({ findings: [mediumC] }),
    );
    expect(verdict.status).toBe("non_compliant");
    expect(verdict.reasons.map((r) => [r.scannerId, r.severity, r.blocking])).toEqual([["s2", "medium", true]]);
  });

  it("does not evaluate an inactive scanner", () => {
    const verdict = evaluate(
      {
        policies: [
          policy({
            scanners: [scanner({ id: "s1" }), scanner({ id: "s2", active: false, thresholds: zeroTolerance() })],
          }),
        ],
      },
      subject({ findings: [mediumC] }),
    );
    expect(verdict.status).toBe("compliant");
    expect(verdict.policies[0]?.scanners.map((s) => s.scannerId)).toEqual(["s1"]);
    expect(verdict.findings.map((f) => f.scannerId)).toEqual(["s1"]);
  });

  it("is non-compliant when one enforced policy fails and another passes", () => {
    const verdict = evaluate(
      {
        policies: [
          policy({
            id: "p1",
            name: "Lenient",
            scanners: [scanner({ thresholds: { fixable: limits(), unfixable: limits() } })],
          }),
          policy({ id: "p2", name: "Strict" }),
        ],
      },
      subject({ findings: [highA] }),
    );
    expect(verdict.status).toBe("non_compliant");
    expect(verdict.policies.map((p) => [p.policyId, p.passed])).toEqual([
      ["p1", true],
      ["p2", false],
    ]);
  });
});

describe("reason order", () => {
  it("puts blocking reasons first, then severity, policy name, scanner name, fixable before unfixable", () => {
    const everything = zeroTolerance();
    const verdict = evaluate(
      {
        policies: [
          policy({
            id: "p-beta",
            name: "Beta",
            scanners: [
              scanner({ id: "s-extra", name: "Trivy extra", required: false, thresholds: everything }),
              scanner({ id: "s-main", name: "Trivy main", thresholds: everything }),
            ],
          }),
          policy({
            id: "p-alpha",
            name: "Alpha",
            enforced: false,
            scanners: [
              scanner({ id: "s-b", name: "Trivy B", thresholds: everything }),
              scanner({ id: "s-a", name: "Trivy A", thresholds: everything }),
            ],
          }),
        ],
      },
      subject({
        findings: [
          finding("CVE-LU", "low", false),
          finding("CVE-HF", "high", true),
          finding("CVE-CU", "critical", false),
          finding("CVE-CF", "critical", true),
        ],
      }),
    );
    const rows = verdict.reasons.map(
      (r) =>
        `${r.blocking ? "B" : "-"} ${r.severity} ${r.policyName}/${r.scannerName} ${r.fixable ? "fixable" : "unfixable"}`,
    );
    expect(rows).toEqual([
      "B critical Beta/Trivy main fixable",
      "B critical Beta/Trivy main unfixable",
      "B high Beta/Trivy main fixable",
      "B low Beta/Trivy main unfixable",
      "- critical Alpha/Trivy A fixable",
      "- critical Alpha/Trivy A unfixable",
      "- critical Alpha/Trivy B fixable",
      "- critical Alpha/Trivy B unfixable",
      "- critical Beta/Trivy extra fixable",
      "- critical Beta/Trivy extra unfixable",
      "- high Alpha/Trivy A fixable",
      "- high Alpha/Trivy B fixable",
      "- high Beta/Trivy extra fixable",
      "- low Alpha/Trivy A unfixable",
      "- low Alpha/Trivy B unfixable",
      "- low Beta/Trivy extra unfixable",
    ]);
    expect(verdict.status).toBe("non_compliant");
  });
});

describe("finding results", () => {
  it("has one result per finding per policy and active scanner, in that order", () => {
    const scanners: ScannerInput[] = [
      scanner({ id: "s1" }),
      scanner({ id: "s2" }),
      scanner({ id: "s3", active: false }),
    ];
    const verdict = evaluate(
      { policies: [policy({ id: "p1", scanners }), policy({ id: "p2", scanners })] },
      subject({ findings: [highA, mediumC, criticalD] }),
    );
    expect(verdict.findings.map((f) => `${f.policyId} ${f.scannerId} ${f.findingId}`)).toEqual([
      "p1 s1 CVE-A/openssl",
      "p1 s1 CVE-C/zlib",
      "p1 s1 CVE-D/busybox",
      "p1 s2 CVE-A/openssl",
      "p1 s2 CVE-C/zlib",
      "p1 s2 CVE-D/busybox",
      "p2 s1 CVE-A/openssl",
      "p2 s1 CVE-C/zlib",
      "p2 s1 CVE-D/busybox",
      "p2 s2 CVE-A/openssl",
      "p2 s2 CVE-C/zlib",
      "p2 s2 CVE-D/busybox",
    ]);
  });
});

describe("temporary exception candidates", () => {
  const candidate = (policyId: string, issueId: string, graceDays = 7) => ({
    policyId,
    issueId,
    registry: "docker.io",
    repository: "library/nginx",
    graceDays,
  });

  it("names each issue counted in a blocking failing threshold, for this repository", () => {
    const verdict = evaluate({ policies: [policy({ graceDays: 7 })] }, subject({ findings: [highB, highA, mediumC] }));
    expect(verdict.temporaryExceptionCandidates).toEqual([candidate("p1", "CVE-A"), candidate("p1", "CVE-B")]);
  });

  it.each<[string, PolicyInput]>([
    ["without grace days", policy({ graceDays: 0 })],
    ["for an advisory policy", policy({ graceDays: 7, enforced: false })],
    [
      "for a policy that passes",
      policy({ graceDays: 7, scanners: [scanner({ thresholds: { fixable: limits(), unfixable: limits() } })] }),
    ],
    ["for a non-required scanner", policy({ graceDays: 7, scanners: [scanner({ required: false })] })],
  ])("names none %s", (_name, given) => {
    expect(evaluate({ policies: [given] }, subject({ findings: [highA] })).temporaryExceptionCandidates).toEqual([]);
  });

  it("leaves out issues counted only by a report-only scanner", () => {
    const verdict = evaluate(
      {
        policies: [
          policy({
            graceDays: 3,
            scanners: [
              scanner({ id: "s1" }),
              scanner({
                id: "s2",
                required: false,
                thresholds: { fixable: limits({ medium: 0 }), unfixable: limits() },
              }),
            ],
          }),
        ],
      },
      subject({ findings: [highA, mediumC] }),
    );
    expect(verdict.temporaryExceptionCandidates).toEqual([candidate("p1", "CVE-A", 3)]);
  });

  it("names an issue once per policy, however many packages and scanners count it", () => {
    const verdict = evaluate(
      {
        policies: [
          policy({ id: "p1", graceDays: 7, scanners: [scanner({ id: "s1" }), scanner({ id: "s2" })] }),
          policy({ id: "p2", name: "Other", graceDays: 14 }),
        ],
      },
      subject({ findings: [highA, finding("CVE-A", "high", true, "libssl3")] }),
    );
    expect(verdict.temporaryExceptionCandidates).toEqual([candidate("p1", "CVE-A"), candidate("p2", "CVE-A", 14)]);
  });

  it("leaves out excluded findings", () => {
    const verdict = evaluate(
      { policies: [policy({ graceDays: 7 })], exceptions: [exception({ issueId: "CVE-A" })] },
      subject({ findings: [highA, highB] }),
    );
    expect(verdict.temporaryExceptionCandidates).toEqual([candidate("p1", "CVE-B")]);
  });

  it("names none while the image is unscanned or its scan failed", () => {
    const policies = [policy({ graceDays: 7 })];
    expect(evaluate({ policies }, subject({ scans: {} })).temporaryExceptionCandidates).toEqual([]);
    expect(evaluate({ policies }, subject({ scans: { trivy: failedScan() } })).temporaryExceptionCandidates).toEqual(
      [],
    );
  });

  it("uses the subject's repository", () => {
    const verdict = evaluate(
      { policies: [policy({ graceDays: 7 })] },
      subject({ image: REDIS, scans: { trivy: scan([highA]) } }),
    );
    expect(verdict.temporaryExceptionCandidates).toEqual([
      { policyId: "p1", issueId: "CVE-A", registry: "docker.io", repository: "bitnami/redis", graceDays: 7 },
    ]);
  });
});
