/** Falco's priorities, highest first (falco_common.h, falcosidekick types.go). */
export const FALCO_PRIORITIES = [
  "emergency",
  "alert",
  "critical",
  "error",
  "warning",
  "notice",
  "informational",
  "debug",
] as const;

export type FalcoPriorityName = (typeof FALCO_PRIORITIES)[number];

/** Higher is more severe: emergency 7 … debug 0. */
export function priorityRank(priority: FalcoPriorityName): number {
  return FALCO_PRIORITIES.length - 1 - FALCO_PRIORITIES.indexOf(priority);
}

/** The priorities at or above the given one, highest first. */
export function prioritiesAtOrAbove(priority: FalcoPriorityName): FalcoPriorityName[] {
  return FALCO_PRIORITIES.slice(0, FALCO_PRIORITIES.indexOf(priority) + 1);
}

export function isAtLeast(priority: FalcoPriorityName, minimum: FalcoPriorityName): boolean {
  return priorityRank(priority) >= priorityRank(minimum);
}

/**
 * A priority name in any case ("Notice", "WARNING", "informational"); Falco's rule files also
 * accept "info" for informational. Null when it is not a Falco priority.
 */
export function parsePriority(value: string): FalcoPriorityName | null {
  const name = value.trim().toLowerCase();
  if (name === "info") return "informational";
  return (FALCO_PRIORITIES as readonly string[]).includes(name) ? (name as FalcoPriorityName) : null;
}
