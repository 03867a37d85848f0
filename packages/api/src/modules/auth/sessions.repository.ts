import type { Db } from "../../db/database.js";
import type { Session, User } from "../../generated/prisma/client.js";

export class SessionsRepository {
  create(
    db: Db,
    data: { tokenHash: string; userId: string; sourceIp: string | null; userAgent: string | null; expiresAt: Date },
  ): Promise<Session> {
    return db.session.create({ data });
  }

  findByTokenHash(db: Db, tokenHash: string): Promise<(Session & { user: User }) | null> {
    return db.session.findUnique({ where: { tokenHash }, include: { user: true } });
  }

  extend(db: Db, id: string, lastSeenAt: Date, expiresAt: Date): Promise<unknown> {
    return db.session.updateMany({ where: { id }, data: { lastSeenAt, expiresAt } });
  }

  delete(db: Db, id: string): Promise<unknown> {
    return db.session.deleteMany({ where: { id } });
  }

  deleteForUser(db: Db, userId: string, exceptSessionId?: string): Promise<unknown> {
    return db.session.deleteMany({
      where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    });
  }

  deleteExpired(db: Db, now: Date): Promise<{ count: number }> {
    return db.session.deleteMany({ where: { expiresAt: { lt: now } } });
  }
}
