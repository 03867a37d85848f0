import type { z } from "zod";
import { badInput } from "./errors.js";

/** Validates service input with zod; the first problem becomes a BAD_USER_INPUT error naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") ?? "";
  throw badInput(field ? `${field} ${issue?.message ?? "is invalid"}` : (issue?.message ?? "Invalid input"), {
    field,
    problems: result.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
  });
}
