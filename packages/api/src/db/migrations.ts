import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../logger.js";

/** A plain SQL connection used only by the migration runner. */
export interface SqlSession {
  /** Runs one or more statements without parameters. */
  exec(text: string): Promise<void>;
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
  /** Serialises migration runs across replicas (session-level advisory lock on PostgreSQL). */
  lock(): Promise<void>;
  release(): Promise<void>;
}

export type Migration = { name: string; sql: string; checksum: string };

const here = path.dirname(fileURLToPath(import.meta.url));

/** prisma/migrations at the repository root; the same path from src/db and dist/src/db. */
export function migrationsDir(): string {
  const candidates = [
    path.resolve(here, "../../../../prisma/migrations"),
    path.resolve(here, "../../../../../prisma/migrations"),
  ];
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error(`prisma/migrations not found (looked in ${candidates.join(", ")})`);
  return found;
}

export function readMigrations(dir = migrationsDir()): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// The table Prisma Migrate keeps, so `prisma migrate status` agrees with what the api applied.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

async function applied(session: SqlSession): Promise<AppliedRow[]> {
  const exists = await session.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  if (!exists[0]?.exists) return [];
  return session.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
}

function check(migrations: Migration[], rows: AppliedRow[]): Migration[] {
  const byName = new Map(rows.map((row) => [row.migration_name, row]));
  const known = new Set(migrations.map((m) => m.name));
  for (const row of rows) {
    if (!row.finished_at) {
      throw new Error(
        `Migration ${row.migration_name} started but did not finish. Inspect the database, then mark it rolled back ` +
          "(`prisma migrate resolve --rolled-back <name>`) before starting again.",
      );
    }
    if (!known.has(row.migration_name)) {
      throw new Error(
        `The database has migration ${row.migration_name}, which this version of Bulwark does not know. ` +
          "It was migrated by a newer version; run that version or restore a backup.",
      );
    }
  }
  for (const migration of migrations) {
    const row = byName.get(migration.name);
    if (row && row.checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was changed after it was applied (checksum differs). Committed migrations must never be edited.`,
      );
    }
  }
  return migrations.filter((m) => !byName.has(m.name));
}

export async function pendingMigrations(
  session: SqlSession,
  migrations: Migration[] = readMigrations(),
): Promise<string[]> {
  return check(migrations, await applied(session)).map((m) => m.name);
}

/** Applies every pending migration, each in its own transaction. Returns the names applied. */
export async function applyMigrations(
  session: SqlSession,
  logger: Logger,
  migrations: Migration[] = readMigrations(),
): Promise<string[]> {
  await session.lock();
  await session.exec(CREATE_TABLE);
  const pending = check(migrations, await applied(session));
  for (const migration of pending) {
    const started = new Date();
    logger.info({ migration: migration.name }, "applying migration");
    try {
      await session.exec("BEGIN");
      await session.exec(migration.sql);
      await session.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, $4, 1)`,
        [randomUUID(), migration.checksum, migration.name, started],
      );
      await session.exec("COMMIT");
    } catch (error) {
      await session.exec("ROLLBACK").catch(() => {});
      throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return pending.map((m) => m.name);
}
