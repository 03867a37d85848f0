/**
 * Trivy ingest latency: how long `submitTrivyReport` takes for a report with 2,000 vulnerabilities,
 * verdict included, as a CI pipeline sees it.
 *
 * Needs the built api (`pnpm --filter @bulwark/api build`) and PostgreSQL (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres: a fresh database is created there and dropped after).
 * `--embedded` runs against the embedded database instead. Run it with `node bench/trivy-ingest.mjs`.
 *
 * The api runs as its own process; this process is the client, over loopback. Each timed request
 * submits the same 2,000-vulnerability report for a new digest (a new image), so every run stores a
 * scan, its findings and the catalogue entries, and computes the image's verdict. After three warm-up
 * requests, 20 are timed; the median and p95 are reported. Figures go to stdout and
 * bench/results/trivy-ingest.json.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const main = join(here, "../packages/api/dist/src/main.js");
if (!existsSync(main)) {
  console.error(`${main} is missing; build the api first: pnpm --filter @bulwark/api build`);
  process.exit(1);
}
const pg = createRequire(join(here, "../packages/api/package.json"))("pg");

const VULNERABILITIES = 2000;
const WARMUP = 3;
const RUNS = 20;
const TARGET_MS = 300;
const embedded = process.argv.includes("--embedded");
const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const bootstrapKey = `bench-${randomBytes(24).toString("hex")}`;

/** A Trivy JSON (schema 2) report: 2,000 findings over 400 packages, every severity, 70 % fixable. */
function report(digest) {
  const severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"];
  const vulnerabilities = Array.from({ length: VULNERABILITIES }, (_, i) => {
    const id = `CVE-2025-${String(10000 + i)}`;
    const pkg = `pkg-${i % 400}`;
    return {
      VulnerabilityID: id,
      PkgID: `${pkg}@1.${i % 7}.0`,
      PkgName: pkg,
      InstalledVersion: `1.${i % 7}.0`,
      ...(i % 10 < 7 ? { FixedVersion: `1.${i % 7}.1` } : {}),
      Status: i % 10 < 7 ? "fixed" : "affected",
      Layer: { DiffID: "sha256:d4fc045c9e3a848011de66f34b81f052d4f2c15a17bb196d637e526349601820" },
      SeveritySource: "nvd",
      PrimaryURL: `https://avd.aquasec.com/nvd/${id.toLowerCase()}`,
      Title: `${pkg}: memory corruption in parser (${id})`,
      Description: `A flaw in ${pkg} lets a remote attacker corrupt memory through a crafted input. `.repeat(3),
      Severity: severities[i % severities.length],
      CweIDs: ["CWE-787"],
      CVSS: { nvd: { V3Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", V3Score: 9.8 } },
      References: [`https://nvd.nist.gov/vuln/detail/${id}`, `https://example.com/advisories/${id}`],
      PublishedDate: "2025-01-15T10:15:00Z",
      LastModifiedDate: "2025-02-01T08:00:00Z",
    };
  });
  return {
    SchemaVersion: 2,
    CreatedAt: "2026-02-20T09:30:00Z",
    ArtifactName: "bench/app:1",
    ArtifactType: "container_image",
    Metadata: {
      OS: { Family: "debian", Name: "12.5" },
      ImageID: `sha256:${"a".repeat(64)}`,
      RepoTags: ["bench/app:1"],
      RepoDigests: [`bench/app@${digest}`],
    },
    Results: [
      {
        Target: "bench/app:1 (debian 12.5)",
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: vulnerabilities.slice(0, 1500),
      },
      {
        Target: "app/package-lock.json",
        Class: "lang-pkgs",
        Type: "npm",
        Vulnerabilities: vulnerabilities.slice(1500),
      },
    ],
  };
}

async function graphql(url, key, query, variables) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

let dbName = null;
let dataDir = null;
const env = {
  PATH: process.env.PATH,
  HOST: "127.0.0.1",
  PORT: "0",
  BULWARK_LOG_LEVEL: "warn",
  BULWARK_BOOTSTRAP_API_KEY: bootstrapKey,
  BULWARK_ADMIN_PASSWORD: "bench-password-123",
};
if (embedded) {
  dataDir = mkdtempSync(join(os.tmpdir(), "bulwark-bench-"));
  env.BULWARK_DATA_DIR = dataDir;
} else {
  dbName = `bulwark_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  env.DATABASE_URL = url.toString();
  env.BULWARK_SECRET_KEY = randomBytes(32).toString("hex");
}

const api = spawn(process.execPath, [main], { env, stdio: ["ignore", "pipe", "inherit"] });
let output = "";
api.stdout.on("data", (chunk) => (output += chunk));
const url = await new Promise((resolve, reject) => {
  const timer = setInterval(() => {
    const match = /running at http:\/\/[^:]+:(\d+)/.exec(output);
    if (match) {
      clearInterval(timer);
      resolve(`http://127.0.0.1:${match[1]}`);
    }
  }, 50);
  api.on("exit", (code) => reject(new Error(`api exited (${code}):\n${output}`)));
});

const results = { runsMs: [], warmupMs: [], reportBytes: 0 };
try {
  await graphql(
    url,
    bootstrapKey,
    `
      mutation {
        createCluster(input: { name: "bench" }) {
          id
        }
      }
    `,
  );
  const { createApiKey } = await graphql(
    url,
    bootstrapKey,
    `
      mutation {
        createApiKey(input: { name: "ci", scopes: [ci_scan] }) {
          secret
        }
      }
    `,
  );
  const submit = async () => {
    const digest = `sha256:${randomBytes(32).toString("hex")}`;
    const body = JSON.stringify({
      query: `mutation($i: SubmitTrivyReportInput!) { submitTrivyReport(input: $i) { verdict { status reasons { count } } } }`,
      variables: { i: { cluster: "bench", image: `bench/app@${digest}`, report: report(digest) } },
    });
    results.reportBytes = Buffer.byteLength(body);
    const started = performance.now();
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${createApiKey.secret}` },
      body,
    });
    const data = await res.json();
    const ms = performance.now() - started;
    if (data.errors || data.data.submitTrivyReport.verdict.status !== "non_compliant")
      throw new Error(JSON.stringify(data).slice(0, 500));
    return ms;
  };
  // The first submission fills the vulnerability catalogue; later ones find the issues known, as a
  // fleet's reports mostly do.
  for (let i = 0; i < WARMUP; i += 1) results.warmupMs.push(Math.round((await submit()) * 10) / 10);
  for (let i = 0; i < RUNS; i += 1) results.runsMs.push(Math.round((await submit()) * 10) / 10);
} finally {
  api.kill("SIGTERM");
  await new Promise((resolve) => api.on("exit", resolve));
  if (dbName) {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

const sorted = [...results.runsMs].sort((a, b) => a - b);
const medianMs = sorted[Math.floor(sorted.length / 2)];
const p95Ms = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
const out = {
  name: "trivy-ingest",
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  database: embedded ? "embedded (PGlite)" : "PostgreSQL",
  vulnerabilities: VULNERABILITIES,
  requestBytes: results.reportBytes,
  runs: RUNS,
  firstSubmissionMs: results.warmupMs[0],
  warmupMs: results.warmupMs,
  runsMs: results.runsMs,
  medianMs,
  p95Ms,
  target: `median ≤ ${TARGET_MS} ms`,
  met: medianMs <= TARGET_MS,
};
mkdirSync(join(here, "results"), { recursive: true });
writeFileSync(
  join(here, "results", `trivy-ingest${embedded ? "-embedded" : ""}.json`),
  `${JSON.stringify(out, null, 2)}\n`,
);
console.log(
  `trivy-ingest (${out.database}): ${VULNERABILITIES} vulnerabilities, ${(results.reportBytes / 1e6).toFixed(1)} MB request`,
);
console.log(`  first submission (empty catalogue) ${results.warmupMs[0]} ms`);
console.log(
  `  median ${medianMs} ms, p95 ${p95Ms} ms over ${RUNS} runs (target: median ≤ ${TARGET_MS} ms) → ${out.met ? "met" : "NOT met"}`,
);
