/**
 * Compliance engine throughput: how long judging every image of a large installation takes.
 *
 * Needs the built api (`pnpm --filter @bulwark/api build`); nothing else runs. Run it with
 * `node bench/compliance-engine.mjs`.
 *
 * Inputs are synthetic and deterministic (seeded PRNG): 10,000 images with 200 findings each, three
 * policies (one or two Trivy scanners each) and 100 exceptions of every kind. One timed run creates
 * the engine and evaluates every image; the inputs are generated beforehand, outside the timing.
 * After a warm-up run, each size (1/4, 1/2 and all of the images) is run five times and the median
 * reported. Figures go to stdout and bench/results/compliance-engine.json.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const enginePath = join(here, "../packages/api/dist/src/compliance/engine.js");
if (!existsSync(enginePath)) {
  console.error(`${enginePath} is missing; build the api first: pnpm --filter @bulwark/api build`);
  process.exit(1);
}
const { createComplianceEngine } = await import(pathToFileURL(enginePath).href);

const IMAGES = 10_000;
const FINDINGS_PER_IMAGE = 200;
const EXCEPTIONS = 100;
const RUNS = 5;
const TARGET_MS = 1000;
const SEED = 20260301;
const NOW = new Date("2026-03-01T12:00:00.000Z");
const DAY = 86_400_000;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(SEED);
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];
/** Picks by weight: [[value, weight], …]. */
const weighted = (entries) => {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1][0];
};

const ISSUE_POOL = Array.from({ length: 4000 }, (_, i) => `CVE-${2019 + (i % 7)}-${String(10000 + i * 7)}`);
const PACKAGES = Array.from({ length: 600 }, (_, i) => `pkg-${i}`);
const CLUSTERS = ["c1", "c2", "c3", "c4", "c5"];
const NAMESPACES = Array.from({ length: 20 }, (_, i) => `ns-${i}`);
const SEVERITY_WEIGHTS = [
  ["negligible", 10],
  ["low", 30],
  ["medium", 35],
  ["high", 18],
  ["critical", 7],
];
const SEVERITIES = SEVERITY_WEIGHTS.map(([severity]) => severity);

const limits = (given = {}, rest = null) => ({
  negligible: rest,
  low: rest,
  medium: rest,
  high: rest,
  critical: rest,
  ...given,
});
const trivy = (id, name, required, fixable, unfixable = limits()) => ({
  id,
  name,
  type: "trivy",
  active: true,
  required,
  thresholds: { fixable, unfixable },
});

const policies = [
  {
    id: "p-default",
    name: "No fixable critical or high",
    active: true,
    enforced: true,
    allClusters: true,
    clusterIds: [],
    graceDays: 0,
    scanners: [trivy("s-default", "Trivy", true, limits({ critical: 0, high: 0 }))],
  },
  {
    id: "p-prod",
    name: "Production",
    active: true,
    enforced: true,
    allClusters: false,
    clusterIds: ["c1", "c2"],
    graceDays: 7,
    scanners: [
      trivy("s-prod", "Trivy strict", true, limits({ critical: 0, high: 5 }), limits({ critical: 3 })),
      trivy("s-prod-report", "Trivy report", false, limits({ medium: 10 })),
    ],
  },
  {
    id: "p-advisory",
    name: "Advisory",
    active: true,
    enforced: false,
    allClusters: true,
    clusterIds: [],
    graceDays: 0,
    scanners: [
      trivy("s-adv-1", "Trivy medium", true, limits({ medium: 20 })),
      trivy("s-adv-2", "Trivy low", true, limits({ low: 50 }, null), limits({ low: 50 })),
    ],
  },
];
const SCANNER_IDS = policies.flatMap((p) => p.scanners.map((s) => s.id));

const REGISTRIES = ["docker.io", "ghcr.io", "quay.io", "registry.example.com:5000"];
const imageOf = (i) => {
  const registry = REGISTRIES[i % REGISTRIES.length];
  const repository =
    registry === "docker.io" && i % 3 === 0 ? `library/app-${i % 50}` : `team-${i % 40}/app-${i % 250}`;
  return { registry, repository, digest: `sha256:${(i + 1).toString(16).padStart(64, "0")}`, tag: `1.${i % 30}` };
};

function generateExceptions() {
  const kinds = [
    ["issue", 35],
    ["issue-image", 15],
    ["scanner", 8],
    ["scanner-issue", 10],
    ["global-image", 7],
    ["override", 15],
    ["override-global-image", 3],
    ["gatekeeper", 2],
  ];
  const patterns = [
    "ghcr.io/team-1*",
    "docker.io/library/app-1*",
    "*/team-2?/*",
    "quay.io/*:1.2",
    "team-3/app-*",
    "app-7",
  ];
  return Array.from({ length: EXCEPTIONS }, (_, i) => {
    const kind = weighted(kinds);
    const status = weighted([
      ["active", 80],
      ["in_review", 12],
      ["inactive", 8],
    ]);
    const timing = weighted([
      ["current", 80],
      ["expired", 12],
      ["future", 8],
    ]);
    const startsAt = new Date(NOW.getTime() + (timing === "future" ? 5 : -60) * DAY);
    const endsAt =
      timing === "expired" ? new Date(NOW.getTime() - DAY) : random() < 0.5 ? null : new Date(NOW.getTime() + 30 * DAY);
    const scoped = random() < 0.2;
    return {
      id: `e-${String(i).padStart(3, "0")}`,
      type: kind.startsWith("override") ? "override" : kind === "gatekeeper" ? "gatekeeper" : "policy",
      status,
      startsAt,
      endsAt,
      allClusters: !scoped,
      clusterIds: scoped ? [pick(CLUSTERS)] : [],
      allNamespaces: !(scoped && random() < 0.5),
      namespaces: [pick(NAMESPACES), pick(NAMESPACES)],
      allPolicies: random() < 0.7,
      policyIds: [pick(policies).id],
      scannerId: kind.startsWith("scanner") ? pick(SCANNER_IDS) : null,
      issueId: ["issue", "issue-image", "scanner-issue", "override"].includes(kind) ? pick(ISSUE_POOL) : null,
      imagePattern: kind.endsWith("image") ? pick(patterns) : "*",
      alternateSeverity: kind.startsWith("override") ? pick(SEVERITIES) : null,
    };
  });
}

function generateSubjects(count) {
  return Array.from({ length: count }, (_, i) => {
    const findings = Array.from({ length: FINDINGS_PER_IMAGE }, (_, j) => ({
      id: `f-${i}-${j}`,
      issueId: pick(ISSUE_POOL),
      packageName: pick(PACKAGES),
      severity: weighted(SEVERITY_WEIGHTS),
      fixable: random() < 0.6,
    }));
    return {
      image: imageOf(i),
      clusterId: CLUSTERS[i % CLUSTERS.length],
      namespace: i % 10 === 0 ? null : NAMESPACES[i % NAMESPACES.length],
      scans: { trivy: { id: `scan-${i}`, scanner: "trivy", status: "succeeded", error: null, findings } },
    };
  });
}

const exceptions = generateExceptions();
const subjects = generateSubjects(IMAGES);
const sizes = [IMAGES / 4, IMAGES / 2, IMAGES];

/** One timed run: create the engine and evaluate the first `count` images. */
function run(count) {
  const started = performance.now();
  const engine = createComplianceEngine({ policies, exceptions, now: NOW });
  const tally = { compliant: 0, non_compliant: 0, unscanned: 0, scan_failed: 0, findingResults: 0 };
  for (let i = 0; i < count; i++) {
    const verdict = engine.evaluate(subjects[i]);
    tally[verdict.status] += 1;
    tally.findingResults += verdict.findings.length;
  }
  return { ms: performance.now() - started, tally };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const round = (ms) => Math.round(ms * 10) / 10;

run(IMAGES); // warm-up

const results = [];
for (const images of sizes) {
  const runs = [];
  let tally;
  for (let r = 0; r < RUNS; r++) {
    const result = run(images);
    runs.push(result.ms);
    tally = result.tally;
  }
  results.push({
    images,
    findingsPerImage: FINDINGS_PER_IMAGE,
    policies: policies.length,
    exceptions: exceptions.length,
    medianMs: round(median(runs)),
    runsMs: runs.map(round),
    verdicts: {
      compliant: tally.compliant,
      nonCompliant: tally.non_compliant,
      findingResults: tally.findingResults,
    },
  });
}

const largest = results[results.length - 1];
const report = {
  name: "compliance-engine",
  date: new Date().toISOString(),
  nodeVersion: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  sizes: results,
  target: "10,000 images ≤ 1000 ms",
  met: largest.images === IMAGES && largest.medianMs <= TARGET_MS,
};

console.log(`compliance engine — ${report.cpuModel}, ${report.cpus} CPUs, Node ${report.nodeVersion}`);
console.log(`${FINDINGS_PER_IMAGE} findings per image, ${policies.length} policies, ${exceptions.length} exceptions\n`);
console.log("images | median ms | ms per 1,000 images | runs (ms)                          | non-compliant");
console.log("-------|-----------|---------------------|------------------------------------|--------------");
for (const size of results) {
  const perThousand = (size.medianMs / size.images) * 1000;
  console.log(
    `${String(size.images).padStart(6)} | ${size.medianMs.toFixed(1).padStart(9)} | ${perThousand.toFixed(1).padStart(19)} | ${size.runsMs
      .map((ms) => ms.toFixed(1))
      .join(", ")
      .padEnd(34)} | ${size.verdicts.nonCompliant}`,
  );
}
console.log(`\ntarget ${report.target}: ${report.met ? "met" : "NOT met"}`);

const resultsDir = join(here, "results");
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, "compliance-engine.json"), `${JSON.stringify(report, null, 2)}\n`);
