const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const timeWithSeconds = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

function parse(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(value: string | null | undefined, fallback = "—"): string {
  const date = parse(value);
  return date ? dateTime.format(date) : fallback;
}

export function formatDate(value: string | null | undefined, fallback = "—"): string {
  const date = parse(value);
  return date ? dateOnly.format(date) : fallback;
}

export function formatTimestamp(value: string | null | undefined, fallback = "—"): string {
  const date = parse(value);
  return date ? timeWithSeconds.format(date) : fallback;
}

/** The time of day with seconds, for lists where the date is shown beside it. */
export function formatTime(value: string | null | undefined, fallback = "—"): string {
  const date = parse(value);
  return date ? timeOnly.format(date) : fallback;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 hours ago", "in 2 days", "now". */
export function formatRelative(value: string | null | undefined, fallback = "Never", now = Date.now()): string {
  const date = parse(value);
  if (!date) return fallback;
  const seconds = Math.round((date.getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(0, "second") === "now" ? "just now" : relative.format(0, "second");
}

export const ROLE_LABELS = {
  super_admin: "Super admin",
  admin: "Admin",
  read_only: "Read-only",
} as const;

export type RoleName = keyof typeof ROLE_LABELS;

/** Pretty JSON for before/after snapshots. */
export function formatJson(value: unknown): string {
  if (value === null || value === undefined) return "—";
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return "(this value cannot be shown)";
  }
}
