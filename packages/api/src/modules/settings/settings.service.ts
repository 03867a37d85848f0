import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { assertCan, type Principal } from "../../common/principal.js";
import { parseInput } from "../../common/validation.js";
import type { Database } from "../../db/database.js";
import type { OrganisationSettings } from "../../generated/prisma/client.js";
import type { AuditService } from "../audit/audit.service.js";
import { SettingsRepository } from "./settings.repository.js";

const updateSchema = z.object({
  siteName: z.string().trim().min(1, "must not be empty").max(100).optional(),
  sessionTtlHours: z.number().int().min(1, "must be at least 1").max(720, "must be at most 720 (30 days)").optional(),
  exceptionReminderDays: z.number().int().min(0, "must be 0 or more").max(90, "must be at most 90").optional(),
});

export type UpdateSettingsInput = z.input<typeof updateSchema>;

const snapshot = (s: OrganisationSettings) => ({
  siteName: s.siteName,
  sessionTtlHours: s.sessionTtlHours,
  exceptionReminderDays: s.exceptionReminderDays,
});

const CACHE_MS = 10_000;

export class SettingsService {
  private readonly repository = new SettingsRepository();
  private cached: { value: OrganisationSettings; at: number } | undefined;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /** Settings for internal use (session lifetime), cached briefly. */
  async current(): Promise<OrganisationSettings> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const value = await this.repository.get(this.db.prisma);
    this.cached = { value, at: Date.now() };
    return value;
  }

  async get(principal: Principal): Promise<OrganisationSettings> {
    assertCan(principal, "settings:read");
    return this.current();
  }

  async update(actor: Actor, raw: UpdateSettingsInput): Promise<OrganisationSettings> {
    assertCan(actor.principal, "settings:write");
    const input = parseInput(updateSchema, raw);
    const updated = await this.db.transaction(async (tx, afterCommit) => {
      const before = await this.repository.get(tx);
      const after = await this.repository.update(tx, {
        ...(input.siteName !== undefined ? { siteName: input.siteName } : {}),
        ...(input.sessionTtlHours !== undefined ? { sessionTtlHours: input.sessionTtlHours } : {}),
        ...(input.exceptionReminderDays !== undefined ? { exceptionReminderDays: input.exceptionReminderDays } : {}),
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "settings.update",
        entityType: "organisation_settings",
        entityId: "1",
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
    this.cached = { value: updated, at: Date.now() };
    return updated;
  }
}
