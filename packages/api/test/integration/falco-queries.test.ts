import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type GraphQLClient, startTestApp, type TestApp } from "../harness.js";
import { FALCO_EVENT_FIELDS, postFalco, syscallEvent } from "../falco.js";

/** Reading Falco events (filters, pages, charts, CSV), rules and settings; what a cluster-bound key sees. */
const NOW = new Date("2026-05-20T15:30:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offset: number) => new Date(NOW.getTime() - offset);

let t: TestApp;
let root: GraphQLClient;
let a: { id: string; name: string; key: string };
let b: { id: string; name: string; key: string };
/** A read key bound to cluster b. */
let bReader: GraphQLClient;

type Seeded = { id: string; anomaly: boolean; label: string };
const seeded: Seeded[] = [];

async function send(cluster: { id: string; key: string }, label: string, payload: Record<string, unknown>) {
  const res = await postFalco(t.url, `/api/falco/${cluster.id}/create`, payload, { key: cluster.key });
  if (res.status !== 201) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
  const row = { id: res.body.id as string, anomaly: res.body.anomaly as boolean, label };
  seeded.push(row);
  return row;
}
const idOf = (label: string) => seeded.find((s) => s.label === label)!.id;

type Page = {
  falcoEvents: { nodes: Array<Record<string, string>>; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
};
const LIST = `query($f: FalcoEventFilter, $first: Int!, $after: String) {
  falcoEvents(filter: $f, first: $first, after: $after) { nodes { id time priority namespace pod image rule clusterName anomaly signature cursor } pageInfo { endCursor hasNextPage } }
}`;
const list = (client: GraphQLClient, f: Record<string, unknown> | null, first = 100, after: string | null = null) =>
  client.ok<Page>(LIST, { f, first, after }).then((d) => d.falcoEvents);
/** Descending, as PostgreSQL orders uuids. */
const desc = (x: string, y: string) => (x < y ? 1 : x > y ? -1 : 0);
const labels = async (f: Record<string, unknown>, client = root) => {
  const byId = new Map(seeded.map((s) => [s.id, s.label]));
  return (await list(client, f)).nodes.map((n) => byId.get(n.id!) ?? n.id!);
};

beforeAll(async () => {
  t = await startTestApp({}, undefined, { clock: () => NOW });
  root = await t.root();
  const clusterA = await build.cluster(root);
  const clusterB = await build.cluster(root);
  a = { ...clusterA, key: (await build.apiKey(root, ["falco_ingest"], { clusterId: clusterA.id })).secret };
  b = { ...clusterB, key: (await build.apiKey(root, ["falco_ingest"], { clusterId: clusterB.id })).secret };
  bReader = t.client().withApiKey((await build.apiKey(root, ["read"], { clusterId: clusterB.id })).secret);

  // Cluster a, newest first: a-now, a-1h-x and a-1h-y (one time), a-2h, a-3h, a-1d, a-13d, a-20d.
  await send(a, "a-20d", syscallEvent({ at: at(20 * DAY), priority: "Notice" }));
  await send(a, "a-13d", syscallEvent({ at: at(13 * DAY), priority: "Notice" }));
  await send(a, "a-1d", syscallEvent({ at: at(DAY), priority: "Warning" }));
  await send(a, "a-3h", syscallEvent({ at: at(3 * HOUR), priority: "Informational", rule: "100 percent suspicious" }));
  await send(a, "a-2h", syscallEvent({ at: at(2 * HOUR), priority: "Error", rule: "Write below etc", pod: "api-1" }));
  await send(
    a,
    "a-1h-x",
    syscallEvent({ at: at(HOUR), priority: "Critical", namespace: "web", repository: "nginx", tag: "1.25" }),
  );
  await send(a, "a-1h-y", syscallEvent({ at: at(HOUR), priority: "Debug", namespace: "web", pod: "Web-Frontend-2" }));
  await send(a, "a-now", syscallEvent({ at: NOW, priority: "Emergency" }));
  await send(b, "b-1h", syscallEvent({ at: at(HOUR), priority: "Alert", namespace: "batch" }));
});
afterAll(() => t?.close());

describe("falcoEvents", () => {
  it("lists newest first, ties broken by id, across clusters", async () => {
    const nodes = (await list(root, null)).nodes;
    const ours = nodes.filter((n) => seeded.some((s) => s.id === n.id));
    expect(ours).toHaveLength(seeded.length);
    for (let i = 1; i < nodes.length; i++) {
      const [prev, next] = [nodes[i - 1]!, nodes[i]!];
      const order = desc(prev.time as string, next.time as string) || desc(prev.id as string, next.id as string);
      expect(order, `${prev.id} before ${next.id}`).toBe(-1);
    }
    expect(nodes.find((n) => n.id === idOf("b-1h"))).toMatchObject({ clusterName: b.name, priority: "alert" });
  });

  it("pages with a cursor, every event once", async () => {
    const all = (await list(root, { clusterId: a.id })).nodes.map((n) => n.id);
    expect(all).toHaveLength(8);
    const paged: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await list(root, { clusterId: a.id }, 2, after);
      paged.push(...page.nodes.map((n) => n.id as string));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(paged).toEqual(all);
    // Each event's own cursor continues the list right after it (a live list trimmed at any row).
    const full = (await list(root, { clusterId: a.id })).nodes;
    for (const [i, event] of full.entries()) {
      const rest = await list(root, { clusterId: a.id }, 100, event.cursor);
      expect(rest.nodes.map((n) => n.id)).toEqual(all.slice(i + 1));
    }
    const end = await list(root, { clusterId: a.id }, 8);
    expect(end.pageInfo).toEqual({ endCursor: expect.any(String), hasNextPage: false });
    expect(await list(root, { clusterId: "00000000-0000-4000-8000-000000000000" })).toEqual({
      nodes: [],
      pageInfo: { endCursor: null, hasNextPage: false },
    });
  });

  it("filters by time, priority, rule, namespace, pod, image, anomaly and signature", async () => {
    const only = (f: Record<string, unknown>) => labels({ clusterId: a.id, ...f });
    expect(await only({ since: at(HOUR).toISOString() })).toEqual([
      "a-now",
      ...["a-1h-x", "a-1h-y"].sort((x, y) => desc(idOf(x), idOf(y))),
    ]);
    expect(await only({ since: at(2 * HOUR).toISOString(), until: at(HOUR).toISOString() })).toEqual(["a-2h"]);
    expect(await only({ minPriority: "critical" })).toEqual(["a-now", "a-1h-x"]);
    expect(await only({ minPriority: "error", rule: "BELOW" })).toEqual(["a-2h"]);
    // Pattern characters in a filter are literal.
    expect(await only({ rule: "100 percent" })).toEqual(["a-3h"]);
    expect(await only({ rule: "100%" })).toEqual([]);
    expect(await only({ rule: "_" })).toEqual([]);
    expect(await only({ namespace: "web" })).toHaveLength(2);
    expect(await only({ namespace: "we" })).toEqual([]);
    expect(await only({ pod: "web-frontend" })).toEqual(["a-1h-y"]);
    expect(await only({ image: "NGINX:1" })).toEqual(["a-1h-x"]);
    const anomalies = await only({ anomalyOnly: true });
    expect(anomalies.sort()).toEqual(
      seeded
        .filter((s) => s.anomaly && s.label.startsWith("a-"))
        .map((s) => s.label)
        .sort(),
    );
    expect(anomalies).toContain("a-20d");
    expect(anomalies).not.toContain("a-now");
    const { signature } = (await list(root, { clusterId: a.id })).nodes.find((n) => n.id === idOf("a-1d"))!;
    expect(await only({ signature })).toEqual(["a-now", "a-1d", "a-13d", "a-20d"]);
  });

  it("refuse bad arguments clearly", async () => {
    for (const [variables, message] of [
      [{ f: null, first: 0 }, "first must be between 1 and 500"],
      [{ f: null, first: 501 }, "first must be between 1 and 500"],
      [{ f: null, first: 5, after: "not-a-cursor" }, "after is not a valid cursor"],
      [{ f: { clusterId: "nope" }, first: 5 }, "clusterId must be a cluster id"],
      [{ f: { rule: "r".repeat(513) }, first: 5 }, "rule must be at most 512 characters"],
    ] as const) {
      expect(await root.fails(LIST, variables)).toMatchObject({ message, extensions: { code: "BAD_USER_INPUT" } });
    }
  });
});

describe("one event", () => {
  it("is found by id, or not found", async () => {
    const { falcoEvent } = await root.ok<{ falcoEvent: Record<string, any> }>(
      `query($id: ID!) { falcoEvent(id: $id) { ${FALCO_EVENT_FIELDS} } }`,
      { id: idOf("a-1h-x") },
    );
    expect(falcoEvent).toMatchObject({
      clusterId: a.id,
      image: "nginx:1.25",
      namespace: "web",
      receivedAt: NOW.toISOString(),
    });
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      expect(await root.fails(`query($id: ID!) { falcoEvent(id: $id) { id } }`, { id })).toMatchObject({
        message: "Falco event was not found",
        extensions: { code: "NOT_FOUND" },
      });
    }
  });

  it("has related events (same signature, newest first, not itself)", async () => {
    const related = async (id: string, first?: number) =>
      (
        await root.ok<{ falcoRelatedEvents: Array<{ id: string }> }>(
          `query($id: ID!, $first: Int!) { falcoRelatedEvents(id: $id, first: $first) { id } }`,
          { id, first: first ?? 20 },
        )
      ).falcoRelatedEvents.map((e) => seeded.find((s) => s.id === e.id)?.label);
    expect(await related(idOf("a-1d"))).toEqual(["a-now", "a-13d", "a-20d"]);
    expect(await related(idOf("a-3h"))).toEqual([]);
    expect(await related(idOf("a-1d"), 1)).toEqual(["a-now"]);
    expect(await related(idOf("a-2h"))).toEqual([]);
  });

  it("has a 14-day chart of its signature, zero-filled, oldest first", async () => {
    const { signature } = (await list(root, { clusterId: a.id })).nodes.find((n) => n.id === idOf("a-1d"))!;
    const { falcoSignatureDays } = await root.ok<{ falcoSignatureDays: Array<{ day: string; count: number }> }>(
      `query($s: String!) { falcoSignatureDays(signature: $s) { day count } }`,
      { s: signature },
    );
    expect(falcoSignatureDays).toHaveLength(14);
    expect(falcoSignatureDays[0]).toEqual({ day: "2026-05-07", count: 1 });
    expect(falcoSignatureDays[12]).toEqual({ day: "2026-05-19", count: 1 });
    expect(falcoSignatureDays[13]).toEqual({ day: "2026-05-20", count: 1 });
    expect(falcoSignatureDays.reduce((sum, d) => sum + d.count, 0)).toBe(3);
    const three = await root.ok<{ falcoSignatureDays: Array<{ day: string; count: number }> }>(
      `query($s: String!) { falcoSignatureDays(signature: $s, days: 3) { day count } }`,
      { s: signature },
    );
    expect(three.falcoSignatureDays).toEqual([
      { day: "2026-05-18", count: 0 },
      { day: "2026-05-19", count: 1 },
      { day: "2026-05-20", count: 1 },
    ]);
    expect(await root.fails(`{ falcoSignatureDays(signature: "x", days: 3) { day } }`)).toMatchObject({
      message: "signature must be a sha256 hex digest",
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(
      await root.fails(`query($s: String!) { falcoSignatureDays(signature: $s, days: 0) { day } }`, { s: signature }),
    ).toMatchObject({
      message: "days must be between 1 and 366",
    });
  });
});

describe("the priority timeline", () => {
  it("counts per priority per hour or day, zero counts omitted", async () => {
    const timeline = async (since: Date, bucketMinutes: number, until?: Date) =>
      (
        await root.ok<{ falcoPriorityTimeline: Array<{ bucketStart: string; priority: string; count: number }> }>(
          `query($c: ID!, $s: DateTimeISO!, $u: DateTimeISO, $b: Int!) { falcoPriorityTimeline(clusterId: $c, since: $s, until: $u, bucketMinutes: $b) { bucketStart priority count } }`,
          { c: a.id, s: since.toISOString(), u: until?.toISOString() ?? null, b: bucketMinutes },
        )
      ).falcoPriorityTimeline;
    // until defaults to now, which excludes an event at exactly now.
    expect(await timeline(at(3 * HOUR), 60)).toEqual([
      { bucketStart: "2026-05-20T12:00:00.000Z", priority: "informational", count: 1 },
      { bucketStart: "2026-05-20T13:00:00.000Z", priority: "error", count: 1 },
      { bucketStart: "2026-05-20T14:00:00.000Z", priority: "critical", count: 1 },
      { bucketStart: "2026-05-20T14:00:00.000Z", priority: "debug", count: 1 },
    ]);
    expect(await timeline(at(14 * DAY), 24 * 60, new Date(NOW.getTime() + 1))).toEqual([
      { bucketStart: "2026-05-07T00:00:00.000Z", priority: "notice", count: 1 },
      { bucketStart: "2026-05-19T00:00:00.000Z", priority: "warning", count: 1 },
      { bucketStart: "2026-05-20T00:00:00.000Z", priority: "emergency", count: 1 },
      { bucketStart: "2026-05-20T00:00:00.000Z", priority: "critical", count: 1 },
      { bucketStart: "2026-05-20T00:00:00.000Z", priority: "error", count: 1 },
      { bucketStart: "2026-05-20T00:00:00.000Z", priority: "informational", count: 1 },
      { bucketStart: "2026-05-20T00:00:00.000Z", priority: "debug", count: 1 },
    ]);
    const error = await root.fails(
      `query($c: ID!, $s: DateTimeISO!) { falcoPriorityTimeline(clusterId: $c, since: $s) { count } }`,
      { c: a.id, s: new Date(NOW.getTime() + HOUR).toISOString() },
    );
    expect(error).toMatchObject({ message: "since must be before until", extensions: { code: "BAD_USER_INPUT" } });
    expect(
      await root.fails(
        `query($c: ID!, $s: DateTimeISO!) { falcoPriorityTimeline(clusterId: $c, since: $s, bucketMinutes: 0) { count } }`,
        { c: a.id, s: at(HOUR).toISOString() },
      ),
    ).toMatchObject({ message: "bucketMinutes must be between 1 and 43200 (30 days)" });
  });
});

describe("CSV", () => {
  it("exports the filtered events with a header", async () => {
    const { falcoEventsCsv } = await root.ok<{ falcoEventsCsv: string }>(
      `query($f: FalcoEventFilter) { falcoEventsCsv(filter: $f) }`,
      { f: { clusterId: a.id, namespace: "web" } },
    );
    const lines = falcoEventsCsv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "time,cluster,priority,rule,namespace,pod,container,image,process,command line,user,hostname,source,tags,anomaly,silenced,output,signature,id",
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`2026-05-20T14:30:00.000Z,${a.name},`);
    expect(lines.some((l) => l.includes(",nginx:1.25,") && l.includes(idOf("a-1h-x")))).toBe(true);
  });
});

describe("a cluster-bound read key", () => {
  it("sees only its cluster's events, charts and settings", async () => {
    expect((await list(bReader, null)).nodes.map((n) => n.id)).toEqual([idOf("b-1h")]);
    expect((await list(bReader, { clusterId: a.id })).nodes).toEqual([]);
    expect(await bReader.fails(`query($id: ID!) { falcoEvent(id: $id) { id } }`, { id: idOf("a-now") })).toMatchObject({
      extensions: { code: "NOT_FOUND" },
    });
    expect(
      await bReader.fails(`query($c: ID!) { falcoSettings(clusterId: $c) { clusterId } }`, { c: a.id }),
    ).toMatchObject({
      message: "Cluster was not found",
      extensions: { code: "NOT_FOUND" },
    });
    expect(
      await bReader.fails(
        `query($c: ID!, $s: DateTimeISO!) { falcoPriorityTimeline(clusterId: $c, since: $s) { count } }`,
        { c: a.id, s: at(DAY).toISOString() },
      ),
    ).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    const { signature } = (await list(root, { clusterId: a.id })).nodes.find((n) => n.id === idOf("a-1d"))!;
    const days = await bReader.ok<{ falcoSignatureDays: Array<{ count: number }> }>(
      `query($s: String!) { falcoSignatureDays(signature: $s) { count } }`,
      { s: signature },
    );
    expect(days.falcoSignatureDays.every((d) => d.count === 0)).toBe(true);
    const csv = await bReader.ok<{ falcoEventsCsv: string }>(`{ falcoEventsCsv }`);
    expect(csv.falcoEventsCsv.trimEnd().split("\r\n")).toHaveLength(2);
    expect(
      (
        await bReader.ok<{ falcoSettings: { clusterId: string } }>(
          `query($c: ID!) { falcoSettings(clusterId: $c) { clusterId } }`,
          { c: b.id },
        )
      ).falcoSettings.clusterId,
    ).toBe(b.id);
  });

  it("is sent only its cluster's new events", async () => {
    const client = createClient({
      url: `ws://127.0.0.1:${t.port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${bReader.apiKey}` },
      retryAttempts: 0,
      lazy: true,
    });
    try {
      let ready: () => void = () => {};
      const connected = new Promise<void>((resolve) => (ready = resolve));
      client.on("connected", () => setTimeout(ready, 150));
      const received = new Promise<Record<string, any>>((resolve, reject) => {
        client.subscribe(
          { query: `subscription { falcoEventAdded { id clusterId cursor } }` },
          {
            next: (value) =>
              value.errors
                ? reject(new Error(JSON.stringify(value.errors)))
                : resolve(value.data!.falcoEventAdded as Record<string, any>),
            error: reject,
            complete: () => undefined,
          },
        );
      });
      await connected;
      await send(a, "a-live", syscallEvent({ at: NOW }));
      const bEvent = await send(b, "b-live", syscallEvent({ at: NOW }));
      const listed = (await list(root, { clusterId: b.id })).nodes.find((n) => n.id === bEvent.id);
      expect(await received).toEqual({ id: bEvent.id, clusterId: b.id, cursor: listed?.cursor });
    } finally {
      await client.dispose();
    }
  });
});

describe("rules", () => {
  const RULE_FIELDS = `id name action rulePattern imagePattern namespaces clusterIds endsAt builtIn active createdBy createdAt updatedAt`;

  it("are created, replaced and deleted, each audited", async () => {
    const { createFalcoRule: created } = await root.ok<{ createFalcoRule: Record<string, any> }>(
      `mutation($i: FalcoRuleInput!) { createFalcoRule(input: $i) { ${RULE_FIELDS} } }`,
      {
        i: {
          name: "  Package managers  ",
          action: "silence",
          rulePattern: "Launch Package Management*",
          imagePattern: "docker.io/library/*",
          namespaces: ["build", "build", "ci"],
          clusterIds: [a.id],
          endsAt: new Date(NOW.getTime() + DAY).toISOString(),
        },
      },
    );
    expect(created).toMatchObject({
      name: "Package managers",
      action: "silence",
      rulePattern: "Launch Package Management*",
      imagePattern: "docker.io/library/*",
      namespaces: ["build", "ci"],
      clusterIds: [a.id],
      endsAt: new Date(NOW.getTime() + DAY).toISOString(),
      builtIn: false,
      active: true,
      createdBy: "root@example.com",
    });

    const { updateFalcoRule: updated } = await root.ok<{ updateFalcoRule: Record<string, any> }>(
      `mutation($id: ID!) { updateFalcoRule(id: $id, input: { name: "Package managers", action: ignore, rulePattern: "Launch*" }) { ${RULE_FIELDS} } }`,
      { id: created.id },
    );
    expect(updated).toMatchObject({
      action: "ignore",
      rulePattern: "Launch*",
      imagePattern: null,
      namespaces: [],
      clusterIds: [],
      endsAt: null,
    });

    const { deleteFalcoRule } = await root.ok<{ deleteFalcoRule: { id: string } }>(
      `mutation($id: ID!) { deleteFalcoRule(id: $id) { id } }`,
      { id: created.id },
    );
    expect(deleteFalcoRule.id).toBe(created.id);
    const audit = await t.app.services.db.prisma.auditEntry.findMany({
      where: { entityType: "falco_rule", entityId: created.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual(["falco_rule.create", "falco_rule.update", "falco_rule.delete"]);
    expect(audit[1]).toMatchObject({
      actorLabel: "root@example.com",
      before: { action: "silence", namespaces: ["build", "ci"] },
      after: { action: "ignore", namespaces: [] },
    });
  });

  it("refuse invalid input clearly", async () => {
    await root.ok(`mutation { createFalcoRule(input: { name: "Taken", action: ignore, rulePattern: "x" }) { id } }`);
    for (const [input, message, code] of [
      [
        { name: "Empty", action: "ignore" },
        "Give the rule at least one of rulePattern, imagePattern, namespaces or clusterIds (a rule without any would match every event)",
        "BAD_USER_INPUT",
      ],
      [{ name: "  ", action: "ignore", rulePattern: "x" }, "name must not be empty", "BAD_USER_INPUT"],
      [{ name: "Taken", action: "silence", rulePattern: "y" }, 'A Falco rule named "Taken" already exists', "CONFLICT"],
      [
        { name: "Ns", action: "ignore", namespaces: ["Not A Namespace"] },
        "namespaces.0 must be Kubernetes namespace names",
        "BAD_USER_INPUT",
      ],
      [
        { name: "Cl", action: "ignore", clusterIds: ["00000000-0000-4000-8000-000000000000"] },
        "clusterIds: no cluster has the id 00000000-0000-4000-8000-000000000000",
        "BAD_USER_INPUT",
      ],
      [{ name: "Cl2", action: "ignore", clusterIds: ["nope"] }, "clusterIds.0 must be cluster ids", "BAD_USER_INPUT"],
    ] as const) {
      expect(
        await root.fails(`mutation($i: FalcoRuleInput!) { createFalcoRule(input: $i) { id } }`, { i: input }),
        JSON.stringify(input),
      ).toMatchObject({ message, extensions: { code } });
    }
    expect(
      await root.fails(
        `mutation { updateFalcoRule(id: "00000000-0000-4000-8000-000000000000", input: { name: "x", action: ignore, rulePattern: "x" }) { id } }`,
      ),
    ).toMatchObject({ message: "Falco rule was not found", extensions: { code: "NOT_FOUND" } });
    expect(await root.fails(`mutation { deleteFalcoRule(id: "nope") { id } }`)).toMatchObject({
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("settings", () => {
  const FIELDS = `clusterId minimumPriority retentionDays anomalyWindowDays notifyAnomalies notifyMinPriority recipients addresses summary lastSummaryAt`;

  it("start with the defaults and change field by field, audited", async () => {
    const cluster = await build.cluster(root);
    const defaults = await root.ok<{ falcoSettings: Record<string, unknown> }>(
      `query($c: ID!) { falcoSettings(clusterId: $c) { ${FIELDS} } }`,
      { c: cluster.id },
    );
    expect(defaults.falcoSettings).toEqual({
      clusterId: cluster.id,
      minimumPriority: "debug",
      retentionDays: 30,
      anomalyWindowDays: 7,
      notifyAnomalies: false,
      notifyMinPriority: "error",
      recipients: "all_admins",
      addresses: [],
      summary: "none",
      lastSummaryAt: null,
    });
    expect(await t.app.services.db.prisma.falcoSettings.count({ where: { clusterId: cluster.id } })).toBe(0);

    const { updateFalcoSettings } = await root.ok<{ updateFalcoSettings: Record<string, unknown> }>(
      `mutation($c: ID!) { updateFalcoSettings(clusterId: $c, input: { retentionDays: 90, recipients: addresses, addresses: ["Sec@Example.com", "sec@example.com"] }) { ${FIELDS} } }`,
      { c: cluster.id },
    );
    expect(updateFalcoSettings).toMatchObject({
      retentionDays: 90,
      recipients: "addresses",
      addresses: ["sec@example.com"],
      minimumPriority: "debug",
    });
    const { updateFalcoSettings: again } = await root.ok<{ updateFalcoSettings: Record<string, unknown> }>(
      `mutation($c: ID!) { updateFalcoSettings(clusterId: $c, input: { summary: weekly }) { ${FIELDS} } }`,
      { c: cluster.id },
    );
    expect(again).toMatchObject({ retentionDays: 90, summary: "weekly", addresses: ["sec@example.com"] });
    const audit = await t.app.services.db.prisma.auditEntry.findMany({
      where: { action: "falco_settings.update", entityId: cluster.id },
      orderBy: { id: "asc" },
    });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ before: { retentionDays: 30 }, after: { retentionDays: 90 } });
  });

  it("refuse values out of range and unknown clusters", async () => {
    const cluster = await build.cluster(root);
    for (const [input, message] of [
      [{ retentionDays: 0 }, "retentionDays must be at least 1"],
      [{ retentionDays: 3651 }, "retentionDays must be at most 3650"],
      [{ anomalyWindowDays: 366 }, "anomalyWindowDays must be at most 365"],
      [{ addresses: ["not an address"] }, "addresses.0 must be email addresses"],
    ] as const) {
      expect(
        await root.fails(
          `mutation($c: ID!, $i: FalcoSettingsInput!) { updateFalcoSettings(clusterId: $c, input: $i) { clusterId } }`,
          { c: cluster.id, i: input },
        ),
      ).toMatchObject({ message, extensions: { code: "BAD_USER_INPUT" } });
    }
    for (const c of ["00000000-0000-4000-8000-000000000000", "nope"]) {
      expect(await root.fails(`query($c: ID!) { falcoSettings(clusterId: $c) { clusterId } }`, { c })).toMatchObject({
        message: "Cluster was not found",
        extensions: { code: "NOT_FOUND" },
      });
    }
  });
});
