import fs from "node:fs";
import { z } from "zod";
import type { Environment } from "./env.js";
import { ShellWordsError, splitShellWords } from "./shell-words.js";

/** Modes the agent binary runs in, as Gatekeeper's --operation. */
export const MODES = ["run", "webhook", "scan"] as const;
export type Mode = (typeof MODES)[number];

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const SCAN_FORMATS = ["table", "json", "sarif"] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** Where the api is and who the agent is to it. */
export type ConnectionSettings = {
  /** Base URL of the api, without a trailing slash, e.g. https://bulwark.example.com */
  apiUrl: string;
  /** The GraphQL endpoint over HTTP(S). */
  graphqlUrl: string;
  /** The same endpoint over WebSocket, for subscriptions. */
  graphqlWsUrl: string;
  /** Never logged. */
  apiKey: string;
  /** Where the key came from, for messages ("BULWARK_API_KEY", "--api-key", a file…). */
  apiKeySource: string;
  cluster: string;
};

/** How the scanner command is run. */
export type ScannerSettings = {
  command: string;
  /** Extra arguments, inserted before the image reference. */
  extraArgs: string[];
  timeoutSeconds: number;
  /** Larger output is refused (the scanner is stopped). */
  maxOutputBytes: number;
  /** The scanner's environment: the agent's own, without Bulwark's settings and keys. */
  environment: Record<string, string>;
};

type CommonSettings = { connection: ConnectionSettings; logLevel: LogLevel };

export type RunSettings = CommonSettings & {
  mode: "run";
  /** A kubeconfig path; null = in-cluster, else the default locations. */
  kubeconfig: string | null;
  namespace: string;
  heartbeatSeconds: number;
  scanner: ScannerSettings;
  scanConcurrency: number;
};

export type WebhookSettings = CommonSettings & {
  mode: "webhook";
  kubeconfig: string | null;
  namespace: string;
  heartbeatSeconds: number;
  port: number;
  host: string;
  certFile: string;
  keyFile: string;
  snapshotRefreshSeconds: number;
};

export type ScanSettings = CommonSettings & {
  mode: "scan";
  image: string;
  format: ScanFormat;
  /** null = standard output. */
  output: string | null;
  scanner: ScannerSettings;
};

export type Settings = RunSettings | WebhookSettings | ScanSettings;
export type SettingsFor<M extends Mode> = Extract<Settings, { mode: M }>;

/** Every problem found, so a user fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

type Key =
  | "apiUrl"
  | "apiKey"
  | "cluster"
  | "logLevel"
  | "kubeconfig"
  | "namespace"
  | "heartbeatSeconds"
  | "scannerCommand"
  | "scannerArgs"
  | "scanConcurrency"
  | "scanTimeoutSeconds"
  | "webhookPort"
  | "webhookHost"
  | "certFile"
  | "keyFile"
  | "snapshotRefreshSeconds"
  | "image"
  | "format"
  | "output";

/** One setting: its flag, its variables (first wins), its default and its help. */
export type SettingSpec = {
  key: Key;
  flag?: string;
  env?: string;
  /** m9sweeper trawler's variable, read in scan mode when nothing else is set. */
  trawlerEnv?: string;
  defaultValue?: string;
  /** Shown in --help as the value's name, e.g. <url>. */
  valueName: string;
  help: string;
  modes: readonly Mode[];
  required?: boolean;
};

const ALL: readonly Mode[] = MODES;
const CLUSTER_MODES: readonly Mode[] = ["run", "webhook"];
const SCANNING: readonly Mode[] = ["run", "scan"];

/** Every setting of every mode. The README's table is this list. */
export const SETTINGS: readonly SettingSpec[] = [
  {
    key: "apiUrl",
    flag: "api-url",
    env: "BULWARK_API_URL",
    trawlerEnv: "M9SWEEPER_URL",
    valueName: "<url>",
    help: "base URL of the Bulwark api, e.g. https://bulwark.example.com",
    modes: ALL,
    required: true,
  },
  {
    key: "apiKey",
    flag: "api-key",
    env: "BULWARK_API_KEY",
    trawlerEnv: "M9SWEEPER_API_KEY",
    valueName: "<key>",
    help: "API key (agent scope for run and webhook, ci_scan for scan); BULWARK_API_KEY_FILE reads it from a file",
    modes: ALL,
    required: true,
  },
  {
    key: "cluster",
    flag: "cluster",
    env: "BULWARK_CLUSTER",
    trawlerEnv: "CLUSTER_NAME",
    valueName: "<name>",
    help: "the cluster's name in Bulwark",
    modes: ALL,
    required: true,
  },
  {
    key: "logLevel",
    flag: "log-level",
    env: "BULWARK_LOG_LEVEL",
    valueName: "<level>",
    help: `${LOG_LEVELS.join(", ")} (default info; warn in scan mode)`,
    modes: ALL,
  },
  {
    key: "image",
    flag: "image",
    env: "BULWARK_IMAGE",
    trawlerEnv: "DOCKER_IMAGE_URL",
    valueName: "<reference>",
    help: "the image to scan, e.g. registry.example.com/team/app:1.4.2",
    modes: ["scan"],
    required: true,
  },
  {
    key: "format",
    flag: "format",
    defaultValue: "table",
    valueName: "<format>",
    help: `what to print: ${SCAN_FORMATS.join(", ")}`,
    modes: ["scan"],
  },
  {
    key: "output",
    flag: "output",
    valueName: "<file>",
    help: "write the result to this file instead of standard output",
    modes: ["scan"],
  },
  {
    key: "kubeconfig",
    flag: "kubeconfig",
    env: "KUBECONFIG",
    valueName: "<file>",
    help: "kubeconfig to use; in-cluster service account when unset",
    modes: CLUSTER_MODES,
  },
  {
    key: "namespace",
    flag: "namespace",
    env: "BULWARK_AGENT_NAMESPACE",
    defaultValue: "bulwark",
    valueName: "<name>",
    help: "the namespace the agent runs in",
    modes: CLUSTER_MODES,
  },
  {
    key: "heartbeatSeconds",
    flag: "heartbeat-seconds",
    env: "BULWARK_HEARTBEAT_SECONDS",
    defaultValue: "30",
    valueName: "<seconds>",
    help: "how often the agent tells the api it is alive",
    modes: CLUSTER_MODES,
  },
  {
    key: "scannerCommand",
    flag: "scanner-command",
    env: "BULWARK_SCANNER_COMMAND",
    defaultValue: "trivy",
    valueName: "<path>",
    help: "the scanner executable, run as `<path> image --format json --quiet [args] <reference>`",
    modes: SCANNING,
  },
  {
    key: "scannerArgs",
    flag: "scanner-args",
    env: "BULWARK_SCANNER_ARGS",
    defaultValue: "",
    valueName: "<args>",
    help: "extra scanner arguments, split like a shell would (no shell runs), e.g. '--skip-db-update --timeout 10m'",
    modes: SCANNING,
  },
  {
    key: "scanTimeoutSeconds",
    flag: "scan-timeout-seconds",
    env: "BULWARK_SCAN_TIMEOUT_SECONDS",
    defaultValue: "600",
    valueName: "<seconds>",
    help: "a scan running longer is stopped and counted as failed",
    modes: SCANNING,
  },
  {
    key: "scanConcurrency",
    flag: "scan-concurrency",
    env: "BULWARK_SCAN_CONCURRENCY",
    defaultValue: "1",
    valueName: "<n>",
    help: "scans run at the same time",
    modes: ["run"],
  },
  {
    key: "webhookPort",
    flag: "port",
    env: "BULWARK_WEBHOOK_PORT",
    defaultValue: "8443",
    valueName: "<port>",
    help: "HTTPS port of the admission webhook",
    modes: ["webhook"],
  },
  {
    key: "webhookHost",
    flag: "host",
    env: "BULWARK_WEBHOOK_HOST",
    defaultValue: "0.0.0.0",
    valueName: "<address>",
    help: "address the admission webhook listens on",
    modes: ["webhook"],
  },
  {
    key: "certFile",
    flag: "cert-file",
    env: "BULWARK_WEBHOOK_CERT_FILE",
    valueName: "<file>",
    help: "PEM serving certificate (with its chain)",
    modes: ["webhook"],
    required: true,
  },
  {
    key: "keyFile",
    flag: "key-file",
    env: "BULWARK_WEBHOOK_KEY_FILE",
    valueName: "<file>",
    help: "PEM private key of the serving certificate",
    modes: ["webhook"],
    required: true,
  },
  {
    key: "snapshotRefreshSeconds",
    flag: "snapshot-refresh-seconds",
    env: "BULWARK_SNAPSHOT_REFRESH_SECONDS",
    defaultValue: "60",
    valueName: "<seconds>",
    help: "how often the webhook reloads its whole compliance snapshot",
    modes: ["webhook"],
  },
];

/** The variable that holds a path to a file containing the API key (a mounted Kubernetes secret). */
export const API_KEY_FILE_ENV = "BULWARK_API_KEY_FILE";

export function settingsFor(mode: Mode): SettingSpec[] {
  return SETTINGS.filter((s) => s.modes.includes(mode));
}

// ---------------------------------------------------------------------------------------------
// Command-line flags

export type ParsedFlags = {
  values: Map<string, string>;
  positionals: string[];
  help: boolean;
  problems: string[];
};

/** `--name value` and `--name=value`; `-h`/`--help`. Unknown flags are problems, not ignored. */
export function parseFlags(argv: readonly string[], mode: Mode): ParsedFlags {
  const known = new Map(
    settingsFor(mode)
      .filter((s) => s.flag)
      .map((s) => [s.flag as string, s]),
  );
  const values = new Map<string, string>();
  const positionals: string[] = [];
  const problems: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === "-h" || arg === "--help") {
      help = true;
      continue;
    }
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const name = eq === -1 ? body : body.slice(0, eq);
    const spec = known.get(name);
    if (!spec) {
      problems.push(`unknown option --${name} for ${mode} mode (see bulwark-agent ${mode} --help)`);
      if (eq === -1 && i + 1 < argv.length && !(argv[i + 1] as string).startsWith("-")) i += 1;
      continue;
    }
    let value: string;
    if (eq !== -1) value = body.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i] as string;
    else {
      problems.push(`--${name} needs a value ${spec.valueName}`);
      continue;
    }
    if (values.has(spec.key)) problems.push(`--${name} is given more than once`);
    values.set(spec.key, value);
  }
  return { values, positionals, help, problems };
}

// ---------------------------------------------------------------------------------------------
// Validation

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const text = z.string().trim().min(1, "must not be empty");

const SCHEMAS: Record<Key, z.ZodType<unknown, string>> = {
  apiUrl: z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
      } catch {
        return false;
      }
    }, "must be an http:// or https:// URL without credentials, e.g. https://bulwark.example.com"),
  apiKey: text.regex(/^\S+$/, "must not contain spaces").max(512, "is too long"),
  cluster: text.max(253, "is too long"),
  logLevel: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }),
  kubeconfig: text,
  namespace: text.regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a Kubernetes namespace name"),
  heartbeatSeconds: wholeNumber(1, 3600),
  scannerCommand: text,
  scannerArgs: z.string(),
  scanConcurrency: wholeNumber(1, 64),
  scanTimeoutSeconds: wholeNumber(1, 24 * 3600),
  webhookPort: wholeNumber(1, 65535),
  webhookHost: text,
  certFile: text,
  keyFile: text,
  snapshotRefreshSeconds: wholeNumber(5, 24 * 3600),
  image: text
    .regex(/^[^\s]+$/, "must not contain spaces")
    .refine((value) => !value.startsWith("-"), "must not start with a dash"),
  format: z.enum(SCAN_FORMATS, { error: `must be one of ${SCAN_FORMATS.join(", ")}` }),
  output: text,
};

type Resolved = { value: string; source: string };

/** Flag, then Bulwark's variable, then trawler's variable (scan mode), then the default. */
function resolve(spec: SettingSpec, mode: Mode, flags: ParsedFlags, env: Environment): Resolved | undefined {
  const flag = flags.values.get(spec.key);
  if (flag !== undefined) return { value: flag, source: `--${spec.flag}` };
  const set = (name: string | undefined) => (name && env[name]?.trim() ? name : undefined);
  const fromEnv = set(spec.env) ?? (mode === "scan" ? set(spec.trawlerEnv) : undefined);
  if (fromEnv) return { value: env[fromEnv] as string, source: fromEnv };
  if (spec.defaultValue !== undefined) return { value: spec.defaultValue, source: "default" };
  return undefined;
}

function whereToSet(spec: SettingSpec, mode: Mode): string {
  const names = [spec.flag ? `--${spec.flag}` : null, spec.env ?? null].filter(Boolean);
  if (spec.key === "apiKey") names.push(API_KEY_FILE_ENV);
  if (mode === "scan" && spec.trawlerEnv) names.push(spec.trawlerEnv);
  return names.join(" or ");
}

/** Variables that must never reach the scanner: Bulwark's settings and the key. */
function scannerEnvironment(env: Environment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (name.startsWith("BULWARK_") || name === "M9SWEEPER_API_KEY") continue;
    out[name] = value;
  }
  return out;
}

function toWsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}

function graphqlEndpoint(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (!/\/graphql$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/$/, "")}/graphql`;
  return url.toString();
}

/**
 * Reads and checks the settings of a mode from its flags and environment (flags win). Throws a
 * ConfigError naming every problem, each with where the bad value came from.
 */
export function loadSettings<M extends Mode>(mode: M, argv: readonly string[], env: Environment): SettingsFor<M> {
  const flags = parseFlags(argv, mode);
  const problems = [...flags.problems];
  const values = new Map<Key, unknown>();
  const sources = new Map<Key, string>();

  // A positional argument in scan mode is the image, as with `trivy image <ref>`.
  const positionals = [...flags.positionals];
  if (mode === "scan" && positionals.length && !flags.values.has("image")) {
    flags.values.set("image", positionals.shift() as string);
  }
  if (positionals.length)
    problems.push(`unexpected argument${positionals.length > 1 ? "s" : ""}: ${positionals.join(" ")}`);

  for (const spec of settingsFor(mode)) {
    let resolved = resolve(spec, mode, flags, env);
    if (spec.key === "apiKey") {
      const keyFile = readApiKeyFile(env, resolved, problems);
      if (keyFile) resolved = keyFile;
    }
    if (!resolved) {
      if (spec.required) problems.push(`${describe(spec)} is required: set ${whereToSet(spec, mode)}`);
      continue;
    }
    const result = SCHEMAS[spec.key].safeParse(resolved.value);
    if (!result.success) {
      const shown = spec.key === "apiKey" ? "" : ` (got "${resolved.value}")`;
      for (const issue of result.error.issues) problems.push(`${resolved.source}: ${issue.message}${shown}`);
      continue;
    }
    values.set(spec.key, result.data);
    sources.set(spec.key, resolved.source);
  }

  let extraArgs: string[] = [];
  const rawArgs = values.get("scannerArgs");
  if (typeof rawArgs === "string") {
    try {
      extraArgs = splitShellWords(rawArgs);
    } catch (error) {
      if (!(error instanceof ShellWordsError)) throw error;
      problems.push(`${sources.get("scannerArgs")}: ${error.message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);

  const str = (key: Key) => values.get(key) as string;
  const num = (key: Key) => values.get(key) as number;
  const optional = (key: Key) => (values.has(key) ? str(key) : null);
  const apiUrl = str("apiUrl").replace(/\/+$/, "");
  const graphqlUrl = graphqlEndpoint(apiUrl);
  const connection: ConnectionSettings = {
    apiUrl,
    graphqlUrl,
    graphqlWsUrl: toWsUrl(graphqlUrl),
    apiKey: str("apiKey"),
    apiKeySource: sources.get("apiKey") ?? "",
    cluster: str("cluster"),
  };
  const logLevel = (values.get("logLevel") as LogLevel | undefined) ?? (mode === "scan" ? "warn" : "info");
  const scanner = (): ScannerSettings => ({
    command: str("scannerCommand"),
    extraArgs,
    timeoutSeconds: num("scanTimeoutSeconds"),
    maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES,
    environment: scannerEnvironment(env),
  });

  let settings: Settings;
  switch (mode) {
    case "run":
      settings = {
        mode: "run",
        connection,
        logLevel,
        kubeconfig: optional("kubeconfig"),
        namespace: str("namespace"),
        heartbeatSeconds: num("heartbeatSeconds"),
        scanner: scanner(),
        scanConcurrency: num("scanConcurrency"),
      };
      break;
    case "webhook":
      settings = {
        mode: "webhook",
        connection,
        logLevel,
        kubeconfig: optional("kubeconfig"),
        namespace: str("namespace"),
        heartbeatSeconds: num("heartbeatSeconds"),
        port: num("webhookPort"),
        host: str("webhookHost"),
        certFile: str("certFile"),
        keyFile: str("keyFile"),
        snapshotRefreshSeconds: num("snapshotRefreshSeconds"),
      };
      break;
    default:
      settings = {
        mode: "scan",
        connection,
        logLevel,
        image: str("image"),
        format: values.get("format") as ScanFormat,
        output: optional("output"),
        scanner: scanner(),
      };
  }
  return settings as SettingsFor<M>;
}

function describe(spec: SettingSpec): string {
  const names: Partial<Record<Key, string>> = {
    apiUrl: "the api URL",
    apiKey: "an API key",
    cluster: "the cluster name",
    image: "the image to scan",
    certFile: "the webhook's serving certificate",
    keyFile: "the webhook's private key",
  };
  return names[spec.key] ?? spec.key;
}

/**
 * BULWARK_API_KEY_FILE: the key from a file (a Kubernetes secret mounted as a volume). Used when no
 * --api-key or BULWARK_API_KEY is set; setting the variable and the file both is a mistake.
 */
function readApiKeyFile(env: Environment, resolved: Resolved | undefined, problems: string[]): Resolved | undefined {
  const path = env[API_KEY_FILE_ENV]?.trim();
  if (!path) return undefined;
  if (resolved?.source === "--api-key") return undefined;
  if (resolved?.source === "BULWARK_API_KEY") {
    problems.push(`set BULWARK_API_KEY or ${API_KEY_FILE_ENV}, not both`);
    return undefined;
  }
  let content: string;
  try {
    content = fs.readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    problems.push(`${API_KEY_FILE_ENV}: cannot read ${path}: ${code}`);
    return undefined;
  }
  const key = content.trim();
  if (!key) {
    problems.push(`${API_KEY_FILE_ENV}: ${path} is empty`);
    return undefined;
  }
  return { value: key, source: `${API_KEY_FILE_ENV} (${path})` };
}
