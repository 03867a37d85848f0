import type { Db } from "../../db/database.js";
import type { Exception, ExceptionComment, ExceptionEvent, Prisma } from "../../generated/prisma/client.js";

export type ExceptionFilter = {
  status?: Exception["status"] | undefined;
  type?: Exception["type"] | undefined;
  issueId?: string | undefined;
  search?: string | undefined;
  temporary?: boolean | undefined;
};

export class ExceptionsRepository {
  list(db: Db, filter: ExceptionFilter): Promise<Exception[]> {
    const search = filter.search?.trim();
    return db.exception.findMany({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.type ? { type: filter.type } : {}),
        ...(filter.issueId ? { issueId: { equals: filter.issueId, mode: "insensitive" } } : {}),
        ...(filter.temporary !== undefined ? { temporary: filter.temporary } : {}),
        ...(search
          ? {
              OR: [
                { title: { contains: search, mode: "insensitive" } },
                { reason: { contains: search, mode: "insensitive" } },
                { issueId: { contains: search, mode: "insensitive" } },
                { imagePattern: { contains: search, mode: "insensitive" } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }],
      take: 1000,
    });
  }

  /** Exceptions that can affect image verdicts: active policy and override exceptions. */
  activeForImages(db: Db): Promise<Exception[]> {
    return db.exception.findMany({ where: { status: "active", type: { in: ["policy", "override"] } } });
  }

  findManyByIds(db: Db, ids: readonly string[]): Promise<Exception[]> {
    return db.exception.findMany({ where: { id: { in: [...ids] } } });
  }

  findById(db: Db, id: string): Promise<Exception | null> {
    return db.exception.findUnique({ where: { id } });
  }

  create(db: Db, data: Prisma.ExceptionUncheckedCreateInput): Promise<Exception> {
    return db.exception.create({ data });
  }

  update(db: Db, id: string, data: Prisma.ExceptionUncheckedUpdateInput): Promise<Exception> {
    return db.exception.update({ where: { id }, data });
  }

  delete(db: Db, id: string): Promise<Exception> {
    return db.exception.delete({ where: { id } });
  }

  addEvent(
    db: Db,
    data: {
      exceptionId: string;
      action: string;
      actorUserId: string | null;
      actorLabel: string;
      changes?: Prisma.InputJsonValue;
    },
  ): Promise<ExceptionEvent> {
    return db.exceptionEvent.create({ data });
  }

  events(db: Db, exceptionId: string): Promise<ExceptionEvent[]> {
    return db.exceptionEvent.findMany({ where: { exceptionId }, orderBy: { id: "asc" } });
  }

  addComment(
    db: Db,
    data: { exceptionId: string; authorId: string | null; authorLabel: string; body: string },
  ): Promise<ExceptionComment> {
    return db.exceptionComment.create({ data });
  }

  comments(db: Db, exceptionId: string): Promise<ExceptionComment[]> {
    return db.exceptionComment.findMany({ where: { exceptionId }, orderBy: { createdAt: "asc" } });
  }

  /** Active exceptions whose end has passed. */
  expired(db: Db, now: Date): Promise<Exception[]> {
    return db.exception.findMany({ where: { status: "active", endsAt: { lte: now } } });
  }

  /** Active exceptions ending before `until` that have not been reminded about. */
  endingSoon(db: Db, now: Date, until: Date): Promise<Exception[]> {
    return db.exception.findMany({
      where: { status: "active", reminderSentAt: null, endsAt: { gt: now, lte: until } },
    });
  }

  grantExists(
    db: Db,
    key: { policyId: string; issueId: string; registry: string; repository: string },
  ): Promise<boolean> {
    return db.temporaryExceptionGrant
      .findUnique({ where: { policyId_issueId_registry_repository: key } })
      .then(Boolean);
  }

  addGrant(
    db: Db,
    data: { policyId: string; issueId: string; registry: string; repository: string; exceptionId: string },
  ) {
    return db.temporaryExceptionGrant.create({ data });
  }

  countExisting(db: Db, table: "cluster" | "policy" | "scanner", ids: string[]): Promise<number> {
    const where = { id: { in: ids } };
    if (table === "cluster") return db.cluster.count({ where });
    if (table === "policy") return db.policy.count({ where });
    return db.scanner.count({ where });
  }

  userEmail(db: Db, id: string): Promise<string | null> {
    return db.user
      .findUnique({ where: { id }, select: { email: true, active: true } })
      .then((u) => (u?.active ? u.email : null));
  }
}
