import express, { type Express, type Request, type Response } from "express";
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
function ingestKey(req: Request): string | undefined {
  const query = (req.query as Record<string, unknown>).key;
  if (typeof query === "string" && query.trim()) return query.trim();
  return readApiKey(req.headers);
}

function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

const rawBody = express.raw({ type: () => true, limit: FALCO_BODY_LIMIT_BYTES });

function readBody(req: Request, res: Response): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    rawBody(req, res, (error?: unknown) => {
      if (error) {
        const type = (error as { type?: string }).type;
        if (type === "entity.too.large")
          reject(new Refusal(413, `The request body is larger than ${FALCO_BODY_LIMIT_BYTES} bytes (1 MiB)`));
        else if (type === "encoding.unsupported")
          reject(new Refusal(415, "The request body's Content-Encoding is not supported (use gzip, deflate or none)"));
        else reject(new Refusal(400, "The request body could not be read"));
        return;
      }
      resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    });
  });
}

/**
 * falcosidekick's webhook output:
 * - `POST /api/falco/:clusterId/create` (m9sweeper's path; the key as `?key=`, a Bearer token or X-API-Key);
 * - `POST /api/falco/events` (the cluster is the one the key is bound to).
 * Answers JSON; on any refusal nothing is stored. Ingest is counted in metrics, not audited.
 */
export function mountFalcoRoutes(app: Express, services: Services, metrics: Metrics, logger: Logger): void {
  services.falcoIngest.onBatchCommitted = (size) => metrics.falcoBatchSize.observe(size);

  async function authorize(req: Request): Promise<ApiKeyPrincipal> {
    const secret = ingestKey(req);
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

  async function readEvent(req: Request, res: Response): Promise<FalcoEventInput> {
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

  const handle = (clusterParam: (req: Request) => string | null) => async (req: Request, res: Response) => {
    let cluster: IngestCluster | null = null;
    try {
      const principal = await authorize(req);
      cluster = await clusterFor(principal, clusterParam(req));
      const event = await readEvent(req, res);
      let outcome;
      try {
        outcome = await services.falcoIngest.ingest(cluster, principal.apiKeyId, event);
      } catch (error) {
        logger.error(
          { err: error, cluster: cluster.id, url: redactUrl(req.originalUrl) },
          "a batch of Falco events could not be stored",
        );
        throw new Refusal(503, "The event could not be stored right now; send it again", "failed");
      }
      switch (outcome.kind) {
        case "stored":
          metrics.falcoEvents.inc({ outcome: "stored" });
          res.status(201).json({ id: outcome.id, stored: true, anomaly: outcome.anomaly, silenced: outcome.silenced });
          return;
        case "below_minimum_priority":
        case "ignored":
          metrics.falcoEvents.inc({ outcome: outcome.kind });
          res.status(200).json({ stored: false, reason: outcome.reason });
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
        if (!res.headersSent) res.status(error.status).json({ error: error.message });
        return;
      }
      metrics.falcoEvents.inc({ outcome: "failed" });
      logger.error(
        { err: error, cluster: cluster?.id, url: redactUrl(req.originalUrl) },
        "unexpected error receiving a Falco event",
      );
      if (!res.headersSent) res.status(500).json({ error: "Internal server error" });
    }
  };

  app.post(
    "/api/falco/events",
    handle(() => null),
  );
  app.post(
    "/api/falco/:clusterId/create",
    handle((req) => String(req.params.clusterId)),
  );
}
