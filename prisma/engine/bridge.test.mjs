// End-to-end check of prisma/engine/schema-engine.mjs through the real Prisma CLI.
// Run: node --test prisma/engine/bridge.test.mjs
// Needs a PostgreSQL server whose user may CREATE DATABASE; BRIDGE_TEST_DATABASE_URL points at any
// database on it (default postgresql://postgres@127.0.0.1:5432/postgres). Throwaway databases are
// created and dropped; the repository's own schema and migrations are not touched: the CLI runs in a
// temporary project holding copies of prisma.config.ts and the bridge, plus a small test schema.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prismaCli = fileURLToPath(import.meta.resolve("prisma/build/index.js"));
const adminUrl = process.env.BRIDGE_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const prefix = `bridge_test_${randomBytes(4).toString("hex")}`;
const dbUrl = (name) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).href;
const mainUrl = dbUrl(`${prefix}_main`);
const deployUrl = dbUrl(`${prefix}_deploy`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), "prisma-bridge-test-"));
const bridge = path.join(work, "prisma/engine/schema-engine.mjs");
const migrationsDir = path.join(work, "prisma/migrations");

const GENERATOR = `generator client {
  provider            = "prisma-client"
  output              = "../generated/prisma"
  moduleFormat        = "esm"
  importFileExtension = "js"
}

datasource db {
  provider = "postgresql"
}
`;
const USER = (extra = "") => `
model User {
  id    Int    @id @default(autoincrement())
  email String @unique${extra}
}
`;
const FINDING = (extra = "") => `
enum Severity {
  LOW
  HIGH
}

model Finding {
  id       String   @id @default(uuid())
  title    String   @default("a;b")
  severity Severity @default(LOW)
  tags     String[]
  meta     Json?
  userId   Int
  user     User     @relation(fields: [userId], references: [id])${extra}
}
`;
const writeSchema = (text) => fs.writeFileSync(path.join(work, "prisma/schema.prisma"), text);

function prisma(args, env = {}) {
  const childEnv = { ...process.env, ...env };
  for (const key of ["DATABASE_URL", "SHADOW_DATABASE_URL", "PRISMA_SCHEMA_ENGINE_BINARY"])
    if (!(key in env)) delete childEnv[key];
  const started = Date.now();
  const run = spawnSync(process.execPath, [prismaCli, ...args], {
    cwd: work,
    env: childEnv,
    encoding: "utf8",
    timeout: 240_000,
  });
  const result = {
    status: run.status,
    stdout: run.stdout,
    output: `${run.stdout}\n${run.stderr}`,
    ms: Date.now() - started,
  };
  console.log(`# prisma ${args.join(" ")} -> exit ${result.status} in ${result.ms} ms`);
  return result;
}
const ok = (result) => {
  assert.equal(result.status, 0, result.output);
  return result;
};
const migrationNames = () =>
  fs
    .readdirSync(migrationsDir)
    .filter((name) => !name.endsWith(".toml"))
    .sort();
const migrationSql = (suffix) =>
  fs.readFileSync(
    path.join(
      migrationsDir,
      migrationNames().find((n) => n.endsWith(suffix)),
      "migration.sql",
    ),
    "utf8",
  );

async function sql(url, text, values) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}
const shadowDatabases = async () =>
  (await sql(adminUrl, "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_shadow_%'")).map((r) => r.datname);

describe("schema-engine bridge", { concurrency: false }, () => {
  let shadowsBefore;

  before(async () => {
    fs.mkdirSync(path.dirname(bridge), { recursive: true });
    fs.copyFileSync(path.join(root, "prisma.config.ts"), path.join(work, "prisma.config.ts"));
    fs.copyFileSync(path.join(root, "prisma/engine/schema-engine.mjs"), bridge);
    fs.chmodSync(bridge, 0o644); // as after a copy that lost the executable bit
    fs.symlinkSync(path.join(root, "node_modules"), path.join(work, "node_modules"), "dir");
    fs.writeFileSync(path.join(work, "package.json"), '{ "private": true, "type": "module" }\n');
    writeSchema(GENERATOR + USER());
    for (const url of [mainUrl, deployUrl]) await sql(adminUrl, `CREATE DATABASE "${new URL(url).pathname.slice(1)}"`);
    shadowsBefore = await shadowDatabases();
  });

  after(async () => {
    for (const url of [mainUrl, deployUrl])
      await sql(adminUrl, `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    fs.rmSync(work, { recursive: true, force: true });
  });

  test("prisma generate works without DATABASE_URL and restores the executable bit", () => {
    const result = ok(prisma(["generate"]));
    assert.match(result.output, /Generated Prisma Client/);
    assert.ok(fs.existsSync(path.join(work, "generated/prisma/client.ts")));
    assert.ok(fs.statSync(bridge).mode & 0o100, "bridge is executable");
  });

  test("the bridge answers --version like the native binary", () => {
    const run = spawnSync(bridge, ["--version"], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^schema-engine-cli [0-9a-f]{40}\n$/);
  });

  test("migrate dev --name init creates the first migration", () => {
    ok(prisma(["migrate", "dev", "--name", "init"], { DATABASE_URL: mainUrl }));
    assert.deepEqual(
      migrationNames().map((n) => n.replace(/^\d+_/, "")),
      ["init"],
    );
    assert.match(migrationSql("_init"), /CREATE TABLE "User"/);
    assert.match(fs.readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8"), /provider = "postgresql"/);
  });

  test("migrate dev --name second adds a migration and keeps the data of the main database", async () => {
    await sql(mainUrl, 'INSERT INTO "User" (email) VALUES ($1)', ["keep@example.com"]);
    writeSchema(GENERATOR + USER("\n  findings Finding[]") + FINDING());
    ok(prisma(["migrate", "dev", "--name", "second"], { DATABASE_URL: mainUrl }));
    assert.deepEqual(
      migrationNames().map((n) => n.replace(/^\d+_/, "")),
      ["init", "second"],
    );
    const second = migrationSql("_second");
    assert.match(second, /CREATE TABLE "Finding"/);
    assert.match(second, /DEFAULT 'a;b'/); // applied as one script: the `;` inside the literal survives
    // Had the shadow database pointed at the main one, replaying the history would have emptied or failed it.
    assert.deepEqual(await sql(mainUrl, 'SELECT email FROM "User"'), [{ email: "keep@example.com" }]);
    const applied = await sql(mainUrl, "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL");
    assert.equal(applied.length, 2);
    assert.deepEqual(await shadowDatabases(), shadowsBefore, "temporary shadow databases are dropped");
  });

  test("migrate status reports the database up to date", () => {
    const result = ok(prisma(["migrate", "status"], { DATABASE_URL: mainUrl }));
    assert.match(result.output, /Database schema is up to date!/);
  });

  test("migrate deploy applies both migrations to a fresh database", async () => {
    const result = ok(prisma(["migrate", "deploy"], { DATABASE_URL: deployUrl }));
    assert.match(result.output, /All migrations have been successfully applied/);
    const applied = await sql(deployUrl, "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name");
    assert.deepEqual(
      applied.map((r) => r.migration_name),
      migrationNames(),
    );
    const [{ title }] = await sql(
      deployUrl,
      `SELECT column_default AS title FROM information_schema.columns WHERE table_name = 'Finding' AND column_name = 'title'`,
    );
    assert.equal(title, "'a;b'::text");
  });

  test("migrate reset --force empties the database and re-applies the history", async () => {
    await sql(deployUrl, 'INSERT INTO "User" (email) VALUES ($1)', ["gone@example.com"]);
    ok(prisma(["migrate", "reset", "--force"], { DATABASE_URL: deployUrl }));
    assert.deepEqual(await sql(deployUrl, 'SELECT * FROM "User"'), []);
    assert.equal((await sql(deployUrl, "SELECT 1 FROM _prisma_migrations")).length, 2);
  });

  test("migrate diff --from-empty --to-schema --script prints SQL", () => {
    const result = ok(prisma(["migrate", "diff", "--from-empty", "--to-schema", "prisma/schema.prisma", "--script"]));
    assert.match(result.stdout, /CREATE TABLE "User"/);
    assert.match(result.stdout, /CREATE TABLE "Finding"/);
  });

  test("connection failures carry Prisma error codes", () => {
    const unreachable = prisma(["migrate", "status"], { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" });
    assert.notEqual(unreachable.status, 0);
    assert.match(unreachable.output, /P1001/);
  });

  test("embedded PGlite: a file: URL is created, migrated and keeps its data", async () => {
    const env = { DATABASE_URL: "file:./.pglite" }; // relative to prisma.config.ts
    const dataDir = path.join(work, ".pglite");
    ok(prisma(["migrate", "deploy"], env));
    assert.ok(fs.existsSync(path.join(dataDir, "PG_VERSION")));
    let db = await PGlite.create(dataDir);
    await db.query('INSERT INTO "User" (email) VALUES ($1)', ["pglite@example.com"]);
    await db.close();

    writeSchema(GENERATOR + USER("\n  findings Finding[]") + FINDING("\n  score    Float    @default(0)"));
    ok(prisma(["migrate", "dev", "--name", "third"], env));
    assert.match(migrationSql("_third"), /ALTER TABLE "Finding" ADD COLUMN\s+"score" DOUBLE PRECISION/);
    db = await PGlite.create(dataDir);
    assert.deepEqual((await db.query('SELECT email FROM "User"')).rows, [{ email: "pglite@example.com" }]);
    assert.equal((await db.query("SELECT 1 FROM _prisma_migrations WHERE finished_at IS NOT NULL")).rows.length, 3);
    await db.close();
    assert.match(ok(prisma(["migrate", "status"], env)).output, /Database schema is up to date!/);
  });

  test("a migration created on PGlite deploys to PostgreSQL", async () => {
    ok(prisma(["migrate", "deploy"], { DATABASE_URL: mainUrl }));
    assert.equal((await sql(mainUrl, "SELECT 1 FROM _prisma_migrations WHERE finished_at IS NOT NULL")).length, 3);
    assert.deepEqual(await sql(mainUrl, 'SELECT email FROM "User"'), [{ email: "keep@example.com" }]);
  });
});
