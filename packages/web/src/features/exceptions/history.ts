import { FIELD_LABELS, STATUS_LABELS, TYPE_LABELS } from "./exception-labels";

export type ChangeLine = { field: string; label: string; from: string; to: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A history value in words; ids are replaced by names when they are known. */
export function formatValue(field: string, value: unknown, names: ReadonlyMap<string, string> = new Map()): string {
  if (value === null || value === undefined || value === "") return field === "endsAt" ? "no end" : "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (field === "status" && typeof value === "string")
    return STATUS_LABELS[value as keyof typeof STATUS_LABELS] ?? value;
  if (field === "type" && typeof value === "string") return TYPE_LABELS[value as keyof typeof TYPE_LABELS] ?? value;
  if (typeof value === "string" && ISO.test(value)) return `${dateTime.format(new Date(value))} UTC`;
  if (Array.isArray(value)) {
    if (!value.length) return "none";
    return value
      .map((item) => (typeof item === "string" ? (names.get(item) ?? item) : JSON.stringify(item)))
      .join(", ");
  }
  if (typeof value === "string") return names.get(value) ?? value;
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

/**
 * The lines of an edit, approval or rejection ({ field: { from, to } }). Other events carry a
 * snapshot or nothing, and have no lines.
 */
export function changeLines(changes: unknown, names: ReadonlyMap<string, string> = new Map()): ChangeLine[] {
  if (!isRecord(changes)) return [];
  const lines: ChangeLine[] = [];
  for (const [field, change] of Object.entries(changes)) {
    if (!isRecord(change) || !("from" in change) || !("to" in change)) return [];
    lines.push({
      field,
      label: FIELD_LABELS[field] ?? field,
      from: formatValue(field, change.from, names),
      to: formatValue(field, change.to, names),
    });
  }
  return lines;
}
