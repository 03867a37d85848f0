import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type GraphQLFormattedError, type GraphQLSchema, specifiedRules, validate, type ValidationRule } from "graphql";
import { CloseCode, type Context as WsContext } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import type { Actor } from "../common/actor.js";
import { isDomainError } from "../common/errors.js";
import type { Env } from "../env.js";
import { authenticate } from "../http/authenticate.js";
import type { Metrics } from "../http/metrics.js";
import { originAllowed } from "../http/request-info.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services.js";
import { createContext } from "./context.js";

type Extra = { request: IncomingMessage; socket: WebSocket; actor?: Actor; params?: Record<string, unknown> };

/** How often open connections are re-checked, so a revoked key or ended session loses its stream. */
const REVALIDATE_MS = 30_000;

/** Bytes a connection may have waiting to be sent before each message waits for the socket again. */
export const SEND_HIGH_WATER_BYTES = 1024 * 1024;

/**
 * Messages sent to one connection in the same turn of the event loop (a batch of live events) leave
 * in one write: the socket is corked at the first and uncorked after the turn. graphql-ws waits for
 * each message's send callback before the next; while little is waiting to be sent the callback is
 * called at once, so a batch is not written one message per turn. A reader that falls behind (more
 * than SEND_HIGH_WATER_BYTES waiting) is sent to one message at a time again, as fast as it reads.
 */
export function coalesceSends(ws: WebSocket, tcp: Duplex): void {
  const send = ws.send.bind(ws);
  let corked = false;
  const uncork = () => {
    corked = false;
    tcp.uncork();
  };
  ws.send = ((data: Parameters<WebSocket["send"]>[0], ...rest: unknown[]) => {
    const callback = rest.find((r): r is (error?: Error) => void => typeof r === "function");
    const options = (rest.find((r) => r !== undefined && typeof r === "object") ?? {}) as Parameters<
      WebSocket["send"]
    >[1];
    if (!corked && ws.readyState === ws.OPEN) {
      corked = true;
      tcp.cork();
      setImmediate(uncork);
    }
    if (!callback || ws.bufferedAmount >= SEND_HIGH_WATER_BYTES) {
      send(data, options, callback);
      return;
    }
    // A failed write closes the connection, which ends its subscriptions.
    send(data, options);
    process.nextTick(callback);
  }) as WebSocket["send"];
}

/**
 * GraphQL subscriptions over graphql-ws on the same path as HTTP GraphQL. The handshake must come
 * from an allowed Origin (cookies would otherwise let any site subscribe as the user).
 */
export function attachWebSocket(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  services: Services;
  env: Env;
  logger: Logger;
  metrics: Metrics;
  validationRules: ValidationRule[];
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}) {
  const { httpServer, schema, services, env, logger, metrics, validationRules, formatError } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const contexts = new Set<WsContext<Record<string, unknown>, Extra>>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (pathname !== "/graphql") {
      socket.destroy();
      return;
    }
    if (!originAllowed(req, env)) {
      logger.warn({ origin: req.headers.origin }, "refused WebSocket from another origin");
      socket.write("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      coalesceSends(ws, socket);
      wss.emit("connection", ws, req);
    });
  };
  httpServer.on("upgrade", onUpgrade);

  const server = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      async onConnect(ctx) {
        try {
          ctx.extra.params = ctx.connectionParams ?? {};
          ctx.extra.actor = await authenticate(services, env, ctx.extra.request, ctx.extra.params);
          contexts.add(ctx);
          metrics.websocketConnections.inc();
          return true;
        } catch (error) {
          if (!isDomainError(error)) logger.error({ err: error }, "WebSocket authentication failed");
          return false;
        }
      },
      onClose(ctx) {
        if (contexts.delete(ctx)) metrics.websocketConnections.dec();
      },
      // The same depth, cost and alias limits as over HTTP.
      validate: (validationSchema, document) =>
        validate(validationSchema, document, [...specifiedRules, ...validationRules]),
      context: (ctx) =>
        createContext(
          services,
          ctx.extra.actor ?? { principal: { kind: "anonymous" }, sourceIp: null, userAgent: null },
          null,
        ),
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return result;
        return {
          ...result,
          errors: result.errors.map((error) => {
            const formatted = error.toJSON();
            // graphql-js's own errors (e.g. a missing variable) are the caller's input, as over HTTP.
            if (!error.originalError && !formatted.extensions?.code) {
              return formatError(
                { ...formatted, extensions: { ...formatted.extensions, code: "BAD_USER_INPUT" } },
                error,
              );
            }
            return formatError(formatted, error);
          }),
        };
      },
    },
    wss,
  );

  const revalidate = setInterval(() => {
    for (const ctx of contexts) {
      const before = ctx.extra.actor?.principal;
      if (!before || before.kind === "anonymous") continue;
      authenticate(services, env, ctx.extra.request, ctx.extra.params ?? {})
        .then((actor) => {
          if (actor.principal.kind === "anonymous") ctx.extra.socket.close(CloseCode.Forbidden, "Session ended");
        })
        .catch(() => ctx.extra.socket.close(CloseCode.Forbidden, "Credentials are no longer valid"));
    }
  }, REVALIDATE_MS);
  revalidate.unref();

  return {
    async close() {
      clearInterval(revalidate);
      httpServer.off("upgrade", onUpgrade);
      await server.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
