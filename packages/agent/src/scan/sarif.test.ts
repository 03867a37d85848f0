import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readTrivyReport } from "../scanner/trivy-report.js";
import { reason, submission, VULNS } from "./scan.builders.js";
import { sarifProblems } from "./sarif-check.js";
import { toSarif } from "./sarif.js";

const FAKE_TRIVY = fileURLToPath(new URL("../../test/fixtures/fake-trivy.mjs", import.meta.url));

function trivyReport(reference: string, vulns = VULNS): unknown {
  const out = execFileSync(FAKE_TRIVY, ["image", "--format", "json", "--quiet", reference], {
    env: { PATH: process.env.PATH, FAKE_TRIVY_VULNS: JSON.stringify(vulns) },
  });
  return JSON.parse(out.toString());
}

describe("toSarif", () => {
  const image = "registry.example.com/team/app:1.4.2";
  const sarif = toSarif({
    image,
    cluster: "prod",
    report: readTrivyReport(trivyReport(image)),
    submission: submission({
      verdict: {
        status: "non_compliant",
        reasons: [
          reason(),
          reason({
            policyName: "Advisory",
            severity: "medium",
            fixable: false,
            limit: 0,
            issueIds: ["CVE-2026-0002"],
            blocking: false,
          }),
        ],
      },
    }),
    agentVersion: "0.1.0",
    now: new Date("2026-11-27T12:00:00Z"),
  });
  const run = sarif.runs[0]!;

  it("is valid SARIF 2.1.0 with a rule per issue and a result per finding", () => {
    expect(sarifProblems(sarif)).toEqual([]);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([
      "CVE-2026-0001",
      "CVE-2026-0002",
      "CVE-2026-0003",
      "GHSA-aaaa-bbbb-cccc",
    ]);
    expect(run.results).toHaveLength(4);
    expect(run.tool.extensions).toEqual([{ name: "Trivy", version: "0.58.1" }]);
    expect(run.properties).toMatchObject({
      imageName: image,
      cluster: "prod",
      verdict: "non_compliant",
      scanId: "scan-1",
    });
  });

  it("ranks rules by the report's CVSS score, else by severity", () => {
    const rule = (id: string) => run.tool.driver.rules.find((r) => r.id === id)!;
    expect(rule("CVE-2026-0001").properties["security-severity"]).toBe("9.8");
    expect(rule("CVE-2026-0002").properties["security-severity"]).toBe("5.5");
    expect(rule("CVE-2026-0003").properties["security-severity"]).toBe("3.0");
    expect(rule("GHSA-aaaa-bbbb-cccc").properties["security-severity"]).toBe("8.0");
    expect(rule("CVE-2026-0001").defaultConfiguration.level).toBe("error");
    expect(rule("CVE-2026-0002").defaultConfiguration.level).toBe("warning");
    expect(rule("CVE-2026-0003").defaultConfiguration.level).toBe("note");
    expect(rule("CVE-2026-0001").helpUri).toBe("https://avd.aquasec.com/nvd/cve-2026-0001");
  });

  it("sets each result's level by what the policies make of it", () => {
    const level = Object.fromEntries(run.results.map((r) => [r.ruleId, r.level]));
    expect(level).toEqual({
      "CVE-2026-0001": "error",
      "CVE-2026-0002": "warning",
      "CVE-2026-0003": "note",
      "GHSA-aaaa-bbbb-cccc": "note",
    });
    const blocked = run.results[0]!;
    expect(blocked.message.text).toBe(
      'openssl 3.0.1 has CVE-2026-0001 (critical); fixed in 3.0.2. Blocked by policy "No critical or high with fixes" (trivy): 1 fixable critical, at most 0 allowed.',
    );
    expect(run.results[2]!.message.text).toBe(
      "bash 5.2-1 has CVE-2026-0003 (low); no fixed version yet. Allowed by the cluster's policies.",
    );
  });

  it("locates OS packages at the image's repository and language packages at their file, as Trivy does", () => {
    const uris = run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(["team/app", "team/app", "team/app", "app/node_modules/lodash/package.json"]);
  });

  it("fingerprints findings the same way from one run to the next, and not by tag", () => {
    const again = toSarif({
      image: "registry.example.com/team/app:1.4.3",
      cluster: "prod",
      report: readTrivyReport(trivyReport("registry.example.com/team/app:1.4.3")),
      submission: submission(),
      agentVersion: "0.1.0",
    });
    expect(again.runs[0]!.results.map((r) => r.partialFingerprints)).toEqual(
      run.results.map((r) => r.partialFingerprints),
    );
  });
});

describe("sarifProblems", () => {
  it("names what a log lacks", () => {
    expect(
      sarifProblems({
        version: "2.0.0",
        runs: [
          {
            tool: { driver: { rules: [{ id: "X", properties: { "security-severity": 9.5 } }] } },
            results: [{ ruleId: "X", ruleIndex: 0, level: "fatal", message: { text: "m" }, locations: [] }],
          },
        ],
      }),
    ).toEqual([
      'version must be "2.1.0"',
      "$schema is missing",
      "runs[0].tool.driver.name is missing",
      "runs[0].tool.driver.rules[0].shortDescription.text is missing",
      "runs[0].tool.driver.rules[0].defaultConfiguration.level is not a SARIF level",
      'runs[0].tool.driver.rules[0].properties["security-severity"] must be a number from 0.0 to 10.0 written as a string',
      "runs[0].results[0].level is not a SARIF level",
      "runs[0].results[0].locations is empty",
      'runs[0].results[0].partialFingerprints["bulwarkFinding/v1"] is missing',
    ]);
  });
});
