import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ScannerSettings } from "../config/settings.js";
import { createScanner, ScanError } from "./scanner.js";
import { readTrivyReport } from "./trivy-report.js";

const FAKE_TRIVY = fileURLToPath(new URL("../../test/fixtures/fake-trivy.mjs", import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-scanner-"));

function settings(env: Record<string, string> = {}, overrides: Partial<ScannerSettings> = {}): ScannerSettings {
  return {
    command: FAKE_TRIVY,
    extraArgs: [],
    timeoutSeconds: 30,
    maxOutputBytes: 64 * 1024 * 1024,
    environment: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    ...overrides,
  };
}

async function scanError(promise: Promise<unknown>): Promise<ScanError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ScanError) return error;
    throw error;
  }
  throw new Error("expected a ScanError");
}

/** Running, that is: neither gone nor a zombie waiting for a parent that does not reap it. */
const alive = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(" ")[2] !== "Z";
  } catch {
    return false;
  }
};

describe("createScanner", () => {
  it("runs `image --format json --quiet [extra args] <reference>` and parses the report", async () => {
    const record = path.join(tmp, "argv.json");
    const vulns = [
      { id: "CVE-2026-0001", pkg: "openssl", installed: "3.0.1", fixed: "3.0.2", severity: "CRITICAL", score: 9.8 },
    ];
    const scanner = createScanner(
      settings(
        { FAKE_TRIVY_RECORD: record, FAKE_TRIVY_VULNS: JSON.stringify(vulns) },
        { extraArgs: ["--skip-db-update", "--timeout", "5m"] },
      ),
    );
    const output = await scanner.scan({ reference: "registry.example.com/team/app:1.4.2" });
    const seen = JSON.parse(fs.readFileSync(record, "utf8")) as { argv: string[]; env: Record<string, string> };
    expect(seen.argv).toEqual([
      "image",
      "--format",
      "json",
      "--quiet",
      "--skip-db-update",
      "--timeout",
      "5m",
      "registry.example.com/team/app:1.4.2",
    ]);
    expect(seen.env).toEqual({});
    const report = readTrivyReport(output.report);
    expect(report.findings).toEqual([
      expect.objectContaining({
        issueId: "CVE-2026-0001",
        packageName: "openssl",
        fixedVersion: "3.0.2",
        severity: "critical",
        cvssScore: 9.8,
      }),
    ]);
    expect(report.repoDigests[0]).toMatch(/^registry\.example\.com\/team\/app@sha256:[0-9a-f]{64}$/);
  });

  it("hands registry credentials over in the environment of that scan only, never in its arguments", async () => {
    const record = path.join(tmp, "creds.json");
    const env = {
      FAKE_TRIVY_RECORD: record,
      FAKE_TRIVY_EXPECT_USERNAME: "robot$ci",
      FAKE_TRIVY_EXPECT_PASSWORD: "s3cr3t-p4ss",
    };
    const scanner = createScanner(settings(env));
    await scanner.scan({
      reference: "registry.example.com/private/app:1",
      credentials: { username: "robot$ci", password: "s3cr3t-p4ss" },
    });
    const seen = JSON.parse(fs.readFileSync(record, "utf8")) as { argv: string[]; env: Record<string, string> };
    expect(seen.env).toEqual({ TRIVY_USERNAME: "robot$ci", TRIVY_PASSWORD: "s3cr3t-p4ss" });
    expect(seen.argv.join(" ")).not.toContain("s3cr3t");

    // The next scan, without credentials, gets none, and the registry refuses it.
    const error = await scanError(scanner.scan({ reference: "registry.example.com/private/app:1" }));
    expect(JSON.parse(fs.readFileSync(record, "utf8")).env).toEqual({});
    expect(error.message).toContain("UNAUTHORIZED: authentication required");
  });

  it("fails with the scanner's own message", async () => {
    const error = await scanError(createScanner(settings({ FAKE_TRIVY_MODE: "fail" })).scan({ reference: "nope:1" }));
    expect(error.reason).toBe("exited");
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(
      /^fake-trivy\.mjs exited 1: image scan error: scan error: unable to initialize a scan service: unable to initialize an image scan service: unable to find the specified image "nope:1"/,
    );
    expect(error.message).toContain(
      "* remote error: GET https://index.docker.io/v2/nope:1/manifests/latest: MANIFEST_UNKNOWN",
    );
    expect(error.message).not.toContain("FATAL");
    expect(error.message).not.toContain("Vulnerability scanning is enabled");
  });

  it("stops a scan that runs past the timeout, with its children", async () => {
    const pidfile = path.join(tmp, "pids.json");
    const scanner = createScanner(
      settings({ FAKE_TRIVY_MODE: "hang", FAKE_TRIVY_PIDFILE: pidfile }, { timeoutSeconds: 1 }),
    );
    const started = Date.now();
    const error = await scanError(scanner.scan({ reference: "slow:1" }));
    expect(error.reason).toBe("timed_out");
    expect(error.message).toBe("fake-trivy.mjs did not finish within 1 s and was stopped");
    expect(Date.now() - started).toBeLessThan(10_000);
    const pids = JSON.parse(fs.readFileSync(pidfile, "utf8")) as number[];
    await new Promise((r) => setTimeout(r, 200));
    expect(pids.filter(alive)).toEqual([]);
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    const promise = createScanner(settings({ FAKE_TRIVY_MODE: "hang" })).scan({
      reference: "slow:1",
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    expect((await scanError(promise)).reason).toBe("aborted");
  });

  it("refuses output past the limit", async () => {
    const scanner = createScanner(settings({ FAKE_TRIVY_MODE: "flood" }, { maxOutputBytes: 1024 * 1024 }));
    const error = await scanError(scanner.scan({ reference: "big:1" }));
    expect(error.reason).toBe("output_too_large");
    expect(error.message).toBe("fake-trivy.mjs wrote more than 1 MiB on standard output and was stopped");
  });

  it("says when the output is not JSON", async () => {
    const error = await scanError(createScanner(settings({ FAKE_TRIVY_MODE: "garbage" })).scan({ reference: "a:1" }));
    expect(error.reason).toBe("invalid_output");
    expect(error.message).toMatch(/^fake-trivy\.mjs did not print a JSON report: .* \(output starts with "Total: 3/);
  });

  it("accepts a report printed with a non-zero exit code (trivy --exit-code 1)", async () => {
    const output = await createScanner(settings({ FAKE_TRIVY_MODE: "exit-code" })).scan({ reference: "a:1" });
    expect(output.report).toMatchObject({ SchemaVersion: 2 });
  });

  it("says when the scanner cannot be started", async () => {
    const error = await scanError(
      createScanner(settings({}, { command: "/nonexistent/trivy" })).scan({ reference: "a:1" }),
    );
    expect(error.reason).toBe("not_started");
    expect(error.message).toBe(
      'cannot run the scanner "/nonexistent/trivy": ENOENT (not found; set BULWARK_SCANNER_COMMAND to the scanner\'s path)',
    );
  });

  it.each(["--output=/etc/passwd", "a b", "", "x\ny"])("refuses the reference %j", async (reference) => {
    expect((await scanError(createScanner(settings()).scan({ reference }))).reason).toBe("invalid_reference");
  });
});
