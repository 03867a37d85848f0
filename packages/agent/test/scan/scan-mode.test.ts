import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeVuln } from "../../src/scan/scan.builders.js";
import type { SarifLog } from "../../src/scan/sarif.js";
import { sarifProblems } from "../../src/scan/sarif-check.js";
import { AGENT_MAIN, FAKE_TRIVY, runAgent, startApi, type RunningApi } from "./process-harness.js";

/**
 * The `scan` mode as a pipeline runs it: the built agent binary, a stand-in scanner printing
 * Trivy's real format, and the built api on its own embedded database.
 */
const CRITICAL_FIXABLE: FakeVuln[] = [
  { id: "CVE-2026-1001", pkg: "openssl", installed: "3.0.1", fixed: "3.0.2", severity: "CRITICAL", score: 9.8 },
  { id: "CVE-2026-1002", pkg: "zlib", installed: "1.2.13", severity: "LOW" },
];
const ONLY_LOW: FakeVuln[] = [{ id: "CVE-2026-2001", pkg: "bash", installed: "5.2-1", severity: "LOW" }];

let api: RunningApi;
let ciKey: string;
let revokedKey: { name: string; secret: string };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-scan-mode-"));

beforeAll(async () => {
  api = await startApi();
  await api.admin(`mutation { createCluster(input: { name: "prod" }) { id } }`);
  await api.admin(`mutation { createCluster(input: { name: "staging" }) { id } }`);
  const { clusters } = await api.admin<{ clusters: Array<{ id: string; name: string }> }>(`{ clusters { id name } }`);
  const prod = clusters.find((c) => c.name === "prod")?.id as string;
  await api.admin(`mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { id } }`, {
    i: {
      name: "No critical or high with fixes",
      allClusters: true,
      active: true,
      enforced: true,
      scanners: [{ name: "trivy", required: true, thresholds: { fixable: { critical: 0, high: 0 } } }],
    },
  });
  const key = async (name: string) =>
    (
      await api.admin<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
        `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }`,
        { i: { name, scopes: ["ci_scan"], clusterId: prod } },
      )
    ).createApiKey;
  ciKey = (await key("ci-pipeline")).secret;
  const old = await key("old-pipeline");
  await api.admin(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: old.apiKey.id });
  revokedKey = { name: "old-pipeline", secret: old.secret };
});

afterAll(async () => {
  await api?.stop();
});

const bulwarkEnv = (extra: Record<string, string> = {}) => ({
  BULWARK_API_URL: api.url,
  BULWARK_API_KEY: ciKey,
  BULWARK_CLUSTER: "prod",
  ...extra,
});

const vulns = (list: FakeVuln[]) => ({ FAKE_TRIVY_VULNS: JSON.stringify(list) });

describe("bulwark-agent scan against a real api", () => {
  it("has the built agent and scanner stand-in", () => {
    expect(fs.existsSync(AGENT_MAIN)).toBe(true);
    expect(fs.existsSync(FAKE_TRIVY)).toBe(true);
  });

  it("exits 0 and prints the verdict for a compliant image", async () => {
    const result = await runAgent(["scan", "--image", "registry.example.com/team/ok:1.0"], {
      ...bulwarkEnv(),
      ...vulns(ONLY_LOW),
    });
    expect(result.stderr).not.toContain(ciKey);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Image:    registry.example.com/team/ok:1.0");
    expect(result.stdout).toContain("Cluster:  prod");
    expect(result.stdout).toContain("Verdict:  COMPLIANT");
    expect(result.stdout).toMatch(/low\s+0\s+1\s+1/);
    expect(result.stdout).not.toContain(ciKey);
  });

  it("exits 1 for a non-compliant image, naming the policy and the issue", async () => {
    const result = await runAgent(["scan", "--image", "registry.example.com/team/bad:1.0"], {
      ...bulwarkEnv(),
      ...vulns(CRITICAL_FIXABLE),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Verdict:  NON-COMPLIANT");
    expect(result.stdout).toContain(
      "[blocking] No critical or high with fixes / trivy: 1 fixable critical finding, at most 0 allowed",
    );
    expect(result.stdout).toContain("CVE-2026-1001");
  });

  it("prints JSON with the digest, verdict, reasons and counts", async () => {
    const result = await runAgent(["scan", "--image", "registry.example.com/team/bad:1.1", "--format", "json"], {
      ...bulwarkEnv(),
      ...vulns(CRITICAL_FIXABLE),
    });
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      image: { scanned: "registry.example.com/team/bad:1.1", registry: "registry.example.com", repository: "team/bad" },
      cluster: "prod",
      verdict: "non_compliant",
      compliant: false,
      exitCode: 1,
      counts: { fixable: { critical: 1 }, unfixable: { low: 1 }, total: { all: 2 } },
    });
    expect(json.image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(json.reasons).toContainEqual(
      expect.objectContaining({
        policyName: "No critical or high with fixes",
        severity: "critical",
        fixable: true,
        count: 1,
        limit: 0,
        issueIds: ["CVE-2026-1001"],
        blocking: true,
      }),
    );
  });

  it("writes SARIF 2.1.0 that code-scanning tools rank, and shows the verdict in the log", async () => {
    const file = path.join(tmp, "bulwark.sarif");
    const result = await runAgent(
      ["scan", "--image", "registry.example.com/team/bad:1.2", "--format", "sarif", "--output", file],
      {
        ...bulwarkEnv(),
        ...vulns(CRITICAL_FIXABLE),
      },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Verdict:  NON-COMPLIANT");
    const sarif = JSON.parse(fs.readFileSync(file, "utf8")) as SarifLog;
    expect(sarifProblems(sarif)).toEqual([]);
    const run = sarif.runs[0]!;
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([
      ["CVE-2026-1001", "error"],
      ["CVE-2026-1002", "note"],
    ]);
    expect(run.tool.driver.rules.map((r) => r.properties["security-severity"])).toEqual(["9.8", "3.0"]);
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("team/bad");
  });

  it("runs on m9sweeper trawler's variables alone", async () => {
    const result = await runAgent(["scan"], {
      M9SWEEPER_URL: api.url,
      M9SWEEPER_API_KEY: ciKey,
      CLUSTER_NAME: "prod",
      DOCKER_IMAGE_URL: "registry.example.com/team/trawled:2.0",
      ...vulns(ONLY_LOW),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Image:    registry.example.com/team/trawled:2.0");
    expect(result.stdout).toContain("Verdict:  COMPLIANT");
  });

  it("exits 2 when the key was revoked, naming the key", async () => {
    const result = await runAgent(["scan", "--image", "registry.example.com/team/ok:1.0"], {
      ...bulwarkEnv({ BULWARK_API_KEY: revokedKey.secret }),
      ...vulns(ONLY_LOW),
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      `the Bulwark api refused the API key: The API key "${revokedKey.name}" was revoked`,
    );
    expect(result.stderr).not.toContain(revokedKey.secret);
  });

  it("exits 2 when the key is bound to another cluster", async () => {
    const result = await runAgent(["scan", "--image", "registry.example.com/team/ok:1.0", "--cluster", "staging"], {
      ...bulwarkEnv(),
      ...vulns(ONLY_LOW),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("This API key is bound to another cluster and cannot submit reports for staging");
  });

  it("exits 2 for a cluster Bulwark does not know", async () => {
    const result = await runAgent(["scan", "--image", "registry.example.com/team/ok:1.0", "--cluster", "nope"], {
      ...bulwarkEnv(),
      ...vulns(ONLY_LOW),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no cluster named "nope" (BAD_USER_INPUT)');
  });

  it("exits 2 with the scanner's message when the scan fails", async () => {
    const result = await runAgent(["scan", "--image", "registry.example.com/team/missing:9"], {
      ...bulwarkEnv(),
      FAKE_TRIVY_MODE: "fail",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "the scan of registry.example.com/team/missing:9 failed: fake-trivy.mjs exited 1: image scan error: scan error: unable to initialize a scan service",
    );
  });

  it("exits 2 listing every bad setting", async () => {
    const result = await runAgent(["scan", "--format", "xml"], { BULWARK_API_URL: "not a url" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bulwark-agent scan: invalid settings:");
    expect(result.stderr).toContain("  - BULWARK_API_URL: must be an http:// or https:// URL");
    expect(result.stderr).toContain("  - an API key is required");
    expect(result.stderr).toContain("  - the cluster name is required");
    expect(result.stderr).toContain("  - the image to scan is required");
    expect(result.stderr).toContain('  - --format: must be one of table, json, sarif (got "xml")');
  });

  it("exits 2 when the api cannot be reached", async () => {
    const closed = `http://127.0.0.1:${await api.closedPort()}`;
    const result = await runAgent(["scan", "--image", "registry.example.com/team/ok:1.0"], {
      ...bulwarkEnv({ BULWARK_API_URL: closed }),
      ...vulns(ONLY_LOW),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`bulwark-agent: cannot reach the Bulwark api at ${closed}/graphql: ECONNREFUSED`);
  });

  it("answers --help and --version without settings", async () => {
    const help = await runAgent(["scan", "--help"], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: bulwark-agent scan --image <reference> --cluster <name>");
    const version = await runAgent(["--version"], {});
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const unknown = await runAgent(["serve"], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "serve"');
  });
});
