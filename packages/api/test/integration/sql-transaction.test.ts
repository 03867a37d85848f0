import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { openFreshDatabase } from "../harness.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function open(): Promise<Database> {
  const db = await openFreshDatabase(cleanups);
  await db.prisma.$executeRawUnsafe("CREATE TABLE probe (n int PRIMARY KEY, at timestamptz, doc jsonb, tags text[])");
  return db;
}

const count = async (db: Database) =>
  (await db.prisma.$queryRawUnsafe<Array<{ n: number }>>("SELECT count(*)::int AS n FROM probe"))[0]!.n;

describe("SQL transactions", () => {
  it("commit every statement together, return rows as the driver reads them, then run the after-commit callbacks", async () => {
    const db = await open();
    const events: string[] = [];
    const at = new Date("2026-11-27T10:00:00.123Z");
    const rows = await db.sqlTransaction(async (sql, afterCommit) => {
      afterCommit(() => events.push("committed"));
      const written = await sql.execute(
        "INSERT INTO probe (n, at, doc, tags) SELECT x, $1, $2::jsonb, $3::text[] FROM generate_series(1, 3) x",
        [at, JSON.stringify({ big: "18446744073709551615", nested: { ok: true } }), ["a", "b"]],
      );
      expect(written).toBe(3);
      // Not visible to other connections before commit (PGlite has one connection: it would wait).
      if (db.kind === "postgres") events.push(`outside sees ${await count(db)}`);
      return sql.query<{ n: number; at: Date; doc: unknown; tags: string[] }>(
        "SELECT n, at, doc, tags FROM probe ORDER BY n",
      );
    });
    expect(events).toEqual(db.kind === "postgres" ? ["outside sees 0", "committed"] : ["committed"]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({ n: 1, at, doc: { big: "18446744073709551615", nested: { ok: true } }, tags: ["a", "b"] });
    expect(await count(db)).toBe(3);
  });

  it("roll back everything when a statement fails, and skip the callbacks; the next transaction works", async () => {
    const db = await open();
    let called = false;
    await expect(
      db.sqlTransaction(async (sql, afterCommit) => {
        afterCommit(() => {
          called = true;
        });
        await sql.execute("INSERT INTO probe (n) VALUES (1)");
        await sql.execute("INSERT INTO probe (n) VALUES (1)"); // duplicate key
      }),
    ).rejects.toThrow(/duplicate key|unique/i);
    expect(called).toBe(false);
    expect(await count(db)).toBe(0);

    await expect(
      db.sqlTransaction(async (sql) => {
        await sql.execute("INSERT INTO probe (n) VALUES (2)");
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await count(db)).toBe(0);

    await db.sqlTransaction((sql) => sql.execute("INSERT INTO probe (n) VALUES (3)"));
    expect(await count(db)).toBe(1);
  });
});
