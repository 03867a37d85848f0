/**
 * Builders for Trivy JSON reports (schema version 2) in the shape `trivy image -f json` writes, for
 * tests. Like Trivy, they leave out fields that are empty: pass `undefined` to drop a default.
 */

export type TrivyVulnerabilityJson = {
  VulnerabilityID?: unknown;
  VendorIDs?: string[];
  PkgID?: string;
  PkgName?: unknown;
  PkgPath?: unknown;
  PkgIdentifier?: { PURL?: string; UID?: string };
  InstalledVersion?: unknown;
  FixedVersion?: unknown;
  Status?: unknown;
  Layer?: { Digest?: string; DiffID?: string };
  SeveritySource?: string;
  PrimaryURL?: unknown;
  DataSource?: { ID: string; Name: string; URL: string };
  Fingerprint?: string;
  Title?: unknown;
  Description?: unknown;
  Severity?: unknown;
  CweIDs?: string[];
  VendorSeverity?: Record<string, number>;
  CVSS?: unknown;
  References?: unknown;
  PublishedDate?: unknown;
  LastModifiedDate?: unknown;
  [field: string]: unknown;
};

export type TrivyResultJson = {
  Target?: unknown;
  Class?: unknown;
  Type?: unknown;
  Packages?: unknown[];
  Vulnerabilities?: unknown;
  [field: string]: unknown;
};

export type TrivyReportJson = {
  SchemaVersion?: unknown;
  Trivy?: { Version: string };
  ReportID?: string;
  CreatedAt?: unknown;
  ArtifactID?: string;
  ArtifactName?: unknown;
  ArtifactType?: unknown;
  Metadata?: unknown;
  Results?: unknown;
  [field: string]: unknown;
};

/** Drops keys whose value is undefined, as Go's omitempty would. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const IMAGE_ID = "sha256:4f0e2b0bd0e5c2f9e8f5a56e3b2d1c0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c";
export const NGINX_DIGEST = "sha256:6af79ae5de407283dcea8b00d5c37ace95441fd58a8b1d2aa1ed93f5511bb18c";

/** One vulnerability in one package, with the fields Trivy fills for an OS package. */
export function trivyVulnerability(
  id: string,
  pkg: string,
  overrides: Partial<TrivyVulnerabilityJson> = {},
): TrivyVulnerabilityJson {
  return compact({
    VulnerabilityID: id,
    PkgID: `${pkg}@1.0.0-r0`,
    PkgName: pkg,
    PkgIdentifier: { PURL: `pkg:apk/alpine/${pkg}@1.0.0-r0?arch=x86_64&distro=3.19.1`, UID: "0f1e2d3c4b5a6978" },
    InstalledVersion: "1.0.0-r0",
    FixedVersion: "1.0.1-r0",
    Status: "fixed",
    Layer: { DiffID: "sha256:d4fc045c9e3a848011de66f34b81f052d4f2c15a17bb196d637e526349601820" },
    SeveritySource: "nvd",
    PrimaryURL: `https://avd.aquasec.com/nvd/${id.toLowerCase()}`,
    DataSource: { ID: "alpine", Name: "Alpine Secdb", URL: "https://secdb.alpinelinux.org/" },
    Title: `${pkg}: a flaw`,
    Description: `A flaw was found in ${pkg}.`,
    Severity: "HIGH",
    CweIDs: ["CWE-787"],
    VendorSeverity: { nvd: 3 },
    CVSS: { nvd: { V3Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", V3Score: 9.8 } },
    References: [`https://nvd.nist.gov/vuln/detail/${id}`],
    PublishedDate: "2024-01-15T10:15:00Z",
    LastModifiedDate: "2024-02-01T08:00:00Z",
    ...overrides,
  });
}

/** The OS package result of an image scan. */
export function osResult(
  vulnerabilities: TrivyVulnerabilityJson[] | null | undefined,
  overrides: Partial<TrivyResultJson> = {},
): TrivyResultJson {
  return compact({
    Target: "docker.io/library/nginx:1.25 (alpine 3.19.1)",
    Class: "os-pkgs",
    Type: "alpine",
    Vulnerabilities: vulnerabilities,
    ...overrides,
  });
}

/** A language package result, e.g. a package-lock.json or a jar. */
export function langResult(
  target: string,
  type: string,
  vulnerabilities: TrivyVulnerabilityJson[] | null | undefined,
  overrides: Partial<TrivyResultJson> = {},
): TrivyResultJson {
  return compact({ Target: target, Class: "lang-pkgs", Type: type, Vulnerabilities: vulnerabilities, ...overrides });
}

/** Results of the other scanners Trivy can run: they never hold vulnerabilities. */
export function secretResult(): TrivyResultJson {
  return {
    Target: "/app/.env",
    Class: "secret",
    Secrets: [
      {
        RuleID: "aws-access-key-id",
        Category: "AWS",
        Severity: "CRITICAL",
        Title: "AWS Access Key ID",
        StartLine: 1,
        EndLine: 1,
        Match: "AWS_ACCESS_KEY_ID=********************",
      },
    ],
  };
}

export function configResult(): TrivyResultJson {
  return {
    Target: "Dockerfile",
    Class: "config",
    Type: "dockerfile",
    MisconfSummary: { Successes: 20, Failures: 1 },
    Misconfigurations: [{ Type: "Dockerfile Security Check", ID: "DS002", Severity: "HIGH", Status: "FAIL" }],
  };
}

export function licenseResult(): TrivyResultJson {
  return {
    Target: "OS Packages",
    Class: "license",
    Licenses: [{ Severity: "HIGH", Category: "restricted", PkgName: "busybox", Name: "GPL-2.0", Confidence: 1 }],
  };
}

/** A whole image report; `Results` defaults to none (an image without findings). */
export function trivyReport(overrides: Partial<TrivyReportJson> = {}): TrivyReportJson {
  return compact({
    SchemaVersion: 2,
    Trivy: { Version: "0.58.1" },
    ReportID: "019a1b2c-3d4e-7f60-8a9b-0c1d2e3f4a5b",
    CreatedAt: "2026-02-20T09:30:00.123456789Z",
    ArtifactID: "sha256:8f3a1c2b",
    ArtifactName: "nginx:1.25",
    ArtifactType: "container_image",
    Metadata: {
      Size: 43_499_520,
      OS: { Family: "alpine", Name: "3.19.1" },
      ImageID: IMAGE_ID,
      DiffIDs: ["sha256:d4fc045c9e3a848011de66f34b81f052d4f2c15a17bb196d637e526349601820"],
      RepoTags: ["nginx:1.25"],
      RepoDigests: [`nginx@${NGINX_DIGEST}`],
      ImageConfig: { architecture: "amd64", os: "linux" },
    },
    Results: undefined,
    ...overrides,
  });
}
