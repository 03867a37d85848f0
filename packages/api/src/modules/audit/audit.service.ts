import { filter, pipe } from "@graphql-yoga/subscription";
import type { Actor } from "../../common/actor.js";
import { badInput } from "../../common/errors.js";
import { actorLabel, assertCan, type Principal, SYSTEM_ACTOR } from "../../common/principal.js";
import type { Database, Db } from "../../db/database.js";
import type { AuditEntry } from "../../generated/prisma/client.js";
import type { AuditEntryEvent, BulwarkPubSub } from "../../pubsub/pubsub.js";
import { type AuditFilter, AuditRepository } from "./audit.repository.js";
import { matchesAuditFilter } from "./audit-filter.js";
import { redact } from "./redact.js";

export type AuditRecord = {
  action: string;
  outcome?: "success" | "failure";
  entityType?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Overrides the label derived from the actor (e.g. the email a failed login named). */
  actorLabel?: string;
};

export type AuditPage = { entries: AuditEntryEvent[]; endCursor: string | null; hasNextPage: boolean };

export function toAuditEvent(row: AuditEntry): AuditEntryEvent {
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    action: row.action,
    outcome: row.outcome,
    actorUserId: row.actorUserId,
    actorApiKeyId: row.actorApiKeyId,
    actorLabel: row.actorLabel,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    sourceIp: row.sourceIp,
    userAgent: row.userAgent,
  };
}

/** Writes one audit entry per mutation, in the mutation's own transaction, and publishes it live. */
export class AuditService {
  private readonly repository = new AuditRepository();

  constructor(
    private readonly db: Database,
    private readonly pubsub: BulwarkPubSub,
  ) {}

  /** Records inside an open transaction; published once the transaction commits. */
  async record(tx: Db, afterCommit: (cb: () => void) => void, actor: Actor, record: AuditRecord): Promise<void> {
    const row = await this.repository.insert(tx, this.input(actor, record));
    afterCommit(() => this.pubsub.publish("AUDIT_ENTRY_ADDED", toAuditEvent(row)));
  }

  /** Records on its own (for events with no other write, such as a failed sign-in). */
  async recordNow(actor: Actor, record: AuditRecord): Promise<void> {
    await this.db.transaction((tx, afterCommit) => this.record(tx, afterCommit, actor, record));
  }

  async list(principal: Principal, filter: AuditFilter, first: number, after: string | null): Promise<AuditPage> {
    assertCan(principal, "audit:read");
    if (first < 1 || first > 500) throw badInput("first must be between 1 and 500");
    let afterId: bigint | null = null;
    if (after) {
      if (!/^\d{1,19}$/.test(after)) throw badInput("after is not a valid cursor");
      afterId = BigInt(after);
    }
    const rows = await this.repository.list(this.db.prisma, filter, first + 1, afterId);
    const page = rows.slice(0, first);
    return {
      entries: page.map(toAuditEvent),
      endCursor: page.at(-1)?.id.toString() ?? null,
      hasNextPage: rows.length > first,
    };
  }

  /** New entries as they are written, matching the filter (the list query's meaning). */
  subscribe(principal: Principal, auditFilter: AuditFilter = {}): AsyncIterable<AuditEntryEvent> {
    assertCan(principal, "audit:read");
    return pipe(
      this.pubsub.subscribe("AUDIT_ENTRY_ADDED"),
      filter((entry: AuditEntryEvent) => matchesAuditFilter(entry, auditFilter)),
    );
  }

  /** Used by the sign-in rate limiter: failures are audit entries, shared by every replica. */
  countFailures(action: string, since: Date, match: { actorLabel?: string; sourceIp?: string }) {
    return this.repository.countFailures(this.db.prisma, action, since, match);
  }

  lastSuccess(action: string, label: string) {
    return this.repository.lastSuccess(this.db.prisma, action, label);
  }

  private input(actor: Actor, record: AuditRecord) {
    const p = actor.principal;
    return {
      action: record.action,
      outcome: record.outcome ?? "success",
      actorUserId: p.kind === "anonymous" ? null : p.userId,
      actorApiKeyId: p.kind === "api_key" ? p.apiKeyId : null,
      actorLabel: record.actorLabel ?? (actor.system ? SYSTEM_ACTOR : actorLabel(p)),
      entityType: record.entityType ?? null,
      entityId: record.entityId ?? null,
      before: redact(record.before ?? null),
      after: redact(record.after ?? null),
      sourceIp: actor.sourceIp,
      userAgent: actor.userAgent?.slice(0, 512) ?? null,
    } as const;
  }
}
