import type { FalcoPriority } from "../../gql/graphql";

/** Falco's priorities, highest first. */
export const FALCO_PRIORITIES: readonly FalcoPriority[] = [
  "emergency",
  "alert",
  "critical",
  "error",
  "warning",
  "notice",
  "informational",
  "debug",
];

export const PRIORITY_LABELS: Record<FalcoPriority, string> = {
  emergency: "Emergency",
  alert: "Alert",
  critical: "Critical",
  error: "Error",
  warning: "Warning",
  notice: "Notice",
  informational: "Informational",
  debug: "Debug",
};

/** Chart colours; the badges use the same hues (styles/falco.css). */
export const PRIORITY_COLORS: Record<FalcoPriority, string> = {
  emergency: "#4d0a1f",
  alert: "#8a1538",
  critical: "#b42318",
  error: "#d9480f",
  warning: "#c98a00",
  notice: "#2457b0",
  informational: "#7a9bd1",
  debug: "#a3acb9",
};

/** Higher is more severe: emergency 7 … debug 0. */
export function priorityRank(priority: FalcoPriority): number {
  return FALCO_PRIORITIES.length - 1 - FALCO_PRIORITIES.indexOf(priority);
}

export function isFalcoPriority(value: unknown): value is FalcoPriority {
  return typeof value === "string" && (FALCO_PRIORITIES as readonly string[]).includes(value);
}

/** Whether `priority` is `minimum` or more severe. */
export function atLeast(priority: FalcoPriority, minimum: FalcoPriority): boolean {
  return priorityRank(priority) >= priorityRank(minimum);
}
