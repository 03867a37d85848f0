import { readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { AdmissionApi } from "../api/contract.js";
import { parseAdmissionReview, reviewResponse } from "./admission-review.js";
import { decide } from "./decide.js";
import { EventBatcher, type EventBatcherOptions } from "./event-batcher.js";
import { SnapshotStore } from "./snapshot-store.js";

/** An AdmissionReview holds the object and the old object, each up to etcd's 1.5 MiB, plus envelope. */
export const DEFAULT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** How often the certificate files are checked for rotation. */
const CERT_CHECK_INTERVAL_MS = 30_000;

export type WebhookOptions = {
  api: AdmissionApi;
  /** 0 picks a free port (see the returned handle). */
  port: number;
  host: string;
  certFile: string;
  keyFile: string;
  /** Period of the full snapshot refresh behind the change subscription. */
  refreshSeconds: number;
  logger: Logger;
  bodyLimitBytes?: number;
  events?: Omit<EventBatcherOptions, "send" | "logger">;
  /** Retry timing of snapshot loads; tests shorten it. */
  retry?: { initialMs: number; maxMs: number };
  /** Stop gracefully on SIGTERM and SIGINT (what the `webhook` command wants). */
  stopOnSignals?: boolean;
};

export type WebhookHandle = {
  server: Server;
  store: SnapshotStore;
  events: EventBatcher;
  port: number;
  /** https://host:port/validate */
  url: string;
  /** Resolves once the first snapshot has loaded. */
  ready: Promise<void>;
  /** Stops accepting requests, finishes those in flight and sends the buffered events. */
  close: () => Promise<void>;
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the admission webhook: POST /validate (AdmissionReview v1), GET /healthz (the process is
 * alive) and GET /readyz (200 once the snapshot has loaded). Decides from the local snapshot only;
 * decisions go to the api in batches.
 */
export async function runWebhook(options: WebhookOptions): Promise<WebhookHandle> {
  const { api, logger } = options;
  const store = new SnapshotStore({
    api,
    logger: logger.child({ component: "snapshot" }),
    refreshSeconds: options.refreshSeconds,
    ...(options.retry ? { initialRetryMs: options.retry.initialMs, maxRetryMs: options.retry.maxMs } : {}),
  });
  const events = new EventBatcher({
    ...options.events,
    send: (batch) => api.recordEvents(batch),
    logger: logger.child({ component: "events" }),
  });

  let shuttingDown = false;
  const handler = createHandler({
    store,
    events,
    logger,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    isShuttingDown: () => shuttingDown,
  });
  const tls = readTls(options.certFile, options.keyFile);
  const server = createServer({ cert: tls.cert, key: tls.key, minVersion: "TLSv1.2" }, handler);
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 30_000;
  const stopCertWatch = watchCertificates(server, options.certFile, options.keyFile, tls.stamp, logger);

  store.start();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  const url = `https://${host}:${port}/validate`;
  logger.info(
    { url, refreshSeconds: options.refreshSeconds },
    "admission webhook listening; ready once the snapshot loads",
  );

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      shuttingDown = true;
      logger.info("admission webhook stopping");
      stopCertWatch();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 10_000).unref();
      });
      store.stop();
      await events.close();
      logger.info(events.stats(), "admission webhook stopped");
    })();
    return closing;
  };

  if (options.stopOnSignals) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, "signal received");
      void close();
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }

  return { server, store, events, port, url, ready: store.ready, close };
}

export function createHandler(deps: {
  store: SnapshotStore;
  events: EventBatcher;
  logger: Logger;
  bodyLimitBytes: number;
  isShuttingDown?: () => boolean;
}): Handler {
  const { store, events, logger, bodyLimitBytes } = deps;
  const isShuttingDown = deps.isShuttingDown ?? (() => false);

  const validate = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    let parsedBody: unknown;
    try {
      parsedBody = JSON.parse(body.toString("utf8"));
    } catch (error) {
      return sendError(res, 400, `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = parseAdmissionReview(parsedBody);
    if (!parsed.ok) return sendError(res, 400, `not an AdmissionReview v1 request: ${parsed.problem}`);
    const view = store.view();
    if (view === null) {
      // the apiserver applies the webhook's failurePolicy
      return sendError(res, 503, "the compliance snapshot has not loaded yet");
    }
    const { request } = parsed;
    const decision = decide({ request, index: view.index, now: new Date(), snapshotAgeSeconds: view.ageSeconds });
    if (!request.dryRun) events.add(decision.event);
    const { event } = decision;
    const quiet = event.decision === "allowed" && decision.unscannedReferences.length === 0;
    if (!quiet || logger.isLevelEnabled("debug")) {
      const fields = {
        uid: request.uid,
        operation: request.operation,
        kind: event.kind,
        namespace: event.namespace,
        name: event.name,
        user: event.userName,
        decision: event.decision,
        ...(request.dryRun ? { dryRun: true } : {}),
        ...(decision.unscannedReferences.length > 0 ? { unscanned: decision.unscannedReferences } : {}),
      };
      if (quiet) logger.debug(fields, "admission request admitted");
      else logger.info({ ...fields, message: event.message }, `admission request ${event.decision.replace("_", " ")}`);
    }
    sendJson(res, 200, reviewResponse(decision.response));
  };

  return (req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0];
    if (path === "/validate") {
      if (req.method !== "POST") return sendError(res, 405, "use POST with an AdmissionReview", { allow: "POST" });
      readBody(req, bodyLimitBytes, (error, body) => {
        if (error === "too-large") {
          return sendError(res, 413, `the body is larger than ${bodyLimitBytes} bytes`, { connection: "close" });
        }
        if (error !== null || body === null) return sendError(res, 400, "the request body could not be read");
        try {
          validate(req, res, body);
        } catch (err) {
          logger.error({ err }, "admission request failed");
          sendError(res, 500, "internal error while deciding the request");
        }
      });
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") return sendError(res, 405, "use GET", { allow: "GET" });
    if (path === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (path === "/readyz") {
      const status = store.status();
      const ready = status.ready && !isShuttingDown();
      return sendJson(res, ready ? 200 : 503, { ...status, ready, events: events.stats() });
    }
    sendError(res, 404, `no route for ${path}; the webhook serves POST /validate, GET /healthz and GET /readyz`);
  };
}

function readBody(
  req: IncomingMessage,
  limit: number,
  done: (error: "too-large" | "aborted" | null, body: Buffer | null) => void,
): void {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return done("too-large", null);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  req.on("data", (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > limit) {
      finished = true;
      chunks.length = 0;
      return done("too-large", null);
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (finished) return;
    finished = true;
    done(null, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
  });
  req.on("error", () => {
    if (finished) return;
    finished = true;
    done("aborted", null);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: message }, headers);
}

type Tls = { cert: Buffer; key: Buffer; stamp: string };

function readTls(certFile: string, keyFile: string): Tls {
  return { cert: readFileSync(certFile), key: readFileSync(keyFile), stamp: fileStamp(certFile, keyFile) };
}

function fileStamp(certFile: string, keyFile: string): string {
  return [certFile, keyFile]
    .map((file) => {
      const s = statSync(file);
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    })
    .join("|");
}

/** Loads rotated certificate files (cert-manager, a renewed Secret) without a restart. */
function watchCertificates(
  server: Server,
  certFile: string,
  keyFile: string,
  stamp: string,
  logger: Logger,
): () => void {
  let current = stamp;
  const timer = setInterval(() => {
    try {
      const next = fileStamp(certFile, keyFile);
      if (next === current) return;
      const tls = readTls(certFile, keyFile);
      server.setSecureContext({ cert: tls.cert, key: tls.key, minVersion: "TLSv1.2" });
      current = tls.stamp;
      logger.info({ certFile }, "serving certificate reloaded");
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message : String(error), certFile, keyFile },
        "cannot reload the serving certificate; keeping the current one",
      );
    }
  }, CERT_CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
