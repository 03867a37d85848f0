import { CombinedGraphQLErrors, ServerError, ServerParseError } from "@apollo/client/errors";

/** The error codes the Bulwark API sends in `extensions.code`. */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "NETWORK"
  | "UNKNOWN";

const KNOWN_CODES = new Set<string>([
  "BAD_USER_INPUT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
]);

/** One problem the server reported, in a shape the UI can place next to a field or above a form. */
export type Problem = {
  code: ErrorCode;
  message: string;
  /** The input field the server named (first path segment, e.g. `tags` for `tags.2`). */
  field: string | null;
  /** Every field the server named, with its message. */
  fieldErrors: Record<string, string>;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `tags.2` and `input.name` both belong to a form field: the last non-numeric segment before any index. */
export function formFieldOf(path: string): string {
  const segments = path.split(".").filter((segment) => segment !== "" && !/^\d+$/.test(segment));
  if (segments[0] === "input" && segments.length > 1) return segments[1] ?? path;
  return segments[0] ?? path;
}

function readCode(value: unknown): ErrorCode {
  return typeof value === "string" && KNOWN_CODES.has(value) ? (value as ErrorCode) : "UNKNOWN";
}

/** Turns whatever Apollo Client threw into a message for people, keeping the server's own words. */
export function toProblem(error: unknown): Problem {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const extensions = isRecord(first?.extensions) ? first.extensions : {};
    const details = isRecord(extensions.details) ? extensions.details : {};
    const fieldErrors: Record<string, string> = {};
    if (Array.isArray(details.problems)) {
      for (const item of details.problems) {
        if (isRecord(item) && typeof item.field === "string" && item.field && typeof item.message === "string") {
          const field = formFieldOf(item.field);
          fieldErrors[field] ??= `${item.field} ${item.message}`;
        }
      }
    }
    const field = typeof details.field === "string" && details.field ? formFieldOf(details.field) : null;
    const message = first?.message ?? "The server could not complete the request";
    if (field) fieldErrors[field] = message;
    return { code: readCode(extensions.code), message, field, fieldErrors };
  }
  if (ServerError.is(error)) {
    return {
      code: error.statusCode === 429 ? "RATE_LIMITED" : "NETWORK",
      message: `The server answered with an error (HTTP ${error.statusCode}). Try again in a moment.`,
      field: null,
      fieldErrors: {},
    };
  }
  if (ServerParseError.is(error)) {
    return {
      code: "NETWORK",
      message: "The server sent a response that could not be read.",
      field: null,
      fieldErrors: {},
    };
  }
  if (error instanceof TypeError) {
    return {
      code: "NETWORK",
      message: "Bulwark could not be reached. Check your connection and try again.",
      field: null,
      fieldErrors: {},
    };
  }
  const message = error instanceof Error && error.message ? error.message : "Something went wrong";
  return { code: "UNKNOWN", message, field: null, fieldErrors: {} };
}

/** The first GraphQL error code in an Apollo error, if any. */
export function errorCodeOf(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  for (const item of error.errors) {
    const code = item.extensions?.code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/**
 * Every path the server named, in full (without a leading `input.`), with its message: for forms
 * whose fields are nested, such as `thresholds.fixable.high`.
 */
export function pathErrorsOf(error: unknown): Record<string, string> {
  if (!CombinedGraphQLErrors.is(error)) return {};
  const first = error.errors[0];
  const extensions = isRecord(first?.extensions) ? first.extensions : {};
  const details = isRecord(extensions.details) ? extensions.details : {};
  const strip = (path: string) => (path.startsWith("input.") ? path.slice("input.".length) : path);
  const paths: Record<string, string> = {};
  if (Array.isArray(details.problems)) {
    for (const item of details.problems) {
      if (isRecord(item) && typeof item.field === "string" && item.field && typeof item.message === "string") {
        paths[strip(item.field)] ??= item.message;
      }
    }
  }
  if (typeof details.field === "string" && details.field && first?.message) {
    paths[strip(details.field)] ??= first.message;
  }
  return paths;
}
