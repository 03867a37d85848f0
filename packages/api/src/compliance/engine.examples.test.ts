import { describe, expect, it } from "vitest";
import {
  counts,
  evaluate,
  exception,
  finding,
  limits,
  NGINX,
  override,
  policy,
  REDIS,
  scanner,
  subject,
} from "./engine.builders.js";
import type { PolicyInput, Reason } from "./types.js";

/** The worked examples of docs/COMPLIANCE.md, one test each, with the same numbers. */

const defaultPolicy = (overrides: Partial<PolicyInput> = {}): PolicyInput =>
  policy({
    id: "default",
    name: "No fixable critical or high",
    scanners: [
      scanner({
        id: "trivy",
        name: "Trivy",
        thresholds: { fixable: limits({ critical: 0, high: 0 }), unfixable: limits() },
      }),
    ],
    ...overrides,
  });

const image = { image: NGINX, clusterId: "prod", namespace: "web" };

const openssl = finding("CVE-2024-0001", "high", true, "openssl");
const libcurl = finding("CVE-2024-0002", "high", true, "libcurl");
const zlib = finding("CVE-2024-0003", "medium", true, "zlib");
const busybox = finding("CVE-2024-0004", "critical", false, "busybox");

const reason = (fields: Partial<Reason>): Reason => ({
  policyId: "default",
  policyName: "No fixable critical or high",
  scannerId: "trivy",
  scannerName: "Trivy",
  severity: "high",
  fixable: true,
  count: 0,
  limit: 0,
  issueIds: [],
  blocking: true,
  ...fields,
});

describe("worked examples (docs/COMPLIANCE.md)", () => {
  it("Example 1: two fixable highs fail the default policy", () => {
    const verdict = evaluate(
      { policies: [defaultPolicy()] },
      subject({ ...image, findings: [openssl, libcurl, zlib, busybox] }),
    );
    expect(verdict.status).toBe("non_compliant");
    expect(verdict.reasons).toEqual([
      reason({ severity: "high", fixable: true, count: 2, limit: 0, issueIds: ["CVE-2024-0001", "CVE-2024-0002"] }),
    ]);
    expect(verdict.policies[0]?.scanners[0]?.counts).toEqual(counts({ high: 2, medium: 1 }, { critical: 1 }));
  });

  it("Example 2: a policy exception for CVE-2024-0001 on docker.io/library/nginx*", () => {
    const findings = [openssl, finding("CVE-2024-0001", "high", true, "libssl3")];
    const exceptions = [
      exception({ id: "ex-openssl", issueId: "CVE-2024-0001", imagePattern: "docker.io/library/nginx*" }),
    ];

    const without = evaluate({ policies: [defaultPolicy()] }, subject({ ...image, findings }));
    expect(without.status).toBe("non_compliant");
    expect(without.reasons).toEqual([reason({ count: 2, issueIds: ["CVE-2024-0001"] })]);

    const withException = evaluate({ policies: [defaultPolicy()], exceptions }, subject({ ...image, findings }));
    expect(withException.status).toBe("compliant");
    expect(withException.reasons).toEqual([]);
    expect(withException.findings.map((f) => [f.findingId, f.countedSeverity, f.excludedBy])).toEqual([
      ["CVE-2024-0001/openssl", null, "ex-openssl"],
      ["CVE-2024-0001/libssl3", null, "ex-openssl"],
    ]);

    const redis = evaluate({ policies: [defaultPolicy()], exceptions }, subject({ ...image, image: REDIS, findings }));
    expect(redis.status).toBe("non_compliant");
    expect(redis.reasons).toEqual([reason({ count: 2, issueIds: ["CVE-2024-0001"] })]);
  });

  it("Example 3: an override lowers CVE-2024-0002 to low", () => {
    const exceptions = [override("low", { id: "ov-curl", issueId: "CVE-2024-0002" })];
    const verdict = evaluate({ policies: [defaultPolicy()], exceptions }, subject({ ...image, findings: [libcurl] }));
    expect(verdict.status).toBe("compliant");
    expect(verdict.findings).toEqual([
      {
        findingId: "CVE-2024-0002/libcurl",
        policyId: "default",
        scannerId: "trivy",
        countedSeverity: "low",
        excludedBy: null,
        overriddenBy: "ov-curl",
      },
    ]);
    expect(verdict.policies[0]?.scanners[0]?.counts).toEqual(counts({ low: 1 }));
  });

  it("Example 4: an advisory policy fails while the verdict stays compliant", () => {
    const advisory = policy({
      id: "no-medium",
      name: "No fixable medium",
      enforced: false,
      scanners: [
        scanner({ id: "trivy", name: "Trivy", thresholds: { fixable: limits({ medium: 0 }), unfixable: limits() } }),
      ],
    });
    const findings = [
      zlib,
      finding("CVE-2024-0005", "medium", true, "expat"),
      finding("CVE-2024-0006", "medium", true, "libxml2"),
    ];
    const verdict = evaluate({ policies: [defaultPolicy(), advisory] }, subject({ ...image, findings }));
    expect(verdict.status).toBe("compliant");
    expect(verdict.reasons).toEqual([
      reason({
        policyId: "no-medium",
        policyName: "No fixable medium",
        severity: "medium",
        count: 3,
        limit: 0,
        issueIds: ["CVE-2024-0003", "CVE-2024-0005", "CVE-2024-0006"],
        blocking: false,
      }),
    ]);
    expect(verdict.policies.map((p) => [p.policyId, p.enforced, p.passed])).toEqual([
      ["default", true, true],
      ["no-medium", false, false],
    ]);
  });

  it("Example 5: a count equal to the limit passes", () => {
    const atMostThree = policy({
      id: "three-medium",
      name: "At most 3 fixable medium",
      scanners: [
        scanner({ id: "trivy", name: "Trivy", thresholds: { fixable: limits({ medium: 3 }), unfixable: limits() } }),
      ],
    });
    const mediums = ["0003", "0005", "0006", "0007"].map((n) => finding(`CVE-2024-${n}`, "medium", true, `pkg-${n}`));

    const three = evaluate({ policies: [atMostThree] }, subject({ ...image, findings: mediums.slice(0, 3) }));
    expect(three.status).toBe("compliant");
    expect(three.reasons).toEqual([]);

    const four = evaluate({ policies: [atMostThree] }, subject({ ...image, findings: mediums }));
    expect(four.status).toBe("non_compliant");
    expect(four.reasons.map((r) => [r.severity, r.fixable, r.count, r.limit])).toEqual([["medium", true, 4, 3]]);
  });

  it("Example 6: grace days propose temporary exceptions for the repository", () => {
    const verdict = evaluate(
      { policies: [defaultPolicy({ graceDays: 7 })] },
      subject({ ...image, findings: [openssl, libcurl, zlib, busybox] }),
    );
    expect(verdict.status).toBe("non_compliant");
    expect(verdict.temporaryExceptionCandidates).toEqual([
      {
        policyId: "default",
        issueId: "CVE-2024-0001",
        registry: "docker.io",
        repository: "library/nginx",
        graceDays: 7,
      },
      {
        policyId: "default",
        issueId: "CVE-2024-0002",
        registry: "docker.io",
        repository: "library/nginx",
        graceDays: 7,
      },
    ]);
  });

  it("Example 7: the more specific override wins", () => {
    const exceptions = [
      override("low", { id: "ov-1", issueId: "CVE-2024-0002" }),
      override("medium", { id: "ov-2", issueId: "CVE-2024-0002", scannerId: "trivy" }),
    ];
    const verdict = evaluate({ policies: [defaultPolicy()], exceptions }, subject({ ...image, findings: [libcurl] }));
    expect(verdict.status).toBe("compliant");
    expect(verdict.findings.map((f) => [f.countedSeverity, f.overriddenBy])).toEqual([["medium", "ov-2"]]);
  });
});
