import http from "node:http";
import https from "node:https";
import { StringDecoder } from "node:string_decoder";
import type { KubeConfig } from "@kubernetes/client-node";
import { VERSION } from "../version.js";
import type { KubeDelegated, KubeEndpoint, KubeTarget } from "./kube-config.js";

/** A failed request to the apiserver. `status` is null when no HTTP answer came (network, timeout). */
export class KubeApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    /** The Status object's reason, e.g. Expired, Forbidden, NotFound. */
    readonly reason: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "KubeApiError";
  }

  /** 410 Gone: the resource version is too old; list again. */
  get gone(): boolean {
    return this.status === 410;
  }
}

export type WatchOptions = {
  signal: AbortSignal;
  /** The stream is dropped when nothing arrives for this long (a half-open connection). */
  idleTimeoutMs: number;
  /** Called once the apiserver has accepted the watch. */
  onOpen?: () => void;
};

/** The few apiserver calls the run mode makes: JSON GETs and watch streams. */
export interface KubeClient {
  /** The apiserver's base URL, for messages. */
  readonly server: string;
  /** Where the credentials came from, for messages. */
  readonly source: string;
  getJson(path: string, query?: Record<string, string>, signal?: AbortSignal): Promise<unknown>;
  /**
   * Streams a watch: calls `onLine` with each JSON line. Resolves when the apiserver ends the
   * stream (its timeoutSeconds), rejects on errors; resolves quietly when the signal is aborted.
   */
  watch(
    path: string,
    query: Record<string, string>,
    onLine: (line: string) => void,
    options: WatchOptions,
  ): Promise<void>;
}

type RequestSetup = { agent: http.Agent; headers: Record<string, string> };

const GET_TIMEOUT_MS = 60_000;
const MAX_BODY_BYTES = 256 * 1024 * 1024;
const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** A client for the apiserver over Node's HTTPS, with the credentials `target` describes. */
export function createKubeClient(target: KubeTarget): KubeClient {
  const setup = requestSetup(target);
  // Known at once for an endpoint; for delegated credentials, once the library has read the kubeconfig.
  let base = target.kind === "endpoint" ? target.server : "";
  const resolveBase = async (): Promise<string> => {
    if (base) return base;
    base = (await setup()).server;
    return base;
  };

  const open = async (
    path: string,
    query: Record<string, string> | undefined,
    signal: AbortSignal,
  ): Promise<{ request: http.ClientRequest; response: http.IncomingMessage; where: string }> => {
    const { agent, headers, server: root } = await setup();
    const url = new URL(`${root}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
    const where = `${url.origin}${url.pathname}`;
    const transport = url.protocol === "http:" ? http : https;
    return new Promise((resolve, reject) => {
      const request = transport.request(
        url,
        {
          method: "GET",
          agent,
          headers: { ...headers, accept: "application/json", "user-agent": `bulwark-agent/${VERSION}` },
          signal,
        },
        (response) => resolve({ request, response, where }),
      );
      request.on("error", (error) => reject(networkError(root, error, signal)));
      request.end();
    });
  };

  return {
    get server() {
      return base || "(unknown)";
    },
    source: target.source,

    async getJson(path, query, signal) {
      const timeout = AbortSignal.timeout(GET_TIMEOUT_MS);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      await resolveBase();
      const { response, where } = await open(path, query, combined);
      const text = await readBody(response, combined, where);
      if (response.statusCode !== 200) throw statusError(response.statusCode ?? 0, text, where);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new KubeApiError(`the apiserver's answer to ${where} is not JSON`, response.statusCode);
      }
    },

    async watch(path, query, onLine, options) {
      if (options.signal.aborted) return;
      const local = new AbortController();
      const onAbort = () => local.abort(options.signal.reason);
      options.signal.addEventListener("abort", onAbort, { once: true });
      try {
        await resolveBase();
        let opened: Awaited<ReturnType<typeof open>>;
        try {
          opened = await open(path, { ...query, watch: "true" }, local.signal);
        } catch (error) {
          if (options.signal.aborted) return;
          throw error;
        }
        const { response, where } = opened;
        if (response.statusCode !== 200) {
          const text = await readBody(response, local.signal, where).catch(() => "");
          throw statusError(response.statusCode ?? 0, text, where);
        }
        options.onOpen?.();
        await new Promise<void>((resolve, reject) => {
          const decoder = new StringDecoder("utf8");
          let pending = "";
          let idle: NodeJS.Timeout | null = null;
          let settled = false;
          const settle = (error: Error | null) => {
            if (settled) return;
            settled = true;
            if (idle) clearTimeout(idle);
            if (error) {
              response.destroy();
              if (options.signal.aborted) resolve();
              else reject(error);
            } else resolve();
          };
          const armIdle = () => {
            if (idle) clearTimeout(idle);
            idle = setTimeout(() => {
              local.abort();
              settle(
                new KubeApiError(
                  `the watch on ${where} went silent for ${Math.round(options.idleTimeoutMs / 1000)} s`,
                  null,
                ),
              );
            }, options.idleTimeoutMs);
          };
          armIdle();
          response.on("data", (chunk: Buffer) => {
            // Once a line failed (a 410, say), lines still buffered must not be applied while the list restarts.
            if (settled) return;
            armIdle();
            pending += decoder.write(chunk);
            let newline = pending.indexOf("\n");
            while (newline !== -1 && !settled) {
              const line = pending.slice(0, newline).trim();
              pending = pending.slice(newline + 1);
              if (line) {
                try {
                  onLine(line);
                } catch (error) {
                  settle(error as Error);
                  return;
                }
              }
              newline = pending.indexOf("\n");
            }
            if (pending.length > MAX_LINE_CHARS)
              settle(new KubeApiError(`a watch event from ${where} is too large`, 200));
          });
          response.on("end", () => {
            const rest = (pending + decoder.end()).trim();
            if (rest && !settled) {
              try {
                onLine(rest);
              } catch (error) {
                settle(error as Error);
                return;
              }
            }
            settle(null);
          });
          response.on("error", (error) => settle(networkError(where, error, options.signal)));
          response.on("aborted", () =>
            settle(new KubeApiError(`the apiserver closed the watch on ${where} abruptly`, null)),
          );
        });
      } finally {
        options.signal.removeEventListener("abort", onAbort);
      }
    },
  };
}

/** How each request gets its agent (TLS) and headers (Authorization). */
function requestSetup(target: KubeTarget): () => Promise<RequestSetup & { server: string }> {
  switch (target.kind) {
    case "endpoint":
      return endpointSetup(target);
    case "delegated":
      return delegatedSetup(target);
    case "missing":
      return () => Promise.reject(new KubeApiError(target.message, null));
  }
}

function endpointSetup(target: KubeEndpoint): () => Promise<RequestSetup & { server: string }> {
  const secure = target.server.startsWith("https:");
  const agentOptions = { keepAlive: true, ...target.tls };
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent({ keepAlive: true });
  return async () => {
    const authorization = target.authorization();
    const headers: Record<string, string> = authorization ? { authorization } : {};
    return { agent, headers, server: target.server };
  };
}

/**
 * Exec plugins, auth providers, proxies: the Kubernetes client library builds each request's agent
 * and headers. It is loaded only here, since it is large.
 */
function delegatedSetup(target: KubeDelegated): () => Promise<RequestSetup & { server: string }> {
  let config: Promise<KubeConfig> | null = null;
  const load = async () => {
    const { KubeConfig } = await import("@kubernetes/client-node");
    const kc = new KubeConfig();
    if (target.kubeconfig && !target.kubeconfig.includes(":")) kc.loadFromFile(target.kubeconfig);
    else kc.loadFromDefault();
    return kc;
  };
  return async () => {
    config ??= load();
    const kc = await config;
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new KubeApiError(`the kubeconfig ${target.source} has no current cluster`, null);
    const options: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(options);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (typeof value === "string" || typeof value === "number") headers[name.toLowerCase()] = String(value);
    }
    if (options.auth) headers.authorization = `Basic ${Buffer.from(options.auth).toString("base64")}`;
    const agent = options.agent instanceof http.Agent ? options.agent : new https.Agent();
    return { agent, headers, server: cluster.server.replace(/\/+$/, "") };
  };
}

function readBody(response: http.IncomingMessage, signal: AbortSignal, where: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        response.destroy();
        reject(new KubeApiError(`the apiserver's answer to ${where} is larger than ${MAX_BODY_BYTES} bytes`, null));
        return;
      }
      chunks.push(chunk);
    });
    response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    response.on("error", (error) => reject(networkError(where, error, signal)));
    response.on("aborted", () => reject(new KubeApiError(`the apiserver closed the answer to ${where} early`, null)));
  });
}

function statusError(status: number, text: string, where: string): KubeApiError {
  let message = text.trim().slice(0, 300);
  let reason: string | null = null;
  try {
    const body = JSON.parse(text) as { message?: unknown; reason?: unknown };
    if (typeof body.message === "string") message = body.message;
    if (typeof body.reason === "string") reason = body.reason;
  } catch {
    // Not a Status object.
  }
  return new KubeApiError(
    `the apiserver answered ${status} to ${where}${message ? `: ${message}` : ""}`,
    status,
    reason,
  );
}

function networkError(where: string, error: Error, signal: AbortSignal): KubeApiError {
  if (signal.aborted && signal.reason instanceof DOMException && signal.reason.name === "TimeoutError") {
    return new KubeApiError(`the apiserver at ${where} did not answer in time`, null, null, { cause: error });
  }
  const code = (error as NodeJS.ErrnoException).code;
  return new KubeApiError(`cannot reach the apiserver at ${where}: ${code ?? error.message}`, null, null, {
    cause: error,
  });
}
