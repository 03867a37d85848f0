import type { Database, Db, SqlTransaction } from "../../db/database.js";
import type { Logger } from "../../logger.js";
import type { Mailer } from "./mailer.js";
import { NotificationsRepository } from "./notifications.repository.js";

export type NotificationInput = { kind: string; to: string[]; subject: string; text: string };

const MAX_ATTEMPTS = 5;

/** Addresses trimmed, lower-cased, once each. */
const recipients = (to: string[]) => [...new Set(to.map((address) => address.trim().toLowerCase()).filter(Boolean))];

/**
 * Email notifications through an outbox: a notification is written in the same transaction as the
 * change that caused it, then sent after commit and retried by the background worker, so none is
 * lost when the mail server or the process is briefly down.
 */
export class NotificationsService {
  readonly repository = new NotificationsRepository();
  private flushing: Promise<void> | null = null;
  private again: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    private readonly publicUrl: string | undefined,
    private readonly now: () => Date,
  ) {}

  /** Queues an email inside the caller's transaction; sending starts after commit. */
  async enqueue(tx: Db, afterCommit: (cb: () => void) => void, input: NotificationInput): Promise<void> {
    const to = recipients(input.to);
    if (!to.length) return;
    await this.repository.create(tx, { ...input, to });
    afterCommit(() => void this.flushQuietly());
  }

  /** `enqueue` in a transaction of `Database.sqlTransaction`. */
  async enqueueInSql(
    sql: SqlTransaction,
    afterCommit: (cb: () => void) => void,
    input: NotificationInput,
  ): Promise<void> {
    const to = recipients(input.to);
    if (!to.length) return;
    await this.repository.createInSql(sql, { ...input, to });
    afterCommit(() => void this.flushQuietly());
  }

  /** Sends what is pending now; a failure is logged, and the scheduled run tries again. */
  async flushQuietly(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      this.logger.warn({ err: error }, "sending pending emails failed; the next scheduled run retries");
    }
  }

  /** Waits for a pass in progress (at shutdown, before the database closes). */
  async settle(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => undefined);
  }

  adminEmails(tx: Db): Promise<string[]> {
    return this.repository.adminEmails(tx);
  }

  adminEmailsInSql(sql: SqlTransaction): Promise<string[]> {
    return this.repository.adminEmailsInSql(sql);
  }

  /** A link into the web app, when the public URL is known. */
  link(path: string): string {
    return this.publicUrl ? `${this.publicUrl}${path}` : path;
  }

  /**
   * Sends every pending notification. A call during a pass waits for one more pass after it, so a
   * notification written meanwhile is not left for the next scheduled run.
   */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.sendPending().finally(() => {
        this.flushing = null;
      });
      return this.flushing;
    }
    this.again ??= this.flushing.then(() => {
      this.again = null;
      return this.flush();
    });
    return this.again;
  }

  private async sendPending(): Promise<void> {
    const pending = await this.repository.pending(this.db.prisma, 50);
    for (const notification of pending) {
      try {
        await this.mailer.send({ to: notification.to, subject: notification.subject, text: notification.text });
        await this.repository.markSent(this.db.prisma, notification.id, this.now());
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const giveUp = !this.mailer.configured || notification.attempts + 1 >= MAX_ATTEMPTS;
        await this.repository.markAttemptFailed(this.db.prisma, notification.id, message, giveUp);
        this.logger.warn(
          { notification: notification.id, kind: notification.kind, err: message },
          "could not send email",
        );
      }
    }
  }
}
