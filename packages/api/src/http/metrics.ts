import type { ServerResponse } from "node:http";
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

  const falcoEvents = new Counter({
    name: "bulwark_falco_events_total",
    help: "Falco events received, by outcome (stored, below_minimum_priority, ignored, rejected, failed)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const falcoBatchSize = new Histogram({
    name: "bulwark_falco_ingest_batch_size",
    help: "Falco events written per group-commit batch",
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
    registers: [registry],
  });

  const KNOWN_ROUTES = ["/graphql", "/healthz", "/readyz", "/metrics"];

  /** The route label: a fixed name, never ids or query strings (which may hold API keys). */
  function routeOf(path: string): string {
    if (KNOWN_ROUTES.includes(path)) return path;
    if (/^\/api\/falco\/events\/?$/.test(path)) return "/api/falco/events";
    if (/^\/api\/falco\/[^/]+\/create\/?$/.test(path)) return "/api/falco/:clusterId/create";
    return path.startsWith("/api/") ? "/api" : "static";
  }

  function httpMiddleware(req: Request, res: Response, next: NextFunction) {
    const end = httpDuration.startTimer();
    res.on("finish", () => {
      end({ method: req.method, route: routeOf(req.path), status: String(res.statusCode) });
    });
    next();
  }

  /** The same measurement for a request answered outside Express (`path` without the query string). */
  function timeHttpRequest(res: ServerResponse, method: string, path: string) {
    const end = httpDuration.startTimer();
    res.on("finish", () => {
      end({ method, route: routeOf(path), status: String(res.statusCode) });
    });
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

  return {
    registry,
    httpMiddleware,
    timeHttpRequest,
    apolloPlugin,
    websocketConnections,
    graphqlOperations,
    falcoEvents,
    falcoBatchSize,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
