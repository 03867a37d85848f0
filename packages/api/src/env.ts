import path from "node:path";
import { z } from "zod";

/**
 * The api's settings, read from the environment. This module is the only reader of process.env
 * in the package; everything else receives an `Env`.
 */
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const booleanFlag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", ""])
    .optional()
    .transform((value) => (value === undefined || value === "" ? fallback : ["true", "1", "yes"].includes(value)));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  BULWARK_DATA_DIR: z.string().default(".data"),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .optional(),
  ),
  BULWARK_SECRET_KEY: optionalString.pipe(
    z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  ),
  BULWARK_ADMIN_EMAIL: optionalString.pipe(
    z
      .string()
      .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address")
      .optional(),
  ),
  BULWARK_ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, "must be at least 12 characters").optional()),
  BULWARK_BOOTSTRAP_API_KEY: optionalString.pipe(
    z.string().min(32, "must be at least 32 characters").regex(/^\S+$/, "must not contain spaces").optional(),
  ),
  BULWARK_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BULWARK_LOG_PRETTY: booleanFlag(false),
  BULWARK_WEB_DIR: optionalString,
  BULWARK_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  BULWARK_TRUST_PROXY: booleanFlag(false),
  BULWARK_SECURE_COOKIES: z.enum(["auto", "always", "never"]).default("auto"),
  BULWARK_ALLOWED_ORIGINS: optionalString,
  BULWARK_PUBLIC_URL: optionalString.pipe(z.url({ message: "must be a URL" }).optional()),
  BULWARK_SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL (e.g. smtp://user:pass@mail.example.com:587)")
      .optional(),
  ),
  BULWARK_MAIL_FROM: z.string().default("Bulwark <bulwark@localhost>"),
});

/** Rules across settings, checked even when single settings are invalid so every problem shows at once. */
function crossChecks(source: Record<string, string | undefined>): string[] {
  const set = (name: string) => Boolean(source[name]?.trim());
  const problems: string[] = [];
  if (set("DATABASE_URL") && !set("BULWARK_SECRET_KEY")) {
    problems.push(
      "BULWARK_SECRET_KEY is required when DATABASE_URL is set (it encrypts secrets at rest; every replica needs the same value)",
    );
  }
  return problems;
}

export type Env = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  secretKey: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  bootstrapApiKey: string | undefined;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  logPretty: boolean;
  webDir: string | undefined;
  bodyLimitBytes: number;
  trustProxy: boolean;
  secureCookies: "auto" | "always" | "never";
  allowedOrigins: string[];
  publicUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses settings; throws EnvError listing every problem at once. */
export function parseEnv(source: Record<string, string | undefined>, cwd = process.cwd()): Env {
  const result = envSchema.safeParse(source);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`)),
    ...crossChecks(source),
  ];
  if (!result.success || problems.length) throw new EnvError(problems);
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(cwd, e.BULWARK_DATA_DIR),
    redisUrl: e.REDIS_URL,
    secretKey: e.BULWARK_SECRET_KEY,
    adminEmail: e.BULWARK_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.BULWARK_ADMIN_PASSWORD,
    bootstrapApiKey: e.BULWARK_BOOTSTRAP_API_KEY,
    logLevel: e.BULWARK_LOG_LEVEL,
    logPretty: e.BULWARK_LOG_PRETTY,
    webDir: e.BULWARK_WEB_DIR ? path.resolve(cwd, e.BULWARK_WEB_DIR) : undefined,
    bodyLimitBytes: e.BULWARK_BODY_LIMIT_BYTES,
    trustProxy: e.BULWARK_TRUST_PROXY,
    secureCookies: e.BULWARK_SECURE_COOKIES,
    allowedOrigins: (e.BULWARK_ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((o) => o.trim().replace(/\/$/, ""))
      .filter(Boolean),
    publicUrl: e.BULWARK_PUBLIC_URL?.replace(/\/$/, ""),
    smtpUrl: e.BULWARK_SMTP_URL,
    mailFrom: e.BULWARK_MAIL_FROM,
  };
}

/** Reads the process environment. The only place in the api that touches process.env. */
export function loadEnv(): Env {
  return parseEnv(process.env);
}
