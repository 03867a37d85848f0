import type { Db } from "../../db/database.js";
import type { OrganisationSettings } from "../../generated/prisma/client.js";

export class SettingsRepository {
  /** The single settings row, created with defaults on first use. */
  get(db: Db): Promise<OrganisationSettings> {
    return db.organisationSettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
  }

  update(
    db: Db,
    data: { siteName?: string; sessionTtlHours?: number; exceptionReminderDays?: number },
  ): Promise<OrganisationSettings> {
    return db.organisationSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  }
}
