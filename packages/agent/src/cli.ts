/** Modes the agent binary runs in, as Gatekeeper's --operation. */
export const MODES = ["run", "webhook", "scan"] as const;
export type Mode = (typeof MODES)[number];

export const VERSION = "0.1.0";

export type Parsed =
  { kind: "help" } | { kind: "version" } | { kind: "mode"; mode: Mode } | { kind: "error"; message: string };

export function parseArgs(argv: readonly string[]): Parsed {
  const [first] = argv;
  if (!first || first === "--help" || first === "-h" || first === "help") return { kind: "help" };
  if (first === "--version" || first === "version") return { kind: "version" };
  if ((MODES as readonly string[]).includes(first)) return { kind: "mode", mode: first as Mode };
  return { kind: "error", message: `unknown mode "${first}"; expected one of: ${MODES.join(", ")}` };
}

export const USAGE = `bulwark-agent ${VERSION}

Usage: bulwark-agent <mode> [options]

Modes:
  run       watch the cluster's inventory and run image scans
  webhook   serve the admission webhook
  scan      scan one image from a CI pipeline
`;
