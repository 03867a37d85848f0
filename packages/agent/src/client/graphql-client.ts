import { Kind, OperationTypeNode, parse } from "graphql";
import { ApiError, type GraphqlErrorEntry } from "./api-error.js";
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffOptions } from "./backoff.js";

export type RetryOptions = BackoffOptions & {
  /** Tries in all, the first included. */
  attempts: number;
};

export const DEFAULT_RETRY: RetryOptions = { ...DEFAULT_BACKOFF, attempts: 5 };

export type GraphqlClientOptions = {
  /** The GraphQL endpoint, e.g. https://bulwark.example.com/graphql */
  url: string;
  apiKey: string;
  userAgent?: string;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Called before each retry (for logging). */
  onRetry?: (error: ApiError, attempt: number, delayMs: number) => void;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export type RequestOptions = {
  /**
   * Mutations are retried only when the request certainly never reached the api, unless this is
   * true (the mutation is idempotent: a heartbeat, a full inventory report…). Queries are always
   * retried on network errors, 429 and 5xx.
   */
  retryMutation?: boolean;
  signal?: AbortSignal;
};

export interface GraphqlClient {
  readonly url: string;
  request<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(
    document: string,
    variables?: TVariables,
    options?: RequestOptions,
  ): Promise<TData>;
}

/** Codes of failures before anything was sent: retrying any operation is safe. */
const NOT_DELIVERED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

type GraphqlResponse = { data?: unknown; errors?: GraphqlErrorEntry[] };

/**
 * A small GraphQL-over-HTTP client for the api: POST with the API key as a bearer token, errors
 * turned into ApiError with a message a user can act on, retries with backoff where safe.
 */
export function createGraphqlClient(options: GraphqlClientOptions): GraphqlClient {
  const doFetch = options.fetch ?? fetch;
  const wait = options.sleep ?? sleep;
  const retry = options.retry ?? DEFAULT_RETRY;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const where = displayUrl(options.url);
  const operationTypes = new Map<string, OperationTypeNode>();

  const operationType = (document: string): OperationTypeNode => {
    let type = operationTypes.get(document);
    if (!type) {
      const definition = parse(document).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      if (!definition || definition.kind !== Kind.OPERATION_DEFINITION) {
        throw new Error("the GraphQL document has no operation");
      }
      type = definition.operation;
      operationTypes.set(document, type);
    }
    return type;
  };

  const attempt = async (body: string, signal: AbortSignal | undefined): Promise<unknown> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await doFetch(options.url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...(options.userAgent ? { "user-agent": options.userAgent } : {}),
        },
        body,
        signal: combined,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw networkError(where, error, timeout.aborted ? timeoutMs : null);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw networkError(where, error, timeout.aborted ? timeoutMs : null);
    }
    return interpret(where, response, text);
  };

  return {
    url: options.url,
    async request<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(
      document: string,
      variables?: TVariables,
      requestOptions: RequestOptions = {},
    ): Promise<TData> {
      const isQuery = operationType(document) === OperationTypeNode.QUERY;
      const body = JSON.stringify({ query: document, ...(variables ? { variables } : {}) });
      for (let n = 0; ; n += 1) {
        try {
          return (await attempt(body, requestOptions.signal)) as TData;
        } catch (error) {
          if (!(error instanceof ApiError) || !error.retryable || n + 1 >= retry.attempts) throw error;
          const safe = isQuery || !error.delivered || requestOptions.retryMutation === true;
          if (!safe) throw error;
          const delay = backoffDelay(n, retry);
          options.onRetry?.(error, n + 1, delay);
          await wait(delay, requestOptions.signal);
        }
      }
    },
  };
}

/** The URL without query string, for messages. */
function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

function errorCode(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && e.code !== "ERR_INVALID_ARG_TYPE") return e.code;
  const fromCause = errorCode(e.cause);
  if (fromCause) return fromCause;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = errorCode(inner);
      if (code) return code;
    }
  }
  return undefined;
}

function networkError(where: string, error: unknown, timedOutAfterMs: number | null): ApiError {
  if (timedOutAfterMs !== null) {
    return new ApiError({
      kind: "network",
      message: `cannot reach the Bulwark api at ${where}: no answer within ${timedOutAfterMs < 1000 ? `${timedOutAfterMs} ms` : `${Math.round(timedOutAfterMs / 1000)} s`}`,
      retryable: true,
      delivered: true,
      cause: error,
    });
  }
  const code = errorCode(error);
  const detail =
    code ?? (error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error));
  return new ApiError({
    kind: "network",
    message: `cannot reach the Bulwark api at ${where}: ${detail}`,
    code: code ?? null,
    retryable: true,
    delivered: !(code && NOT_DELIVERED.has(code)),
    cause: error,
  });
}

function parseJson(text: string): GraphqlResponse | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function errorEntries(body: GraphqlResponse | null): GraphqlErrorEntry[] {
  if (!body || !Array.isArray(body.errors)) return [];
  return body.errors
    .filter((e): e is GraphqlErrorEntry => Boolean(e) && typeof e === "object" && typeof e.message === "string")
    .map((e) => ({
      message: e.message,
      ...(e.path ? { path: e.path } : {}),
      ...(e.extensions ? { extensions: e.extensions } : {}),
    }));
}

function codeOf(entry: GraphqlErrorEntry | undefined): string | null {
  const code = entry?.extensions?.code;
  return typeof code === "string" ? code : null;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

function interpret(where: string, response: Response, text: string): unknown {
  const status = response.status;
  const body = parseJson(text);
  const errors = errorEntries(body);
  const first = errors[0];
  const code = codeOf(first);
  const serverMessage = errors.map((e) => e.message).join("; ") || snippet(text) || response.statusText;

  if (status === 401 || code === "UNAUTHENTICATED") {
    return fail({
      kind: "unauthenticated",
      message: `the Bulwark api refused the API key: ${serverMessage}`,
      status,
      code: code ?? "UNAUTHENTICATED",
      errors,
    });
  }
  if (status === 403 || code === "FORBIDDEN") {
    return fail({
      kind: "forbidden",
      message: `the Bulwark api refused the request: ${serverMessage}`,
      status,
      code: code ?? "FORBIDDEN",
      errors,
    });
  }
  if (errors.length) {
    const codes = [...new Set(errors.map(codeOf).filter(Boolean))].join(", ");
    return fail({
      kind: "graphql",
      message: `the Bulwark api answered with an error: ${serverMessage}${codes ? ` (${codes})` : ""}`,
      status,
      code,
      errors,
      retryable: status >= 500 || status === 429 || code === "RATE_LIMITED",
    });
  }
  if (status < 200 || status >= 300) {
    return fail({
      kind: "http",
      message: `the Bulwark api at ${where} answered HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}${
        text.trim() ? `: ${snippet(text)}` : ""
      }`,
      status,
      retryable: status >= 500 || status === 429 || status === 408,
    });
  }
  if (!body || !("data" in body) || body.data === null || typeof body.data !== "object") {
    const type = response.headers.get("content-type") ?? "no content type";
    return fail({
      kind: "protocol",
      message: `the Bulwark api at ${where} did not answer with GraphQL (HTTP ${status}, ${type}); check the api URL`,
      status,
    });
  }
  return body.data;
}

function fail(init: ConstructorParameters<typeof ApiError>[0]): never {
  throw new ApiError(init);
}
