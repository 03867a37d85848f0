/** One entry of a GraphQL response's `errors`. */
export type GraphqlErrorEntry = {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
};

/**
 * - network: the api could not be reached, or did not answer in time;
 * - unauthenticated: the API key was refused (unknown, revoked, expired, owner deactivated);
 * - forbidden: the key is valid but may not do this (scope, or bound to another cluster);
 * - graphql: the api answered with GraphQL errors (bad input, not found…);
 * - http: another HTTP failure (5xx from a proxy, 404 on a wrong URL…);
 * - protocol: the answer is not GraphQL at all (usually a wrong URL).
 */
export type ApiErrorKind = "network" | "unauthenticated" | "forbidden" | "graphql" | "http" | "protocol";

export type ApiErrorInit = {
  kind: ApiErrorKind;
  message: string;
  status?: number | null;
  code?: string | null;
  errors?: GraphqlErrorEntry[];
  /** Worth trying again later (network trouble, 5xx, 429). */
  retryable?: boolean;
  /** False when the request certainly never reached the api (connection refused, unknown host). */
  delivered?: boolean;
  cause?: unknown;
};

/** A failed call to the api, with a message fit for a user and the details for code. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  /** extensions.code of the first GraphQL error, e.g. BAD_USER_INPUT, FORBIDDEN. */
  readonly code: string | null;
  readonly errors: GraphqlErrorEntry[];
  readonly retryable: boolean;
  readonly delivered: boolean;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "ApiError";
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.errors = init.errors ?? [];
    this.retryable = init.retryable ?? false;
    this.delivered = init.delivered ?? true;
  }

  /** The key itself is refused or not allowed: retrying will not help. */
  get refused(): boolean {
    return this.kind === "unauthenticated" || this.kind === "forbidden";
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
