import { randomUUID } from "node:crypto";

/**
 * Falco events in falcosidekick's webhook format, built by tests (falcosidekick types.go:
 * uuid, output, priority, rule, time, output_fields, source, tags, hostname).
 */
export type FalcoPayload = Record<string, unknown>;

/** RFC 3339 with nanoseconds, as Falco writes it. */
export function falcoTime(at: Date, nanos = "123456"): string {
  return `${at.toISOString().slice(0, 23)}${nanos}Z`;
}

const nanosOf = (at: Date) => BigInt(at.getTime()) * 1_000_000n + 123_456n;

/** A syscall-source event ("Terminal shell in container"), with every field falcosidekick sends. */
export function syscallEvent(
  options: {
    at?: Date;
    priority?: string;
    rule?: string;
    namespace?: string | null;
    pod?: string | null;
    repository?: string | null;
    tag?: string | null;
    uuid?: string;
    hostname?: string;
  } = {},
): FalcoPayload {
  const at = options.at ?? new Date();
  const priority = options.priority ?? "Notice";
  const rule = options.rule ?? "Terminal shell in container";
  const namespace = options.namespace === undefined ? "payments" : options.namespace;
  const pod = options.pod === undefined ? "checkout-7d9f8b6c5d-x2x4q" : options.pod;
  const repository = options.repository === undefined ? "ghcr.io/acme/checkout" : options.repository;
  const tag = options.tag === undefined ? "1.4.2" : options.tag;
  return {
    uuid: options.uuid ?? randomUUID(),
    output: `${at.toISOString().slice(11, 23)}123456: ${priority} A shell was spawned in a container with an attached terminal (user=root k8s.ns=${namespace} k8s.pod=${pod})`,
    priority,
    rule,
    time: falcoTime(at),
    output_fields: {
      "container.id": "3f9a1c2b7d4e",
      "container.image.repository": repository,
      "container.image.tag": tag,
      "container.name": "checkout",
      // A nanosecond integer beyond 2^53, as falcosidekick sends it (written into the JSON by `toJson`).
      "evt.time": `__BIG__${nanosOf(at)}`,
      "k8s.ns.name": namespace,
      "k8s.pod.name": pod,
      "proc.cmdline": "sh -c uptime",
      "proc.name": "sh",
      "proc.pname": "runc",
      "proc.tty": 34816,
      "user.loginuid": -1,
      "user.name": "root",
    },
    source: "syscall",
    tags: ["container", "mitre_execution", "shell", "T1059"],
    hostname: options.hostname ?? "ip-10-0-1-17.ec2.internal",
  };
}

/** A k8s_audit-source event ("Attach/Exec Pod"): no container fields, the target in ka.* fields. */
export function k8sAuditEvent(options: { at?: Date; namespace?: string; pod?: string; priority?: string } = {}) {
  const at = options.at ?? new Date();
  const namespace = options.namespace ?? "hello-app";
  const pod = options.pod ?? "nginx-676b6c5bbc-4xc6t";
  return {
    hostname: "falco-k8saudit-7d9",
    output: `${at.toISOString().slice(11, 23)}000000: Notice Attach/Exec to pod (user=kubernetes-admin pod=${pod} resource=pods ns=${namespace} action=exec command=cat)`,
    output_fields: {
      "evt.time": `__BIG__${nanosOf(at)}`,
      "ka.target.name": pod,
      "ka.target.namespace": namespace,
      "ka.target.resource": "pods",
      "ka.target.subresource": "exec",
      "ka.uri.param[command]": "cat",
      "ka.user.name": "kubernetes-admin",
    },
    priority: options.priority ?? "Notice",
    rule: "Attach/Exec Pod",
    source: "k8s_audit",
    tags: ["k8s"],
    time: falcoTime(at, "000000"),
  };
}

/** JSON as falcosidekick writes it: `__BIG__<digits>` strings become bare (unsafe) integers. */
export function toJson(payload: FalcoPayload): string {
  return JSON.stringify(payload).replace(/"__BIG__(-?\d+)"/g, "$1");
}

export type FalcoAnswer = { status: number; body: Record<string, unknown>; headers: Headers };

/** Posts to a Falco route. `key` goes in ?key= unless `keyIn` says otherwise. */
export async function postFalco(
  baseUrl: string,
  path: string,
  body: FalcoPayload | string | Buffer,
  options: {
    key?: string;
    keyIn?: "query" | "bearer" | "x-api-key";
    contentType?: string | null;
    headers?: Record<string, string>;
  } = {},
): Promise<FalcoAnswer> {
  const url = new URL(path, baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  if (options.contentType !== null) headers["content-type"] = options.contentType ?? "application/json";
  if (options.key) {
    const keyIn = options.keyIn ?? "query";
    if (keyIn === "query") url.searchParams.set("key", options.key);
    else if (keyIn === "bearer") headers.authorization = `Bearer ${options.key}`;
    else headers["x-api-key"] = options.key;
  }
  const res = await fetch(url, {
    method: "POST",
    headers,
    body: typeof body === "string" || Buffer.isBuffer(body) ? body : toJson(body),
  });
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  // The headers do not take part in toEqual on an answer.
  return Object.defineProperty({ status: res.status, body: parsed }, "headers", { value: res.headers }) as FalcoAnswer;
}

/** GraphQL selection of every FalcoEvent field. */
export const FALCO_EVENT_FIELDS = `id clusterId clusterName uuid time receivedAt priority rule source output hostname
  namespace pod container image process commandLine user tags signature anomaly silenced outputFields`;
