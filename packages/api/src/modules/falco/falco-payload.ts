import { createHash } from "node:crypto";
import { DomainError } from "../../common/errors.js";
import { FALCO_PRIORITIES, type FalcoPriorityName, parsePriority } from "./falco-priority.js";

/**
 * The falcosidekick payload (its webhook output posts one Falco event as JSON):
 * `{ uuid?, output, priority, rule, time, output_fields?, source?, tags?, hostname? }`.
 * This module reads it into the fields Bulwark stores; it does no I/O.
 */

export type FalcoEventInput = {
  uuid: string | null;
  time: Date;
  priority: FalcoPriorityName;
  rule: string;
  source: string | null;
  output: string;
  hostname: string | null;
  namespace: string | null;
  pod: string | null;
  container: string | null;
  image: string | null;
  process: string | null;
  commandLine: string | null;
  user: string | null;
  tags: string[];
  outputFields: Record<string, unknown>;
};

/** Rule names are indexed; longer ones are refused rather than cut. */
export const RULE_MAX_LENGTH = 512;
/** Extracted short fields (namespace, pod, image…) are cut to this many characters. */
export const FIELD_MAX_LENGTH = 512;

export class FalcoPayloadError extends DomainError {
  constructor(message: string) {
    super("BAD_USER_INPUT", message);
    this.name = "FalcoPayloadError";
  }
}

/**
 * JSON.parse, except that integers beyond 2^53 (Falco's `evt.time` in nanoseconds, for one) are
 * kept as decimal strings instead of being rounded to the nearest double.
 */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  BIG_INTEGER.lastIndex = 0;
  let match = BIG_INTEGER.exec(text);
  if (!match) return JSON.parse(text);
  // A number is quoted only when it is a whole integer token (not part of a fraction or an exponent)
  // too large for a double, outside any string: the quotes before it (those not escaped inside a
  // string) say whether it is inside one.
  let out = "";
  let copied = 0;
  let inString = false;
  let quote = text.indexOf('"');
  while (match) {
    const at = match.index;
    while (quote !== -1 && quote < at) {
      if (!inString || !isEscaped(text, quote)) inString = !inString;
      quote = text.indexOf('"', quote + 1);
    }
    const token = match[0];
    if (!inString && !Number.isSafeInteger(Number(token))) {
      out += `${text.slice(copied, at)}"${token}"`;
      copied = at + token.length;
    }
    match = BIG_INTEGER.exec(text);
  }
  return JSON.parse(copied ? out + text.slice(copied) : text);
}

const BIG_INTEGER = /(?<![\d.eE+-])-?[1-9]\d{15,}(?![\d.eE])/g;

/** Whether the character at `at` follows an odd number of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (at > backslashes && text.charCodeAt(at - backslashes - 1) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/** The request body as JSON; a clear error when it is not. */
/** Refuses malformed UTF-8 (each decode call stands alone). */
const UTF8 = new TextDecoder("utf-8", { fatal: true });

export function parseFalcoJson(body: Buffer | string): unknown {
  let text: string;
  if (typeof body === "string") text = body;
  else {
    try {
      text = UTF8.decode(body);
    } catch {
      throw new FalcoPayloadError("The request body is not valid UTF-8");
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) throw new FalcoPayloadError("The request body is empty: send one Falco event as a JSON object");
  try {
    return parseJsonKeepingBigIntegers(text);
  } catch (error) {
    let detail = error instanceof Error ? error.message : String(error);
    try {
      JSON.parse(text); // the parser's own words about the text as sent
    } catch (original) {
      if (original instanceof Error) detail = original.message;
    }
    throw new FalcoPayloadError(`The request body is not valid JSON (${detail})`);
  }
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** An RFC 3339 time with any number of fractional digits (kept to the millisecond); null when invalid. */
export function parseRfc3339(value: string): Date | null {
  const m = RFC3339.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction = "", zulu, sign, oh = "0", om = "0"] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const ms = Number(fraction.slice(0, 3).padEnd(3, "0"));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  if (!zulu && (Number(oh) > 23 || Number(om) > 59)) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const offsetMs = zulu ? 0 : (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return new Date(local - offsetMs);
}

const NUL = String.fromCharCode(0);

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes(NUL);
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === "object") {
    for (const key in value) {
      if (key.includes(NUL) || hasNul((value as Record<string, unknown>)[key])) return true;
    }
  }
  return false;
}

/** Removes NUL characters (PostgreSQL text and jsonb cannot hold them), everywhere in a JSON value. */
function withoutNul(value: unknown): unknown {
  if (typeof value === "string") return value.includes(NUL) ? value.split(NUL).join("") : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.split(NUL).join(""), withoutNul(v)]));
  }
  return value;
}

/** A field's value as text; null, "", "<NA>" and non-scalar values count as absent. */
export function fieldText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" || value === "<NA>" ? null : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

const cut = (value: string | null, max = FIELD_MAX_LENGTH) =>
  value !== null && value.length > max ? value.slice(0, max) : value;

function first(fields: Record<string, unknown>, ...names: string[]): string | null {
  for (const name of names) {
    const value = fieldText(fields[name]);
    if (value !== null) return value;
  }
  return null;
}

/** The Kubernetes and process fields Bulwark filters on, from `output_fields` (first present wins). */
export function extractFields(fields: Record<string, unknown>, bodyHostname: string | null) {
  const namespace = first(fields, "k8s.ns.name", "ka.target.namespace", "k8smeta.ns.name");
  let pod = first(fields, "k8s.pod.name", "k8smeta.pod.name");
  if (pod === null && fieldText(fields["ka.target.resource"]) === "pods") pod = first(fields, "ka.target.name");
  const repository = first(fields, "container.image.repository");
  const tag = first(fields, "container.image.tag");
  const image =
    repository !== null ? (tag !== null ? `${repository}:${tag}` : repository) : first(fields, "container.image");
  return {
    namespace: cut(namespace),
    pod: cut(pod),
    image: cut(image),
    container: cut(first(fields, "container.name", "container.id")),
    process: cut(first(fields, "proc.name")),
    commandLine: first(fields, "proc.cmdline"),
    user: cut(first(fields, "user.name", "ka.user.name")),
    hostname: cut(bodyHostname ?? first(fields, "hostname")),
  };
}

/** sha256 hex of cluster, rule, namespace and image: what makes two events "the same alert". */
export function falcoSignature(clusterId: string, rule: string, namespace: string | null, image: string | null) {
  return createHash("sha256")
    .update(`${clusterId}\n${rule}\n${namespace ?? ""}\n${image ?? ""}`)
    .digest("hex");
}

const kindOf = (value: unknown) =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "a list"
      : typeof value === "object"
        ? "an object"
        : `a ${typeof value}`;

function optionalString(body: Record<string, unknown>, name: string): string | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new FalcoPayloadError(`${name} must be a string, not ${kindOf(value)}`);
  return value === "" ? null : value;
}

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined || value === null) throw new FalcoPayloadError(`${name} is missing`);
  if (typeof value !== "string") throw new FalcoPayloadError(`${name} must be a string, not ${kindOf(value)}`);
  return value;
}

/** Reads one falcosidekick payload; throws FalcoPayloadError (400) naming the first problem. */
export function parseFalcoPayload(json: unknown): FalcoEventInput {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new FalcoPayloadError(`The body must be one Falco event as a JSON object, not ${kindOf(json)}`);
  }
  const body = (hasNul(json) ? withoutNul(json) : json) as Record<string, unknown>;

  const rule = requiredString(body, "rule").trim();
  if (!rule) throw new FalcoPayloadError("rule must not be empty");
  if (rule.length > RULE_MAX_LENGTH) throw new FalcoPayloadError(`rule must be at most ${RULE_MAX_LENGTH} characters`);

  const priorityName = requiredString(body, "priority");
  const priority = parsePriority(priorityName);
  if (!priority) {
    const shown = priorityName.length > 40 ? `${priorityName.slice(0, 40)}…` : priorityName;
    throw new FalcoPayloadError(
      `priority ${JSON.stringify(shown)} is not a Falco priority (${FALCO_PRIORITIES.join(", ")})`,
    );
  }

  const timeText = requiredString(body, "time");
  const time = parseRfc3339(timeText);
  if (!time) {
    const shown = timeText.length > 60 ? `${timeText.slice(0, 60)}…` : timeText;
    throw new FalcoPayloadError(`time ${JSON.stringify(shown)} is not an RFC 3339 date and time`);
  }

  const output = requiredString(body, "output");

  const rawFields = body.output_fields;
  if (rawFields !== undefined && rawFields !== null && (typeof rawFields !== "object" || Array.isArray(rawFields))) {
    throw new FalcoPayloadError(`output_fields must be an object, not ${kindOf(rawFields)}`);
  }
  const outputFields = (rawFields ?? {}) as Record<string, unknown>;

  const rawTags = body.tags;
  let tags: string[] = [];
  if (rawTags !== undefined && rawTags !== null) {
    if (!Array.isArray(rawTags) || rawTags.some((tag) => typeof tag !== "string")) {
      throw new FalcoPayloadError("tags must be a list of strings");
    }
    tags = [...new Set(rawTags as string[])];
  }

  const uuid = cut(optionalString(body, "uuid"));
  const source = cut(optionalString(body, "source"));
  const hostname = optionalString(body, "hostname");
  return { uuid, time, priority, rule, source, output, tags, outputFields, ...extractFields(outputFields, hostname) };
}
