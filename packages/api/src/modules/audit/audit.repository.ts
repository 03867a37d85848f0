import type { Db } from "../../db/database.js";
import type { AuditEntry, Prisma } from "../../generated/prisma/client.js";

export type AuditEntryInput = {
  action: string;
  outcome: "success" | "failure";
  actorUserId: string | null;
  actorApiKeyId: string | null;
  actorLabel: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  sourceIp: string | null;
  userAgent: string | null;
};

export type AuditFilter = {
  action?: string | undefined;
  actionPrefix?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorUserId?: string | undefined;
  outcome?: "success" | "failure" | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
};

/** Absent snapshots are stored as SQL NULL. */
const json = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === null || value === undefined ? undefined : value;

export class AuditRepository {
  async insert(db: Db, input: AuditEntryInput): Promise<AuditEntry> {
    return db.auditEntry.create({
      data: {
        ...input,
        before: json(input.before),
        after: json(input.after),
      },
    });
  }

  async list(db: Db, filter: AuditFilter, first: number, afterId: bigint | null): Promise<AuditEntry[]> {
    return db.auditEntry.findMany({
      where: this.where(filter, afterId),
      orderBy: { id: "desc" },
      take: first,
    });
  }

  /** Failed attempts for an action since a time, matching an actor label or source address. */
  async countFailures(
    db: Db,
    action: string,
    since: Date,
    match: { actorLabel?: string; sourceIp?: string },
  ): Promise<{ count: number; oldest: Date | null }> {
    const where: Prisma.AuditEntryWhereInput = {
      action,
      outcome: "failure",
      at: { gt: since },
      ...(match.actorLabel !== undefined ? { actorLabel: match.actorLabel } : {}),
      ...(match.sourceIp !== undefined ? { sourceIp: match.sourceIp } : {}),
    };
    const [count, oldest] = await Promise.all([
      db.auditEntry.count({ where }),
      db.auditEntry.findFirst({ where, orderBy: { at: "asc" }, select: { at: true } }),
    ]);
    return { count, oldest: oldest?.at ?? null };
  }

  async lastSuccess(db: Db, action: string, actorLabel: string): Promise<Date | null> {
    const row = await db.auditEntry.findFirst({
      where: { action, actorLabel, outcome: "success" },
      orderBy: { id: "desc" },
      select: { at: true },
    });
    return row?.at ?? null;
  }

  private where(filter: AuditFilter, afterId: bigint | null): Prisma.AuditEntryWhereInput {
    return {
      ...(afterId !== null ? { id: { lt: afterId } } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.actionPrefix ? { action: { startsWith: filter.actionPrefix } } : {}),
      ...(filter.entityType ? { entityType: filter.entityType } : {}),
      ...(filter.entityId ? { entityId: filter.entityId } : {}),
      ...(filter.actorUserId ? { actorUserId: filter.actorUserId } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
      ...(filter.since || filter.until
        ? { at: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lt: filter.until } : {}) } }
        : {}),
    };
  }
}
