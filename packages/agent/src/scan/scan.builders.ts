import type { VerdictReason } from "../api/contract.js";
import type { ScanSubmission, SeverityCounts } from "../client/ci-scan-api.js";

/** Test data for the scan mode: what the api answers, and findings in the fake scanner's format. */
export const counts = (partial: Partial<SeverityCounts> = {}): SeverityCounts => ({
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  negligible: 0,
  ...partial,
});

export function reason(overrides: Partial<VerdictReason> = {}): VerdictReason {
  return {
    policyId: "p1",
    policyName: "No critical or high with fixes",
    scannerId: "s1",
    scannerName: "trivy",
    severity: "critical",
    fixable: true,
    count: 1,
    limit: 0,
    issueIds: ["CVE-2026-0001"],
    blocking: true,
    ...overrides,
  };
}

export function submission(overrides: Partial<ScanSubmission> = {}): ScanSubmission {
  return {
    cluster: { id: "c1", name: "prod" },
    image: {
      id: "i1",
      reference: `registry.example.com/team/app@sha256:${"a".repeat(64)}`,
      name: "registry.example.com/team/app",
      registry: "registry.example.com",
      repository: "team/app",
      digest: `sha256:${"a".repeat(64)}`,
      tags: ["1.4.2"],
    },
    scan: { id: "scan-1", counts: { fixable: counts({ critical: 1 }), unfixable: counts({ low: 1, medium: 1 }) } },
    verdict: { status: "non_compliant", reasons: [reason()] },
    ...overrides,
  };
}

export type FakeVuln = {
  id: string;
  pkg: string;
  installed: string;
  fixed?: string;
  severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
  score?: number;
  class?: "os-pkgs" | "lang-pkgs";
  path?: string;
};

export const VULNS: FakeVuln[] = [
  { id: "CVE-2026-0001", pkg: "openssl", installed: "3.0.1", fixed: "3.0.2", severity: "CRITICAL", score: 9.8 },
  { id: "CVE-2026-0002", pkg: "zlib", installed: "1.2.13", severity: "MEDIUM" },
  { id: "CVE-2026-0003", pkg: "bash", installed: "5.2-1", severity: "LOW" },
  {
    id: "GHSA-aaaa-bbbb-cccc",
    pkg: "lodash",
    installed: "4.17.20",
    fixed: "4.17.21",
    severity: "HIGH",
    class: "lang-pkgs",
    path: "/app/node_modules/lodash/package.json",
  },
];
