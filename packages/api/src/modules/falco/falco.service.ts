import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { badInput, conflict, notFound } from "../../common/errors.js";
import { actorLabel, assertCan, type Principal } from "../../common/principal.js";
import { parseInput } from "../../common/validation.js";
import type { Database, Db } from "../../db/database.js";
import type { FalcoRule } from "../../generated/prisma/client.js";
import { eachOf } from "../../pubsub/each-of.js";
import type { BulwarkPubSub, FalcoEventAddedEvent } from "../../pubsub/pubsub.js";
import type { AuditService } from "../audit/audit.service.js";
import { toCsv } from "../images/csv.js";
import { type FalcoCursor, type FalcoEventRow, FalcoRepository } from "./falco.repository.js";
import { type FalcoFilter, matchesFalcoFilter } from "./falco-filter.js";
import { FALCO_PRIORITIES } from "./falco-priority.js";
import { isRuleActive } from "./falco-rules.js";
import { DAY_MS, type FalcoSettingsValues, settingsValues } from "./falco-settings.js";

const PAGE_MAX = 500;
const CSV_MAX_ROWS = 50_000;
const uuid = z.uuid();

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : undefined));

const filterSchema = z.object({
  clusterId: z.uuid("must be a cluster id").nullish(),
  since: z.date().nullish(),
  until: z.date().nullish(),
  minPriority: z.enum(FALCO_PRIORITIES).nullish(),
  rule: text(512),
  namespace: text(253),
  pod: text(253),
  image: text(512),
  anomalyOnly: z.boolean().nullish(),
  signature: text(64),
});

export type FalcoEventFilterInput = z.input<typeof filterSchema> | null | undefined;

const namespaceName = z
  .string()
  .trim()
  .max(63, "must be at most 63 characters")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be Kubernetes namespace names");

const pattern = z
  .string()
  .trim()
  .max(512, "must be at most 512 characters")
  .nullish()
  .transform((v) => (v ? v : null));

const ruleSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  action: z.enum(["ignore", "silence"]),
  rulePattern: pattern,
  imagePattern: pattern,
  namespaces: z
    .array(namespaceName)
    .max(200, "may list at most 200 namespaces")
    .nullish()
    .transform((v) => [...new Set(v ?? [])]),
  clusterIds: z
    .array(z.uuid("must be cluster ids"))
    .max(500, "may list at most 500 clusters")
    .nullish()
    .transform((v) => [...new Set(v ?? [])]),
  endsAt: z.date().nullish(),
});

export type FalcoRuleInput = z.input<typeof ruleSchema>;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be email addresses");

const settingsSchema = z.object({
  minimumPriority: z.enum(FALCO_PRIORITIES).nullish(),
  retentionDays: z.number().int().min(1, "must be at least 1").max(3650, "must be at most 3650").nullish(),
  anomalyWindowDays: z.number().int().min(1, "must be at least 1").max(365, "must be at most 365").nullish(),
  notifyAnomalies: z.boolean().nullish(),
  notifyMinPriority: z.enum(FALCO_PRIORITIES).nullish(),
  recipients: z.enum(["all_admins", "addresses"]).nullish(),
  addresses: z
    .array(email)
    .max(50, "may list at most 50 addresses")
    .nullish()
    .transform((v) => (v ? [...new Set(v)] : v)),
  summary: z.enum(["none", "daily", "weekly"]).nullish(),
});

export type FalcoSettingsInput = z.input<typeof settingsSchema>;

export type FalcoEventPage = { rows: FalcoEventRow[]; endCursor: string | null; hasNextPage: boolean };

const ruleSnapshot = (rule: FalcoRule) => ({
  name: rule.name,
  action: rule.action,
  rulePattern: rule.rulePattern,
  imagePattern: rule.imagePattern,
  namespaces: rule.namespaces,
  clusterIds: rule.clusterIds,
  endsAt: rule.endsAt,
  builtIn: rule.builtIn,
});

const settingsSnapshot = ({ lastSummaryAt: _lastSummaryAt, ...values }: FalcoSettingsValues) => values;

export function encodeCursor(row: { time: Date; id: string }): string {
  return Buffer.from(`${row.time.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): FalcoCursor {
  const [time, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = time ? new Date(time) : null;
  if (extra !== undefined || !at || Number.isNaN(at.getTime()) || !id || !uuid.safeParse(id).success) {
    throw badInput("after is not a valid cursor", { field: "after" });
  }
  return { time: at, id };
}

/** What a stored event looks like on the live topic and in GraphQL. */
export function eventFromTopic(e: FalcoEventAddedEvent): FalcoEventRow {
  return { ...e, time: new Date(e.time), receivedAt: new Date(e.receivedAt) };
}

/** Reading Falco events; event rules and per-cluster settings (audited). */
export class FalcoService {
  readonly repository = new FalcoRepository();

  constructor(
    private readonly db: Database,
    private readonly pubsub: BulwarkPubSub,
    private readonly audit: AuditService,
    private readonly now: () => Date,
    /** Told after a rule or a cluster's settings changed (the ingest path drops what it cached). */
    private readonly onRulesOrSettingsChanged: () => void = () => {},
  ) {}

  // ─── Events ───────────────────────────────────────────────────────────────

  /** The filter the caller may use: a cluster-bound key sees its cluster only. Null = nothing visible. */
  private scopedFilter(principal: Principal, raw: FalcoEventFilterInput): FalcoFilter | null {
    assertCan(principal, "falco:read");
    const input = parseInput(filterSchema, raw ?? {});
    const bound = principal.kind === "api_key" ? principal.clusterId : null;
    if (bound && input.clusterId && input.clusterId !== bound) return null;
    const clusterId = bound ?? input.clusterId ?? undefined;
    return {
      clusterIds: clusterId ? [clusterId] : undefined,
      since: input.since ?? undefined,
      until: input.until ?? undefined,
      minPriority: input.minPriority ?? undefined,
      rule: input.rule,
      namespace: input.namespace,
      pod: input.pod,
      image: input.image,
      anomalyOnly: input.anomalyOnly ?? undefined,
      signature: input.signature,
    };
  }

  private visible(principal: Principal, clusterId: string): boolean {
    return !(principal.kind === "api_key" && principal.clusterId && principal.clusterId !== clusterId);
  }

  async events(
    principal: Principal,
    raw: FalcoEventFilterInput,
    first: number,
    after: string | null,
  ): Promise<FalcoEventPage> {
    const scoped = this.scopedFilter(principal, raw);
    if (!Number.isInteger(first) || first < 1 || first > PAGE_MAX)
      throw badInput(`first must be between 1 and ${PAGE_MAX}`, { field: "first" });
    const cursor = after ? decodeCursor(after) : null;
    if (!scoped) return { rows: [], endCursor: null, hasNextPage: false };
    const rows = await this.repository.listEvents(this.db.prisma, scoped, first + 1, cursor);
    const page = rows.slice(0, first);
    const last = page.at(-1);
    return { rows: page, endCursor: last ? encodeCursor(last) : null, hasNextPage: rows.length > first };
  }

  async event(principal: Principal, id: string): Promise<FalcoEventRow> {
    assertCan(principal, "falco:read");
    const row = uuid.safeParse(id).success ? await this.repository.findEvent(this.db.prisma, id) : null;
    if (!row || !this.visible(principal, row.clusterId)) throw notFound("Falco event");
    return row;
  }

  async related(principal: Principal, id: string, first: number): Promise<FalcoEventRow[]> {
    const event = await this.event(principal, id);
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw badInput("first must be between 1 and 100", { field: "first" });
    return this.repository.relatedEvents(this.db.prisma, event.signature, event.id, first);
  }

  /** Events of a signature per UTC day: the last `days` days ending today, zero-filled, oldest first. */
  async signatureDays(
    principal: Principal,
    signature: string,
    days: number,
  ): Promise<Array<{ day: string; count: number }>> {
    assertCan(principal, "falco:read");
    if (!Number.isInteger(days) || days < 1 || days > 366)
      throw badInput("days must be between 1 and 366", { field: "days" });
    if (!/^[0-9a-f]{64}$/.test(signature))
      throw badInput("signature must be a sha256 hex digest", { field: "signature" });
    const now = this.now();
    const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    const from = new Date(tomorrow - days * DAY_MS);
    const bound = principal.kind === "api_key" && principal.clusterId ? [principal.clusterId] : undefined;
    const counts = await this.repository.signatureDays(this.db.prisma, signature, from, new Date(tomorrow), bound);
    return Array.from({ length: days }, (_, i) => {
      const day = new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10);
      return { day, count: counts.get(day) ?? 0 };
    });
  }

  async priorityTimeline(
    principal: Principal,
    clusterId: string,
    since: Date,
    until: Date | null,
    bucketMinutes: number,
  ) {
    assertCan(principal, "falco:read");
    await this.assertClusterVisible(principal, clusterId);
    if (!Number.isInteger(bucketMinutes) || bucketMinutes < 1 || bucketMinutes > 43_200)
      throw badInput("bucketMinutes must be between 1 and 43200 (30 days)", { field: "bucketMinutes" });
    const end = until ?? this.now();
    if (since.getTime() >= end.getTime()) throw badInput("since must be before until", { field: "since" });
    return this.repository.priorityTimeline(this.db.prisma, clusterId, since, end, bucketMinutes * 60);
  }

  async eventsCsv(principal: Principal, raw: FalcoEventFilterInput): Promise<string> {
    const scoped = this.scopedFilter(principal, raw);
    const rows = scoped ? await this.repository.listEvents(this.db.prisma, scoped, CSV_MAX_ROWS, null) : [];
    return toCsv(
      [
        "time",
        "cluster",
        "priority",
        "rule",
        "namespace",
        "pod",
        "container",
        "image",
        "process",
        "command line",
        "user",
        "hostname",
        "source",
        "tags",
        "anomaly",
        "silenced",
        "output",
        "signature",
        "id",
      ],
      rows.map((e) => [
        e.time.toISOString(),
        e.clusterName,
        e.priority,
        e.rule,
        e.namespace,
        e.pod,
        e.container,
        e.image,
        e.process,
        e.commandLine,
        e.user,
        e.hostname,
        e.source,
        e.tags.join(" "),
        e.anomaly ? "yes" : "no",
        e.silenced ? "yes" : "no",
        e.output,
        e.signature,
        e.id,
      ]),
    );
  }

  /** New stored events matching the filter, live. */
  subscribe(principal: Principal, raw: FalcoEventFilterInput): AsyncIterable<FalcoEventRow> {
    const scoped = this.scopedFilter(principal, raw);
    return eachOf(this.pubsub.subscribe("FALCO_EVENTS_ADDED"), (e: FalcoEventAddedEvent) => {
      if (scoped === null) return null;
      const event = eventFromTopic(e);
      return matchesFalcoFilter(event, scoped) ? event : null;
    });
  }

  // ─── Rules ────────────────────────────────────────────────────────────────

  rules(principal: Principal): Promise<FalcoRule[]> {
    assertCan(principal, "falco:read");
    return this.repository.listRules(this.db.prisma);
  }

  isActive(rule: Pick<FalcoRule, "endsAt">): boolean {
    return isRuleActive(rule, this.now());
  }

  async createRule(actor: Actor, raw: FalcoRuleInput): Promise<FalcoRule> {
    assertCan(actor.principal, "falco:write");
    const input = parseInput(ruleSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      await this.checkRule(tx, input, null);
      const rule = await this.repository.createRule(tx, {
        ...input,
        endsAt: input.endsAt ?? null,
        builtIn: false,
        createdBy: actorLabel(actor.principal),
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "falco_rule.create",
        entityType: "falco_rule",
        entityId: rule.id,
        after: ruleSnapshot(rule),
      });
      afterCommit(this.onRulesOrSettingsChanged);
      return rule;
    });
  }

  /** Replaces the rule with the input (a form sends every field); the built-in rule can be edited too. */
  async updateRule(actor: Actor, id: string, raw: FalcoRuleInput): Promise<FalcoRule> {
    assertCan(actor.principal, "falco:write");
    const input = parseInput(ruleSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      const before = uuid.safeParse(id).success ? await this.repository.findRule(tx, id) : null;
      if (!before) throw notFound("Falco rule");
      await this.checkRule(tx, input, before);
      const after = await this.repository.updateRule(tx, id, { ...input, endsAt: input.endsAt ?? null });
      await this.audit.record(tx, afterCommit, actor, {
        action: "falco_rule.update",
        entityType: "falco_rule",
        entityId: id,
        before: ruleSnapshot(before),
        after: ruleSnapshot(after),
      });
      afterCommit(this.onRulesOrSettingsChanged);
      return after;
    });
  }

  async deleteRule(actor: Actor, id: string): Promise<FalcoRule> {
    assertCan(actor.principal, "falco:write");
    return this.db.transaction(async (tx, afterCommit) => {
      const rule = uuid.safeParse(id).success ? await this.repository.findRule(tx, id) : null;
      if (!rule) throw notFound("Falco rule");
      if (rule.builtIn) {
        throw badInput(
          `"${rule.name}" is built in and cannot be deleted; edit it instead (for example, set an end date)`,
        );
      }
      await this.repository.deleteRule(tx, id);
      await this.audit.record(tx, afterCommit, actor, {
        action: "falco_rule.delete",
        entityType: "falco_rule",
        entityId: id,
        before: ruleSnapshot(rule),
      });
      afterCommit(this.onRulesOrSettingsChanged);
      return rule;
    });
  }

  private async checkRule(tx: Db, input: z.output<typeof ruleSchema>, existing: FalcoRule | null): Promise<void> {
    if (!input.rulePattern && !input.imagePattern && !input.namespaces.length && !input.clusterIds.length) {
      throw badInput(
        "Give the rule at least one of rulePattern, imagePattern, namespaces or clusterIds (a rule without any would match every event)",
        { field: "rulePattern" },
      );
    }
    const endsAt = input.endsAt ?? null;
    const unchangedEnd = existing?.endsAt && endsAt && existing.endsAt.getTime() === endsAt.getTime();
    if (endsAt && !unchangedEnd && endsAt.getTime() <= this.now().getTime()) {
      throw badInput("endsAt must be in the future", { field: "endsAt" });
    }
    if (input.clusterIds.length) {
      const found = await this.repository.existingClusterIds(tx, input.clusterIds);
      const missing = input.clusterIds.find((id) => !found.has(id));
      if (missing) throw badInput(`clusterIds: no cluster has the id ${missing}`, { field: "clusterIds" });
    }
    const named = await this.repository.findRuleByName(tx, input.name);
    if (named && named.id !== existing?.id) {
      throw conflict(`A Falco rule named "${input.name}" already exists`, { field: "name" });
    }
  }

  // ─── Settings ─────────────────────────────────────────────────────────────

  async settings(principal: Principal, clusterId: string): Promise<FalcoSettingsValues> {
    assertCan(principal, "falco:read");
    await this.assertClusterVisible(principal, clusterId);
    return settingsValues(await this.repository.findSettings(this.db.prisma, clusterId), clusterId);
  }

  async updateSettings(actor: Actor, clusterId: string, raw: FalcoSettingsInput): Promise<FalcoSettingsValues> {
    assertCan(actor.principal, "falco:write");
    await this.assertClusterVisible(actor.principal, clusterId);
    const input = parseInput(settingsSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      const before = settingsValues(await this.repository.findSettings(tx, clusterId), clusterId);
      const next = { ...before };
      for (const [key, value] of Object.entries(input)) {
        if (value !== undefined && value !== null) (next as Record<string, unknown>)[key] = value;
      }
      if (
        next.recipients === "addresses" &&
        !next.addresses.length &&
        (next.notifyAnomalies || next.summary !== "none")
      ) {
        throw badInput("addresses must list at least one email address when recipients is addresses", {
          field: "addresses",
        });
      }
      const { clusterId: _clusterId, ...data } = next;
      const after = settingsValues(await this.repository.upsertSettings(tx, clusterId, data), clusterId);
      await this.audit.record(tx, afterCommit, actor, {
        action: "falco_settings.update",
        entityType: "cluster",
        entityId: clusterId,
        before: settingsSnapshot(before),
        after: settingsSnapshot(after),
      });
      afterCommit(this.onRulesOrSettingsChanged);
      return after;
    });
  }

  private async assertClusterVisible(principal: Principal, clusterId: string): Promise<void> {
    if (
      !this.visible(principal, clusterId) ||
      !uuid.safeParse(clusterId).success ||
      !(await this.repository.findCluster(this.db.prisma, clusterId))
    )
      throw notFound("Cluster");
  }
}
