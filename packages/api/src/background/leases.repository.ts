import type { Db } from "../db/database.js";

export class LeasesRepository {
  /** Takes (or renews) the named lease when it is free, expired or already ours. */
  async tryAcquire(db: Db, name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const rows = await db.$queryRaw<Array<{ name: string }>>`
      INSERT INTO background_leases (name, holder, until) VALUES (${name}, ${holder}, ${until})
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
      WHERE background_leases.until < ${now} OR background_leases.holder = EXCLUDED.holder
      RETURNING name`;
    return rows.length > 0;
  }

  async release(db: Db, name: string, holder: string): Promise<void> {
    await db.backgroundLease.deleteMany({ where: { name, holder } });
  }
}
