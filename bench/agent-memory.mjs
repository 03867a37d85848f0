/**
 * P7, agent memory: the run mode's resident memory after it has synced 5,000 pods of a real
 * kube-apiserver to a real api, and how long that first full sync takes.
 *
 * Needs a control plane (KUBECONFIG; `eval "$(../shared/tools/kube/ensure-kube.sh)"` starts one),
 * kubectl, the built agent and api (`pnpm --filter @bulwark/api --filter @bulwark/agent build`), and
 * PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres: a fresh
 * database is created there and dropped after). `--embedded` runs the api on its embedded database.
 * `--pods N` changes the pod count (default 5000); `--keep` leaves the namespaces in place (the next
 * run deletes them first). Run it with `node bench/agent-memory.mjs`.
 *
 * It creates the pods through the apiserver's API (32 requests in flight): bare pods across 50
 * namespaces, 2–3 containers each (a third have an init container), drawn from 200 distinct images.
 * With no kubelet they stay Pending, which is all the inventory needs. Then it starts the built
 * agent in run mode (the scanner replaced by test/fixtures/fake-trivy.mjs) and polls the api until
 * the cluster shows every pod. The agent's VmRSS is read from /proc every 250 ms from its start;
 * after the sync, ten samples over 10 s give "RSS after sync" (their maximum), the figure the target
 * is about. VmHWM (the peak over the whole run) is reported too. Target: RSS after sync ≤ 150 MB.
 * The namespaces are deleted afterwards. Figures go to stdout and bench/results/agent-memory.json.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const apiMain = join(here, "../packages/api/dist/src/main.js");
const agentMain = join(here, "../packages/agent/dist/main.js");
const fakeTrivy = join(here, "../packages/agent/test/fixtures/fake-trivy.mjs");

const { values: args } = parseArgs({
  options: {
    embedded: { type: "boolean", default: false },
    pods: { type: "string", default: "5000" },
    keep: { type: "boolean", default: false },
  },
});
const PODS = Number(args.pods);
const NAMESPACES = 50;
const IMAGES = 200;
const IN_FLIGHT = 32;
const TARGET_MB = 150;
const LABEL = "bulwark-bench=agent-memory";

for (const [file, build] of [
  [apiMain, "pnpm --filter @bulwark/api build"],
  [agentMain, "pnpm --filter @bulwark/agent build"],
]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing; build it first: ${build}`);
    process.exit(1);
  }
}
if (!process.env.KUBECONFIG) {
  console.error(
    'KUBECONFIG is not set: this benchmark needs a real kube-apiserver. Start one with eval "$(../shared/tools/kube/ensure-kube.sh)" and run it again.',
  );
  process.exit(1);
}
const pg = createRequire(join(here, "../packages/api/package.json"))("pg");

// ---------------------------------------------------------------------------------------------
// The apiserver, from the kubeconfig kubectl resolves

const kubeconfig = JSON.parse(execFileSync("kubectl", ["config", "view", "--raw", "--minify", "-o", "json"]));
const clusterEntry = kubeconfig.clusters[0].cluster;
const userEntry = kubeconfig.users[0]?.user ?? {};
const fileOrData = (data, file) =>
  data ? Buffer.from(data, "base64") : file ? readFileSync(resolve(dirname(process.env.KUBECONFIG), file)) : undefined;
const kubeAgent = new Agent({
  keepAlive: true,
  maxSockets: IN_FLIGHT,
  ca: fileOrData(clusterEntry["certificate-authority-data"], clusterEntry["certificate-authority"]),
  cert: fileOrData(userEntry["client-certificate-data"], userEntry["client-certificate"]),
  key: fileOrData(userEntry["client-key-data"], userEntry["client-key"]),
  rejectUnauthorized: clusterEntry["insecure-skip-tls-verify"] !== true,
});
const kubeHeaders = userEntry.token ? { authorization: `Bearer ${userEntry.token}` } : {};

function kube(method, path, body) {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      new URL(clusterEntry.server + path),
      {
        method,
        agent: kubeAgent,
        headers: { ...kubeHeaders, accept: "application/json", "content-type": "application/json" },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => {
          if (res.statusCode >= 300 && !(method === "DELETE" && res.statusCode === 404)) {
            reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`));
          } else resolvePromise(text ? JSON.parse(text) : null);
        });
      },
    );
    req.on("error", reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

async function inParallel(items, limit, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

/** 200 images over a few registries and teams; a tenth by digest. */
function image(i) {
  const registry = ["registry.bench.example.com", "ghcr.io", "docker.io", "quay.io"][i % 4];
  const repo = `team-${i % 17}/service-${i}`;
  return i % 10 === 0
    ? `${registry}/${repo}@sha256:${(i.toString(16).padStart(4, "0") + "ab").repeat(11).slice(0, 64)}`
    : `${registry}/${repo}:1.${i % 9}.${i % 4}`;
}

function pod(namespace, n) {
  const pick = (k) => image((n * 7 + k * 31) % IMAGES);
  const containers = [
    { name: "app", image: pick(0), ports: [{ containerPort: 8080 }], resources: { requests: { cpu: "10m" } } },
    { name: "sidecar", image: pick(1), env: [{ name: "MODE", value: "proxy" }] },
  ];
  if (n % 2 === 0) containers.push({ name: "metrics", image: pick(2) });
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `p-${n}`,
      namespace,
      labels: { app: `svc-${n % 40}`, tier: n % 3 ? "backend" : "frontend", "bulwark-bench": "agent-memory" },
    },
    spec: {
      // No token volume: the pods need none, and the token controller need not keep up.
      automountServiceAccountToken: false,
      ...(n % 3 === 0 ? { initContainers: [{ name: "migrate", image: pick(3), command: ["/migrate"] }] } : {}),
      containers,
    },
  };
}

async function deleteBenchNamespaces() {
  const list = await kube("GET", `/api/v1/namespaces?labelSelector=${encodeURIComponent(LABEL)}`);
  await inParallel(list.items, 8, (ns) => kube("DELETE", `/api/v1/namespaces/${ns.metadata.name}`));
  return list.items.length;
}

// ---------------------------------------------------------------------------------------------
// The api

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

const bootstrapKey = `bench-${randomBytes(24).toString("hex")}`;
const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
let dbName = null;
let dataDir = null;
const apiEnv = {
  PATH: process.env.PATH,
  HOST: "127.0.0.1",
  PORT: "0",
  BULWARK_LOG_LEVEL: "warn",
  BULWARK_BOOTSTRAP_API_KEY: bootstrapKey,
  BULWARK_ADMIN_PASSWORD: "bench-password-123",
};

function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
  } catch {
    return null;
  }
}
const mb = (kb) => Math.round((kb / 1024) * 10) / 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let api = null;
let agent = null;
const results = {
  pods: PODS,
  namespaces: NAMESPACES,
  images: IMAGES,
  database: args.embedded ? "embedded" : "postgresql",
};
const runId = randomBytes(3).toString("hex");
const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `bench-mem-${runId}-${String(i).padStart(2, "0")}`);

try {
  const leftovers = await deleteBenchNamespaces();
  if (leftovers) console.log(`deleted ${leftovers} namespaces left by an earlier run`);

  console.log(`creating ${PODS} pods in ${NAMESPACES} namespaces…`);
  let started = performance.now();
  await inParallel(namespaces, 8, (name) =>
    kube("POST", "/api/v1/namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name, labels: { "bulwark-bench": "agent-memory" } },
    }),
  );
  // Namespaces need their default service account before pods are admitted.
  await inParallel(namespaces, 8, async (name) => {
    for (let i = 0; i < 100; i += 1) {
      const sa = await kube("GET", `/api/v1/namespaces/${name}/serviceaccounts`);
      if (sa.items.some((s) => s.metadata.name === "default")) return;
      await sleep(200);
    }
    throw new Error(`no default service account in ${name}`);
  });
  const indexes = Array.from({ length: PODS }, (_, i) => i);
  await inParallel(indexes, IN_FLIGHT, (n) => {
    const namespace = namespaces[n % NAMESPACES];
    return kube("POST", `/api/v1/namespaces/${namespace}/pods`, pod(namespace, n));
  });
  results.createPodsSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`created in ${results.createPodsSeconds} s`);

  if (args.embedded) {
    dataDir = mkdtempSync(join(os.tmpdir(), "bulwark-bench-"));
    apiEnv.BULWARK_DATA_DIR = dataDir;
  } else {
    dbName = `bulwark_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${dbName}`;
    apiEnv.DATABASE_URL = url.toString();
    apiEnv.BULWARK_SECRET_KEY = randomBytes(32).toString("hex");
  }
  api = spawn(process.execPath, [apiMain], { env: apiEnv, stdio: ["ignore", "pipe", "inherit"] });
  let apiOutput = "";
  api.stdout.on("data", (chunk) => (apiOutput = (apiOutput + chunk).slice(-10_000)));
  const apiUrl = await new Promise((resolvePromise, reject) => {
    const timer = setInterval(() => {
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(apiOutput);
      if (match) {
        clearInterval(timer);
        resolvePromise(`http://127.0.0.1:${match[1]}`);
      }
    }, 50);
    api.on("exit", (code) => reject(new Error(`api exited (${code}):\n${apiOutput}`)));
  });
  const { createCluster } = await graphql(
    apiUrl,
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
    apiUrl,
    bootstrapKey,
    `
      mutation ($i: CreateApiKeyInput!) {
        createApiKey(input: $i) {
          secret
        }
      }
    `,
    { i: { name: "bench-agent", scopes: ["agent"], clusterId: createCluster.id } },
  );

  started = performance.now();
  agent = spawn(process.execPath, [agentMain, "run"], {
    env: {
      PATH: process.env.PATH,
      HOME: os.tmpdir(),
      KUBECONFIG: resolve(process.env.KUBECONFIG),
      BULWARK_API_URL: apiUrl,
      BULWARK_API_KEY: createApiKey.secret,
      BULWARK_CLUSTER: "bench",
      BULWARK_SCANNER_COMMAND: fakeTrivy,
      BULWARK_LOG_LEVEL: "info",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let agentLog = "";
  let fullSync = null;
  agent.stderr.on("data", (chunk) => {
    agentLog = (agentLog + chunk).slice(-200_000);
    for (const line of String(chunk).split("\n")) {
      if (!fullSync && line.includes("sent the full inventory")) {
        try {
          fullSync = JSON.parse(line);
        } catch {
          // A line split across chunks; the api poll below still sees the sync.
        }
      }
    }
  });
  const samples = [];
  const sampler = setInterval(() => {
    const s = rssOf(agent.pid);
    if (s) samples.push({ t: performance.now() - started, ...s });
  }, 250);

  let synced = 0;
  const deadline = Date.now() + 10 * 60_000;
  while (synced < PODS) {
    if (agent.exitCode !== null) throw new Error(`the agent exited (${agent.exitCode}):\n${agentLog.slice(-5000)}`);
    if (Date.now() > deadline) throw new Error(`the api shows ${synced} of ${PODS} pods after 10 minutes`);
    const data = await graphql(
      apiUrl,
      bootstrapKey,
      `
        query ($id: ID!) {
          cluster(id: $id) {
            pods(first: 1) {
              totalCount
            }
          }
        }
      `,
      {
        id: createCluster.id,
      },
    );
    synced = data.cluster.pods.totalCount;
    if (synced < PODS) await sleep(250);
  }
  results.fullSyncSeconds = Math.round((performance.now() - started) / 100) / 10;
  results.fullReportMs = fullSync?.durationMs ?? null;
  console.log(`the api shows all ${PODS} pods ${results.fullSyncSeconds} s after the agent started`);

  const after = [];
  for (let i = 0; i < 10; i += 1) {
    await sleep(1_000);
    const s = rssOf(agent.pid);
    if (s) after.push(s);
  }
  clearInterval(sampler);
  const { jobs } = await graphql(
    apiUrl,
    bootstrapKey,
    `
      query {
        jobs: scanQueueCounts {
          done
          queued
          claimed
          failed
        }
      }
    `,
  ).catch(() => ({ jobs: null }));
  results.rssAfterSyncMb = mb(Math.max(...after.map((s) => s.rssKb)));
  results.rssAfterSyncSamplesMb = after.map((s) => mb(s.rssKb));
  results.peakRssMb = mb(Math.max(...after.map((s) => s.hwmKb)));
  results.rssDuringSyncMaxMb = mb(Math.max(...samples.map((s) => s.rssKb)));
  results.scanJobs = jobs;
  results.targetMb = TARGET_MB;
  results.met = results.rssAfterSyncMb <= TARGET_MB;
} finally {
  if (agent && agent.exitCode === null) {
    agent.kill("SIGTERM");
    await Promise.race([new Promise((r) => agent.once("exit", r)), sleep(30_000)]);
  }
  if (api && api.exitCode === null) {
    api.kill("SIGTERM");
    await new Promise((r) => api.once("exit", r));
  }
  if (dbName) {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (args.keep) {
    console.log(`kept the ${NAMESPACES} namespaces (label ${LABEL}); the next run deletes them`);
  } else {
    const deleted = await deleteBenchNamespaces().catch((error) => {
      console.error(`could not delete the benchmark's namespaces: ${error.message}`);
      return 0;
    });
    if (deleted) console.log(`deleted ${deleted} namespaces (their pods go with them)`);
  }
  kubeAgent.destroy();
}

results.cores = os.cpus().length;
results.cpu = os.cpus()[0]?.model ?? null;
results.node = process.version;
try {
  const version = execFileSync("kubectl", ["version", "-o", "json"], { stdio: ["ignore", "pipe", "ignore"] });
  results.kubernetes = JSON.parse(version.toString()).serverVersion?.gitVersion ?? null;
} catch {
  results.kubernetes = null;
}
results.at = new Date().toISOString();

console.log(
  `agent RSS after syncing ${PODS} pods: ${results.rssAfterSyncMb} MB (target ≤ ${TARGET_MB} MB: ${results.met ? "met" : "NOT met"}); ` +
    `peak ${results.peakRssMb} MB; full sync visible in the api after ${results.fullSyncSeconds} s ` +
    `(the report itself took ${results.fullReportMs} ms); ${results.cores} cores`,
);
mkdirSync(join(here, "results"), { recursive: true });
writeFileSync(join(here, "results/agent-memory.json"), `${JSON.stringify(results, null, 2)}\n`);
