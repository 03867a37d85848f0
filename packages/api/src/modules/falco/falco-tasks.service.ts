import type { Database } from "../../db/database.js";
import type { Logger } from "../../logger.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { FalcoRepository } from "./falco.repository.js";
import { type SummaryPeriod, summaryMail } from "./falco-mail.js";
import { DAY_MS, defaultFalcoSettings } from "./falco-settings.js";

const RETENTION_CHUNK = 5_000;

const startOfUtcDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

/** Monday 00:00 UTC of the ISO week that contains `at`. */
export function startOfIsoWeek(at: Date): Date {
  const day = startOfUtcDay(at);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

/**
 * The period a summary is due for now, or null when the last one already covered it: daily covers
 * the previous UTC day, weekly the previous ISO week.
 */
export function duePeriod(
  frequency: "none" | "daily" | "weekly",
  lastSummaryAt: Date | null,
  now: Date,
): SummaryPeriod | null {
  if (frequency === "none") return null;
  const to = frequency === "daily" ? startOfUtcDay(now) : startOfIsoWeek(now);
  if (lastSummaryAt && lastSummaryAt.getTime() >= to.getTime()) return null;
  const from = new Date(to.getTime() - (frequency === "daily" ? 1 : 7) * DAY_MS);
  return { frequency, from, to };
}

/** The Falco background tasks: summaries (falco.summaries) and retention (falco.retention). */
export class FalcoTasksService {
  readonly repository = new FalcoRepository();

  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  /**
   * One email per cluster whose daily or weekly summary is due, written to the outbox in the same
   * transaction that records lastSummaryAt, so a summary is sent once. A period without events
   * still gets one ("no events"), so readers know the summary works.
   */
  async sendSummaries(): Promise<{ sent: number }> {
    let sent = 0;
    for (const subscriber of await this.repository.summarySubscribers(this.db.prisma)) {
      if (!duePeriod(subscriber.summary, subscriber.lastSummaryAt, this.now())) continue;
      const done = await this.db.transaction(async (tx, afterCommit) => {
        const settings = await this.repository.lockSettings(tx, subscriber.clusterId);
        const now = this.now();
        const period = settings && duePeriod(settings.summary, settings.lastSummaryAt, now);
        if (!settings || !period) return false;
        const to = settings.recipients === "addresses" ? settings.addresses : await this.notifications.adminEmails(tx);
        if (to.length) {
          const data = await this.repository.summary(tx, settings.clusterId, period.from, period.to);
          const mail = summaryMail(settings.clusterId, subscriber.cluster.name, period, data, (path) =>
            this.notifications.link(path),
          );
          await this.notifications.enqueue(tx, afterCommit, { kind: "falco.summary", to, ...mail });
        } else {
          this.logger.warn({ cluster: settings.clusterId }, "a Falco summary has no one to email");
        }
        await this.repository.setLastSummaryAt(tx, settings.clusterId, now);
        return to.length > 0;
      });
      if (done) sent += 1;
    }
    return { sent };
  }

  /**
   * Deletes events older than each cluster's retention (in chunks, each its own statement so no
   * transaction grows large), and signatures not seen for max(retention, anomaly window) days.
   */
  async applyRetention(): Promise<{ events: number; signatures: number }> {
    let events = 0;
    let signatures = 0;
    for (const cluster of await this.repository.retentionSettings(this.db.prisma)) {
      const defaults = defaultFalcoSettings(cluster.id);
      const retentionDays = cluster.retentionDays ?? defaults.retentionDays;
      const windowDays = cluster.anomalyWindowDays ?? defaults.anomalyWindowDays;
      const now = this.now().getTime();
      const before = new Date(now - retentionDays * DAY_MS);
      for (;;) {
        const deleted = await this.repository.deleteEventsBefore(this.db.prisma, cluster.id, before, RETENTION_CHUNK);
        events += deleted;
        if (deleted < RETENTION_CHUNK) break;
      }
      signatures += await this.repository.deleteSignaturesBefore(
        this.db.prisma,
        cluster.id,
        new Date(now - Math.max(retentionDays, windowDays) * DAY_MS),
      );
    }
    if (events || signatures) this.logger.info({ events, signatures }, "old Falco events deleted");
    return { events, signatures };
  }
}
