import type { Db, SqlTransaction } from "../../db/database.js";
import {
  type FalcoEvent,
  type FalcoRule,
  type FalcoSettings,
  type FalcoSignature,
  Prisma,
} from "../../generated/prisma/client.js";
import type { FalcoFilter } from "./falco-filter.js";
import { type FalcoPriorityName, prioritiesAtOrAbove } from "./falco-priority.js";

export type FalcoEventRow = Omit<FalcoEvent, "outputFields"> & { outputFields: unknown; clusterName: string };

export type NewFalcoEventRow = Omit<FalcoEvent, "outputFields"> & { outputFields: Record<string, unknown> };

export type SignatureRow = {
  signature: string;
  clusterId: string;
  rule: string;
  namespace: string | null;
  image: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  lastNotifiedAt: Date | null;
};

export type SignatureUpdate = Pick<SignatureRow, "signature" | "firstSeenAt" | "lastSeenAt" | "lastNotifiedAt">;

/** The record `jsonb_to_recordset` reads for a signature (column names as in the statement). */
const signatureRecord = (r: SignatureRow) => ({
  signature: r.signature,
  cluster_id: r.clusterId,
  rule: r.rule,
  namespace: r.namespace,
  image: r.image,
  first_seen_at: r.firstSeenAt,
  last_seen_at: r.lastSeenAt,
  last_notified_at: r.lastNotifiedAt,
});

const signatureUpdateRecord = (r: SignatureUpdate) => ({
  signature: r.signature,
  first_seen_at: r.firstSeenAt,
  last_seen_at: r.lastSeenAt,
  last_notified_at: r.lastNotifiedAt,
});

export type SummaryData = {
  byPriority: Array<{ priority: FalcoPriorityName; count: number }>;
  silenced: number;
  topRules: Array<{ rule: string; count: number }>;
  topWorkloads: Array<{ namespace: string | null; pod: string | null; count: number }>;
  anomalies: Array<{
    id: string;
    time: Date;
    priority: FalcoPriorityName;
    rule: string;
    namespace: string | null;
    pod: string | null;
    image: string | null;
  }>;
  anomalyCount: number;
};

export type FalcoCursor = { time: Date; id: string };

const EVENT_COLUMNS = Prisma.sql`
  e.id, e.cluster_id AS "clusterId", c.name AS "clusterName", e.uuid, e.time, e.received_at AS "receivedAt",
  e.priority::text AS priority, e.rule, e.source, e.output, e.hostname, e.namespace, e.pod, e.container, e.image,
  e.process, e.command_line AS "commandLine", e.user_name AS "user", coalesce(e.tags, ARRAY[]::text[]) AS tags,
  e.signature, e.anomaly, e.silenced, e.output_fields AS "outputFields"`;

/** `%part%` for ILIKE, with the pattern characters of `part` escaped. */
const likeContains = (part: string) => `%${part.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function filterConditions(filter: FalcoFilter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.clusterIds) conditions.push(Prisma.sql`e.cluster_id = ANY(${filter.clusterIds}::uuid[])`);
  if (filter.since) conditions.push(Prisma.sql`e.time >= ${filter.since}`);
  if (filter.until) conditions.push(Prisma.sql`e.time < ${filter.until}`);
  if (filter.minPriority) {
    conditions.push(
      Prisma.sql`e.priority = ANY(${prioritiesAtOrAbove(filter.minPriority)}::text[]::"FalcoPriority"[])`,
    );
  }
  if (filter.rule) conditions.push(Prisma.sql`e.rule ILIKE ${likeContains(filter.rule)}`);
  if (filter.namespace) conditions.push(Prisma.sql`e.namespace = ${filter.namespace}`);
  if (filter.pod) conditions.push(Prisma.sql`e.pod ILIKE ${likeContains(filter.pod)}`);
  if (filter.image) conditions.push(Prisma.sql`e.image ILIKE ${likeContains(filter.image)}`);
  if (filter.anomalyOnly) conditions.push(Prisma.sql`e.anomaly`);
  if (filter.signature) conditions.push(Prisma.sql`e.signature = ${filter.signature}`);
  return conditions;
}

const where = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

/** The only place Falco data is read or written. */
export class FalcoRepository {
  findCluster(db: Db, id: string): Promise<{ id: string; name: string } | null> {
    return db.cluster.findUnique({ where: { id }, select: { id: true, name: true } });
  }

  clusters(db: Db): Promise<Array<{ id: string; name: string }>> {
    return db.cluster.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  }

  // ─── Ingest ───────────────────────────────────────────────────────────────

  /**
   * The keys that still exist, with what decides whether they may still be used. This and the other
   * statements of an ingest batch run as SQL (`Database.sqlTransaction`): one batch is a handful of
   * statements carrying hundreds of rows, where the Prisma client's own work per statement shows.
   */
  apiKeyStates(
    sql: SqlTransaction,
    ids: string[],
  ): Promise<Array<{ id: string; name: string; revokedAt: Date | null; expiresAt: Date | null; userActive: boolean }>> {
    return sql.query(
      `SELECT k.id::text AS id, k.name, k.revoked_at AS "revokedAt", k.expires_at AS "expiresAt", u.active AS "userActive"
       FROM api_keys k JOIN users u ON u.id = k.user_id
       WHERE k.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Rules that have not ended. */
  activeRules(db: Db, now: Date): Promise<FalcoRule[]> {
    return db.falcoRule.findMany({
      where: { OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
      orderBy: [{ builtIn: "desc" }, { name: "asc" }],
    });
  }

  settingsFor(db: Db, clusterIds: string[]): Promise<FalcoSettings[]> {
    return db.falcoSettings.findMany({ where: { clusterId: { in: clusterIds } } });
  }

  /**
   * Creates the signatures that do not exist yet; returns the ones this statement created. A
   * concurrent transaction creating the same signature makes this one wait for it, then skip it.
   * Rows of clusters deleted meanwhile are skipped. The rows travel as one jsonb parameter.
   */
  async insertNewSignatures(sql: SqlTransaction, rows: SignatureRow[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const created = await sql.query<{ signature: string }>(
      `INSERT INTO falco_signatures (signature, cluster_id, rule, namespace, image, first_seen_at, last_seen_at, last_notified_at)
       SELECT u.signature, u.cluster_id, u.rule, u.namespace, u.image, u.first_seen_at, u.last_seen_at, u.last_notified_at
       FROM jsonb_to_recordset($1::jsonb)
         AS u(signature text, cluster_id uuid, rule text, namespace text, image text, first_seen_at timestamptz,
              last_seen_at timestamptz, last_notified_at timestamptz)
       JOIN clusters c ON c.id = u.cluster_id
       ORDER BY u.signature
       ON CONFLICT (signature) DO NOTHING
       RETURNING signature`,
      [JSON.stringify(rows.map(signatureRecord))],
    );
    return new Set(created.map((r) => r.signature));
  }

  /** Existing signatures, locked until the transaction ends (in one order, so batches never deadlock). */
  lockSignatures(sql: SqlTransaction, signatures: string[]): Promise<Map<string, SignatureRow>> {
    return this.signatures(sql, signatures, true);
  }

  /** Existing signatures as they stand, not locked. */
  readSignatures(sql: SqlTransaction, signatures: string[]): Promise<Map<string, SignatureRow>> {
    return this.signatures(sql, signatures, false);
  }

  private async signatures(
    sql: SqlTransaction,
    signatures: string[],
    lock: boolean,
  ): Promise<Map<string, SignatureRow>> {
    if (!signatures.length) return new Map();
    const rows = await sql.query<SignatureRow>(
      `SELECT signature, cluster_id::text AS "clusterId", rule, namespace, image, first_seen_at AS "firstSeenAt",
              last_seen_at AS "lastSeenAt", last_notified_at AS "lastNotifiedAt"
       FROM falco_signatures WHERE signature = ANY($1::text[])
       ORDER BY signature${lock ? " FOR UPDATE" : ""}`,
      [signatures],
    );
    return new Map(rows.map((r) => [r.signature, r]));
  }

  /**
   * One statement for the whole batch: inserts the events and applies `signatures` (the batch's
   * signature updates, whose rows it holds locked), merged with the stored ones: the earliest first
   * sighting, the latest last sighting and last notification. Returns the ids stored (events of deleted
   * clusters are skipped). The rows travel as one jsonb parameter each; only a count comes back.
   */
  async insertEvents(
    sql: SqlTransaction,
    rows: NewFalcoEventRow[],
    signatures: SignatureUpdate[] = [],
  ): Promise<Set<string>> {
    if (!rows.length && !signatures.length) return new Set();
    const count = await sql.execute(
      `WITH updated AS (
         UPDATE falco_signatures s
         SET first_seen_at = LEAST(s.first_seen_at, u.first_seen_at), last_seen_at = GREATEST(s.last_seen_at, u.last_seen_at),
             last_notified_at = GREATEST(s.last_notified_at, u.last_notified_at)
         FROM jsonb_to_recordset($1::jsonb)
           AS u(signature text, first_seen_at timestamptz, last_seen_at timestamptz, last_notified_at timestamptz)
         WHERE s.signature = u.signature
       )
       INSERT INTO falco_events (id, cluster_id, uuid, time, received_at, priority, rule, source, output, hostname,
         namespace, pod, container, image, process, command_line, user_name, tags, signature, anomaly, silenced, output_fields)
       SELECT u.id, u."clusterId", u.uuid, u.time, u."receivedAt", u.priority::text::"FalcoPriority", u.rule, u.source,
         u.output, u.hostname, u.namespace, u.pod, u.container, u.image, u.process, u."commandLine", u."user",
         ARRAY(SELECT jsonb_array_elements_text(u.tags)), u.signature, u.anomaly, u.silenced, u."outputFields"
       FROM jsonb_to_recordset($2::jsonb)
         AS u(id uuid, "clusterId" uuid, uuid text, time timestamptz, "receivedAt" timestamptz, priority text, rule text,
              source text, output text, hostname text, namespace text, pod text, container text, image text,
              process text, "commandLine" text, "user" text, tags jsonb, signature text, anomaly boolean,
              silenced boolean, "outputFields" jsonb)
       JOIN clusters c ON c.id = u."clusterId"`,
      // The rows as they are: the record's columns are named as their fields.
      [JSON.stringify(signatures.map(signatureUpdateRecord)), JSON.stringify(rows)],
    );
    if (count === rows.length) return new Set(rows.map((r) => r.id));
    // Some cluster was deleted: its events were skipped (a deletion still under way waits for this
    // transaction, which holds its cluster rows, so the clusters read here are those inserted for).
    const clusterIds = [...new Set(rows.map((r) => r.clusterId))];
    const existing = await sql.query<{ id: string }>(`SELECT id::text AS id FROM clusters WHERE id = ANY($1::uuid[])`, [
      clusterIds,
    ]);
    const clusters = new Set(existing.map((c) => c.id));
    return new Set(rows.filter((r) => clusters.has(r.clusterId)).map((r) => r.id));
  }

  // ─── Reading events ───────────────────────────────────────────────────────

  /** Newest first (time desc, id desc), after the cursor. */
  listEvents(db: Db, filter: FalcoFilter, take: number, after: FalcoCursor | null): Promise<FalcoEventRow[]> {
    const conditions = filterConditions(filter);
    if (after) conditions.push(Prisma.sql`(e.time, e.id) < (${after.time}, ${after.id}::uuid)`);
    return db.$queryRaw<FalcoEventRow[]>`
      SELECT ${EVENT_COLUMNS}
      FROM falco_events e JOIN clusters c ON c.id = e.cluster_id
      ${where(conditions)}
      ORDER BY e.time DESC, e.id DESC
      LIMIT ${take}`;
  }

  async findEvent(db: Db, id: string): Promise<FalcoEventRow | null> {
    const rows = await db.$queryRaw<FalcoEventRow[]>`
      SELECT ${EVENT_COLUMNS} FROM falco_events e JOIN clusters c ON c.id = e.cluster_id WHERE e.id = ${id}::uuid`;
    return rows[0] ?? null;
  }

  relatedEvents(db: Db, signature: string, exceptId: string, take: number): Promise<FalcoEventRow[]> {
    return db.$queryRaw<FalcoEventRow[]>`
      SELECT ${EVENT_COLUMNS}
      FROM falco_events e JOIN clusters c ON c.id = e.cluster_id
      WHERE e.signature = ${signature} AND e.id <> ${exceptId}::uuid
      ORDER BY e.time DESC, e.id DESC
      LIMIT ${take}`;
  }

  /** Events per UTC day ("YYYY-MM-DD") in [from, to). */
  async signatureDays(
    db: Db,
    signature: string,
    from: Date,
    to: Date,
    clusterIds: string[] | undefined,
  ): Promise<Map<string, number>> {
    const rows = await db.$queryRaw<Array<{ day: string; count: number }>>`
      SELECT to_char(e.time AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS count
      FROM falco_events e
      WHERE e.signature = ${signature} AND e.time >= ${from} AND e.time < ${to}
        ${clusterIds ? Prisma.sql`AND e.cluster_id = ANY(${clusterIds}::uuid[])` : Prisma.empty}
      GROUP BY 1`;
    return new Map(rows.map((r) => [r.day, Number(r.count)]));
  }

  /** Counts per priority per bucket of `bucketSeconds` (aligned to the Unix epoch); zero counts omitted. */
  async priorityTimeline(
    db: Db,
    clusterId: string,
    since: Date,
    until: Date,
    bucketSeconds: number,
  ): Promise<Array<{ bucketStart: Date; priority: FalcoPriorityName; count: number }>> {
    const rows = await db.$queryRaw<Array<{ bucketStart: Date; priority: FalcoPriorityName; count: number }>>`
      SELECT to_timestamp((floor(extract(epoch FROM e.time) / ${bucketSeconds}::int) * ${bucketSeconds}::int)::double precision) AS "bucketStart",
             e.priority::text AS priority, count(*)::int AS count
      FROM falco_events e
      WHERE e.cluster_id = ${clusterId}::uuid AND e.time >= ${since} AND e.time < ${until}
      GROUP BY 1, e.priority
      ORDER BY 1, e.priority`;
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  // ─── Rules ────────────────────────────────────────────────────────────────

  listRules(db: Db): Promise<FalcoRule[]> {
    return db.falcoRule.findMany({ orderBy: [{ builtIn: "desc" }, { name: "asc" }] });
  }

  findRule(db: Db, id: string): Promise<FalcoRule | null> {
    return db.falcoRule.findUnique({ where: { id } });
  }

  findRuleByName(db: Db, name: string): Promise<FalcoRule | null> {
    return db.falcoRule.findUnique({ where: { name } });
  }

  createRule(db: Db, data: Prisma.FalcoRuleUncheckedCreateInput): Promise<FalcoRule> {
    return db.falcoRule.create({ data });
  }

  updateRule(db: Db, id: string, data: Prisma.FalcoRuleUncheckedUpdateInput): Promise<FalcoRule> {
    return db.falcoRule.update({ where: { id }, data });
  }

  deleteRule(db: Db, id: string): Promise<FalcoRule> {
    return db.falcoRule.delete({ where: { id } });
  }

  async existingClusterIds(db: Db, ids: string[]): Promise<Set<string>> {
    const rows = await db.cluster.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }

  // ─── Settings ─────────────────────────────────────────────────────────────

  findSettings(db: Db, clusterId: string): Promise<FalcoSettings | null> {
    return db.falcoSettings.findUnique({ where: { clusterId } });
  }

  upsertSettings(
    db: Db,
    clusterId: string,
    data: Omit<Prisma.FalcoSettingsUncheckedCreateInput, "clusterId">,
  ): Promise<FalcoSettings> {
    return db.falcoSettings.upsert({ where: { clusterId }, create: { clusterId, ...data }, update: data });
  }

  /** The cluster's settings row, locked (summaries: one sender even when a lease runs out mid-run). */
  async lockSettings(db: Db, clusterId: string): Promise<FalcoSettings | null> {
    const rows = await db.$queryRaw<Array<{ clusterId: string }>>`
      SELECT cluster_id AS "clusterId" FROM falco_settings WHERE cluster_id = ${clusterId}::uuid FOR UPDATE`;
    return rows.length ? this.findSettings(db, clusterId) : null;
  }

  /** Clusters that asked for a summary. */
  summarySubscribers(db: Db): Promise<Array<FalcoSettings & { cluster: { name: string } }>> {
    return db.falcoSettings.findMany({
      where: { summary: { not: "none" } },
      include: { cluster: { select: { name: true } } },
      orderBy: { clusterId: "asc" },
    });
  }

  setLastSummaryAt(db: Db, clusterId: string, at: Date): Promise<unknown> {
    return db.falcoSettings.update({ where: { clusterId }, data: { lastSummaryAt: at } });
  }

  async summary(db: Db, clusterId: string, from: Date, to: Date): Promise<SummaryData> {
    const range = Prisma.sql`e.cluster_id = ${clusterId}::uuid AND e.time >= ${from} AND e.time < ${to}`;
    const byPriority = await db.$queryRaw<Array<{ priority: FalcoPriorityName; count: number }>>`
      SELECT e.priority::text AS priority, count(*)::int AS count FROM falco_events e WHERE ${range}
      GROUP BY e.priority ORDER BY e.priority`;
    const [silenced] = await db.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count FROM falco_events e WHERE ${range} AND e.silenced`;
    const topRules = await db.$queryRaw<Array<{ rule: string; count: number }>>`
      SELECT e.rule, count(*)::int AS count FROM falco_events e WHERE ${range}
      GROUP BY e.rule ORDER BY count(*) DESC, e.rule LIMIT 10`;
    const topWorkloads = await db.$queryRaw<Array<{ namespace: string | null; pod: string | null; count: number }>>`
      SELECT e.namespace, e.pod, count(*)::int AS count FROM falco_events e WHERE ${range}
      GROUP BY e.namespace, e.pod ORDER BY count(*) DESC, e.namespace NULLS LAST, e.pod NULLS LAST LIMIT 10`;
    const anomalies = await db.$queryRaw<SummaryData["anomalies"]>`
      SELECT e.id, e.time, e.priority::text AS priority, e.rule, e.namespace, e.pod, e.image
      FROM falco_events e WHERE ${range} AND e.anomaly AND NOT e.silenced
      ORDER BY e.time, e.id LIMIT 20`;
    const [anomalyCount] = await db.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count FROM falco_events e WHERE ${range} AND e.anomaly AND NOT e.silenced`;
    return {
      byPriority: byPriority.map((r) => ({ ...r, count: Number(r.count) })),
      silenced: Number(silenced?.count ?? 0),
      topRules: topRules.map((r) => ({ ...r, count: Number(r.count) })),
      topWorkloads: topWorkloads.map((r) => ({ ...r, count: Number(r.count) })),
      anomalies,
      anomalyCount: Number(anomalyCount?.count ?? 0),
    };
  }

  // ─── Retention ────────────────────────────────────────────────────────────

  /** Every cluster with its retention settings (null = the defaults). */
  retentionSettings(
    db: Db,
  ): Promise<Array<{ id: string; retentionDays: number | null; anomalyWindowDays: number | null }>> {
    return db.$queryRaw`
      SELECT c.id, s.retention_days AS "retentionDays", s.anomaly_window_days AS "anomalyWindowDays"
      FROM clusters c LEFT JOIN falco_settings s ON s.cluster_id = c.id
      ORDER BY c.id`;
  }

  /** Deletes up to `limit` of the cluster's events older than `before`; returns how many. */
  deleteEventsBefore(db: Db, clusterId: string, before: Date, limit: number): Promise<number> {
    return db.$executeRaw`
      DELETE FROM falco_events WHERE id IN (
        SELECT id FROM falco_events WHERE cluster_id = ${clusterId}::uuid AND time < ${before} LIMIT ${limit})`;
  }

  deleteSignaturesBefore(db: Db, clusterId: string, before: Date): Promise<number> {
    return db.$executeRaw`
      DELETE FROM falco_signatures WHERE cluster_id = ${clusterId}::uuid AND last_seen_at < ${before}`;
  }
}

export type { FalcoRule, FalcoSettings, FalcoSignature };
