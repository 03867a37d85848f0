/**
 * Admission webhook throughput and latency: AdmissionReview requests per second and p50/p99 latency
 * against the built webhook, and in the same run against a bare Node HTTPS server that answers a
 * constant allow (the ceiling on this machine).
 *
 * Needs the built agent (`pnpm --filter @bulwark/agent build`) and openssl. Run it with
 * `node bench/admission-webhook.mjs` (`--seconds N` changes each phase's length, default 10).
 *
 * Three processes: this one (orchestrator), a server (the webhook, or the bare server) and a load
 * generator, all over loopback HTTPS with keep-alive. The webhook decides from an in-memory snapshot
 * of 5,000 images (registry aliases, namespace verdicts, advisory and blocking reasons, tags and
 * digests) and logs at info, synchronously, to /dev/null. Requests are AdmissionReviews of realistic pods (1-3
 * containers, 30 % with an init container, managedFields): 83 % of pods have only compliant images,
 * 12 % one non-compliant image and 5 % one never scanned (so about 17 % are denied and logged); 10 %
 * of references are by digest and some go through a registry alias. Per server: a warm-up, a closed-loop phase (32 connections as fast
 * as they are answered) for requests per second, and an open-loop phase at a fixed 500 req/s whose
 * latency counts from each request's scheduled time (no coordinated omission).
 * Targets: webhook/ceiling throughput ratio ≥ 0.5; webhook p99 at 500 req/s ≤ 5 ms.
 * Figures go to stdout and bench/results/admission-webhook.json.
 */
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, createServer, request } from "node:https";
import os from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "../packages/agent/dist");
const SELF = fileURLToPath(import.meta.url);

const IMAGES = 5_000;
const BODIES = 2_000;
const CONNECTIONS = 32;
const FIXED_RATE = 500;
const SEED = 20261127;
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 5;

const { values: args } = parseArgs({
  options: {
    role: { type: "string", default: "orchestrate" },
    server: { type: "string" },
    certs: { type: "string" },
    seconds: { type: "string", default: "10" },
  },
});

async function agentModule(path) {
  const file = join(dist, path);
  if (!existsSync(file)) {
    console.error(`${file} is missing; build the agent first: pnpm --filter @bulwark/agent build`);
    process.exit(1);
  }
  return import(pathToFileURL(file).href);
}

/** mulberry32: the same sequence on every machine. */
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

const REGISTRIES = ["docker.io", "ghcr.io", "quay.io", "registry.example.com"];
const NAMESPACES = Array.from({ length: 20 }, (_, i) => `team-${i}`);
const hex = (random, n) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");

/** The snapshot: 5,000 images, deterministic. */
function buildSnapshot() {
  const random = prng(SEED);
  const images = [];
  for (let i = 0; i < IMAGES; i++) {
    const registry = REGISTRIES[i % REGISTRIES.length];
    const repository = registry === "docker.io" && i % 8 === 0 ? `library/app${i}` : `org${i % 50}/service-${i}`;
    const roll = random();
    const reasons = (blocking) =>
      Array.from({ length: 1 + Math.floor(random() * 3) }, (_, r) => ({
        policyId: `p${r}`,
        policyName: ["No fixable critical or high", "Base images", "Advisory medium"][r],
        scannerId: "trivy",
        scannerName: "Trivy",
        severity: ["critical", "high", "medium"][r],
        fixable: random() < 0.6,
        count: 1 + Math.floor(random() * 20),
        limit: 0,
        issueIds: Array.from({ length: 10 }, (_, k) => `CVE-2025-${1000 + ((i * 7 + k) % 9000)}`),
        blocking,
      }));
    const verdicts =
      roll < 0.7
        ? [{ namespace: "", status: "compliant", reasons: random() < 0.2 ? reasons(false) : [] }]
        : [{ namespace: "", status: "non_compliant", reasons: reasons(true) }];
    if (random() < 0.05)
      verdicts.push({ namespace: NAMESPACES[i % NAMESPACES.length], status: "compliant", reasons: [] });
    images.push({
      imageId: `img-${i}`,
      registry,
      repository,
      digest: `sha256:${hex(random, 64)}`,
      tags: [`v${i % 10}.${i % 7}.0`, `build-${i}`, ...(i % 3 === 0 ? ["latest"] : [])],
      verdicts,
    });
  }
  return {
    clusterId: "bench",
    clusterName: "bench",
    generatedAt: new Date().toISOString(),
    settings: {
      enforcementEnabled: true,
      mode: "deny",
      unscannedImages: "deny",
      exemptNamespaces: ["bulwark", "kube-system"],
      staleSnapshotSeconds: 3600,
      staleSnapshotAction: "allow",
      failurePolicy: "Ignore",
    },
    registryAliases: [{ hostname: "registry.example.com", aliases: ["mirror.example.com"] }],
    images,
  };
}

/** AdmissionReview bodies of realistic pods, each with its own uid. */
function buildBodies(snapshot) {
  const random = prng(SEED + 1);
  const images = snapshot.images;
  const compliant = images.filter((i) => i.verdicts[0].status === "compliant");
  const nonCompliant = images.filter((i) => i.verdicts[0].status !== "compliant");
  /** A reference to an image of the list: by tag (sometimes through the registry's alias), 10 % by digest. */
  const referenceTo = (list) => {
    const image = list[Math.floor(random() * list.length)];
    const host = image.registry === "registry.example.com" && random() < 0.3 ? "mirror.example.com" : image.registry;
    const name =
      host === "docker.io" && image.repository.startsWith("library/")
        ? image.repository.slice(8)
        : `${host}/${image.repository}`;
    return random() < 0.1 ? `${name}@${image.digest}` : `${name}:${image.tags[0]}`;
  };
  /** What most pods are: compliant images; some carry one offending or never-scanned image. */
  const podImages = (count) => {
    const refs = Array.from({ length: count }, () => referenceTo(compliant));
    const roll = random();
    if (roll < 0.12) refs[Math.floor(random() * count)] = referenceTo(nonCompliant);
    else if (roll < 0.17)
      refs[Math.floor(random() * count)] = `docker.io/never/scanned-${Math.floor(random() * 1e6)}:1`;
    return refs;
  };
  const container = (name, image) => ({
    name,
    image,
    ports: [{ containerPort: 8080, protocol: "TCP" }],
    env: [
      { name: "LOG_LEVEL", value: "info" },
      { name: "POD_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
    ],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    volumeMounts: [
      { name: "kube-api-access", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true },
    ],
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
    imagePullPolicy: "IfNotPresent",
  });
  const bodies = [];
  for (let i = 0; i < BODIES; i++) {
    const namespace = NAMESPACES[i % NAMESPACES.length];
    const name = `web-${hex(random, 10)}-${hex(random, 5)}`;
    const withInit = random() < 0.3;
    const refs = podImages(1 + Math.floor(random() * 3) + (withInit ? 1 : 0));
    const initContainers = withInit ? [container("init", refs.pop())] : undefined;
    const containers = refs.map((ref, c) => container(c === 0 ? "app" : `sidecar-${c}`, ref));
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        generateName: name.slice(0, -5),
        namespace,
        labels: { app: "web", "pod-template-hash": hex(random, 10) },
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            kind: "ReplicaSet",
            name: name.slice(0, -6),
            uid: randomUUID(),
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        managedFields: [
          {
            manager: "kube-controller-manager",
            operation: "Update",
            apiVersion: "v1",
            time: "2026-11-27T12:00:00Z",
            fieldsType: "FieldsV1",
            fieldsV1: {
              "f:metadata": { "f:generateName": {}, "f:labels": { ".": {}, "f:app": {} } },
              "f:spec": { "f:containers": {} },
            },
          },
        ],
      },
      spec: {
        ...(initContainers ? { initContainers } : {}),
        containers,
        restartPolicy: "Always",
        terminationGracePeriodSeconds: 30,
        dnsPolicy: "ClusterFirst",
        serviceAccountName: "default",
        securityContext: {},
        schedulerName: "default-scheduler",
        tolerations: [
          { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        ],
        volumes: [
          {
            name: "kube-api-access",
            projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: "token" } }] },
          },
        ],
        priority: 0,
        enableServiceLinks: true,
      },
      status: { phase: "Pending", qosClass: "Burstable" },
    };
    const review = {
      apiVersion: "admission.k8s.io/v1",
      kind: "AdmissionReview",
      request: {
        uid: randomUUID(),
        kind: { group: "", version: "v1", kind: "Pod" },
        resource: { group: "", version: "v1", resource: "pods" },
        requestKind: { group: "", version: "v1", kind: "Pod" },
        requestResource: { group: "", version: "v1", resource: "pods" },
        namespace,
        operation: "CREATE",
        userInfo: {
          username: "system:serviceaccount:kube-system:replicaset-controller",
          uid: randomUUID(),
          groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"],
        },
        object: pod,
        oldObject: null,
        dryRun: false,
        options: { apiVersion: "meta.k8s.io/v1", kind: "CreateOptions" },
      },
    };
    bodies.push(Buffer.from(JSON.stringify(review)));
  }
  return bodies;
}

// ---------------------------------------------------------------------------------------- server

/** The server's CPU time and request count, for the orchestrator to difference across a phase. */
let requests = 0;
function answerCpu(extra = () => ({})) {
  process.on("message", (message) => {
    if (message === "cpu") process.send({ cpu: { ...process.cpuUsage(), requests, ...extra() } });
  });
}

async function serve() {
  const certFile = join(args.certs, "tls.crt");
  const keyFile = join(args.certs, "tls.key");
  if (args.server === "bare") {
    const allow = Buffer.from(
      JSON.stringify({
        apiVersion: "admission.k8s.io/v1",
        kind: "AdmissionReview",
        response: { uid: "constant", allowed: true },
      }),
    );
    const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
      requests++;
      req.on("data", () => undefined);
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json", "content-length": allow.length });
        res.end(allow);
      });
    });
    server.keepAliveTimeout = 30_000;
    answerCpu();
    server.listen(0, "127.0.0.1", () => process.send({ ready: true, port: server.address().port }));
    return;
  }
  const { runWebhook } = await agentModule("webhook/server.js");
  const { pino } = createRequire(join(dist, "../package.json"))("pino");
  const snapshot = buildSnapshot();
  let events = 0;
  const api = {
    snapshot: async () => structuredClone(snapshot),
    onChange: () => () => undefined,
    recordEvents: async (batch) => {
      events += batch.length;
    },
  };
  // synchronous, as the agent writes its log to standard error
  const logger = pino({ level: "info" }, pino.destination({ dest: "/dev/null", sync: true }));
  const handle = await runWebhook({ api, port: 0, host: "127.0.0.1", certFile, keyFile, refreshSeconds: 300, logger });
  await handle.ready;
  handle.server.prependListener("request", () => requests++);
  answerCpu(() => ({
    events,
    eventsBuffered: handle.events.stats().buffered,
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
  }));
  process.send({ ready: true, port: handle.port });
}

// ------------------------------------------------------------------------------------------ load

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(latencies, seconds, errors, statuses) {
  const sorted = Float64Array.from(latencies).sort();
  const round = (v) => (v === null ? null : Math.round(v * 1000) / 1000);
  return {
    requests: latencies.length,
    errors,
    statuses,
    seconds,
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.length ? sorted[sorted.length - 1] : null),
  };
}

/** Runs the phases the orchestrator asks for: { closed: seconds } or { open: seconds, rate }. */
async function load() {
  const { port, ca } = await new Promise((resolve) => process.once("message", resolve));
  const bodies = buildBodies(buildSnapshot());
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS, ca });
  let next = 0;
  const send = () =>
    new Promise((resolve) => {
      const body = bodies[next++ % bodies.length];
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/validate",
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": body.length },
        },
        (res) => {
          res.on("data", () => undefined);
          res.on("end", () => resolve(res.statusCode));
        },
      );
      req.on("error", () => resolve(0));
      req.end(body);
    });

  const closedLoop = async (durationS) => {
    const latencies = [];
    const statuses = {};
    let errors = 0;
    const end = performance.now() + durationS * 1000;
    const worker = async () => {
      while (performance.now() < end) {
        const started = performance.now();
        const status = await send();
        latencies.push(performance.now() - started);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== 200) errors++;
      }
    };
    const began = performance.now();
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    return summary(latencies, (performance.now() - began) / 1000, errors, statuses);
  };

  const openLoop = async (rate, durationS) => {
    const latencies = [];
    const statuses = {};
    let errors = 0;
    const total = rate * durationS;
    const interval = 1000 / rate;
    const began = performance.now();
    const pending = [];
    let issued = 0;
    await new Promise((resolve) => {
      const tick = () => {
        const due = Math.min(total, Math.floor((performance.now() - began) / interval) + 1);
        while (issued < due) {
          const scheduled = began + issued * interval;
          issued++;
          pending.push(
            send().then((status) => {
              latencies.push(performance.now() - scheduled);
              statuses[status] = (statuses[status] ?? 0) + 1;
              if (status !== 200) errors++;
            }),
          );
        }
        if (issued >= total) resolve();
        else setTimeout(tick, Math.max(0, began + issued * interval - performance.now()));
      };
      tick();
    });
    await Promise.all(pending);
    return summary(latencies, durationS, errors, statuses);
  };

  process.on("message", async (phase) => {
    const result = phase.closed !== undefined ? await closedLoop(phase.closed) : await openLoop(phase.rate, phase.open);
    process.send({ result });
  });
  process.send({ ready: true });
}

// ----------------------------------------------------------------------------------- orchestrate

function child(role, extra = []) {
  return fork(SELF, ["--role", role, ...extra], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

function once(proc, predicate) {
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`a benchmark process exited with ${code}`));
    const onMessage = (message) => {
      if (!predicate(message)) return;
      proc.off("message", onMessage);
      proc.off("exit", onExit);
      resolve(message);
    };
    proc.on("message", onMessage);
    proc.once("exit", onExit);
  });
}

async function measure(server, certs, ca, seconds) {
  const serverProcess = child("serve", ["--server", server, "--certs", certs]);
  const { port } = await once(serverProcess, (m) => m.ready);
  const loadProcess = child("load");
  loadProcess.send({ port, ca });
  await once(loadProcess, (m) => m.ready);
  const phase = async (command) => {
    serverProcess.send("cpu");
    const before = (await once(serverProcess, (m) => m.cpu)).cpu;
    loadProcess.send(command);
    const { result } = await once(loadProcess, (m) => m.result);
    serverProcess.send("cpu");
    const after = (await once(serverProcess, (m) => m.cpu)).cpu;
    const cpuMs = (after.user + after.system - before.user - before.system) / 1000;
    const served = after.requests - before.requests;
    const { user: _u, system: _s, requests: _r, ...serverStats } = after;
    return {
      ...result,
      serverCpuMsPerSecond: Math.round(cpuMs / result.seconds),
      serverCpuMicrosPerRequest: served > 0 ? Math.round((cpuMs * 1000) / served) : null,
      ...(Object.keys(serverStats).length > 0 ? { serverStats } : {}),
    };
  };
  await phase({ closed: Math.max(2, seconds / 4) }); // warm-up: JIT, TLS sessions, sockets
  const throughput = await phase({ closed: seconds });
  await phase({ open: 2, rate: FIXED_RATE }); // settle
  const fixedRate = await phase({ open: seconds, rate: FIXED_RATE });
  loadProcess.kill();
  serverProcess.kill();
  return { throughput, fixedRate };
}

async function orchestrate() {
  const seconds = Number(args.seconds);
  const { generateWebhookCertificates } = await agentModule("certs/certificates.js");
  const certs = mkdtempSync(join(os.tmpdir(), "bulwark-bench-"));
  try {
    await generateWebhookCertificates({
      outDir: certs,
      dnsNames: [],
      ipAddresses: ["127.0.0.1"],
      days: 1,
      force: true,
    });
    const ca = readFileSync(join(certs, "ca.crt"), "utf8");
    const bodies = buildBodies(buildSnapshot());
    const averageBody = Math.round(bodies.reduce((s, b) => s + b.length, 0) / bodies.length);
    console.log(
      `admission webhook: ${IMAGES} images in the snapshot, ${BODIES} distinct AdmissionReviews (avg ${averageBody} bytes), ${CONNECTIONS} connections, ${seconds} s per phase`,
    );

    const ceiling = await measure("bare", certs, ca, seconds);
    console.log(
      `  bare HTTPS (constant allow): ${ceiling.throughput.requestsPerSecond} req/s, p50 ${ceiling.throughput.p50Ms} ms, p99 ${ceiling.throughput.p99Ms} ms; at ${FIXED_RATE} req/s p50 ${ceiling.fixedRate.p50Ms} ms, p99 ${ceiling.fixedRate.p99Ms} ms`,
    );
    const webhook = await measure("webhook", certs, ca, seconds);
    console.log(
      `  webhook:                     ${webhook.throughput.requestsPerSecond} req/s, p50 ${webhook.throughput.p50Ms} ms, p99 ${webhook.throughput.p99Ms} ms; at ${FIXED_RATE} req/s p50 ${webhook.fixedRate.p50Ms} ms, p99 ${webhook.fixedRate.p99Ms} ms`,
    );

    const ratio =
      Math.round((webhook.throughput.requestsPerSecond / ceiling.throughput.requestsPerSecond) * 1000) / 1000;
    // what a server given a whole core would reach, from the CPU each spends per request
    const cpuRatio =
      Math.round((ceiling.throughput.serverCpuMicrosPerRequest / webhook.throughput.serverCpuMicrosPerRequest) * 1000) /
      1000;
    const ratioMet = ratio >= TARGET_RATIO;
    const p99Met =
      webhook.fixedRate.p99Ms !== null && webhook.fixedRate.p99Ms <= TARGET_P99_MS && webhook.fixedRate.errors === 0;
    console.log(
      `  server CPU per request: ceiling ${ceiling.throughput.serverCpuMicrosPerRequest} µs, webhook ${webhook.throughput.serverCpuMicrosPerRequest} µs (ratio ${cpuRatio})`,
    );
    console.log(`  ratio webhook/ceiling: ${ratio} (target ≥ ${TARGET_RATIO}: ${ratioMet ? "met" : "NOT met"})`);
    console.log(
      `  webhook p99 at ${FIXED_RATE} req/s: ${webhook.fixedRate.p99Ms} ms (target ≤ ${TARGET_P99_MS} ms: ${p99Met ? "met" : "NOT met"})`,
    );
    if (webhook.throughput.errors + webhook.fixedRate.errors > 0)
      console.log(`  errors: ${JSON.stringify(webhook.throughput.statuses)}`);
    console.log(
      `  load average during the run: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(", ")} on ${os.availableParallelism()} cores`,
    );

    const results = {
      name: "admission-webhook",
      date: new Date().toISOString(),
      nodeVersion: process.version,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      snapshotImages: IMAGES,
      distinctRequests: BODIES,
      averageRequestBytes: averageBody,
      connections: CONNECTIONS,
      secondsPerPhase: seconds,
      fixedRate: FIXED_RATE,
      ceiling,
      webhook,
      ratio,
      cpuRatio,
      loadAverage: os.loadavg(),
      targets: { ratio: TARGET_RATIO, p99MsAtFixedRate: TARGET_P99_MS },
      met: { ratio: ratioMet, p99: p99Met },
    };
    mkdirSync(join(here, "results"), { recursive: true });
    writeFileSync(join(here, "results/admission-webhook.json"), `${JSON.stringify(results, null, 2)}\n`);
    console.log("  results: bench/results/admission-webhook.json");
  } finally {
    rmSync(certs, { recursive: true, force: true });
  }
}

if (args.role === "serve") await serve();
else if (args.role === "load") await load();
else await orchestrate();
