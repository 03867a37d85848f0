import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { deflateSync, gzipSync } from "node:zlib";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type GraphQLClient, startTestApp, type TestApp } from "../harness.js";
import { FALCO_EVENT_FIELDS, k8sAuditEvent, postFalco, syscallEvent, toJson } from "../falco.js";
import type { ApiKeysRepository } from "../../src/modules/api-keys/api-keys.repository.js";
import { parseFalcoPayload } from "../../src/modules/falco/falco-payload.js";

/** falcosidekick → POST /api/falco/…: what is stored, what is refused (and then nothing is stored). */
const FIXTURES = path.resolve(import.meta.dirname, "../../../../../shared/fixtures/falco");

let t: TestApp;
let root: GraphQLClient;
let cluster: { id: string; name: string };
let other: { id: string; name: string };
/** falco_ingest, bound to `cluster`. */
let key: string;
/** falco_ingest, bound to no cluster. */
let unboundKey: string;

const createPath = (clusterId: string) => `/api/falco/${clusterId}/create`;
const prisma = () => t.app.services.db.prisma;
const stored = async () => ({
  events: await prisma().falcoEvent.count(),
  signatures: await prisma().falcoSignature.count(),
});
const eventById = async (id: string) =>
  (
    await root.ok<{ falcoEvent: Record<string, any> }>(
      `query($id: ID!) { falcoEvent(id: $id) { ${FALCO_EVENT_FIELDS} } }`,
      { id },
    )
  ).falcoEvent;

beforeAll(async () => {
  t = await startTestApp();
  root = await t.root();
  cluster = await build.cluster(root);
  other = await build.cluster(root);
  key = (await build.apiKey(root, ["falco_ingest"], { clusterId: cluster.id })).secret;
  unboundKey = (await build.apiKey(root, ["falco_ingest"])).secret;
});
afterAll(() => t?.close());

describe("falcosidekick's real payloads", () => {
  it("are stored with the fields Bulwark filters on", async () => {
    const files = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".json")) : [];
    const answers = new Map<string, { id: string; stored: boolean; anomaly: boolean; silenced: boolean }>();
    for (const file of files) {
      const res = await postFalco(t.url, createPath(cluster.id), fs.readFileSync(path.join(FIXTURES, file)), { key });
      expect(res.status, `${file}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), stored: true, anomaly: expect.any(Boolean), silenced: false });
      answers.set(file, res.body as never);
    }
    if (!files.length) return;

    const shell = answers.get("falco-website__blog-response-engine-fission__terminal-shell-in-container.json");
    if (shell) {
      expect(await eventById(shell.id)).toMatchObject({
        clusterId: cluster.id,
        clusterName: cluster.name,
        uuid: null,
        time: "2021-07-21T10:36:32.750Z",
        priority: "notice",
        rule: "Terminal shell in container",
        source: null,
        hostname: null,
        namespace: "default",
        pod: "alpine",
        container: "cbd3133ccac6",
        image: "alpine",
        process: "sh",
        commandLine: "sh -c uptime",
        user: "root",
        tags: [],
        anomaly: true,
        silenced: false,
        outputFields: {
          // Nanoseconds beyond 2^53 keep every digit.
          "evt.time": "1626863792750441241",
          "proc.tty": 34816,
          "user.loginuid": -1,
          "k8s.ns.name": "default",
        },
      });
    }
    const exec = answers.get("falco-website__blog-k8saudit-eks__attach-exec-pod.json");
    if (exec) {
      expect(await eventById(exec.id)).toMatchObject({
        priority: "notice",
        rule: "Attach/Exec Pod",
        source: "k8s_audit",
        hostname: "falco-k8saudit-eks-96d7f6f99-vwjgc",
        namespace: "default",
        pod: "kubecon",
        image: null,
        container: null,
        user: "kubernetes-admin",
        tags: ["k8s"],
      });
    }
    const serviceAccount = answers.get("falco-website__blog-k8saudit-eks__k8s-serviceaccount-created.json");
    if (serviceAccount) {
      expect(await eventById(serviceAccount.id)).toMatchObject({
        priority: "informational",
        namespace: "default",
        pod: null,
        user: "system:node:ip-192-168-34-135.ec2.internal",
      });
    }
    const disallowed = answers.get("falco-website__blog-ovh-mks-audit__disallowed-k8s-user.json");
    if (disallowed) {
      expect(await eventById(disallowed.id)).toMatchObject({ priority: "warning", namespace: null, pod: null });
    }
  });
});

describe("events built in falcosidekick's format", () => {
  it("of the syscall source are stored with every field, key in ?key=", async () => {
    const payload = syscallEvent({ at: new Date("2026-03-04T05:06:07.891Z"), priority: "Critical" });
    const res = await postFalco(t.url, createPath(cluster.id), payload, { key });
    expect(res.status).toBe(201);
    const event = await eventById(res.body.id as string);
    expect(event).toMatchObject({
      uuid: payload.uuid,
      time: "2026-03-04T05:06:07.891Z",
      priority: "critical",
      rule: "Terminal shell in container",
      source: "syscall",
      hostname: "ip-10-0-1-17.ec2.internal",
      namespace: "payments",
      pod: "checkout-7d9f8b6c5d-x2x4q",
      container: "checkout",
      image: "ghcr.io/acme/checkout:1.4.2",
      process: "sh",
      commandLine: "sh -c uptime",
      user: "root",
      tags: ["container", "mitre_execution", "shell", "T1059"],
      silenced: false,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      outputFields: { "evt.time": "1772600767891123456", "proc.tty": 34816, "user.loginuid": -1 },
    });
    expect(new Date(event.receivedAt as string).getTime()).toBeGreaterThan(0);
  });

  it("of the k8s_audit source are stored, on /api/falco/events with X-API-Key", async () => {
    const res = await postFalco(t.url, "/api/falco/events", k8sAuditEvent({ namespace: "hello-app" }), {
      key,
      keyIn: "x-api-key",
    });
    expect(res.status).toBe(201);
    expect(await eventById(res.body.id as string)).toMatchObject({
      clusterId: cluster.id,
      source: "k8s_audit",
      namespace: "hello-app",
      pod: "nginx-676b6c5bbc-4xc6t",
      user: "kubernetes-admin",
      image: null,
    });
  });

  it("with only the required fields are stored, key as a Bearer token", async () => {
    const res = await postFalco(
      t.url,
      createPath(cluster.id),
      { rule: "Minimal rule", priority: "debug", time: "2026-03-04T05:06:07Z", output: "minimal" },
      { key, keyIn: "bearer" },
    );
    expect(res.status).toBe(201);
    expect(await eventById(res.body.id as string)).toMatchObject({
      uuid: null,
      source: null,
      hostname: null,
      namespace: null,
      pod: null,
      container: null,
      image: null,
      process: null,
      commandLine: null,
      user: null,
      tags: [],
      outputFields: {},
      priority: "debug",
    });
  });

  it("accept priorities in any case and times with nanoseconds or offsets", async () => {
    for (const [priority, expected] of [
      ["warning", "warning"],
      ["WARNING", "warning"],
      ["Informational", "informational"],
      ["EmErGeNcY", "emergency"],
    ] as const) {
      const res = await postFalco(t.url, createPath(cluster.id), syscallEvent({ priority }), { key });
      expect(res.status).toBe(201);
      expect((await eventById(res.body.id as string)).priority).toBe(expected);
    }
    const offset = await postFalco(
      t.url,
      createPath(cluster.id),
      { ...syscallEvent(), time: "2026-03-04T07:06:07.999999999+02:00" },
      { key },
    );
    expect((await eventById(offset.body.id as string)).time).toBe("2026-03-04T05:06:07.999Z");
  });

  it("are not audited (ingest is telemetry, counted in metrics)", async () => {
    const before = await prisma().auditEntry.count();
    expect((await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key })).status).toBe(201);
    expect(await prisma().auditEntry.count()).toBe(before);
  });
});

describe("refused requests", () => {
  const valid = () => toJson(syscallEvent());

  it.each([
    {
      name: "invalid JSON",
      request: () => ({ path: createPath(cluster.id), body: "{not json", key }),
      status: 400,
      error: /^The request body is not valid JSON \(/,
    },
    {
      name: "a JSON array",
      request: () => ({ path: createPath(cluster.id), body: "[]", key }),
      status: 400,
      error: "The body must be one Falco event as a JSON object, not a list",
    },
    {
      name: "an empty body",
      request: () => ({ path: createPath(cluster.id), body: "", key }),
      status: 400,
      error: "The request body is empty: send one Falco event as a JSON object",
    },
    {
      name: "a missing rule",
      request: () => ({
        path: createPath(cluster.id),
        body: JSON.stringify({ ...syscallEvent(), rule: undefined }),
        key,
      }),
      status: 400,
      error: "rule is missing",
    },
    {
      name: "a missing output",
      request: () => ({
        path: createPath(cluster.id),
        body: JSON.stringify({ ...syscallEvent(), output: undefined }),
        key,
      }),
      status: 400,
      error: "output is missing",
    },
    {
      name: "a missing time",
      request: () => ({
        path: createPath(cluster.id),
        body: JSON.stringify({ ...syscallEvent(), time: undefined }),
        key,
      }),
      status: 400,
      error: "time is missing",
    },
    {
      name: "a time that is not a date",
      request: () => ({
        path: createPath(cluster.id),
        body: JSON.stringify({ ...syscallEvent(), time: "last tuesday" }),
        key,
      }),
      status: 400,
      error: 'time "last tuesday" is not an RFC 3339 date and time',
    },
    {
      name: "a wrong-typed priority",
      request: () => ({ path: createPath(cluster.id), body: JSON.stringify({ ...syscallEvent(), priority: 5 }), key }),
      status: 400,
      error: "priority must be a string, not a number",
    },
    {
      name: "an unknown priority",
      request: () => ({
        path: createPath(cluster.id),
        body: JSON.stringify({ ...syscallEvent(), priority: "Severe" }),
        key,
      }),
      status: 400,
      error:
        'priority "Severe" is not a Falco priority (emergency, alert, critical, error, warning, notice, informational, debug)',
    },
    {
      name: "a wrong content type",
      request: () => ({ path: createPath(cluster.id), body: valid(), key, contentType: "text/plain" }),
      status: 415,
      error: "Send the event as JSON with Content-Type: application/json",
    },
    {
      name: "no content type",
      request: () => ({ path: createPath(cluster.id), body: valid(), key, contentType: null }),
      status: 415,
      error: "Send the event as JSON with Content-Type: application/json",
    },
    {
      name: "an unknown cluster",
      request: () => ({ path: createPath(randomUUID()), body: valid(), key: unboundKey }),
      status: 404,
      error: /^No cluster has the id "[0-9a-f-]{36}"$/,
    },
    {
      name: "a malformed cluster id",
      request: () => ({ path: createPath("not-a-cluster"), body: valid(), key: unboundKey }),
      status: 404,
      error: 'No cluster has the id "not-a-cluster"',
    },
    {
      name: "no key",
      request: () => ({ path: createPath(cluster.id), body: valid() }),
      status: 401,
      error:
        "An API key is required: add ?key=<key> to the URL, or send Authorization: Bearer <key> or X-API-Key: <key>",
    },
    {
      name: "a wrong key",
      request: () => ({ path: createPath(cluster.id), body: valid(), key: "bwk_not-a-real-key" }),
      status: 401,
      error: "The API key is not valid",
    },
    {
      name: "a key bound to another cluster",
      request: () => ({ path: createPath(other.id), body: valid(), key }),
      status: 403,
      error: "This API key is bound to another cluster",
    },
    {
      name: "an unbound key on /api/falco/events",
      request: () => ({ path: "/api/falco/events", body: valid(), key: unboundKey }),
      status: 400,
      error:
        "This API key is not bound to a cluster: post to /api/falco/<cluster id>/create, or use a key bound to the cluster",
    },
    {
      name: "an oversized body",
      request: () => ({
        path: createPath(cluster.id),
        body: toJson({ ...syscallEvent(), output: "x".repeat(1024 * 1024) }),
        key,
      }),
      status: 413,
      error: "The request body is larger than 1048576 bytes (1 MiB)",
    },
  ])("$name: $status, nothing stored", async ({ request, status, error }) => {
    const before = await stored();
    const {
      path: target,
      body,
      key: secret,
      contentType,
    } = request() as {
      path: string;
      body: string;
      key?: string;
      contentType?: string | null;
    };
    const res = await postFalco(t.url, target, body, {
      ...(secret ? { key: secret } : {}),
      ...(contentType !== undefined ? { contentType } : {}),
    });
    expect(res.status).toBe(status);
    expect(Object.keys(res.body)).toEqual(["error"]);
    if (typeof error === "string") expect(res.body.error).toBe(error);
    else expect(res.body.error).toMatch(error);
    expect(await stored()).toEqual(before);
  });

  it("a revoked key: 401, nothing stored", async () => {
    const revoked = await build.apiKey(root, ["falco_ingest"], { clusterId: cluster.id });
    await root.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: revoked.id });
    const before = await stored();
    const res = await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key: revoked.secret });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/^The API key "key-\d+" was revoked$/);
    expect(await stored()).toEqual(before);
  });

  it("a key revoked after it was used is refused from its next event, though ingest caches look-ups", async () => {
    const used = await build.apiKey(root, ["falco_ingest"], { clusterId: cluster.id });
    const first = await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key: used.secret });
    expect(first.status).toBe(201);
    await root.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: used.id });
    const before = await stored();
    const res = await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key: used.secret });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/^The API key "key-\d+" was revoked$/);
    expect(await stored()).toEqual(before);
    // And again, now from a fresh look-up.
    const again = await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key: used.secret });
    expect(again.status).toBe(401);
  });

  it("an expired key: 401, nothing stored", async () => {
    const expired = await build.apiKey(root, ["falco_ingest"], { clusterId: cluster.id });
    await prisma().apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await stored();
    const res = await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key: expired.secret });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/^The API key "key-\d+" has expired$/);
    expect(await stored()).toEqual(before);
  });

  it("a key without the falco_ingest scope: 403, nothing stored", async () => {
    const reader = await build.apiKey(root, ["read"], { clusterId: cluster.id });
    const before = await stored();
    const res = await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key: reader.secret });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe(
      "This API key cannot send Falco events: it needs the falco_ingest scope (key scopes: read)",
    );
    expect(await stored()).toEqual(before);
  });

  it("a signed-in session without a key: 401 (ingest takes API keys only)", async () => {
    const res = await fetch(new URL(createPath(cluster.id), t.url), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: root.cookie! },
      body: toJson(syscallEvent()),
    });
    expect(res.status).toBe(401);
  });
});

describe("what the cluster keeps", () => {
  const setMinimum = (minimumPriority: string) =>
    root.ok(
      `mutation($c: ID!, $p: FalcoPriority!) { updateFalcoSettings(clusterId: $c, input: { minimumPriority: $p }) { minimumPriority } }`,
      { c: cluster.id, p: minimumPriority },
    );

  it("drops events below the minimum priority with a reason, and keeps the others", async () => {
    await setMinimum("warning");
    try {
      const before = await stored();
      const low = await postFalco(t.url, createPath(cluster.id), syscallEvent({ priority: "Notice" }), { key });
      expect(low).toEqual({
        status: 200,
        body: { stored: false, reason: "below the cluster's minimum priority warning" },
      });
      expect(await stored()).toEqual(before);
      expect(
        (await postFalco(t.url, createPath(cluster.id), syscallEvent({ priority: "Warning" }), { key })).status,
      ).toBe(201);
      expect(
        (await postFalco(t.url, createPath(cluster.id), syscallEvent({ priority: "Error" }), { key })).status,
      ).toBe(201);
    } finally {
      await setMinimum("debug");
    }
  });

  it("drops events an ignore rule matches, with the rule's name", async () => {
    const { createFalcoRule } = await root.ok<{ createFalcoRule: { id: string } }>(
      `mutation { createFalcoRule(input: { name: "Exec in hello-app", action: ignore, rulePattern: "attach/exec*", namespaces: ["hello-app"] }) { id } }`,
    );
    try {
      const before = await stored();
      const dropped = await postFalco(t.url, createPath(cluster.id), k8sAuditEvent({ namespace: "hello-app" }), {
        key,
      });
      expect(dropped).toEqual({
        status: 200,
        body: { stored: false, reason: 'dropped by the ignore rule "Exec in hello-app"' },
      });
      expect(await stored()).toEqual(before);
      // Another namespace is not covered.
      expect(
        (await postFalco(t.url, createPath(cluster.id), k8sAuditEvent({ namespace: "web" }), { key })).status,
      ).toBe(201);
    } finally {
      await root.ok(`mutation($id: ID!) { deleteFalcoRule(id: $id) { id } }`, { id: createFalcoRule.id });
    }
  });

  it("stores but silences events a silence rule matches; ignore wins over silence", async () => {
    const { createFalcoRule: silence } = await root.ok<{ createFalcoRule: { id: string } }>(
      `mutation($c: ID!) { createFalcoRule(input: { name: "Acme images", action: silence, imagePattern: "GHCR.io/acme/*", clusterIds: [$c] }) { id } }`,
      { c: cluster.id },
    );
    try {
      const silenced = await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key });
      expect(silenced.status).toBe(201);
      expect(silenced.body).toMatchObject({ stored: true, silenced: true });
      expect((await eventById(silenced.body.id as string)).silenced).toBe(true);
      // An event without an image is not matched by an image pattern.
      const bare = await postFalco(t.url, createPath(cluster.id), syscallEvent({ repository: null, tag: null }), {
        key,
      });
      expect(bare.body).toMatchObject({ stored: true, silenced: false });

      const { createFalcoRule: ignore } = await root.ok<{ createFalcoRule: { id: string } }>(
        `mutation { createFalcoRule(input: { name: "Drop checkout", action: ignore, imagePattern: "*checkout*" }) { id } }`,
      );
      try {
        const res = await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key });
        expect(res.body).toEqual({ stored: false, reason: 'dropped by the ignore rule "Drop checkout"' });
      } finally {
        await root.ok(`mutation($id: ID!) { deleteFalcoRule(id: $id) { id } }`, { id: ignore.id });
      }
    } finally {
      await root.ok(`mutation($id: ID!) { deleteFalcoRule(id: $id) { id } }`, { id: silence.id });
    }
  });

  it("silences the agent's and the system's namespaces with the built-in rule", async () => {
    const { falcoRules } = await root.ok<{ falcoRules: Array<Record<string, any>> }>(
      `{ falcoRules { id name action namespaces clusterIds builtIn active createdBy rulePattern imagePattern endsAt } }`,
    );
    const builtIn = falcoRules[0]!;
    expect(builtIn).toMatchObject({
      name: "Agent and system namespaces",
      action: "silence",
      namespaces: ["bulwark", "kube-system"],
      clusterIds: [],
      builtIn: true,
      active: true,
      rulePattern: null,
      imagePattern: null,
      endsAt: null,
    });
    for (const namespace of ["kube-system", "bulwark"]) {
      const res = await postFalco(t.url, createPath(cluster.id), syscallEvent({ namespace }), { key });
      expect(res.body, namespace).toMatchObject({ stored: true, silenced: true });
    }

    // It can be edited, not deleted.
    const error = await root.fails(`mutation($id: ID!) { deleteFalcoRule(id: $id) { id } }`, { id: builtIn.id });
    expect(error).toMatchObject({
      message:
        '"Agent and system namespaces" is built in and cannot be deleted; edit it instead (for example, set an end date)',
      extensions: { code: "BAD_USER_INPUT" },
    });
    const edited = await root.ok<{ updateFalcoRule: Record<string, unknown> }>(
      `mutation($id: ID!) { updateFalcoRule(id: $id, input: { name: "Agent and system namespaces", action: silence, namespaces: ["bulwark", "kube-system", "falco"] }) { namespaces builtIn } }`,
      { id: builtIn.id },
    );
    expect(edited.updateFalcoRule).toEqual({ namespaces: ["bulwark", "kube-system", "falco"], builtIn: true });
    const falco = await postFalco(t.url, createPath(cluster.id), syscallEvent({ namespace: "falco" }), { key });
    expect(falco.body).toMatchObject({ silenced: true });
    await root.ok(
      `mutation($id: ID!) { updateFalcoRule(id: $id, input: { name: "Agent and system namespaces", action: silence, namespaces: ["bulwark", "kube-system"] }) { id } }`,
      { id: builtIn.id },
    );
  });
});

describe("concurrent posts", () => {
  it("200 at once are all acknowledged and each stored exactly once", async () => {
    const uuids = Array.from({ length: 200 }, () => randomUUID());
    const answers = await Promise.all(
      uuids.map((uuid, i) =>
        postFalco(t.url, createPath(cluster.id), syscallEvent({ uuid, namespace: `burst-${i % 7}` }), { key }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(uuids.map(() => 201));
    const ids = answers.map((a) => a.body.id as string);
    expect(new Set(ids).size).toBe(200);
    const rows = await prisma().falcoEvent.groupBy({
      by: ["uuid"],
      where: { uuid: { in: uuids } },
      _count: { _all: true },
    });
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r._count._all === 1)).toBe(true);
    expect(await prisma().falcoEvent.count({ where: { id: { in: ids } } })).toBe(200);
    // Seven namespaces never seen before: seven new signatures, each with exactly one anomaly.
    expect(answers.filter((a) => a.body.anomaly === true)).toHaveLength(7);
  });
});

describe("request bodies and answers", () => {
  it("read a gzip- or deflate-compressed body, and refuse an unknown Content-Encoding with 415", async () => {
    const gz = await postFalco(t.url, createPath(cluster.id), gzipSync(toJson(syscallEvent({ namespace: "zipped" }))), {
      key,
      headers: { "content-encoding": "gzip" },
    });
    expect(gz.status).toBe(201);
    expect((await eventById(gz.body.id as string)).namespace).toBe("zipped");
    const deflated = await postFalco(t.url, createPath(cluster.id), deflateSync(toJson(syscallEvent())), {
      key,
      headers: { "content-encoding": "deflate" },
    });
    expect(deflated.status).toBe(201);

    const before = await stored();
    const unknown = await postFalco(t.url, createPath(cluster.id), toJson(syscallEvent()), {
      key,
      headers: { "content-encoding": "x-pack" },
    });
    expect(unknown).toMatchObject({
      status: 415,
      body: { error: "The request body's Content-Encoding is not supported (use gzip, deflate or none)" },
    });
    expect(await stored()).toEqual(before);
  });

  it("carry the security headers every response of the api carries", async () => {
    const page = await fetch(`${t.url}/healthz`);
    for (const answer of [
      await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key }),
      await postFalco(t.url, createPath(cluster.id), "{", { key }),
    ]) {
      for (const name of ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"]) {
        expect(answer.headers.get(name), name).toBe(page.headers.get(name));
        expect(answer.headers.get(name), name).toBeTruthy();
      }
      expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(answer.headers.get("x-powered-by")).toBeNull();
    }
  });
});

describe("an event whose cluster is deleted while it waits for its batch", () => {
  it("is not stored and is answered as an unknown cluster; the rest of its batch is stored", async () => {
    const doomed = await build.cluster(root);
    const keyId = (await prisma().apiKey.findFirstOrThrow({ where: { clusterId: cluster.id } })).id;
    const ingest = t.app.services.falcoIngest;
    await prisma().cluster.delete({ where: { id: doomed.id } });
    const before = await stored();
    const [kept, gone] = await Promise.all([
      ingest.ingest(cluster, keyId, parseFalcoPayload(syscallEvent({ namespace: "survivor" }))),
      ingest.ingest(doomed, keyId, parseFalcoPayload(syscallEvent({ namespace: "survivor" }))),
    ]);
    expect(kept).toMatchObject({ kind: "stored" });
    expect(gone).toEqual({ kind: "cluster_gone" });
    expect((await stored()).events).toBe(before.events + 1);
  });
});

describe("look-ups under load", () => {
  it("are shared by the requests that arrive together for a key and a cluster not yet looked up", async () => {
    const fresh = await build.cluster(root);
    const freshKey = (await build.apiKey(root, ["falco_ingest"], { clusterId: fresh.id })).secret;
    const repository = t.app.services.falcoIngest.repository;
    const findCluster = repository.findCluster.bind(repository);
    // The auth service's own repository (private to it).
    const keys = (t.app.services.auth as unknown as { apiKeys: ApiKeysRepository }).apiKeys;
    const findByHash = keys.findByHash.bind(keys);
    let clusterLookUps = 0;
    let keyLookUps = 0;
    // Slow look-ups, so that the requests arrive while they are under way.
    const slowly = <T>(answer: Promise<T>) => new Promise<T>((resolve) => setTimeout(() => resolve(answer), 100));
    repository.findCluster = (...args) => {
      clusterLookUps++;
      return slowly(findCluster(...args));
    };
    keys.findByHash = (...args) => {
      keyLookUps++;
      return slowly(findByHash(...args));
    };
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, () => postFalco(t.url, createPath(fresh.id), syscallEvent(), { key: freshKey })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 40 }, () => 201));
      expect(keyLookUps).toBe(1);
      expect(clusterLookUps).toBe(1);
    } finally {
      repository.findCluster = findCluster;
      keys.findByHash = findByHash;
    }
  });
});

describe("a batch that cannot be written", () => {
  it("answers 503 to each of its requests, stores nothing of it, and the next batch works", async () => {
    const repository = t.app.services.falcoIngest.repository;
    const insertEvents = repository.insertEvents.bind(repository);
    let failures = 0;
    repository.insertEvents = async (...args) => {
      if (failures++ === 0) throw new Error("connection lost");
      return insertEvents(...args);
    };
    try {
      const before = await stored();
      const answers = await Promise.all(
        [1, 2, 3].map(() => postFalco(t.url, createPath(cluster.id), syscallEvent({ namespace: "doomed" }), { key })),
      );
      const failed = answers.filter((a) => a.status === 503);
      expect(failed.length).toBeGreaterThan(0);
      for (const answer of failed) {
        expect(answer.body).toEqual({ error: "The event could not be stored right now; send it again" });
      }
      // Requests that fell into a later batch were stored; the failed batch left nothing behind.
      const ok = answers.filter((a) => a.status === 201);
      expect(ok.length + failed.length).toBe(3);
      expect(await stored()).toEqual({
        events: before.events + ok.length,
        signatures: before.signatures + (ok.length ? 1 : 0),
      });
      expect((await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key })).status).toBe(201);
    } finally {
      repository.insertEvents = insertEvents;
    }
  });
});

describe("metrics", () => {
  it("count ingest by outcome and never show the key", async () => {
    await postFalco(t.url, createPath(cluster.id), syscallEvent(), { key });
    await postFalco(t.url, createPath(cluster.id), "{", { key });
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toMatch(/bulwark_falco_events_total\{outcome="stored"\} \d+/);
    expect(text).toMatch(/bulwark_falco_events_total\{outcome="rejected"\} \d+/);
    expect(text).toMatch(/bulwark_falco_events_total\{outcome="failed"\} \d+/);
    expect(text).toMatch(/bulwark_falco_ingest_batch_size_count \d+/);
    expect(text).toContain('route="/api/falco/:clusterId/create"');
    expect(text).not.toContain(key);
    expect(text).not.toContain(cluster.id);
  });
});

describe("the live feed", () => {
  function subscribe(filter: Record<string, unknown> | null, count: number) {
    const client = createClient({
      url: `ws://127.0.0.1:${t.port}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie: root.cookie! } });
        }
      },
      retryAttempts: 0,
      lazy: true,
    });
    const received: Array<Record<string, any>> = [];
    let ready: () => void = () => {};
    const connected = new Promise<void>((resolve) => (ready = resolve));
    client.on("connected", () => setTimeout(ready, 150));
    const done = new Promise<Array<Record<string, any>>>((resolve, reject) => {
      client.subscribe(
        {
          query: `subscription($f: FalcoEventFilter) { falcoEventAdded(filter: $f) { ${FALCO_EVENT_FIELDS} } }`,
          variables: { f: filter },
        },
        {
          next: (value) => {
            if (value.errors) reject(new Error(JSON.stringify(value.errors)));
            received.push(value.data!.falcoEventAdded as Record<string, any>);
            if (received.length >= count) resolve(received);
          },
          error: reject,
          complete: () => resolve(received),
        },
      );
    });
    return { client, connected, done, received };
  }

  it("delivers stored events, only those matching the filter", async () => {
    const all = subscribe(null, 2);
    const filtered = subscribe({ clusterId: cluster.id, namespace: "live-matching", minPriority: "warning" }, 1);
    await Promise.all([all.connected, filtered.connected]);
    try {
      const ignored = await postFalco(t.url, createPath(cluster.id), syscallEvent({ namespace: "live-other" }), {
        key,
      });
      const matching = await postFalco(
        t.url,
        createPath(cluster.id),
        syscallEvent({ namespace: "live-matching", priority: "Critical" }),
        { key },
      );
      const [event] = await filtered.done;
      expect(event).toMatchObject({
        id: matching.body.id,
        clusterId: cluster.id,
        clusterName: cluster.name,
        namespace: "live-matching",
        priority: "critical",
        image: "ghcr.io/acme/checkout:1.4.2",
        outputFields: { "proc.tty": 34816 },
      });
      expect((await all.done).map((e) => e.id as string)).toEqual([ignored.body.id, matching.body.id]);
      expect(filtered.received.map((e) => e.id as string)).toEqual([matching.body.id]);
    } finally {
      await all.client.dispose();
      await filtered.client.dispose();
    }
  });
});
