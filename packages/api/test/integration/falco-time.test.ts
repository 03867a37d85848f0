import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type GraphQLClient, startTestApp, type TestApp } from "../harness.js";
import { startMailSink } from "../mail-sink.js";
import { postFalco, syscallEvent } from "../falco.js";

/** Anomalies, notifications, summaries, rule end dates and retention, under a clock the test moves. */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let now = new Date("2026-06-01T09:00:00.000Z");
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};
const ago = (ms: number) => new Date(now.getTime() - ms);

let t: TestApp;
let admin: GraphQLClient;
let sink: Awaited<ReturnType<typeof startMailSink>>;

type Cluster = { id: string; name: string; key: string };
async function falcoCluster(): Promise<Cluster> {
  const cluster = await build.cluster(admin);
  const { secret } = await build.apiKey(admin, ["falco_ingest"], { clusterId: cluster.id });
  return { ...cluster, key: secret };
}
const send = async (cluster: Cluster, payload: Record<string, unknown>) => {
  const res = await postFalco(t.url, `/api/falco/${cluster.id}/create`, payload, { key: cluster.key });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; anomaly: boolean; silenced: boolean };
};
const settings = (cluster: Cluster, input: Record<string, unknown>) =>
  admin.ok(
    `mutation($c: ID!, $i: FalcoSettingsInput!) { updateFalcoSettings(clusterId: $c, input: $i) { clusterId } }`,
    {
      c: cluster.id,
      i: input,
    },
  );
const notifications = (kind: string) =>
  t.app.services.db.prisma.notification.findMany({ where: { kind }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  sink = await startMailSink();
  t = await startTestApp({ BULWARK_SMTP_URL: sink.url }, undefined, { clock: () => now });
  // Sessions end as the clock moves on; administrative calls use an API key instead.
  admin = t.client().withApiKey((await build.apiKey(await t.root(), ["admin"])).secret);
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe("anomalies", () => {
  it("are events whose signature had no event in the anomaly window before them", async () => {
    const cluster = await falcoCluster();
    const at = (offset: number) => syscallEvent({ at: new Date(now.getTime() + offset) });
    expect((await send(cluster, at(0))).anomaly).toBe(true);
    expect((await send(cluster, at(1 * DAY))).anomaly).toBe(false);
    expect((await send(cluster, at(7 * DAY))).anomaly).toBe(false);
    // More than seven days (the default window) after the last one.
    expect((await send(cluster, at(15 * DAY))).anomaly).toBe(true);
    // Another namespace or image is another signature.
    expect(
      (await send(cluster, syscallEvent({ at: new Date(now.getTime() + 15 * DAY), namespace: "web" }))).anomaly,
    ).toBe(true);
    expect((await send(cluster, syscallEvent({ at: new Date(now.getTime() + 15 * DAY), tag: "1.5.0" }))).anomaly).toBe(
      true,
    );

    // A longer window makes the same gap ordinary.
    await settings(cluster, { anomalyWindowDays: 30 });
    expect((await send(cluster, at(35 * DAY))).anomaly).toBe(false);
    expect((await send(cluster, at(70 * DAY))).anomaly).toBe(true);
    // An older event arriving late is not an anomaly: its signature was seen after it.
    expect((await send(cluster, at(2 * DAY))).anomaly).toBe(false);

    const signature = await t.app.services.db.prisma.falcoSignature.findFirstOrThrow({
      where: { clusterId: cluster.id, namespace: "payments", image: "ghcr.io/acme/checkout:1.4.2" },
    });
    expect(signature.firstSeenAt).toEqual(now);
    expect(signature.lastSeenAt).toEqual(new Date(now.getTime() + 70 * DAY));
  });
});

describe("anomaly notifications", () => {
  it("email the administrators once per signature per window, never for silenced or low-priority events", async () => {
    const cluster = await falcoCluster();
    await settings(cluster, { notifyAnomalies: true, notifyMinPriority: "error" });
    const rule = "Launch Package Management Process in Container";
    const anomaly = (priority: string, at: Date, namespace = "payments") =>
      send(cluster, syscallEvent({ rule, priority, at, namespace }));

    // Below notifyMinPriority: an anomaly, not emailed.
    expect((await anomaly("Warning", now, "low")).anomaly).toBe(true);
    // Silenced by the built-in rule: not emailed.
    expect(await anomaly("Critical", now, "kube-system")).toMatchObject({ anomaly: true, silenced: true });
    expect(await notifications("falco.anomaly")).toHaveLength(0);

    // Two anomalies of one signature (events 15 days apart) arriving now: one email.
    const first = await anomaly("Critical", ago(20 * DAY));
    const second = await anomaly("Critical", ago(5 * DAY));
    expect([first.anomaly, second.anomaly]).toEqual([true, true]);
    const mail = await sink.waitFor((m) => m.subject === `Falco anomaly in ${cluster.name}: ${rule} (critical)`);
    expect(mail.to).toEqual(["root@example.com"]);
    expect(mail.text).toContain(`Falco raised an alert in cluster ${cluster.name} that it had not raised there`);
    expect(mail.text).toContain("Namespace:    payments");
    expect(mail.text).toContain("Image:        ghcr.io/acme/checkout:1.4.2");
    expect(mail.text).toContain(`/falco/events/${first.id}`);
    expect(await notifications("falco.anomaly")).toHaveLength(1);

    // After the window, the next anomaly of that signature is emailed again.
    advance(8 * DAY);
    expect((await anomaly("Critical", now)).anomaly).toBe(true);
    expect(await notifications("falco.anomaly")).toHaveLength(2);

    // To the listed addresses instead of the administrators.
    await settings(cluster, { recipients: "addresses", addresses: ["SecOps@Example.com", "oncall@example.com"] });
    await anomaly("Emergency", now, "billing");
    const listed = await sink.waitFor((m) => m.subject.endsWith("(emergency)"));
    expect(listed.to.sort()).toEqual(["oncall@example.com", "secops@example.com"]);

    // Not at all once switched off.
    await settings(cluster, { notifyAnomalies: false });
    expect((await anomaly("Critical", now, "search")).anomaly).toBe(true);
    await t.app.worker.runNow("notifications.send");
    expect(await notifications("falco.anomaly")).toHaveLength(3);
    expect((await notifications("falco.anomaly")).every((n) => n.status === "sent")).toBe(true);
  });

  it("refuse address recipients without an address", async () => {
    const cluster = await falcoCluster();
    const error = await admin.fails(
      `mutation($c: ID!) { updateFalcoSettings(clusterId: $c, input: { notifyAnomalies: true, recipients: addresses }) { clusterId } }`,
      { c: cluster.id },
    );
    expect(error).toMatchObject({
      message: "addresses must list at least one email address when recipients is addresses",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});

describe("rules with an end date", () => {
  it("stop applying once it has passed", async () => {
    const cluster = await falcoCluster();
    const { createFalcoRule } = await admin.ok<{ createFalcoRule: { id: string; active: boolean } }>(
      `mutation($c: ID!, $e: DateTimeISO!) { createFalcoRule(input: { name: "Maintenance window", action: ignore, clusterIds: [$c], endsAt: $e }) { id active } }`,
      { c: cluster.id, e: new Date(now.getTime() + HOUR).toISOString() },
    );
    expect(createFalcoRule.active).toBe(true);
    const dropped = await postFalco(t.url, `/api/falco/${cluster.id}/create`, syscallEvent({ at: now }), {
      key: cluster.key,
    });
    expect(dropped.body).toEqual({ stored: false, reason: 'dropped by the ignore rule "Maintenance window"' });

    advance(2 * HOUR);
    const { falcoRules } = await admin.ok<{ falcoRules: Array<{ id: string; active: boolean }> }>(
      `{ falcoRules { id active } }`,
    );
    expect(falcoRules.find((r) => r.id === createFalcoRule.id)?.active).toBe(false);
    expect(await send(cluster, syscallEvent({ at: now }))).toMatchObject({ silenced: false });

    // An end date in the past is refused for a new rule…
    const error = await admin.fails(
      `mutation($e: DateTimeISO!) { createFalcoRule(input: { name: "Too late", action: ignore, rulePattern: "*", endsAt: $e }) { id } }`,
      { e: ago(HOUR).toISOString() },
    );
    expect(error).toMatchObject({ message: "endsAt must be in the future", extensions: { code: "BAD_USER_INPUT" } });
    // …but an ended rule can still be edited without changing its end.
    const renamed = await admin.ok<{ updateFalcoRule: { name: string } }>(
      `mutation($id: ID!, $c: ID!, $e: DateTimeISO!) { updateFalcoRule(id: $id, input: { name: "Past maintenance", action: ignore, clusterIds: [$c], endsAt: $e }) { name } }`,
      { id: createFalcoRule.id, c: cluster.id, e: ago(HOUR).toISOString() },
    );
    expect(renamed.updateFalcoRule.name).toBe("Past maintenance");
  });
});

describe("summaries", () => {
  it("email a daily summary of the previous UTC day, once", async () => {
    now = new Date("2026-07-01T09:00:00.000Z");
    const cluster = await falcoCluster();
    await settings(cluster, { summary: "daily" });
    const yesterday = new Date("2026-06-30T12:00:00.000Z");
    await send(cluster, syscallEvent({ at: yesterday, priority: "Critical" }));
    await send(cluster, syscallEvent({ at: new Date(yesterday.getTime() + 60_000), priority: "Critical" }));
    await send(cluster, syscallEvent({ at: yesterday, priority: "Warning", rule: "Write below etc", pod: "api-1" }));
    await send(cluster, syscallEvent({ at: yesterday, priority: "Notice", namespace: "kube-system", pod: "dns" }));
    // Today's and the day before's events belong to other summaries.
    await send(cluster, syscallEvent({ at: now, priority: "Emergency" }));
    await send(cluster, syscallEvent({ at: new Date("2026-06-29T23:59:59.000Z"), priority: "Alert" }));

    expect((await t.app.worker.runNow("falco.summaries")).result).toMatchObject({ sent: 1 });
    const mail = await sink.waitFor((m) => m.subject === `Falco daily summary for ${cluster.name}: 2026-06-30`);
    expect(mail.to).toEqual(["root@example.com"]);
    expect(mail.text).toContain("Events: 4 (1 silenced by rules)");
    expect(mail.text).toMatch(/critical\s+2\r?\n\s+warning\s+1\r?\n\s+notice\s+1/);
    expect(mail.text).toMatch(/\s+3 {2}Terminal shell in container\r?\n\s+1 {2}Write below etc/);
    expect(mail.text).toMatch(/\s+2 {2}payments\/checkout-7d9f8b6c5d-x2x4q/);
    expect(mail.text).toContain("kube-system/dns");
    expect(mail.text).toContain("New anomalies: 2");
    expect(mail.text).not.toContain("emergency");
    const stored = await t.app.services.db.prisma.falcoSettings.findUniqueOrThrow({ where: { clusterId: cluster.id } });
    expect(stored.lastSummaryAt).toEqual(now);

    // Not again the same day; the next day covers today, and an empty day still says so.
    expect((await t.app.worker.runNow("falco.summaries")).result).toMatchObject({ sent: 0 });
    advance(DAY);
    expect((await t.app.worker.runNow("falco.summaries")).result).toMatchObject({ sent: 1 });
    const next = await sink.waitFor((m) => m.subject === `Falco daily summary for ${cluster.name}: 2026-07-01`);
    expect(next.text).toContain("Events: 1");
    advance(DAY);
    await t.app.worker.runNow("falco.summaries");
    const empty = await sink.waitFor((m) => m.subject === `Falco daily summary for ${cluster.name}: 2026-07-02`);
    expect(empty.text).toContain("No events: Falco reported nothing in this period.");
    await settings(cluster, { summary: "none" });
  });

  it("email a weekly summary of the previous ISO week to the listed addresses", async () => {
    now = new Date("2026-07-08T06:00:00.000Z"); // a Wednesday
    const cluster = await falcoCluster();
    await settings(cluster, { summary: "weekly", recipients: "addresses", addresses: ["weekly@example.com"] });
    await send(cluster, syscallEvent({ at: new Date("2026-06-29T00:00:00.000Z"), priority: "Error" })); // Monday
    await send(cluster, syscallEvent({ at: new Date("2026-07-05T23:59:59.999Z"), priority: "Error" })); // Sunday
    await send(cluster, syscallEvent({ at: new Date("2026-07-06T00:00:00.000Z"), priority: "Error" })); // this week

    await t.app.worker.runNow("falco.summaries");
    const mail = await sink.waitFor(
      (m) => m.subject === `Falco weekly summary for ${cluster.name}: 2026-06-29 to 2026-07-05`,
    );
    expect(mail.to).toEqual(["weekly@example.com"]);
    expect(mail.text).toContain("Events: 2");
    expect(mail.text).toContain("New anomalies: 1");

    // Nothing more until next week.
    advance(3 * DAY);
    expect((await t.app.worker.runNow("falco.summaries")).result).toMatchObject({ sent: 0 });
    advance(2 * DAY);
    expect((await t.app.worker.runNow("falco.summaries")).result).toMatchObject({ sent: 1 });
    await sink.waitFor((m) => m.subject === `Falco weekly summary for ${cluster.name}: 2026-07-06 to 2026-07-12`);
    await settings(cluster, { summary: "none" });
  });
});

describe("retention", () => {
  it("deletes events older than each cluster's retention, and signatures not seen for long", async () => {
    const short = await falcoCluster();
    const normal = await falcoCluster();
    await settings(short, { retentionDays: 2 });
    const keptShort = await send(short, syscallEvent({ at: ago(1 * DAY) }));
    await send(short, syscallEvent({ at: ago(3 * DAY) }));
    // A signature last seen 8 days ago: beyond max(retention 2, window 7).
    await send(short, syscallEvent({ at: ago(8 * DAY), namespace: "old" }));
    await send(short, syscallEvent({ at: ago(5 * DAY), namespace: "recent" }));
    const keptNormal = await send(normal, syscallEvent({ at: ago(29 * DAY) }));
    await send(normal, syscallEvent({ at: ago(31 * DAY) }));

    const { result } = await t.app.worker.runNow("falco.retention");
    expect(result).toMatchObject({ events: expect.any(Number), signatures: expect.any(Number) });
    const prisma = t.app.services.db.prisma;
    const ids = async (clusterId: string) =>
      (await prisma.falcoEvent.findMany({ where: { clusterId }, select: { id: true } })).map((e) => e.id);
    expect(await ids(short.id)).toEqual([keptShort.id]);
    expect(await ids(normal.id)).toEqual([keptNormal.id]);
    const namespaces = (
      await prisma.falcoSignature.findMany({ where: { clusterId: short.id }, select: { namespace: true } })
    ).map((s) => s.namespace);
    expect(namespaces.sort()).toEqual(["payments", "recent"]);
  });
});

describe("the ingest path's short memory of keys and clusters", () => {
  it("refuses a revoked key once its look-up is no longer reused (10 s)", async () => {
    const cluster = await falcoCluster();
    const { id, secret } = await build.apiKey(admin, ["falco_ingest"], { clusterId: cluster.id });
    expect((await postFalco(t.url, `/api/falco/${cluster.id}/create`, syscallEvent(), { key: secret })).status).toBe(
      201,
    );
    await admin.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id });
    advance(11_000);
    const refused = await postFalco(t.url, `/api/falco/${cluster.id}/create`, syscallEvent(), { key: secret });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatch(/was revoked$/);
  });

  it("stores nothing for a cluster deleted while it was remembered", async () => {
    const cluster = await falcoCluster();
    const unbound = (await build.apiKey(admin, ["falco_ingest"])).secret;
    expect((await postFalco(t.url, `/api/falco/${cluster.id}/create`, syscallEvent(), { key: unbound })).status).toBe(
      201,
    );
    await admin.ok(`mutation($id: ID!) { deleteCluster(id: $id) { id } }`, { id: cluster.id });
    const before = await t.app.services.db.prisma.falcoEvent.count();
    const res = await postFalco(t.url, `/api/falco/${cluster.id}/create`, syscallEvent(), { key: unbound });
    expect(res).toEqual({ status: 404, body: { error: `No cluster has the id "${cluster.id}"` } });
    expect(await t.app.services.db.prisma.falcoEvent.count()).toBe(before);
  });
});
