const SECRET_KEY = /(password|secret|token|hash|credential|private)/i;

/**
 * Removes secret-looking fields from an audit snapshot, at any depth. Services pass explicit
 * snapshots already; this is the second line of defence.
 */
export function redact(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(key)) continue;
      out[key] = redact(inner);
    }
    return out;
  }
  return value;
}
