import { createClient, type Client } from "graphql-ws";
import { WebSocket } from "ws";
import { ApiError, type GraphqlErrorEntry } from "./api-error.js";
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from "./backoff.js";

export type SubscriptionClientOptions = {
  /** ws:// or wss:// GraphQL endpoint. */
  url: string;
  apiKey: string;
  backoff?: BackoffOptions;
  /** Ping interval; default 15 s. */
  keepAliveMs?: number;
  /** For tests: a WebSocket implementation. */
  webSocketImpl?: unknown;
};

export type SubscriptionHandlers<TData> = {
  next: (data: TData) => void;
  /** Every failure: refused key, lost connection, GraphQL errors. The subscription keeps retrying. */
  error?: (error: ApiError) => void;
  /** After each successful (re)connection; `reconnected` is false the first time. */
  connected?: (reconnected: boolean) => void;
};

/**
 * Subscribes over graphql-ws with the API key in the connection parameters, and keeps the
 * subscription alive: whenever it ends or fails it reports the error and starts again after a
 * backoff delay, until the returned function is called.
 */
export function subscribe<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(
  options: SubscriptionClientOptions,
  document: string,
  variables: TVariables | undefined,
  handlers: SubscriptionHandlers<TData>,
): () => void {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let stopped = false;
  let failures = 0;
  let everConnected = false;
  let client: Client | null = null;
  let unsubscribe: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;

  const teardown = () => {
    unsubscribe?.();
    unsubscribe = null;
    const current = client;
    client = null;
    if (current) void current.dispose();
  };

  const restart = (error: ApiError | null) => {
    if (stopped) return;
    teardown();
    if (error) handlers.error?.(error);
    const delay = backoffDelay(failures, backoff);
    failures += 1;
    timer = setTimeout(start, delay);
  };

  function start() {
    timer = null;
    if (stopped) return;
    let ended = false;
    const end = (error: ApiError | null) => {
      if (ended) return;
      ended = true;
      restart(error);
    };
    client = createClient({
      url: options.url,
      webSocketImpl: options.webSocketImpl ?? WebSocket,
      connectionParams: { authorization: `Bearer ${options.apiKey}` },
      lazy: true,
      retryAttempts: 0,
      keepAlive: options.keepAliveMs ?? 15_000,
      on: {
        connected: () => {
          failures = 0;
          const reconnected = everConnected;
          everConnected = true;
          handlers.connected?.(reconnected);
        },
      },
    });
    unsubscribe = client.subscribe<TData>(
      { query: document, ...(variables ? { variables } : {}) },
      {
        next: (result) => {
          if (result.errors?.length) {
            handlers.error?.(graphqlError(result.errors as GraphqlErrorEntry[]));
            return;
          }
          if (result.data) handlers.next(result.data);
        },
        error: (error) => end(subscriptionError(options.url, error)),
        complete: () => end(null),
      },
    );
  }

  start();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    teardown();
  };
}

function graphqlError(errors: GraphqlErrorEntry[]): ApiError {
  const code = typeof errors[0]?.extensions?.code === "string" ? errors[0].extensions.code : null;
  const message = errors.map((e) => e.message).join("; ");
  const kind = code === "UNAUTHENTICATED" ? "unauthenticated" : code === "FORBIDDEN" ? "forbidden" : "graphql";
  return new ApiError({
    kind,
    message: `the Bulwark api answered the subscription with an error: ${message}${code ? ` (${code})` : ""}`,
    code,
    errors,
  });
}

/** graphql-ws reports a close event, an error event, an Error, or the operation's GraphQL errors. */
export function subscriptionError(url: string, error: unknown): ApiError {
  if (Array.isArray(error)) return graphqlError(error as GraphqlErrorEntry[]);
  if (error && typeof error === "object" && "code" in error && typeof error.code === "number") {
    const code = error.code;
    const reason = "reason" in error && typeof error.reason === "string" ? error.reason : "";
    if (code === 4403 || code === 4401) {
      return new ApiError({
        kind: "unauthenticated",
        message: `the Bulwark api refused the subscription (${code}${reason ? ` ${reason}` : ""}): the API key is unknown, revoked or expired, or may not subscribe`,
        status: code,
        retryable: true,
      });
    }
    return new ApiError({
      kind: "network",
      message: `the subscription to the Bulwark api at ${url} closed (${code}${reason ? ` ${reason}` : ""})`,
      status: code,
      retryable: true,
    });
  }
  const inner =
    error && typeof error === "object" && "error" in error && error.error instanceof Error ? error.error : error;
  const code =
    inner && typeof inner === "object" && "code" in inner && typeof inner.code === "string" ? inner.code : null;
  const message = code ?? (inner instanceof Error ? inner.message : "connection failed");
  return new ApiError({
    kind: "network",
    message: `cannot reach the Bulwark api at ${url}: ${message}`,
    code,
    retryable: true,
    cause: inner,
  });
}
