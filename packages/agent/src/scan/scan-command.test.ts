import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ApiError } from "../client/api-error.js";
import type { CiScanApi, ScanSubmission, SubmitTrivyReportInput } from "../client/ci-scan-api.js";
import { loadSettings } from "../config/settings.js";
import { createLogger } from "../log.js";
import { createScanner } from "../scanner/scanner.js";
import { counts, submission, VULNS } from "./scan.builders.js";
import { runScanCommand } from "./scan-command.js";

const FAKE_TRIVY = fileURLToPath(new URL("../../test/fixtures/fake-trivy.mjs", import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-scan-"));

function sink() {
  let text = "";
  return {
    write: (chunk: string) => (text += chunk),
    get text() {
      return text;
    },
  };
}

async function run(args: string[], answer: ScanSubmission | ApiError, env: Record<string, string> = {}) {
  const settings = loadSettings("scan", args, {
    BULWARK_API_URL: "http://127.0.0.1:9",
    BULWARK_API_KEY: "ci-key",
    BULWARK_CLUSTER: "prod",
    BULWARK_SCANNER_COMMAND: FAKE_TRIVY,
    PATH: process.env.PATH ?? "/usr/bin",
    FAKE_TRIVY_VULNS: JSON.stringify(VULNS),
    ...env,
  });
  const submitted: SubmitTrivyReportInput[] = [];
  const api: CiScanApi = {
    async submitTrivyReport(input) {
      submitted.push(input);
      if (answer instanceof ApiError) throw answer;
      return answer;
    },
  };
  const stdout = sink();
  const stderr = sink();
  const code = await runScanCommand(settings, {
    scanner: createScanner(settings.scanner),
    api,
    stdout,
    stderr,
    logger: createLogger({ level: "silent" }),
  });
  return { code, stdout: stdout.text, stderr: stderr.text, submitted };
}

describe("runScanCommand", () => {
  it("exits 0 for a compliant image and prints the verdict", async () => {
    const compliant = submission({ verdict: { status: "compliant", reasons: [] } });
    const { code, stdout, stderr, submitted } = await run(
      ["--image", "registry.example.com/team/app:1.4.2"],
      compliant,
    );
    expect(code).toBe(0);
    expect(submitted).toEqual([
      {
        cluster: "prod",
        image: "registry.example.com/team/app:1.4.2",
        report: expect.objectContaining({ SchemaVersion: 2 }),
      },
    ]);
    expect(stdout).toContain("Verdict:  COMPLIANT");
    expect(stdout).toContain("Every policy of the cluster passes.");
    expect(stderr).toContain(`Scanning registry.example.com/team/app:1.4.2 with ${FAKE_TRIVY}…`);
  });

  it("exits 1 when the image is not compliant, naming the reasons and counts", async () => {
    const { code, stdout } = await run(["--image", "registry.example.com/team/app:1.4.2"], submission());
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        "Image:    registry.example.com/team/app:1.4.2",
        `Digest:   sha256:${"a".repeat(64)}`,
        "Cluster:  prod",
        "Verdict:  NON-COMPLIANT",
        "",
        "Reasons:",
        "  [blocking] No critical or high with fixes / trivy: 1 fixable critical finding, at most 0 allowed",
        "             CVE-2026-0001",
        "",
        "  Severity    Fixable  Unfixable  Total",
        "  critical          1          0      1",
        "  high              0          0      0",
        "  medium            0          1      1",
        "  low               0          1      1",
        "  negligible        0          0      0",
        "  total             1          2      3",
        "",
      ].join("\n"),
    );
  });

  it.each(["unscanned", "scan_failed"] as const)("exits 1 when the api counts the image as %s", async (status) => {
    const { code } = await run(["--image", "a:1"], submission({ verdict: { status, reasons: [] } }));
    expect(code).toBe(1);
  });

  it("prints JSON for machines", async () => {
    const { code, stdout } = await run(["--image", "a:1", "--format", "json"], submission());
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      image: { scanned: "a:1", digest: `sha256:${"a".repeat(64)}`, repository: "team/app" },
      cluster: "prod",
      verdict: "non_compliant",
      compliant: false,
      exitCode: 1,
      counts: { fixable: counts({ critical: 1 }), total: { critical: 1, medium: 1, low: 1, all: 3 } },
    });
    expect(json.reasons[0]).toMatchObject({ policyName: "No critical or high with fixes", blocking: true });
  });

  it("writes the chosen format to --output and still shows the verdict", async () => {
    const file = path.join(tmp, "result.sarif");
    const { code, stdout, stderr } = await run(["--image", "a:1", "--format", "sarif", "--output", file], submission());
    expect(code).toBe(1);
    expect(stdout).toContain("Verdict:  NON-COMPLIANT");
    expect(stderr).toContain(`Wrote the sarif result to ${file}`);
    expect(JSON.parse(fs.readFileSync(file, "utf8")).version).toBe("2.1.0");
  });

  it("exits 2 with the scanner's message when the scan fails", async () => {
    const { code, stdout, stderr, submitted } = await run(["--image", "nope:1"], submission(), {
      FAKE_TRIVY_MODE: "fail",
    });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(submitted).toEqual([]);
    expect(stderr).toMatch(/bulwark-agent: the scan of nope:1 failed: fake-trivy\.mjs exited 1: image scan error: /);
  });

  it("exits 2 when the api refuses the key, saying where the key came from", async () => {
    const refused = new ApiError({
      kind: "unauthenticated",
      message: 'the Bulwark api refused the API key: The API key "ci" was revoked',
      status: 401,
    });
    const { code, stderr } = await run(["--image", "a:1"], refused);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'bulwark-agent: the Bulwark api refused the API key: The API key "ci" was revoked (the key came from BULWARK_API_KEY; a scan needs an active key with the ci_scan scope)',
    );
  });

  it("exits 2 when the output file cannot be written", async () => {
    const { code, stderr } = await run(
      ["--image", "a:1", "--output", path.join(tmp, "missing", "x.json")],
      submission(),
    );
    expect(code).toBe(2);
    expect(stderr).toContain("cannot write");
    expect(stderr).toContain("ENOENT");
  });
});
