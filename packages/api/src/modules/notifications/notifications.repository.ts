import { randomUUID } from "node:crypto";
import type { Db, SqlTransaction } from "../../db/database.js";
import type { Notification } from "../../generated/prisma/client.js";

export class NotificationsRepository {
  create(db: Db, data: { kind: string; to: string[]; subject: string; text: string }): Promise<Notification> {
    return db.notification.create({ data });
  }

  /** `create` in a transaction of `Database.sqlTransaction`. */
  async createInSql(
    sql: SqlTransaction,
    data: { kind: string; to: string[]; subject: string; text: string },
  ): Promise<void> {
    await sql.execute(
      `INSERT INTO notifications (id, kind, "to", subject, text) VALUES ($1::uuid, $2, $3::text[], $4, $5)`,
      [randomUUID(), data.kind, data.to, data.subject, data.text],
    );
  }

  pending(db: Db, limit: number): Promise<Notification[]> {
    return db.notification.findMany({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, take: limit });
  }

  markSent(db: Db, id: string, at: Date): Promise<unknown> {
    return db.notification.update({ where: { id }, data: { status: "sent", sentAt: at, attempts: { increment: 1 } } });
  }

  markAttemptFailed(db: Db, id: string, error: string, giveUp: boolean): Promise<unknown> {
    return db.notification.update({
      where: { id },
      data: { lastError: error.slice(0, 1000), attempts: { increment: 1 }, ...(giveUp ? { status: "failed" } : {}) },
    });
  }

  list(db: Db, kind?: string): Promise<Notification[]> {
    return db.notification.findMany({ where: kind ? { kind } : {}, orderBy: { createdAt: "desc" }, take: 200 });
  }

  /** Emails of active administrators (admin and super_admin). */
  async adminEmails(db: Db): Promise<string[]> {
    const rows = await db.user.findMany({
      where: { active: true, role: { in: ["admin", "super_admin"] } },
      select: { email: true },
      orderBy: { email: "asc" },
    });
    return rows.map((row) => row.email);
  }

  /** `adminEmails` in a transaction of `Database.sqlTransaction`. */
  async adminEmailsInSql(sql: SqlTransaction): Promise<string[]> {
    const rows = await sql.query<{ email: string }>(
      `SELECT email FROM users WHERE active AND role::text IN ('admin', 'super_admin') ORDER BY email`,
    );
    return rows.map((row) => row.email);
  }
}
