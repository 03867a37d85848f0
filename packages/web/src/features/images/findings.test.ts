import { describe, expect, it } from "vitest";
import { DEFAULT_FINDING_SORT, type Finding, filterFindings, sortFindings, treatmentsByFinding } from "./findings";

function aFinding(overrides: Partial<Finding>): Finding {
  return {
    id: "f-1",
    issueId: "CVE-2024-0001",
    packageName: "openssl",
    installedVersion: "3.0.1",
    fixedVersion: "3.0.2",
    severity: "high",
    fixable: true,
    target: "nginx (debian 12)",
    packageClass: "os-pkgs",
    packageType: "debian",
    vulnerability: {
      id: "CVE-2024-0001",
      title: "openssl: a problem",
      description: "",
      primaryUrl: null,
      cvss: null,
      references: [],
    },
    ...overrides,
  };
}

const findings = [
  aFinding({ id: "a", issueId: "CVE-2024-0003", packageName: "zlib", severity: "medium", fixable: true }),
  aFinding({ id: "b", issueId: "CVE-2024-0004", packageName: "busybox", severity: "critical", fixable: false }),
  aFinding({ id: "c", issueId: "CVE-2024-0001", packageName: "openssl", severity: "high", fixable: true }),
  aFinding({ id: "d", issueId: "CVE-2024-0002", packageName: "libcurl", severity: "high", fixable: true }),
];

describe("findings", () => {
  it("sort worst first by default, then by issue", () => {
    expect(sortFindings(findings, DEFAULT_FINDING_SORT).map((f) => f.id)).toEqual(["b", "c", "d", "a"]);
  });

  it("sort by package, fixable or issue, either way", () => {
    expect(sortFindings(findings, { key: "package", direction: "asc" }).map((f) => f.packageName)).toEqual([
      "busybox",
      "libcurl",
      "openssl",
      "zlib",
    ]);
    expect(sortFindings(findings, { key: "fixable", direction: "asc" })[0]?.id).toBe("b");
    expect(sortFindings(findings, { key: "issue", direction: "desc" }).map((f) => f.id)).toEqual(["b", "a", "d", "c"]);
  });

  it("filter by text, severity and fixability", () => {
    expect(filterFindings(findings, { search: "curl", severity: "", fixable: "" }).map((f) => f.id)).toEqual(["d"]);
    expect(filterFindings(findings, { search: "", severity: "high", fixable: "" })).toHaveLength(2);
    expect(filterFindings(findings, { search: "", severity: "", fixable: "unfixable" }).map((f) => f.id)).toEqual([
      "b",
    ]);
  });

  it("name each exception once per finding, across policies", () => {
    const excluded = { __typename: "Exception" as const, id: "e-1", title: "Accepted risk" };
    const override = {
      __typename: "Exception" as const,
      id: "e-2",
      title: "Lowered",
      alternateSeverity: "low" as const,
    };
    const map = treatmentsByFinding([
      {
        findingId: "a",
        policyId: "p-1",
        scannerId: "s-1",
        countedSeverity: null,
        excludedBy: excluded,
        overriddenBy: null,
      },
      {
        findingId: "a",
        policyId: "p-2",
        scannerId: "s-2",
        countedSeverity: null,
        excludedBy: excluded,
        overriddenBy: null,
      },
      {
        findingId: "c",
        policyId: "p-1",
        scannerId: "s-1",
        countedSeverity: "low",
        excludedBy: null,
        overriddenBy: override,
      },
      {
        findingId: "d",
        policyId: "p-1",
        scannerId: "s-1",
        countedSeverity: "high",
        excludedBy: null,
        overriddenBy: null,
      },
    ]);
    expect(map.get("a")).toEqual({ excludedBy: [{ id: "e-1", title: "Accepted risk" }], overriddenBy: [] });
    expect(map.get("c")?.overriddenBy).toEqual([{ id: "e-2", title: "Lowered", countedAs: "low" }]);
    expect(map.has("d")).toBe(false);
  });
});
