import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  build,
  type GraphQLClient,
  newDigest,
  startTestApp,
  SUBMIT,
  type TestApp,
  trivyReportFor,
} from "../harness.js";
import { type CapturedMail, startMailSink } from "../mail-sink.js";

let t: TestApp;
let root: GraphQLClient;
let sink: Awaited<ReturnType<typeof startMailSink>>;
let cluster: { id: string; name: string };
let ci: GraphQLClient;
const DEFAULT_POLICY = "00000000-0000-4000-8000-000000000001";

type Submission = {
  submitTrivyReport: {
    image: { id: string; reference: string; name: string };
    scan: { id: string; counts: { fixable: { critical: number; high: number } } };
    verdict: {
      status: string;
      reasons: Array<{
        policyName: string;
        severity: string;
        fixable: boolean;
        count: number;
        limit: number;
        issueIds: string[];
        blocking: boolean;
      }>;
    };
  };
};

const verdictOf = async (imageId: string, clusterId = cluster.id) =>
  (
    await root.ok<{ image: { clusters: Array<{ cluster: { id: string }; verdict: { status: string } | null }> } }>(
      `query($id: ID!) { image(id: $id) { clusters { cluster { id } verdict { status } } } }`,
      { id: imageId },
    )
  ).image.clusters.find((c) => c.cluster.id === clusterId)?.verdict?.status;

beforeAll(async () => {
  sink = await startMailSink();
  t = await startTestApp({ BULWARK_SMTP_URL: sink.url, BULWARK_PUBLIC_URL: "https://bulwark.example.com" });
  root = await t.root();
  cluster = await build.cluster(root);
  ci = t.client().withApiKey((await build.apiKey(root, ["ci_scan"])).secret);
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe("Trivy reports", () => {
  it("are stored raw and normalised, and answer with the verdict under the default policy", async () => {
    const digest = newDigest();
    const report = trivyReportFor("nginx:1.25", digest, [
      { id: "CVE-2024-0001", pkg: "openssl", severity: "HIGH" },
      { id: "CVE-2024-0001", pkg: "libssl3", severity: "HIGH" },
      { id: "CVE-2024-0002", pkg: "zlib", severity: "CRITICAL", fixed: null },
      { id: "CVE-2024-0003", pkg: "busybox", severity: "UNKNOWN" },
    ]);
    const data = await ci.ok<Submission>(SUBMIT, { i: { cluster: cluster.name, image: "nginx:1.25", report } });
    const result = data.submitTrivyReport;
    expect(result.image).toMatchObject({ reference: `docker.io/library/nginx@${digest}`, name: "nginx" });
    expect(result.scan.counts.fixable.high).toBe(2);
    expect(result.verdict.status).toBe("non_compliant");
    expect(result.verdict.reasons).toEqual([
      {
        policyName: "No fixable critical or high",
        severity: "high",
        fixable: true,
        count: 2,
        limit: 0,
        issueIds: ["CVE-2024-0001"],
        blocking: true,
      },
    ]);
    const scan = await t.app.services.db.prisma.scan.findUniqueOrThrow({ where: { id: result.scan.id } });
    expect(JSON.parse(gunzipSync(scan.rawReport!).toString("utf8"))).toEqual(report);
    const findings = await t.app.services.db.prisma.finding.findMany({ where: { scanId: scan.id } });
    expect(findings.map((f) => [f.vulnerabilityId, f.packageName, f.severity, f.fixable]).sort()).toEqual([
      ["CVE-2024-0001", "libssl3", "high", true],
      ["CVE-2024-0001", "openssl", "high", true],
      ["CVE-2024-0002", "zlib", "critical", false],
      ["CVE-2024-0003", "busybox", "negligible", true],
    ]);
    const byTag = await root.ok<{ imageByReference: { id: string } | null }>(
      `{ imageByReference(reference: "docker.io/library/nginx:1.25") { id } }`,
    );
    expect(byTag.imageByReference?.id).toBe(result.image.id);
    const byDigest = await root.ok<{ imageByReference: { id: string } | null }>(
      `query($r: String!) { imageByReference(reference: $r) { id } }`,
      { r: `nginx@${digest}` },
    );
    expect(byDigest.imageByReference?.id).toBe(result.image.id);
    const never = await root.ok<{ imageByReference: null }>(
      `{ imageByReference(reference: "nginx:never-scanned") { id } }`,
    );
    expect(never.imageByReference).toBeNull();
    const vulnerability = await t.app.services.db.prisma.vulnerability.findUniqueOrThrow({
      where: { id: "CVE-2024-0001" },
    });
    expect(vulnerability).toMatchObject({
      title: "openssl: a flaw",
      severity: "high",
      primaryUrl: "https://avd.aquasec.com/nvd/cve-2024-0001",
    });
  });

  it("refuse bad input with a clear error and store nothing", async () => {
    const before = await t.app.services.db.prisma.scan.count();
    const digest = newDigest();
    const cases: Array<[Record<string, unknown>, RegExp, string]> = [
      [
        { cluster: cluster.name, image: "nginx:1.25", report: { SchemaVersion: 1 } },
        /only Trivy JSON schema version 2/,
        "BAD_USER_INPUT",
      ],
      [
        {
          cluster: cluster.name,
          image: "nginx:1.25",
          report: {
            SchemaVersion: 2,
            Results: [{ Target: "x", Vulnerabilities: [{ PkgName: "a", InstalledVersion: "1" }] }],
          },
        },
        /Results\[0\]\.Vulnerabilities\[0\]\.VulnerabilityID/,
        "BAD_USER_INPUT",
      ],
      [
        { cluster: cluster.name, image: "Nginx:1.25", report: trivyReportFor("nginx:1.25", digest, []) },
        /not a valid image reference/,
        "BAD_USER_INPUT",
      ],
      [
        { cluster: "no-such-cluster", image: "nginx:1.25", report: trivyReportFor("nginx:1.25", digest, []) },
        /no cluster named "no-such-cluster"/,
        "BAD_USER_INPUT",
      ],
      [{ cluster: cluster.name, image: "nginx:1.25", report: "not an object" }, /./, "BAD_USER_INPUT"],
      [
        { cluster: cluster.name, image: `nginx@${newDigest()}`, report: trivyReportFor("nginx:1.25", digest, []) },
        /The report is for another image/,
        "BAD_USER_INPUT",
      ],
    ];
    for (const [input, message, code] of cases) {
      const error = await ci.fails(SUBMIT, { i: input });
      expect(error.extensions?.code, JSON.stringify(input).slice(0, 80)).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect(await t.app.services.db.prisma.scan.count()).toBe(before);
  });

  it("from a cluster-bound key are refused for other clusters", async () => {
    const other = await build.cluster(root);
    const agent = t.client().withApiKey((await build.apiKey(root, ["agent"], { clusterId: other.id })).secret);
    const error = await agent.fails(SUBMIT, {
      i: { cluster: cluster.name, image: "nginx:1.25", report: trivyReportFor("nginx:1.25", newDigest(), []) },
    });
    expect(error).toMatchObject({ extensions: { code: "FORBIDDEN" } });
    const ok = await agent.ok<Submission>(SUBMIT, {
      i: { cluster: other.name, image: "redis:7", report: trivyReportFor("redis:7", newDigest(), []) },
    });
    expect(ok.submitTrivyReport.verdict.status).toBe("compliant");
  });

  it("resolve registry aliases to the registry's host name", async () => {
    await root.ok(
      `mutation { createRegistry(input: { name: "Harbor", hostname: "harbor.example.com", aliases: ["old-harbor.example.com"], username: "robot", password: "s3cret-pass" }) { id } }`,
    );
    const data = await ci.ok<Submission>(SUBMIT, {
      i: {
        cluster: cluster.name,
        image: "old-harbor.example.com/team/app:2.0",
        report: trivyReportFor("old-harbor.example.com/team/app:2.0", newDigest(), []),
      },
    });
    expect(data.submitTrivyReport.image.reference).toMatch(/^harbor\.example\.com\/team\/app@sha256:/);
    const registries = await root.request(`{ registries { name hasPassword username } }`);
    expect(JSON.stringify(registries.data)).not.toContain("s3cret-pass");
    expect(registries.data).toEqual({ registries: [{ name: "Harbor", hasPassword: true, username: "robot" }] });
    const row = await t.app.services.db.prisma.registry.findFirstOrThrow();
    expect(row.passwordSealed).not.toContain("s3cret-pass");
    expect(t.app.secrets.decrypt(row.passwordSealed!)).toBe("s3cret-pass");
  });
});

describe("policies", () => {
  it("recompute verdicts before the change returns, and announce them", async () => {
    const digest = newDigest();
    const sub = await ci.ok<Submission>(SUBMIT, {
      i: {
        cluster: cluster.name,
        image: "app/payments:1",
        report: trivyReportFor("app/payments:1", digest, [{ id: "CVE-2024-1000", severity: "CRITICAL" }]),
      },
    });
    const imageId = sub.submitTrivyReport.image.id;
    expect(await verdictOf(imageId)).toBe("non_compliant");
    const policy = await root.ok<{ createPolicy: { id: string } }>(
      `mutation($c: [ID!]) { createPolicy(input: { name: "Only this cluster", allClusters: false, clusterIds: $c, scanners: [{ thresholds: { fixable: { critical: 5 } } }] }) { id } }`,
      { c: [cluster.id] },
    );
    // The default policy still blocks; make it advisory.
    await root.ok(`mutation($id: ID!) { updatePolicy(id: $id, input: { enforced: false }) { id } }`, {
      id: DEFAULT_POLICY,
    });
    expect(await verdictOf(imageId)).toBe("compliant");
    const explained = await root.ok<{
      image: { compliance: { status: string; reasons: Array<{ policyName: string; blocking: boolean }> } };
    }>(
      `query($id: ID!, $c: ID!) { image(id: $id) { compliance(clusterId: $c) { status reasons { policyName blocking } } } }`,
      { id: imageId, c: cluster.id },
    );
    expect(explained.image.compliance).toEqual({
      status: "compliant",
      reasons: [{ policyName: "No fixable critical or high", blocking: false }],
    });
    await root.ok(`mutation($id: ID!) { updatePolicy(id: $id, input: { enforced: true }) { id } }`, {
      id: DEFAULT_POLICY,
    });
    await root.ok(`mutation($id: ID!) { deletePolicy(id: $id) { id } }`, { id: policy.createPolicy.id });
    expect(await verdictOf(imageId)).toBe("non_compliant");
  });

  it("validate thresholds and cluster lists", async () => {
    const negative = await root.fails(
      `mutation { createPolicy(input: { name: "bad", scanners: [{ thresholds: { fixable: { high: -1 } } }] }) { id } }`,
    );
    expect(negative).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", details: { field: "scanners.0.thresholds.fixable.high" } },
    });
    const noClusters = await root.fails(`mutation { createPolicy(input: { name: "bad", allClusters: false }) { id } }`);
    expect(noClusters.extensions?.details?.field).toBe("clusterIds");
    const dup = await root.fails(`mutation { createPolicy(input: { name: "No fixable critical or high" }) { id } }`);
    expect(dup.extensions?.code).toBe("CONFLICT");
  });
});

describe("the exception workflow", () => {
  it("lets a read-only user request, emails administrators, and turns the image compliant on approval", async () => {
    const sub = await ci.ok<Submission>(SUBMIT, {
      i: {
        cluster: cluster.name,
        image: "shop/cart:3",
        report: trivyReportFor("shop/cart:3", newDigest(), [{ id: "CVE-2024-2000", severity: "HIGH" }]),
      },
    });
    const imageId = sub.submitTrivyReport.image.id;
    const viewer = await build.user(root, "read_only");
    const requested = await viewer.client.ok<{ requestException: { id: string; status: string } }>(
      `mutation { requestException(input: { title: "Cart needs time", reason: "Fix ships next sprint", issueId: "cve-2024-2000", imagePattern: "docker.io/shop/cart*" }) { id status } }`,
    );
    expect(requested.requestException.status).toBe("in_review");
    expect(await verdictOf(imageId)).toBe("non_compliant");
    const mail: CapturedMail = await sink.waitFor((m) => m.subject === "Exception request: Cart needs time");
    expect(mail.to).toContain("root@example.com");
    expect(mail.text).toContain(`https://bulwark.example.com/exceptions/${requested.requestException.id}`);

    const denied = await viewer.client.fails(`mutation($id: ID!) { approveException(id: $id) { id } }`, {
      id: requested.requestException.id,
    });
    expect(denied.extensions?.code).toBe("FORBIDDEN");
    const createDenied = await viewer.client.fails(`mutation { createException(input: { title: "sneaky" }) { id } }`);
    expect(createDenied.extensions?.code).toBe("FORBIDDEN");

    await root.ok(`mutation($id: ID!) { approveException(id: $id, comment: "Approved until the fix") { status } }`, {
      id: requested.requestException.id,
    });
    expect(await verdictOf(imageId)).toBe("compliant");
    await sink.waitFor(
      (m) => m.subject === "Your exception request was approved: Cart needs time" && m.to.includes(viewer.email),
    );

    const detail = await root.ok<{
      exception: { history: Array<{ action: string; actorLabel: string }>; comments: Array<{ body: string }> };
    }>(`query($id: ID!) { exception(id: $id) { history { action actorLabel } comments { body } } }`, {
      id: requested.requestException.id,
    });
    expect(detail.exception.history.map((h) => h.action)).toEqual(["requested", "approved"]);
    expect(detail.exception.history[0]?.actorLabel).toBe(viewer.email);
    expect(detail.exception.comments.map((c) => c.body)).toEqual(["Approved until the fix"]);

    const findings = await root.ok<{
      image: { compliance: { findings: Array<{ excludedBy: { id: string } | null }> } };
    }>(`query($id: ID!, $c: ID!) { image(id: $id) { compliance(clusterId: $c) { findings { excludedBy { id } } } } }`, {
      id: imageId,
      c: cluster.id,
    });
    expect(findings.image.compliance.findings.some((f) => f.excludedBy?.id === requested.requestException.id)).toBe(
      true,
    );
  });

  it("rejects, comments, and refuses invalid scopes", async () => {
    const viewer = await build.user(root, "read_only");
    const { requestException } = await viewer.client.ok<{ requestException: { id: string } }>(
      `mutation { requestException(input: { title: "Please", issueId: "CVE-2024-9" }) { id } }`,
    );
    await viewer.client.ok(`mutation($id: ID!) { commentOnException(id: $id, body: "Any news?") { id } }`, {
      id: requestException.id,
    });
    await root.ok(`mutation($id: ID!) { rejectException(id: $id, comment: "Upgrade instead") { status } }`, {
      id: requestException.id,
    });
    const again = await root.fails(`mutation($id: ID!) { approveException(id: $id) { id } }`, {
      id: requestException.id,
    });
    expect(again).toMatchObject({
      extensions: { code: "CONFLICT" },
      message: "Only exceptions in review can be approved; this one is inactive",
    });
    const badPattern = await root.fails(
      `mutation { createException(input: { title: "x", imagePattern: "has space" }) { id } }`,
    );
    expect(badPattern.extensions?.details?.field).toBe("imagePattern");
    const override = await root.fails(`mutation { createException(input: { title: "x", type: override }) { id } }`);
    expect(override.message).toBe("An override exception needs an alternate severity");
    const dates = await root.fails(
      `mutation { createException(input: { title: "x", startsAt: "2026-05-02T00:00:00Z", endsAt: "2026-05-01T00:00:00Z" }) { id } }`,
    );
    expect(dates.extensions?.details?.field).toBe("endsAt");
  });
});

describe("images", () => {
  it("are listed with filters and pages, exported as CSV and summarised per cluster", async () => {
    const c = await build.cluster(root);
    const submit = (image: string, vulns: Parameters<typeof trivyReportFor>[2]) =>
      ci.ok<Submission>(SUBMIT, { i: { cluster: c.name, image, report: trivyReportFor(image, newDigest(), vulns) } });
    await submit("team/a:1", [{ id: "CVE-2025-1", severity: "CRITICAL" }]);
    await submit("team/b:1", [{ id: "CVE-2025-2", severity: "LOW", fixed: null }]);
    await submit("team/c:1", []);
    const LIST = `query($f: ImageFilter, $first: Int!, $after: String) {
      images(filter: $f, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { tag image { name } verdict { status } } }
    }`;
    type List = {
      images: {
        totalCount: number;
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
        nodes: Array<{ tag: string; image: { name: string }; verdict: { status: string } }>;
      };
    };
    const all = await root.ok<List>(LIST, { f: { clusterId: c.id }, first: 2 });
    expect(all.images.totalCount).toBe(3);
    expect(all.images.nodes[0]).toMatchObject({ image: { name: "team/a" }, verdict: { status: "non_compliant" } });
    expect(all.images.pageInfo.hasNextPage).toBe(true);
    const next = await root.ok<List>(LIST, { f: { clusterId: c.id }, first: 2, after: all.images.pageInfo.endCursor });
    expect(next.images.nodes).toHaveLength(1);
    expect(next.images.pageInfo.hasNextPage).toBe(false);
    const names = async (f: Record<string, unknown>) =>
      (await root.ok<List>(LIST, { f: { clusterId: c.id, ...f }, first: 50 })).images.nodes
        .map((n) => n.image.name)
        .sort();
    expect(await names({ verdict: "compliant" })).toEqual(["team/b", "team/c"]);
    expect(await names({ severity: "low" })).toEqual(["team/b"]);
    expect(await names({ fixable: false })).toEqual(["team/b"]);
    expect(await names({ issueId: "cve-2025-1" })).toEqual(["team/a"]);
    expect(await names({ search: "team/c" })).toEqual(["team/c"]);

    const csv = await root.ok<{ imagesCsv: string }>(`query($f: ImageFilter) { imagesCsv(filter: $f) }`, {
      f: { clusterId: c.id },
    });
    const lines = csv.imagesCsv.trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^cluster,image,tag,digest,verdict/);
    expect(lines[1]).toContain("docker.io/team/a,1,");

    const summary = await root.ok<{
      complianceSummary: {
        total: number;
        byVerdict: Record<string, number>;
        bySeverity: Array<{ severity: string; fixable: boolean; images: number }>;
      };
    }>(
      `query($c: ID!) { complianceSummary(clusterId: $c) { total byVerdict { compliant nonCompliant unscanned scanFailed } bySeverity { severity fixable images } } }`,
      { c: c.id },
    );
    expect(summary.complianceSummary.total).toBe(3);
    expect(summary.complianceSummary.byVerdict).toEqual({ compliant: 2, nonCompliant: 1, unscanned: 0, scanFailed: 0 });
    expect(summary.complianceSummary.bySeverity).toEqual(
      expect.arrayContaining([
        { severity: "critical", fixable: true, images: 1 },
        { severity: "low", fixable: false, images: 1 },
      ]),
    );
  });

  it("export an image's findings as CSV with how each was treated", async () => {
    const sub = await ci.ok<Submission>(SUBMIT, {
      i: {
        cluster: cluster.name,
        image: "tools/csv:1",
        report: trivyReportFor("tools/csv:1", newDigest(), [{ id: "CVE-2025-77", severity: "HIGH", pkg: "=cmd" }]),
      },
    });
    const { createException } = await root.ok<{ createException: { id: string } }>(
      `mutation { createException(input: { title: "csv", issueId: "CVE-2025-77" }) { id } }`,
    );
    const csv = await root.ok<{ imageFindingsCsv: string }>(
      `query($i: ID!, $c: ID!) { imageFindingsCsv(imageId: $i, clusterId: $c) }`,
      {
        i: sub.submitTrivyReport.image.id,
        c: cluster.id,
      },
    );
    const [header, row] = csv.imageFindingsCsv.trim().split("\r\n");
    expect(header).toBe("image,issue,severity,fixable,package,installed,fixed,target,title,url,exception");
    expect(row).toContain("CVE-2025-77,high,yes,'=cmd,");
    expect(row).toContain(`excluded by exception ""csv"" (${createException.id})`);
  });
});
