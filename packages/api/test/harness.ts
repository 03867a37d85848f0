import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type App, createApp } from "../src/app.js";
import { type Database, type DatabaseTarget, openDatabase } from "../src/db/database.js";
import { parseEnv } from "../src/env.js";
import { osResult, trivyReport, trivyVulnerability } from "../src/compliance/trivy-report.builders.js";
import { createLogger } from "../src/logger.js";

export const ROOT_EMAIL = "root@example.com";
export const ROOT_PASSWORD = "root-password-123";

/**
 * A fresh database for one test file: a new PostgreSQL database when DATABASE_URL is set
 * (dropped afterwards), otherwise an in-memory embedded PGlite.
 */
export async function freshDatabase(): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) return { target: { kind: "embedded", dataDir: null }, drop: async () => {} };
  const name = `bulwark_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    target: { kind: "postgres", url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A fresh database (see freshDatabase), opened; `cleanups` gets what closes and drops it, for the
 * test file's afterEach.
 */
export async function openFreshDatabase(cleanups: Array<() => Promise<void>>): Promise<Database> {
  const fresh = await freshDatabase();
  const db = await openDatabase(fresh.target, createLogger({ logLevel: "silent", logPretty: false }));
  cleanups.push(async () => {
    await db.close();
    await fresh.drop();
  });
  return db;
}

export type TestApp = {
  app: App;
  url: string;
  port: number;
  dataDir: string;
  client(): GraphQLClient;
  /** A signed-in client for the first super admin. */
  root(): Promise<GraphQLClient>;
  close(): Promise<void>;
};

export type TestAppOptions = {
  /** The time the api sees (default: the real clock). */
  clock?: () => Date;
  /** Run background tasks on their schedule (default false: tests run them with worker.runNow). */
  background?: boolean;
};

export async function startTestApp(
  overrides: Record<string, string> = {},
  database?: DatabaseTarget,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-test-"));
  const db = database ? { target: database, drop: async () => {} } : await freshDatabase();
  const env = parseEnv({
    PORT: "0",
    HOST: "127.0.0.1",
    BULWARK_DATA_DIR: dataDir,
    BULWARK_SECRET_KEY: "test-secret-key-test-secret-key-0123",
    BULWARK_ADMIN_EMAIL: ROOT_EMAIL,
    BULWARK_ADMIN_PASSWORD: ROOT_PASSWORD,
    BULWARK_LOG_LEVEL: process.env.BULWARK_TEST_LOG_LEVEL ?? "silent",
    ...overrides,
  });
  const app = await createApp({
    env,
    logger: createLogger(env),
    database: db.target,
    background: options.background ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const { port } = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    port,
    dataDir,
    client: () => new GraphQLClient(url),
    async root() {
      const client = new GraphQLClient(url);
      await client.login(ROOT_EMAIL, ROOT_PASSWORD);
      return client;
    },
    async close() {
      await app.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type GraphQLErrorBody = {
  message: string;
  path?: string[];
  extensions?: { code?: string; details?: Record<string, unknown> };
};
export type GraphQLResponse<T = Record<string, unknown>> = {
  status: number;
  data: T | null;
  errors: GraphQLErrorBody[] | undefined;
  headers: Headers;
};

/** A GraphQL-over-HTTP client with a cookie jar of one session cookie and optional API key. */
export class GraphQLClient {
  cookie: string | undefined;
  apiKey: string | undefined;
  apiKeyHeader: "authorization" | "x-api-key" = "authorization";

  constructor(readonly url: string) {}

  withApiKey(key: string, header: "authorization" | "x-api-key" = "authorization"): this {
    this.apiKey = key;
    this.apiKeyHeader = header;
    return this;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { "content-type": "application/json", ...extra };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.apiKey) {
      if (this.apiKeyHeader === "authorization") headers.authorization = `Bearer ${this.apiKey}`;
      else headers["x-api-key"] = this.apiKey;
    }
    return headers;
  }

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    extraHeaders: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: "POST",
      headers: this.headers(extraHeaders),
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("bulwark_session="));
    if (setCookie) {
      const value = setCookie.split(";")[0]!;
      this.cookie = value === "bulwark_session=" ? undefined : value;
    }
    const body = (await res.json()) as { data?: T | null; errors?: GraphQLErrorBody[] };
    return { status: res.status, data: body.data ?? null, errors: body.errors, headers: res.headers };
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors?.length || !res.data) {
      throw new Error(`GraphQL operation failed (${res.status}): ${JSON.stringify(res.errors)}`);
    }
    return res.data;
  }

  /** Runs an operation that must fail and returns its first error. */
  async fails(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLErrorBody> {
    const res = await this.request(query, variables);
    const error = res.errors?.[0];
    if (!error) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
    return error;
  }

  async login(email: string, password: string): Promise<void> {
    await this.ok(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }`, {
      e: email,
      p: password,
    });
  }
}

let counter = 0;
/** Builders: each makes a uniquely named entity through the public API. */
export const build = {
  async user(admin: GraphQLClient, role: "super_admin" | "admin" | "read_only", password = "user-password-123") {
    counter += 1;
    const email = `${role.replace("_", "-")}-${counter}-${randomBytes(3).toString("hex")}@example.com`;
    const data = await admin.ok<{ createUser: { id: string; email: string } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id email } }`,
      { i: { email, name: `Test ${role} ${counter}`, role, password } },
    );
    const client = new GraphQLClient(admin.url);
    await client.login(email, password);
    return { id: data.createUser.id, email, password, client };
  },

  async cluster(admin: GraphQLClient, input: Record<string, unknown> = {}) {
    counter += 1;
    const data = await admin.ok<{ createCluster: { id: string; name: string } }>(
      `mutation($i: CreateClusterInput!) { createCluster(input: $i) { id name } }`,
      { i: { name: `cluster-${counter}-${randomBytes(3).toString("hex")}`, ...input } },
    );
    return data.createCluster;
  },

  async apiKey(owner: GraphQLClient, scopes: string[], input: Record<string, unknown> = {}) {
    counter += 1;
    const data = await owner.ok<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }`,
      { i: { name: `key-${counter}`, scopes, ...input } },
    );
    return { id: data.createApiKey.apiKey.id, secret: data.createApiKey.secret };
  },
};

export type VulnSpec = {
  id: string;
  pkg?: string;
  severity?: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
  /** A fixed version, or null for an unfixable finding. */
  fixed?: string | null;
};

/** A Trivy JSON report (schema 2) for `image` at `digest` with the given vulnerabilities. */
export function trivyReportFor(image: string, digest: string, vulns: VulnSpec[]) {
  const repository = image.replace(/[:@].*$/, "");
  return trivyReport({
    ArtifactName: image,
    Metadata: {
      OS: { Family: "alpine", Name: "3.19.1" },
      ImageID: `sha256:${"c".repeat(64)}`,
      RepoTags: [image],
      RepoDigests: [`${repository}@${digest}`],
    },
    Results: [
      osResult(
        vulns.map((v) =>
          trivyVulnerability(v.id, v.pkg ?? "openssl", {
            Severity: v.severity ?? "HIGH",
            FixedVersion: v.fixed === null ? undefined : (v.fixed ?? "9.9.9-r0"),
            Status: v.fixed === null ? "affected" : "fixed",
          }),
        ),
      ),
    ],
  });
}

let digestCounter = 0;
/** A fresh, valid sha256 digest. */
export function newDigest(): string {
  digestCounter += 1;
  return `sha256:${randomBytes(24).toString("hex")}${String(digestCounter).padStart(16, "0")}`;
}

export const SUBMIT = `mutation($i: SubmitTrivyReportInput!) {
  submitTrivyReport(input: $i) {
    image { id reference name }
    scan { id counts { fixable { critical high } unfixable { critical high } } }
    verdict { status reasons { policyName severity fixable count limit issueIds blocking } }
  }
}`;
