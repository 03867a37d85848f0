import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DomainError } from "../common/errors.js";
import {
  configResult,
  IMAGE_ID,
  langResult,
  licenseResult,
  NGINX_DIGEST,
  osResult,
  secretResult,
  trivyReport,
  trivyVulnerability,
  type TrivyResultJson,
} from "./trivy-report.builders.js";
import { digestForImage, parseTrivyReport, TrivyReportError, type ParsedFinding } from "./trivy-report.js";

const SHA_B = `sha256:${"b".repeat(64)}`;
const SHA_C = `sha256:${"c".repeat(64)}`;

function errorOf(run: () => unknown): TrivyReportError {
  try {
    run();
  } catch (error) {
    if (error instanceof TrivyReportError) return error;
    throw error;
  }
  throw new Error("expected a TrivyReportError");
}

describe("parseTrivyReport: report level", () => {
  it("reads an image report without findings", () => {
    const report = parseTrivyReport(trivyReport());
    expect(report).toEqual({
      schemaVersion: 2,
      artifactName: "nginx:1.25",
      artifactType: "container_image",
      createdAt: "2026-02-20T09:30:00.123456789Z",
      imageId: IMAGE_ID,
      repoDigests: [`nginx@${NGINX_DIGEST}`],
      repoTags: ["nginx:1.25"],
      os: { family: "alpine", name: "3.19.1" },
      findings: [],
      vulnerabilities: new Map(),
    });
  });

  it("reads a report with nothing but SchemaVersion", () => {
    expect(parseTrivyReport({ SchemaVersion: 2 })).toEqual({
      schemaVersion: 2,
      artifactName: null,
      artifactType: null,
      createdAt: null,
      imageId: null,
      repoDigests: [],
      repoTags: [],
      os: null,
      findings: [],
      vulnerabilities: new Map(),
    });
  });

  it.each<[string, unknown]>([
    ["absent", undefined],
    ["null", null],
    ["empty", []],
  ])("accepts Results %s", (_name, results) => {
    const input = results === undefined ? { SchemaVersion: 2 } : { SchemaVersion: 2, Results: results };
    expect(parseTrivyReport(input).findings).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["absent", undefined],
    ["null", null],
    ["empty", []],
  ])("accepts a result whose Vulnerabilities is %s", (_name, vulnerabilities) => {
    const result: TrivyResultJson = { Target: "x (alpine 3.19.1)", Class: "os-pkgs", Type: "alpine" };
    if (vulnerabilities !== undefined) result.Vulnerabilities = vulnerabilities;
    expect(parseTrivyReport(trivyReport({ Results: [result] })).findings).toEqual([]);
  });

  it("skips config, secret and license results, which hold no vulnerabilities", () => {
    const report = parseTrivyReport(
      trivyReport({
        Results: [
          configResult(),
          secretResult(),
          licenseResult(),
          osResult([trivyVulnerability("CVE-2024-0001", "a")]),
        ],
      }),
    );
    expect(report.findings.map((f) => f.issueId)).toEqual(["CVE-2024-0001"]);
  });

  it("reads a repository scan without Metadata", () => {
    const report = parseTrivyReport(
      trivyReport({ ArtifactName: "/src/app", ArtifactType: "repository", Metadata: undefined }),
    );
    expect(report).toMatchObject({
      artifactName: "/src/app",
      artifactType: "repository",
      imageId: null,
      repoDigests: [],
      repoTags: [],
      os: null,
    });
  });

  it("ignores fields it does not read, including ones a later Trivy may add", () => {
    const report = parseTrivyReport(
      trivyReport({
        FutureField: { anything: [1, 2, 3] },
        Results: [
          osResult([trivyVulnerability("CVE-2024-0001", "a", { Custom: { x: 1 }, NewScore: 7 })], {
            ExperimentalModifiedFindings: [{ Type: "vulnerability", Status: "not_affected" }],
            Packages: [{ Name: "a" }],
          }),
        ],
      }),
    );
    expect(report.findings).toHaveLength(1);
  });

  it("turns empty strings into null", () => {
    const report = parseTrivyReport(
      trivyReport({ ArtifactName: "", ArtifactType: "", CreatedAt: "", Metadata: { ImageID: "" } }),
    );
    expect(report).toMatchObject({ artifactName: null, artifactType: null, createdAt: null, imageId: null });
  });
});

describe("parseTrivyReport: findings", () => {
  it("maps every field of a finding", () => {
    const report = parseTrivyReport(
      trivyReport({
        Results: [
          osResult([trivyVulnerability("CVE-2024-0001", "openssl", { Severity: "CRITICAL" })]),
          langResult("app/package-lock.json", "npm", [
            trivyVulnerability("GHSA-abcd-1234-efgh", "lodash", {
              InstalledVersion: "4.17.20",
              FixedVersion: undefined,
              Status: "affected",
              PkgPath: "app/node_modules/lodash/package.json",
              Severity: "LOW",
            }),
          ]),
        ],
      }),
    );
    expect(report.findings).toEqual<ParsedFinding[]>([
      {
        issueId: "CVE-2024-0001",
        packageName: "openssl",
        installedVersion: "1.0.0-r0",
        fixedVersion: "1.0.1-r0",
        severity: "critical",
        fixable: true,
        target: "docker.io/library/nginx:1.25 (alpine 3.19.1)",
        class: "os-pkgs",
        type: "alpine",
        packagePath: null,
        status: "fixed",
      },
      {
        issueId: "GHSA-abcd-1234-efgh",
        packageName: "lodash",
        installedVersion: "4.17.20",
        fixedVersion: null,
        severity: "low",
        fixable: false,
        target: "app/package-lock.json",
        class: "lang-pkgs",
        type: "npm",
        packagePath: "app/node_modules/lodash/package.json",
        status: "affected",
      },
    ]);
  });

  it.each<[string, unknown, string | null, boolean]>([
    ["a version", "1.2.3", "1.2.3", true],
    ["several versions", "1.5.13, 1.3.15", "1.5.13, 1.3.15", true],
    ["an empty string", "", null, false],
    ["blanks", "  ", null, false],
    ["absent", undefined, null, false],
    ["null", null, null, false],
  ])("FixedVersion %s → fixedVersion %j, fixable %s", (_name, fixed, fixedVersion, fixable) => {
    const report = parseTrivyReport(
      trivyReport({ Results: [osResult([trivyVulnerability("CVE-1", "a", { FixedVersion: fixed })])] }),
    );
    expect(report.findings[0]).toMatchObject({ fixedVersion, fixable });
  });

  it.each<[unknown, string]>([
    ["CRITICAL", "critical"],
    ["HIGH", "high"],
    ["MEDIUM", "medium"],
    ["LOW", "low"],
    ["UNKNOWN", "negligible"],
    ["high", "high"],
    ["SEVERE", "negligible"],
    ["", "negligible"],
    [undefined, "negligible"],
  ])("Severity %j → %s, in the finding and the catalogue", (severity, expected) => {
    const report = parseTrivyReport(
      trivyReport({ Results: [osResult([trivyVulnerability("CVE-1", "a", { Severity: severity })])] }),
    );
    expect(report.findings[0]?.severity).toBe(expected);
    expect(report.vulnerabilities.get("CVE-1")?.severity).toBe(expected);
  });

  it("keeps a finding listed twice once", () => {
    const vulnerability = trivyVulnerability("CVE-1", "openssl");
    const report = parseTrivyReport(trivyReport({ Results: [osResult([vulnerability, { ...vulnerability }])] }));
    expect(report.findings).toHaveLength(1);
  });

  it("keeps one finding per distinct issue + package + version + target + path", () => {
    const report = parseTrivyReport(
      trivyReport({
        Results: [
          osResult([
            trivyVulnerability("CVE-1", "libcrypto3"),
            trivyVulnerability("CVE-1", "libssl3"), // same issue, another package
            trivyVulnerability("CVE-1", "libssl3", { InstalledVersion: "2.0.0" }), // another version
            trivyVulnerability("CVE-2", "libssl3"), // another issue
          ]),
          langResult("Java", "jar", [
            trivyVulnerability("CVE-1", "libssl3", { PkgPath: "opt/a.jar" }), // another target
            trivyVulnerability("CVE-1", "libssl3", { PkgPath: "opt/b.jar" }), // another path
            trivyVulnerability("CVE-1", "libssl3", { PkgPath: "opt/b.jar" }), // repeated
          ]),
        ],
      }),
    );
    expect(report.findings.map((f) => [f.issueId, f.packageName, f.installedVersion, f.target, f.packagePath])).toEqual(
      [
        ["CVE-1", "libcrypto3", "1.0.0-r0", "docker.io/library/nginx:1.25 (alpine 3.19.1)", null],
        ["CVE-1", "libssl3", "1.0.0-r0", "docker.io/library/nginx:1.25 (alpine 3.19.1)", null],
        ["CVE-1", "libssl3", "2.0.0", "docker.io/library/nginx:1.25 (alpine 3.19.1)", null],
        ["CVE-2", "libssl3", "1.0.0-r0", "docker.io/library/nginx:1.25 (alpine 3.19.1)", null],
        ["CVE-1", "libssl3", "1.0.0-r0", "Java", "opt/a.jar"],
        ["CVE-1", "libssl3", "1.0.0-r0", "Java", "opt/b.jar"],
      ],
    );
    expect([...report.vulnerabilities.keys()]).toEqual(["CVE-1", "CVE-2"]);
  });

  it("reads a result without Class, Type or Target", () => {
    const report = parseTrivyReport(
      trivyReport({ Results: [{ Vulnerabilities: [trivyVulnerability("CVE-1", "a")] }] }),
    );
    expect(report.findings[0]).toMatchObject({ target: "", class: null, type: null });
  });
});

describe("parseTrivyReport: vulnerability catalogue", () => {
  it("holds one entry per issue id with the advisory fields", () => {
    const report = parseTrivyReport(
      trivyReport({ Results: [osResult([trivyVulnerability("CVE-2024-0001", "openssl")])] }),
    );
    expect(report.vulnerabilities).toEqual(
      new Map([
        [
          "CVE-2024-0001",
          {
            issueId: "CVE-2024-0001",
            title: "openssl: a flaw",
            description: "A flaw was found in openssl.",
            severity: "high",
            cvss: { nvd: { V3Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", V3Score: 9.8 } },
            primaryUrl: "https://avd.aquasec.com/nvd/cve-2024-0001",
            references: ["https://nvd.nist.gov/vuln/detail/CVE-2024-0001"],
            publishedAt: "2024-01-15T10:15:00Z",
            lastModifiedAt: "2024-02-01T08:00:00Z",
          },
        ],
      ]),
    );
  });

  it("gives nulls and no references when Trivy leaves the fields out", () => {
    const report = parseTrivyReport(
      trivyReport({
        Results: [
          osResult([
            {
              VulnerabilityID: "CVE-1",
              PkgName: "a",
              InstalledVersion: "1",
            },
          ]),
        ],
      }),
    );
    expect(report.vulnerabilities.get("CVE-1")).toEqual({
      issueId: "CVE-1",
      title: null,
      description: null,
      severity: "negligible",
      cvss: null,
      primaryUrl: null,
      references: [],
      publishedAt: null,
      lastModifiedAt: null,
    });
  });

  it("keeps the first listing and fills what it lacks from later ones", () => {
    const report = parseTrivyReport(
      trivyReport({
        Results: [
          osResult([
            trivyVulnerability("CVE-1", "a", {
              Title: "first title",
              Description: undefined,
              References: undefined,
              CVSS: undefined,
              Severity: "MEDIUM",
            }),
            trivyVulnerability("CVE-1", "b", { Title: "second title", Description: "second description" }),
          ]),
        ],
      }),
    );
    expect(report.vulnerabilities.get("CVE-1")).toMatchObject({
      title: "first title",
      description: "second description",
      severity: "medium",
      references: ["https://nvd.nist.gov/vuln/detail/CVE-1"],
      cvss: { nvd: { V3Score: 9.8 } },
    });
  });
});

describe("parseTrivyReport: malformed reports", () => {
  const withVulnerability = (overrides: Record<string, unknown>) =>
    trivyReport({
      Results: [
        osResult([]),
        osResult([
          trivyVulnerability("CVE-1", "a"),
          trivyVulnerability("CVE-2", "b"),
          trivyVulnerability("CVE-3", "c", overrides),
        ]),
      ],
    });

  it.each<[string, unknown, string, string]>([
    ["null", null, "a Trivy report must be a JSON object", ""],
    ["an array", [], "a Trivy report must be a JSON object", ""],
    ["a string", '{"SchemaVersion":2}', "a Trivy report must be a JSON object", ""],
    ["a number", 2, "a Trivy report must be a JSON object", ""],
    [
      "no SchemaVersion",
      { Results: [] },
      "SchemaVersion is required; only Trivy JSON schema version 2 is supported",
      "SchemaVersion",
    ],
    ["SchemaVersion 1", { SchemaVersion: 1 }, "only Trivy JSON schema version 2 is supported; got 1", "SchemaVersion"],
    ["SchemaVersion 3", { SchemaVersion: 3 }, "only Trivy JSON schema version 2 is supported; got 3", "SchemaVersion"],
    [
      'SchemaVersion "2"',
      { SchemaVersion: "2" },
      'only Trivy JSON schema version 2 is supported; got "2"',
      "SchemaVersion",
    ],
    [
      "no VulnerabilityID",
      withVulnerability({ VulnerabilityID: undefined }),
      "Results[1].Vulnerabilities[2].VulnerabilityID is required",
      "Results[1].Vulnerabilities[2].VulnerabilityID",
    ],
    [
      "an empty VulnerabilityID",
      withVulnerability({ VulnerabilityID: "" }),
      "Results[1].Vulnerabilities[2].VulnerabilityID is required",
      "Results[1].Vulnerabilities[2].VulnerabilityID",
    ],
    [
      "a numeric VulnerabilityID",
      withVulnerability({ VulnerabilityID: 2024 }),
      "Results[1].Vulnerabilities[2].VulnerabilityID must be a string",
      "Results[1].Vulnerabilities[2].VulnerabilityID",
    ],
    [
      "no PkgName",
      withVulnerability({ PkgName: undefined }),
      "Results[1].Vulnerabilities[2].PkgName is required",
      "Results[1].Vulnerabilities[2].PkgName",
    ],
    [
      "a null PkgName",
      withVulnerability({ PkgName: null }),
      "Results[1].Vulnerabilities[2].PkgName is required",
      "Results[1].Vulnerabilities[2].PkgName",
    ],
    [
      "no InstalledVersion",
      withVulnerability({ InstalledVersion: undefined }),
      "Results[1].Vulnerabilities[2].InstalledVersion is required",
      "Results[1].Vulnerabilities[2].InstalledVersion",
    ],
    [
      "a numeric Severity",
      withVulnerability({ Severity: 4 }),
      "Results[1].Vulnerabilities[2].Severity must be a string",
      "Results[1].Vulnerabilities[2].Severity",
    ],
    [
      "References that are not a list",
      withVulnerability({ References: "https://example.com" }),
      "Results[1].Vulnerabilities[2].References must be an array",
      "Results[1].Vulnerabilities[2].References",
    ],
    [
      "a CVSS that is not an object",
      withVulnerability({ CVSS: 9.8 }),
      "Results[1].Vulnerabilities[2].CVSS must be an object",
      "Results[1].Vulnerabilities[2].CVSS",
    ],
    ["Results that is not a list", { SchemaVersion: 2, Results: {} }, "Results must be an array", "Results"],
    [
      "a result that is not an object",
      { SchemaVersion: 2, Results: ["x"] },
      "Results[0] must be an object",
      "Results[0]",
    ],
    [
      "Vulnerabilities that is not a list",
      { SchemaVersion: 2, Results: [{ Target: "t", Vulnerabilities: "none" }] },
      "Results[0].Vulnerabilities must be an array",
      "Results[0].Vulnerabilities",
    ],
    [
      "a vulnerability that is not an object",
      { SchemaVersion: 2, Results: [{ Target: "t", Vulnerabilities: [null] }] },
      "Results[0].Vulnerabilities[0] must be an object",
      "Results[0].Vulnerabilities[0]",
    ],
    [
      "RepoDigests that is not a list",
      trivyReport({ Metadata: { RepoDigests: "nginx@sha256:x" } }),
      "Metadata.RepoDigests must be an array",
      "Metadata.RepoDigests",
    ],
  ])("refuses %s", (_name, input, message, path) => {
    const error = errorOf(() => parseTrivyReport(input));
    expect(error.message).toBe(message);
    expect(error.path).toBe(path);
    expect(error.code).toBe("BAD_USER_INPUT");
  });

  it("is a domain error carrying the path in its details", () => {
    const error = errorOf(() => parseTrivyReport({ SchemaVersion: 1 }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe("TrivyReportError");
    expect(error.details).toEqual({ path: "SchemaVersion" });
  });

  const manyVulnerabilities = (count: number) =>
    trivyReport({
      Results: [
        osResult(Array.from({ length: count }, (_, i) => trivyVulnerability(`CVE-2024-${i}`, "pkg"))),
        // A malformed entry past the limit: the size check comes first.
        langResult("x", "npm", [{ VulnerabilityID: "CVE-9" }]),
      ],
    });

  it("refuses a report listing more vulnerabilities than allowed, before validating it", () => {
    const error = errorOf(() => parseTrivyReport(manyVulnerabilities(3), { maxVulnerabilities: 3 }));
    expect(error.message).toBe("the report lists 4 vulnerabilities; at most 3 are accepted");
    expect(error.path).toBe("Results");
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("accepts exactly the limit", () => {
    const input = trivyReport({
      Results: [osResult([trivyVulnerability("CVE-1", "a"), trivyVulnerability("CVE-2", "a")])],
    });
    expect(parseTrivyReport(input, { maxVulnerabilities: 2 }).findings).toHaveLength(2);
  });

  it("allows 50,000 vulnerabilities by default", () => {
    const listing = (count: number) =>
      trivyReport({
        Results: [
          osResult(
            Array.from({ length: count }, (_, i) => ({
              VulnerabilityID: `CVE-2024-${i}`,
              PkgName: "pkg",
              InstalledVersion: "1",
            })),
          ),
        ],
      });
    expect(parseTrivyReport(listing(50_000)).findings).toHaveLength(50_000);
    expect(errorOf(() => parseTrivyReport(listing(50_001))).message).toBe(
      "the report lists 50001 vulnerabilities; at most 50000 are accepted",
    );
  });
});

describe("digestForImage", () => {
  const nginx = { registry: "docker.io", repository: "library/nginx" };

  it.each<[string, string[], { registry: string; repository: string }, string | null]>([
    ["a familiar name", [`nginx@${NGINX_DIGEST}`], nginx, NGINX_DIGEST],
    ["a full name", [`docker.io/library/nginx@${NGINX_DIGEST}`], nginx, NGINX_DIGEST],
    ["a Docker Hub alias", [`index.docker.io/library/nginx@${NGINX_DIGEST}`], nginx, NGINX_DIGEST],
    [
      "an image named without library/",
      [`nginx@${NGINX_DIGEST}`],
      { registry: "docker.io", repository: "nginx" },
      NGINX_DIGEST,
    ],
    [
      "the matching one of several",
      [`ghcr.io/org/nginx@${SHA_B}`, `nginx@${NGINX_DIGEST}`, `mirror.local/library/nginx@${SHA_C}`],
      nginx,
      NGINX_DIGEST,
    ],
    [
      "a registry with a port",
      [`nginx@${NGINX_DIGEST}`, `localhost:5000/team/app@${SHA_B}`],
      { registry: "localhost:5000", repository: "team/app" },
      SHA_B,
    ],
    ["the only one, when none matches", [`ghcr.io/org/nginx@${SHA_B}`], nginx, SHA_B],
    ["nothing when several do not match", [`ghcr.io/org/nginx@${SHA_B}`, `quay.io/x/y@${SHA_C}`], nginx, null],
    ["nothing without RepoDigests", [], nginx, null],
    ["nothing when the only entry is unreadable", ["not a reference"], nginx, null],
    ["nothing when the only entry has no digest", ["nginx:1.25"], nginx, null],
  ])("finds %s", (_name, repoDigests, image, expected) => {
    expect(digestForImage({ repoDigests }, image)).toBe(expected);
  });
});

describe("parseTrivyReport: Trivy's own samples", () => {
  const directory = "/work/shared/fixtures/trivy";
  const read = (name: string): unknown => JSON.parse(readFileSync(`${directory}/${name}`, "utf8"));
  const summary = (findings: ParsedFinding[]) =>
    findings.map((f) => `${f.issueId} ${f.packageName} ${f.installedVersion} ${f.severity} ${f.fixedVersion ?? "-"}`);

  it.skipIf(!existsSync(directory))("reads alpine-310: four fixable medium findings over two issues", () => {
    const report = parseTrivyReport(read("alpine-310.json"));
    expect(report).toMatchObject({
      artifactType: "container_image",
      imageId: "sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4",
      repoTags: ["ghcr.io/aquasecurity/trivy-test-images:alpine-310"],
      repoDigests: [],
      os: { family: "alpine", name: "3.10.2" },
    });
    expect(summary(report.findings)).toEqual([
      "CVE-2019-1549 libcrypto1.1 1.1.1c-r0 medium 1.1.1d-r0",
      "CVE-2019-1551 libcrypto1.1 1.1.1c-r0 medium 1.1.1d-r2",
      "CVE-2019-1549 libssl1.1 1.1.1c-r0 medium 1.1.1d-r0",
      "CVE-2019-1551 libssl1.1 1.1.1c-r0 medium 1.1.1d-r2",
    ]);
    expect(report.findings.every((f) => f.class === "os-pkgs" && f.type === "alpine")).toBe(true);
    expect([...report.vulnerabilities.keys()]).toEqual(["CVE-2019-1549", "CVE-2019-1551"]);
    expect(report.vulnerabilities.get("CVE-2019-1549")).toMatchObject({
      title: "openssl: information disclosure in fork()",
      primaryUrl: "https://avd.aquasec.com/nvd/cve-2019-1549",
      publishedAt: "2019-09-10T17:15:00Z",
      cvss: { nvd: { V3Score: 5.3 } },
    });
    expect(report.vulnerabilities.get("CVE-2019-1549")?.references).toHaveLength(20);
  });

  it.skipIf(!existsSync(directory))("reads centos-7: one unfixable low, two fixable", () => {
    const report = parseTrivyReport(read("centos-7.json"));
    expect(report.os).toEqual({ family: "centos", name: "7.6.1810" });
    expect(summary(report.findings)).toEqual([
      "CVE-2019-18276 bash 4.2.46-31.el7 low -",
      "CVE-2019-1559 openssl-libs 1:1.0.2k-16.el7 medium 1:1.0.2k-19.el7",
      "CVE-2018-0734 openssl-libs 1:1.0.2k-16.el7 low 1:1.0.2k-19.el7",
    ]);
    expect(report.findings[0]).toMatchObject({ fixable: false, status: "will_not_fix" });
    expect(report.vulnerabilities.size).toBe(3);
  });

  it.skipIf(!existsSync(directory))("reads debian-buster: an unfixable low and a fixable critical", () => {
    const report = parseTrivyReport(read("debian-buster.json"));
    expect(report.os).toEqual({ family: "debian", name: "10.1" });
    expect(summary(report.findings)).toEqual([
      "CVE-2019-18276 bash 5.0-4 low -",
      "CVE-2019-18224 libidn2-0 2.0.5-1 critical 2.0.5-1+deb10u1",
    ]);
    expect(report.findings.map((f) => f.status)).toEqual(["affected", "fixed"]);
  });

  it.skipIf(!existsSync(directory))("reads npm: a language package in a repository scan", () => {
    const report = parseTrivyReport(read("npm.json"));
    expect(report).toMatchObject({
      artifactName: "testdata/fixtures/repo/npm",
      artifactType: "repository",
      createdAt: "2021-08-25T12:20:30.000000005Z",
      imageId: null,
      os: null,
    });
    expect(report.findings).toEqual<ParsedFinding[]>([
      {
        issueId: "CVE-2019-11358",
        packageName: "jquery",
        installedVersion: "3.3.9",
        fixedVersion: "3.4.0",
        severity: "medium",
        fixable: true,
        target: "package-lock.json",
        class: "lang-pkgs",
        type: "npm",
        packagePath: null,
        status: "fixed",
      },
    ]);
  });
});
