import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient, type Prisma } from "../generated/prisma/client.js";
import type { Logger } from "../logger.js";
import { LOCKS } from "./locks.js";
import { applyMigrations, type Migration, pendingMigrations, type SqlSession } from "./migrations.js";

/** A Prisma client or the client of an open interactive transaction. Repositories accept either. */
export type Db = PrismaClient | Prisma.TransactionClient;

export type DatabaseKind = "embedded" | "postgres";

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  /** `dataDir` null = in memory (tests only). */
  | { kind: "embedded"; dataDir: string | null };

/**
 * SQL in an open transaction, for the few hot paths where the Prisma client's per-statement work
 * shows (Falco ingest). Parameters are $1, $2…; rows come back as the driver reads them (timestamps
 * as Date, jsonb parsed), so statements cast what they return (counts ::int, enums ::text).
 */
export interface SqlTransaction {
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs a statement; returns the number of rows it wrote. */
  execute(text: string, params?: unknown[]): Promise<number>;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** Runs `fn` in one transaction; the afterCommit callbacks run once it has committed. */
  transaction<T>(fn: (tx: Prisma.TransactionClient, afterCommit: (cb: () => void) => void) => Promise<T>): Promise<T>;
  /**
   * The same with SQL: on PostgreSQL on a pooled connection of its own (the pool the Prisma client
   * uses), on PGlite through the Prisma client's transaction.
   */
  sqlTransaction<T>(fn: (sql: SqlTransaction, afterCommit: (cb: () => void) => void) => Promise<T>): Promise<T>;
  /** Applies pending migrations (the committed ones unless given); returns the names applied. */
  migrate(migrations?: Migration[]): Promise<string[]>;
  pendingMigrations(migrations?: Migration[]): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const PID_FILE = "bulwark.pid";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite takes no lock on its data directory; two processes on one directory corrupt it.
 * A pid file guards against that.
 */
function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, PID_FILE);
  try {
    const holder = Number(fs.readFileSync(file, "utf8").trim());
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by another Bulwark process (pid ${holder}). ` +
          "Stop it first, or set BULWARK_DATA_DIR to another directory.",
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.writeFileSync(file, String(process.pid), { mode: 0o600 });
  return () => {
    try {
      if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
}

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 };

/** A transaction of the Prisma client, seen as SQL. */
const sqlOfPrisma = (tx: Prisma.TransactionClient): SqlTransaction => ({
  query: <R>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<R[]>(text, ...params),
  execute: (text, params = []) => tx.$executeRawUnsafe(text, ...params),
});

/** Runs `fn` in a transaction on one connection of the pool. */
async function pooledTransaction<T>(pool: pg.Pool, fn: (sql: SqlTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await fn({
      query: async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[],
      execute: async (text, params = []) => (await client.query(text, params)).rowCount ?? 0,
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
    } catch {
      broken = true; // the connection is gone: do not hand it out again
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

function wrap(
  kind: DatabaseKind,
  prisma: PrismaClient,
  pool: pg.Pool | null,
  sql: () => Promise<SqlSession>,
  logger: Logger,
  onClose: () => Promise<void>,
): Database {
  const runAfterCommit = (callbacks: Array<() => void>) => {
    for (const cb of callbacks) {
      try {
        cb();
      } catch (error) {
        logger.error({ err: error }, "after-commit callback failed");
      }
    }
  };
  return {
    kind,
    prisma,
    async transaction(fn) {
      const callbacks: Array<() => void> = [];
      const result = await prisma.$transaction((tx) => fn(tx, (cb) => callbacks.push(cb)), TRANSACTION_OPTIONS);
      runAfterCommit(callbacks);
      return result;
    },
    async sqlTransaction(fn) {
      const callbacks: Array<() => void> = [];
      const afterCommit = (cb: () => void) => callbacks.push(cb);
      const result = pool
        ? await pooledTransaction(pool, (sql) => fn(sql, afterCommit))
        : await prisma.$transaction((tx) => fn(sqlOfPrisma(tx), afterCommit), TRANSACTION_OPTIONS);
      runAfterCommit(callbacks);
      return result;
    },
    async migrate(migrations) {
      const session = await sql();
      try {
        return await applyMigrations(session, logger, migrations);
      } finally {
        await session.release();
      }
    },
    async pendingMigrations(migrations) {
      const session = await sql();
      try {
        return await pendingMigrations(session, migrations);
      } finally {
        await session.release();
      }
    },
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    close: onClose,
  };
}

export async function openDatabase(target: DatabaseTarget, logger: Logger): Promise<Database> {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection that fails (the server restarted) is dropped by the pool; without a
    // listener the error would end the process.
    pool.on("error", (error) => logger.warn({ err: error }, "an idle database connection failed"));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const sql = async (): Promise<SqlSession> => {
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      return {
        exec: async (text) => {
          await client.query(text);
        },
        query: async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[],
        lock: async () => {
          await client.query(`SELECT pg_advisory_lock(${LOCKS.migrations})`);
        },
        release: async () => {
          await client.end();
        },
      };
    };
    return wrap("postgres", prisma, pool, sql, logger, async () => {
      await prisma.$disconnect();
      if (!pool.ended) await pool.end();
    });
  }

  let unlock = () => {};
  let pglite: PGlite;
  if (target.dataDir) {
    fs.mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
    unlock = lockDataDir(target.dataDir);
    const pgdata = path.join(target.dataDir, "pgdata");
    fs.mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    pglite = new PGlite(pgdata);
  } else {
    pglite = new PGlite();
  }
  try {
    await pglite.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  // PGlite has one connection; the migration runner shares it and its own transactions.
  const sql = async (): Promise<SqlSession> => ({
    exec: async (text) => {
      await pglite.exec(text);
    },
    query: async <R>(text: string, params: unknown[] = []) => (await pglite.query<R>(text, params)).rows,
    lock: async () => {},
    release: async () => {},
  });
  return wrap("embedded", prisma, null, sql, logger, async () => {
    await prisma.$disconnect();
    await pglite.close();
    unlock();
  });
}
