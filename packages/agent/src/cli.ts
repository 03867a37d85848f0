import { API_KEY_FILE_ENV, MODES, settingsFor, type Mode } from "./config/settings.js";
import { VERSION } from "./version.js";

export { MODES, VERSION, type Mode };

export type Parsed =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "mode"; mode: Mode; args: string[] }
  | { kind: "command"; command: string; args: string[] }
  | { kind: "error"; message: string };

/** What each mode is for, as --help says it. */
export const MODE_SUMMARIES: Record<Mode, string> = {
  run: "in the cluster: tell Bulwark the agent is alive and which Kubernetes it watches",
  webhook: "serve the admission webhook, deciding from a local compliance snapshot",
  scan: "scan one image from a CI pipeline, report it, exit non-zero when it is not compliant",
};

export type CommandInfo = { name: string; summary: string };

/**
 * Reads the first argument: a mode, a command among `commands`, help or version. Everything after
 * it belongs to the mode or command.
 */
export function parseArgs(argv: readonly string[], commands: readonly CommandInfo[] = []): Parsed {
  const [first, ...rest] = argv;
  if (!first || first === "--help" || first === "-h" || first === "help") return { kind: "help" };
  if (first === "--version" || first === "-v" || first === "version") return { kind: "version" };
  if ((MODES as readonly string[]).includes(first)) return { kind: "mode", mode: first as Mode, args: rest };
  if (commands.some((c) => c.name === first)) return { kind: "command", command: first, args: rest };
  const known = [...MODES, ...commands.map((c) => c.name)].join(", ");
  return { kind: "error", message: `unknown command "${first}"; expected one of: ${known}` };
}

/** Whether the arguments of a mode ask for its help. */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes("--help") || args.includes("-h");
}

export function usage(commands: readonly CommandInfo[] = []): string {
  const width = Math.max(...[...MODES, ...commands.map((c) => c.name)].map((n) => n.length)) + 2;
  const lines = [
    `bulwark-agent ${VERSION}: Bulwark's agent for Kubernetes clusters and CI pipelines`,
    "",
    "Usage: bulwark-agent <mode|command> [options]",
    "",
    "Modes:",
    ...MODES.map((m) => `  ${m.padEnd(width)}${MODE_SUMMARIES[m]}`),
  ];
  if (commands.length) {
    lines.push("", "Commands:", ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`));
  }
  lines.push(
    "",
    "Run `bulwark-agent <mode> --help` for its options. Every option can also be set by an",
    "environment variable; a flag wins over its variable.",
    "",
  );
  return lines.join("\n");
}

const MODE_USAGE: Record<Mode, string> = {
  run: "bulwark-agent run [options]",
  webhook: "bulwark-agent webhook [options]",
  scan: "bulwark-agent scan --image <reference> --cluster <name> [--format table|json|sarif] [--output <file>] [options]",
};

/** One mode's help: every option with its variable(s) and default, generated from the settings. */
export function modeUsage(mode: Mode): string {
  const lines = [`bulwark-agent ${mode}: ${MODE_SUMMARIES[mode]}`, "", `Usage: ${MODE_USAGE[mode]}`, "", "Options:"];
  for (const spec of settingsFor(mode)) {
    const flag = spec.flag ? `--${spec.flag} ${spec.valueName}` : "";
    const vars = [spec.env, spec.key === "apiKey" ? `${API_KEY_FILE_ENV} (a file)` : undefined]
      .concat(mode === "scan" ? [spec.trawlerEnv] : [])
      .filter(Boolean)
      .join(", ");
    lines.push(`  ${flag}${spec.required ? "  (required)" : ""}`);
    lines.push(`      ${spec.help}`);
    const extra = [
      vars ? `env: ${vars}` : "",
      spec.defaultValue !== undefined && spec.defaultValue !== "" ? `default: ${spec.defaultValue}` : "",
    ]
      .filter(Boolean)
      .join("; ");
    if (extra) lines.push(`      ${extra}`);
  }
  lines.push("  -h, --help", "      this help");
  if (mode === "scan") {
    lines.push(
      "",
      "Exit codes:",
      "  0  the image is compliant with the cluster's policies",
      "  1  it is not (non-compliant, or Bulwark counts it as unscanned or failed)",
      "  2  no verdict: bad settings, the scanner failed, or the api refused or could not be reached",
      "",
      "m9sweeper trawler's variables M9SWEEPER_URL, M9SWEEPER_API_KEY, CLUSTER_NAME and DOCKER_IMAGE_URL are",
      "read when Bulwark's own are not set.",
    );
  }
  if (mode === "run") {
    lines.push("", "Environment: KUBECONFIG, or the in-cluster service account when unset.");
  }
  return `${lines.join("\n")}\n`;
}
