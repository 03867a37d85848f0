import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Prometheus metrics for one api process, served at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "bulwark_" });
  const httpDuration = new Histogram({
    name: "bulwark_http_request_duration_seconds",
    help: "HTTP request duration by route and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const graphqlOperations = new Counter({
    name: "bulwark_graphql_operations_total",
    help: "GraphQL operations by type and outcome",
    labelNames: ["type", "outcome"] as const,
    registers: [registry],
  });
  const websocketConnections = new Gauge({
    name: "bulwark_websocket_connections",
    help: "Open GraphQL WebSocket connections",
    registers: [registry],
  });

  const KNOWN_ROUTES = ["/graphql", "/healthz", "/readyz", "/metrics"];

  function httpMiddleware(req: Request, res: Response, next: NextFunction) {
    const end = httpDuration.startTimer();
    res.on("finish", () => {
      const route = KNOWN_ROUTES.includes(req.path) ? req.path : req.path.startsWith("/api/") ? "/api" : "static";
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  }

  const apolloPlugin: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async willSendResponse(ctx) {
          const type = ctx.operation?.operation ?? "unknown";
          graphqlOperations.inc({ type, outcome: ctx.errors?.length ? "error" : "ok" });
        },
      };
    },
  };

  return { registry, httpMiddleware, apolloPlugin, websocketConnections, graphqlOperations };
}

export type Metrics = ReturnType<typeof createMetrics>;
