import type { Db } from "./database.js";

/** Transaction-scoped advisory locks (PostgreSQL and PGlite alike); one key per critical section. */
export const LOCKS = {
  migrations: 727073,
  users: 727074,
  bootstrap: 727075,
} as const;

export async function advisoryXactLock(db: Db, key: (typeof LOCKS)[keyof typeof LOCKS]): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(${key}::bigint)`;
}
