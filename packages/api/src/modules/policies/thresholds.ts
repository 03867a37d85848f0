import { z } from "zod";
import { SEVERITIES, type Severity, type SeverityLimits, type Thresholds } from "../../compliance/types.js";

const limit = z.number().int("must be a whole number").min(0, "must be 0 or more").nullable();
const limits = z.object(
  Object.fromEntries(SEVERITIES.map((s) => [s, limit.default(null)])) as Record<Severity, z.ZodDefault<typeof limit>>,
);

/** Ten max counts: five severities × fixable / unfixable; null (or absent) = no limit. */
export const thresholdsSchema = z.object({
  fixable: limits.default(noLimits()),
  unfixable: limits.default(noLimits()),
});

export function noLimits(): SeverityLimits {
  return { critical: null, high: null, medium: null, low: null, negligible: null };
}

/** Reads thresholds stored as JSON, treating anything malformed as "no limit" for that field. */
export function thresholdsFromJson(value: unknown): Thresholds {
  const parsed = thresholdsSchema.safeParse(value);
  return parsed.success ? parsed.data : { fixable: noLimits(), unfixable: noLimits() };
}
