import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readMigrations } from "../../src/db/migrations.js";
import { openFreshDatabase } from "../harness.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const open = () => openFreshDatabase(cleanups);

describe("start-up migrations", () => {
  it("apply every committed migration once, recorded as Prisma Migrate records them", async () => {
    const db = await open();
    const committed = readMigrations();
    expect(committed.length).toBeGreaterThan(0);
    expect(await db.pendingMigrations()).toEqual(committed.map((m) => m.name));
    expect(await db.migrate()).toEqual(committed.map((m) => m.name));
    expect(await db.migrate()).toEqual([]);
    expect(await db.pendingMigrations()).toEqual([]);
    const rows = await db.prisma.$queryRaw<
      Array<{ migration_name: string; checksum: string; finished_at: Date | null }>
    >`
      SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(committed.map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  });

  it("refuse to start when an applied migration was edited", async () => {
    const db = await open();
    await db.migrate();
    await db.prisma.$executeRaw`UPDATE "_prisma_migrations" SET checksum = 'edited'`;
    await expect(db.migrate()).rejects.toThrow(/was changed after it was applied/);
  });

  it("refuse to start on a database migrated by a newer version", async () => {
    const db = await open();
    await db.migrate();
    await db.prisma
      .$executeRaw`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
      VALUES ('future', 'x', now(), '29990101000000_future', 1)`;
    await expect(db.pendingMigrations()).rejects.toThrow(/does not know/);
  });

  it("roll back a failing migration completely", async () => {
    const db = await open();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-migrations-"));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    fs.mkdirSync(path.join(dir, "20200101000000_broken"));
    fs.writeFileSync(
      path.join(dir, "20200101000000_broken", "migration.sql"),
      `CREATE TABLE half_done (id int);\nSELECT * FROM missing_table;`,
    );
    const broken = readMigrations(dir);
    await expect(db.migrate(broken)).rejects.toThrow(
      /Migration 20200101000000_broken failed and was rolled back: .*missing_table/,
    );
    const table = await db.prisma.$queryRaw<
      Array<{ exists: boolean }>
    >`SELECT to_regclass('half_done') IS NOT NULL AS "exists"`;
    expect(table[0]?.exists).toBe(false);
    expect(await db.pendingMigrations(broken)).toEqual(["20200101000000_broken"]);
  });
});
