#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, backed by @prisma/schema-engine-wasm.
// The Prisma CLI runs it (via PRISMA_SCHEMA_ENGINE_BINARY) in one of three ways:
//   schema-engine --version
//   schema-engine --datasource <json> cli can-connect-to-database|create-database
//   schema-engine [--datamodels <file>]... --datasource <json>   (JSON-RPC 2.0, one message per line)
// Datasource URLs: postgres(ql)://… for PostgreSQL, file:<dir> for an embedded PGlite data directory.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import path from "node:path";
import pg from "pg";
import { parse as parseConnectionString } from "pg-connection-string";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as wasmRuntime from "@prisma/schema-engine-wasm/schema_engine_bg";

const runtimeUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
const wasmPackage = JSON.parse(readFileSync(new URL("./package.json", runtimeUrl), "utf8"));
const ENGINE_HASH = wasmPackage.version.split(".").pop(); // "8.1.0-2.<hash>" -> "<hash>"

// ---- logging: the CLI reads stderr as JSON lines and ignores the first one ----
const log = (level, fields, target = "schema_engine") =>
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`);

// ---- command line ----
const argv = process.argv.slice(2);
if (argv.includes("--version") || argv.includes("-V")) {
  process.stdout.write(`schema-engine-cli ${ENGINE_HASH}\n`);
  process.exit(0);
}
const datamodelPaths = [];
let datasource = {};
let cliCommand;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--datamodels") datamodelPaths.push(argv[++i]);
  else if (argv[i] === "--datasource") datasource = JSON.parse(argv[++i]);
  else if (argv[i] === "cli") cliCommand = argv[++i];
  else if (argv[i].startsWith("--")) i++; // --enabled-preview-features, --extension-types: not needed here
}
log("INFO", { message: "Starting schema engine (wasm bridge)", git_hash: ENGINE_HASH });

// `file:<dir>` selects embedded PGlite; relative paths resolve against the working directory.
const pgliteDir = (url) => {
  if (!url?.startsWith("file:")) return null;
  const p = decodeURIComponent(url.slice("file:".length).replace(/\?.*$/, "")).replace(/^\/\/(?=\/)/, "");
  return path.resolve(p);
};
// Discrete connection fields: a `connectionString` would override `database` in node-postgres.
const connectionFields = (url, database) => {
  const { connectionString, ...fields } = parseConnectionString(url);
  return database ? { ...fields, database } : fields;
};
const schemaParam = (url) => new URL(url).searchParams.get("schema") ?? undefined;

// ---- driver adapter factory handed to the wasm engine ----
const liveAdapters = new Set(); // every adapter opened, so shutdown can close them
const shadowAdapters = new Set(); // shadow databases never outlive the request that opened them
const closers = []; // run once every adapter is closed

function track(adapter, { shadow = false, cleanup } = {}) {
  const dispose = adapter.dispose.bind(adapter);
  let disposed;
  adapter.dispose = () =>
    (disposed ??= (async () => {
      liveAdapters.delete(adapter);
      shadowAdapters.delete(adapter);
      await dispose();
      await cleanup?.();
    })());
  liveAdapters.add(adapter);
  if (shadow) shadowAdapters.add(adapter);
  return adapter;
}

// The engine's introspection selects `"char"` columns (OID 18), which adapter-pg cannot map:
// report them as text (OID 25). Scripts run whole, as the native engine does (adapter-pg would
// split them on every `;`, including those inside strings and function bodies).
function patchPgAdapter(adapter) {
  const patchQueryable = (q) => {
    const performIO = q.performIO.bind(q);
    q.performIO = async (query) => {
      const result = await performIO(query);
      for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
      return result;
    };
    return q;
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => patchQueryable(await startTransaction(...args));
  adapter.executeScript = async (script) => {
    try {
      await adapter.client.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return patchQueryable(adapter);
}

async function assertDatabase(adapter, expected) {
  const { rows } = await adapter.queryRaw({ sql: "SELECT current_database()", args: [], argTypes: [] });
  if (rows[0][0] !== expected) {
    await adapter.dispose();
    throw new Error(`Shadow database connection reached "${rows[0][0]}" instead of "${expected}"`);
  }
}

async function postgresFactory({ url, shadowDatabaseUrl }) {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    async connect() {
      return track(
        patchPgAdapter(await new PrismaPg({ connectionString: url }, { schema: schemaParam(url) }).connect()),
      );
    },
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        // a configured shadow database is emptied, never created or dropped
        const fields = connectionFields(shadowDatabaseUrl);
        const main = connectionFields(url);
        if (["host", "port", "database"].every((key) => String(fields[key] ?? "") === String(main[key] ?? ""))) {
          throw new Error(
            "The shadow database you configured appears to be the same as the main database. Please specify another shadow database.",
          );
        }
        const schema = schemaParam(shadowDatabaseUrl);
        const adapter = patchPgAdapter(await new PrismaPg(fields, { schema }).connect());
        await assertDatabase(track(adapter, { shadow: true }), fields.database);
        const quoted = `"${(schema ?? "public").replaceAll('"', '""')}"`;
        await adapter.executeScript(`DROP SCHEMA IF EXISTS ${quoted} CASCADE; CREATE SCHEMA ${quoted};`);
        return adapter;
      }
      // A throwaway database on the main server, created and dropped here.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      let dropped;
      const drop = () => (dropped ??= admin.query(`DROP DATABASE IF EXISTS "${name}"`).finally(() => admin.end()));
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
        const adapter = patchPgAdapter(
          await new PrismaPg(connectionFields(url, name), { schema: schemaParam(url) }).connect(),
        );
        await assertDatabase(track(adapter, { shadow: true, cleanup: drop }), name);
        return adapter;
      } catch (error) {
        await drop().catch(() => {});
        if (error.code !== "42501") throw error;
        throw Object.assign(
          new Error(
            `Prisma Migrate could not create the shadow database (${error.message}). Grant CREATEDB or set SHADOW_DATABASE_URL.`,
          ),
          { code: "P3014" },
        );
      }
    },
  };
}

async function pgliteFactory(dir) {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  let main; // one instance per data directory: PGlite takes no lock, two instances would corrupt it
  const open = async (db, shadow) => {
    const adapter = await new PrismaPGlite(db).connect();
    // The packaged executeScript does not await exec(), so failures would escape as unhandled rejections.
    adapter.executeScript = async (script) => {
      try {
        await db.exec(script);
      } catch (error) {
        adapter.onError(error);
      }
    };
    return track(adapter, { shadow, cleanup: shadow ? () => db.close() : undefined });
  };
  closers.push(async () => (await main)?.close());
  return {
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    connect: async () => open(await (main ??= PGlite.create(dir)), false),
    connectToShadowDb: async () => open(await PGlite.create(), true), // fresh in-memory instance
  };
}

// ---- one-shot commands: errors go to stderr as a JSON log line, exit code 1 ----
const ERROR_CODES = {
  "3D000": "P1003",
  "28P01": "P1000",
  28000: "P1000",
  42501: "P1010",
  ECONNREFUSED: "P1001",
  ENOTFOUND: "P1001",
  ETIMEDOUT: "P1001",
};

async function runCli(command) {
  const dir = pgliteDir(datasource.url);
  if (dir) {
    const exists = existsSync(path.join(dir, "PG_VERSION"));
    if (command === "can-connect-to-database" && !exists) {
      throw Object.assign(new Error(`Database \`${path.basename(dir)}\` does not exist at \`${dir}\``), {
        code: "3D000",
      });
    }
    if (command === "create-database" && !exists) {
      mkdirSync(dir, { recursive: true }); // PGlite's own mkdir is not recursive
      const { PGlite } = await import("@electric-sql/pglite");
      await (await PGlite.create(dir)).close();
    }
    return;
  }
  const fields = connectionFields(datasource.url);
  // create-database connects to the server's maintenance database instead of the missing one.
  const client = new pg.Client(command === "create-database" ? { ...fields, database: "postgres" } : fields);
  try {
    await client.connect();
    if (command === "create-database") await client.query(`CREATE DATABASE "${fields.database.replaceAll('"', '""')}"`);
  } catch (error) {
    const server = `${fields.host ?? "localhost"}:${fields.port ?? 5432}`;
    if (error.code === "3D000")
      error.message = `Database \`${fields.database}\` does not exist on the database server at \`${server}\`.`;
    if (ERROR_CODES[error.code] === "P1001")
      error.message = `Can't reach database server at \`${server}\` (${error.code}).`;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

if (cliCommand) {
  try {
    if (!["can-connect-to-database", "create-database"].includes(cliCommand))
      throw new Error(`Unknown command: ${cliCommand}`);
    await runCli(cliCommand);
    process.exit(0);
  } catch (error) {
    log("ERROR", { error_code: ERROR_CODES[error.code] ?? "P1000", message: error.message }, "schema_engine::logger");
    process.exit(1);
  }
}

// ---- JSON-RPC server ----
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  message: "",
  set_message(message) {
    this.message = message;
  },
};
const wasm = new WebAssembly.Instance(
  new WebAssembly.Module(readFileSync(new URL("./schema_engine_bg.wasm", runtimeUrl))),
  {
    "./schema_engine_bg.js": wasmRuntime,
  },
);
wasmRuntime.__wbg_set_wasm(wasm.exports);
wasm.exports.__wbindgen_start();

const dir = pgliteDir(datasource.url);
if (dir && !existsSync(dir)) mkdirSync(dir, { recursive: true });
// Without any URL (e.g. `migrate diff --from-empty --to-schema …`) the engine still probes a server: use in-memory PGlite.
const adapterFactory = bindMigrationAwareSqlAdapterFactory(
  dir || !datasource.url ? await pgliteFactory(dir ?? undefined) : await postgresFactory(datasource),
);
const datamodels = datamodelPaths.length ? datamodelPaths.map((file) => [file, readFileSync(file, "utf8")]) : undefined;
const engineLog = (line) => process.stderr.write(`${line}\n`);

let engine;
let devCacheFresh = false; // createMigration/evaluateDataLoss read state that devDiagnostic caches on the instance
async function startEngine() {
  if (engine) {
    // the old instance holds the migration advisory lock until its connection closes
    engine.free();
    await Promise.all([...liveAdapters].map((adapter) => adapter.dispose()));
  }
  engine = await wasmRuntime.SchemaEngine.new({ datamodels }, engineLog, adapterFactory);
  devCacheFresh = false;
}

async function dispatch(method, params) {
  if (!engine) await startEngine();
  switch (method) {
    case "getDatabaseVersion":
      return engine.version(params);
    case "diff": {
      // the CLI prints what the engine sends in a `print` request
      const { stdout, exitCode } = await engine.diff(params);
      if (stdout) send({ jsonrpc: "2.0", id: `print-${randomUUID()}`, method: "print", params: { content: stdout } });
      return { exitCode };
    }
    case "devDiagnostic": {
      const result = await engine.devDiagnostic(params);
      devCacheFresh = true;
      return result;
    }
    case "evaluateDataLoss":
    case "createMigration":
      if (!devCacheFresh) {
        await startEngine();
        await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
        devCacheFresh = true;
      }
      return engine[method](params);
    default: {
      if (typeof engine[method] !== "function" || method === "free")
        throw Object.assign(new Error(`Method not found: ${method}`), { rpcCode: -32601 });
      const result = await engine[method](params);
      if (method === "applyMigrations" && result.appliedMigrationNames.length) devCacheFresh = false;
      if (["reset", "schemaPush", "dbExecute"].includes(method)) devCacheFresh = false;
      return result ?? {};
    }
  }
}

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

function rpcError(error) {
  if (error instanceof WebAssembly.RuntimeError) {
    const message = globalThis.PRISMA_WASM_PANIC_REGISTRY.message || error.message;
    return {
      code: 4466,
      message: "An error happened. Check the data field for details.",
      data: { is_panic: true, message, backtrace: error.stack },
    };
  }
  if (error?.rpcCode) return { code: error.rpcCode, message: error.message };
  let message = String(error?.message ?? error);
  let code = error?.code;
  // JavaScript errors thrown inside the adapter reach the engine as "External error id#N".
  const external = /External error id#(\d+)/.exec(message);
  const original = external && adapterFactory.errorRegistry.consumeError(Number(external[1]))?.error;
  if (original) {
    message = message.replace(external[0], original.message);
    code ??= original.code;
  }
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: { is_panic: false, message, error_code: /^P\d{4}$/.test(code) ? code : undefined, meta: error?.meta },
  };
}

let queue = Promise.resolve();
let closing;
const shutdown = () =>
  (closing ??= queue.then(async () => {
    try {
      engine?.free();
    } catch {}
    await Promise.allSettled([...liveAdapters].map((adapter) => adapter.dispose()));
    await Promise.allSettled(closers.map((close) => close()));
    process.exit(0);
  }));

createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on("line", (line) => {
    let request;
    try {
      request = JSON.parse(line);
    } catch {
      return line.trim() && send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
    }
    if (!request.method) return; // the CLI's acknowledgement of a `print` request
    queue = queue.then(async () => {
      try {
        send({ jsonrpc: "2.0", id: request.id, result: await dispatch(request.method, request.params) });
      } catch (error) {
        send({ jsonrpc: "2.0", id: request.id, error: rpcError(error) });
      } finally {
        await Promise.allSettled([...shadowAdapters].map((adapter) => adapter.dispose()));
      }
    });
  })
  .on("close", shutdown);
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
