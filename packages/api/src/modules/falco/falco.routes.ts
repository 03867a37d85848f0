import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import express from "express";
import { z } from "zod";
import { isDomainError } from "../../common/errors.js";
import { type ApiKeyPrincipal, can } from "../../common/principal.js";
import type { Metrics } from "../../http/metrics.js";
import { readApiKey, redactUrl } from "../../http/request-info.js";
import type { Logger } from "../../logger.js";
import type { Services } from "../../services.js";
import { INGEST_CACHE_MS, type IngestCluster } from "./falco-ingest.service.js";
import { type FalcoEventInput, parseFalcoJson, parseFalcoPayload } from "./falco-payload.js";

/** falcosidekick sends one event per request; 1 MiB leaves room for any output_fields. */
export const FALCO_BODY_LIMIT_BYTES = 1024 * 1024;

const uuid = z.uuid();

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly outcome: "rejected" | "failed" = "rejected",
  ) {
    super(message);
  }
}

/** The key from `?key=` (m9sweeper's form, what the install wizard prints), `Authorization: Bearer` or `X-API-Key`. */
function ingestKey(req: IncomingMessage, search: string): string | undefined {
  const query = search ? keyParameter(search) : undefined;
  if (typeof query === "string" && query.trim()) return query.trim();
  return readApiKey(req.headers);
}

/**
 * `key` of a query string, as querystring.parse reads it (a repeated key gives an array, which is
 * refused like a missing one), without parsing the other parameters when they cannot be `key`.
 */
function keyParameter(search: string): string | string[] | undefined {
  if (search.startsWith("key=") && !search.includes("&") && !search.includes("+") && !search.includes("%")) {
    return search.slice(4);
  }
  return parseQuery(search).key;
}

function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

const rawBody = express.raw({ type: () => true, limit: FALCO_BODY_LIMIT_BYTES });

/**
 * The body of a request that says how long it is and is not compressed (what falcosidekick sends)
 * is read here; any other (compressed, chunked, over the limit) goes through body-parser.
 */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer> {
  const encoding = req.headers["content-encoding"];
  const length = Number(req.headers["content-length"]);
  if (
    (encoding === undefined || encoding.toLowerCase() === "identity") &&
    length >= 0 &&
    length <= FALCO_BODY_LIMIT_BYTES
  ) {
    return readPlainBody(req, length);
  }
  return readBodyParsed(req, res);
}

function readPlainBody(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const failed = () => reject(new Refusal(400, "The request body could not be read"));
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
    });
    req.once("end", () => {
      if (received !== length) failed();
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
    });
    req.once("error", failed);
    req.once("aborted", failed);
  });
}

function readBodyParsed(req: IncomingMessage, res: ServerResponse): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const target = req as IncomingMessage & { body?: unknown };
    // body-parser works on Node's own request: the same limits, encodings and errors as express.raw.
    rawBody(target, res, (error?: unknown) => {
      if (error) {
        const type = (error as { type?: string }).type;
        if (type === "entity.too.large")
          reject(new Refusal(413, `The request body is larger than ${FALCO_BODY_LIMIT_BYTES} bytes (1 MiB)`));
        else if (type === "encoding.unsupported")
          reject(new Refusal(415, "The request body's Content-Encoding is not supported (use gzip, deflate or none)"));
        else reject(new Refusal(400, "The request body could not be read"));
        return;
      }
      resolve(Buffer.isBuffer(target.body) ? target.body : Buffer.alloc(0));
    });
  });
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers a middleware sets on every response, read once by running it against a recording
 * response. Helmet's headers, configured with fixed values, do not depend on the request; a
 * middleware that does not finish synchronously, or touches anything else, gets null (run it per request).
 */
export function fixedHeaders(middleware: Middleware): Array<[string, string | string[]]> | null {
  const headers = new Map<string, [string, string | string[]]>();
  let finished = false;
  const recorder = {
    setHeader(name: string, value: number | string | readonly string[]) {
      headers.set(name.toLowerCase(), [name, typeof value === "number" ? String(value) : (value as string | string[])]);
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
    getHeader(name: string) {
      return headers.get(name.toLowerCase())?.[1];
    },
  };
  try {
    middleware(
      { headers: {}, method: "POST", url: "/" } as IncomingMessage,
      recorder as unknown as ServerResponse,
      (error) => {
        finished = !error;
      },
    );
  } catch {
    return null;
  }
  return finished ? [...headers.values()] : null;
}

const CREATE_PATH = /^\/api\/falco\/([^/]+)\/create\/?$/i;
const EVENTS_PATH = /^\/api\/falco\/events\/?$/i;

/** Answers one request (true), or leaves it to the next handler (false). */
export type FalcoRequestListener = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * falcosidekick's webhook output:
 * - `POST /api/falco/:clusterId/create` (m9sweeper's path; the key as `?key=`, a Bearer token or X-API-Key);
 * - `POST /api/falco/events` (the cluster is the one the key is bound to).
 * Answers JSON; on any refusal nothing is stored. Ingest is counted in metrics, not audited.
 *
 * Served by the HTTP server ahead of Express (one request per event, so its per-request cost counts):
 * the paths match as Express would match them (any case, an optional trailing slash), responses carry
 * the security headers every response gets (`securityHeaders`, the app's helmet), and everything else,
 * including other methods on these paths, is left to Express.
 */
export function falcoRequestListener(
  services: Services,
  metrics: Metrics,
  logger: Logger,
  securityHeaders: Middleware,
): FalcoRequestListener {
  services.falcoIngest.onBatchCommitted = (size) => metrics.falcoBatchSize.observe(size);
  const fixed = fixedHeaders(securityHeaders);
  /** The security headers as writeHead takes them (name, value, name, value …), when they are fixed. */
  const fixedRaw = fixed?.flatMap(([name, value]) =>
    Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, value],
  );

  async function authorize(req: IncomingMessage, search: string): Promise<ApiKeyPrincipal> {
    const secret = ingestKey(req, search);
    if (!secret) {
      throw new Refusal(
        401,
        "An API key is required: add ?key=<key> to the URL, or send Authorization: Bearer <key> or X-API-Key: <key>",
      );
    }
    let principal: ApiKeyPrincipal;
    try {
      principal = await services.auth.principalForApiKeyCached(secret, INGEST_CACHE_MS);
    } catch (error) {
      if (isDomainError(error)) throw new Refusal(401, error.message);
      throw error;
    }
    if (!can(principal, "falco:ingest")) {
      throw new Refusal(
        403,
        `This API key cannot send Falco events: it needs the falco_ingest scope (key scopes: ${principal.scopes.join(", ")})`,
      );
    }
    return principal;
  }

  async function clusterFor(principal: ApiKeyPrincipal, requested: string | null): Promise<IngestCluster> {
    let clusterId: string;
    if (requested === null) {
      if (!principal.clusterId) {
        throw new Refusal(
          400,
          "This API key is not bound to a cluster: post to /api/falco/<cluster id>/create, or use a key bound to the cluster",
        );
      }
      clusterId = principal.clusterId;
    } else {
      if (principal.clusterId && principal.clusterId !== requested) {
        throw new Refusal(403, "This API key is bound to another cluster");
      }
      clusterId = requested;
    }
    const shown = clusterId.length > 64 ? `${clusterId.slice(0, 64)}…` : clusterId;
    const cluster = uuid.safeParse(clusterId).success ? await services.falcoIngest.findCluster(clusterId) : null;
    if (!cluster) throw new Refusal(404, `No cluster has the id ${JSON.stringify(shown)}`);
    return cluster;
  }

  async function readEvent(req: IncomingMessage, res: ServerResponse): Promise<FalcoEventInput> {
    if (!isJsonContentType(req.headers["content-type"])) {
      throw new Refusal(415, "Send the event as JSON with Content-Type: application/json");
    }
    const body = await readBody(req, res);
    try {
      return parseFalcoPayload(parseFalcoJson(body));
    } catch (error) {
      if (isDomainError(error)) throw new Refusal(400, error.message);
      throw error;
    }
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    const json = JSON.stringify(body);
    const length = String(Buffer.byteLength(json));
    if (fixedRaw) {
      res.writeHead(status, [...fixedRaw, "Content-Type", "application/json; charset=utf-8", "Content-Length", length]);
    } else {
      res.statusCode = status;
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.setHeader("Content-Length", length);
    }
    res.end(json);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, search: string, requested: string | null) {
    let cluster: IngestCluster | null = null;
    try {
      const principal = await authorize(req, search);
      cluster = await clusterFor(principal, requested);
      const event = await readEvent(req, res);
      let outcome;
      try {
        outcome = await services.falcoIngest.ingest(cluster, principal.apiKeyId, event);
      } catch (error) {
        logger.error(
          { err: error, cluster: cluster.id, url: redactUrl(req.url ?? "") },
          "a batch of Falco events could not be stored",
        );
        throw new Refusal(503, "The event could not be stored right now; send it again", "failed");
      }
      switch (outcome.kind) {
        case "stored":
          metrics.falcoEvents.inc({ outcome: "stored" });
          send(res, 201, { id: outcome.id, stored: true, anomaly: outcome.anomaly, silenced: outcome.silenced });
          return;
        case "below_minimum_priority":
        case "ignored":
          metrics.falcoEvents.inc({ outcome: outcome.kind });
          send(res, 200, { stored: false, reason: outcome.reason });
          return;
        case "key_refused":
          services.auth.forgetCachedApiKey(principal.apiKeyId);
          throw new Refusal(401, outcome.reason);
        case "cluster_gone":
          throw new Refusal(404, `No cluster has the id ${JSON.stringify(cluster.id)}`);
      }
    } catch (error) {
      if (error instanceof Refusal) {
        metrics.falcoEvents.inc({ outcome: error.outcome });
        if (!res.headersSent) send(res, error.status, { error: error.message });
        return;
      }
      metrics.falcoEvents.inc({ outcome: "failed" });
      logger.error(
        { err: error, cluster: cluster?.id, url: redactUrl(req.url ?? "") },
        "unexpected error receiving a Falco event",
      );
      if (!res.headersSent) send(res, 500, { error: "Internal server error" });
    }
  }

  return (req, res) => {
    if (req.method !== "POST") return false;
    const url = req.url ?? "";
    if (url.charCodeAt(0) !== 0x2f || !url.startsWith("/api/falco/")) return false;
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    const search = q < 0 ? "" : url.slice(q + 1);
    let requested: string | null;
    if (EVENTS_PATH.test(path)) requested = null;
    else {
      const match = CREATE_PATH.exec(path);
      if (!match) return false;
      try {
        requested = decodeURIComponent(match[1]!);
      } catch {
        return false; // Express answers a path it cannot decode
      }
    }
    metrics.timeHttpRequest(res, "POST", path);
    if (fixedRaw) {
      void handle(req, res, search, requested);
      return true;
    }
    securityHeaders(req, res, (error) => {
      if (error) {
        logger.error({ err: error, url: redactUrl(url) }, "unexpected error receiving a Falco event");
        send(res, 500, { error: "Internal server error" });
        return;
      }
      void handle(req, res, search, requested);
    });
    return true;
  };
}
