import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type NextFunction, type Request, type Response } from "express";
import { GraphQLError } from "graphql";
import helmet from "helmet";
import { isDomainError } from "./common/errors.js";
import { SecretBox } from "./common/crypto.js";
import { resolveSecretKey } from "./common/secret-key.js";
import { type Database, type DatabaseTarget, openDatabase } from "./db/database.js";
import type { Env } from "./env.js";
import { createArmor } from "./graphql/armor.js";
import { createContext, type GraphQLContext } from "./graphql/context.js";
import { createFormatError } from "./graphql/format-error.js";
import { createSchema } from "./graphql/schema.js";
import { attachWebSocket } from "./graphql/websocket.js";
import { authenticate } from "./http/authenticate.js";
import { createMetrics } from "./http/metrics.js";
import { originAllowed, secureCookies } from "./http/request-info.js";
import { defaultWebDir, mountWebApp } from "./http/static.js";
import type { Logger } from "./logger.js";
import { bootstrap, type BootstrapResult } from "./modules/auth/bootstrap.js";
import { SESSION_COOKIE } from "./modules/auth/auth.service.js";
import { falcoRequestListener } from "./modules/falco/falco.routes.js";
import { createMailer } from "./modules/notifications/mailer.js";
import { type BackgroundWorker, createBackgroundWorker } from "./background/worker.js";
import { createBulwarkPubSub } from "./pubsub/pubsub.js";
import { createServices, type Services } from "./services.js";

export type AppOptions = {
  env: Env;
  logger: Logger;
  /** Defaults to DATABASE_URL, else the embedded database in the data directory. */
  database?: DatabaseTarget;
  /** The time (tests move it). */
  clock?: () => Date;
  /** Run the background tasks (expiry, reminders, rescans, email). Default true. */
  background?: boolean;
};

export type App = {
  services: Services;
  secrets: SecretBox;
  bootstrap: BootstrapResult;
  httpServer: http.Server;
  worker: BackgroundWorker;
  listen(): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
};

/** Opens the database, migrates, bootstraps and builds the HTTP + WebSocket server (not yet listening). */
export async function createApp({
  env,
  logger,
  database,
  clock = () => new Date(),
  background = true,
}: AppOptions): Promise<App> {
  const target: DatabaseTarget =
    database ??
    (env.databaseUrl ? { kind: "postgres", url: env.databaseUrl } : { kind: "embedded", dataDir: env.dataDir });
  const secretKey = resolveSecretKey(env.secretKey, env.dataDir);
  if (secretKey.generated) logger.info({ dataDir: env.dataDir }, "generated a secret key for secrets at rest");
  const secrets = new SecretBox(secretKey.key);

  const db: Database = await openDatabase(target, logger);
  const mailer = createMailer(env.smtpUrl, env.mailFrom);
  let pubsub: ReturnType<typeof createBulwarkPubSub> | undefined;
  let worker: BackgroundWorker | undefined;
  try {
    const applied = await db.migrate();
    if (applied.length) logger.info({ applied }, "database migrated");
    pubsub = createBulwarkPubSub(env.redisUrl, logger);
    const services = createServices(db, pubsub, logger, { secrets, mailer, publicUrl: env.publicUrl, clock });
    const bootstrapped = await bootstrap(db, services.audit, {
      adminEmail: env.adminEmail,
      adminPassword: env.adminPassword,
      bootstrapApiKey: env.bootstrapApiKey,
    });
    const { httpServer, close: closeServer } = await buildServer(env, logger, services);
    const tasks = createBackgroundWorker(services, logger);
    worker = tasks;
    if (background) tasks.start();
    return {
      services,
      secrets,
      bootstrap: bootstrapped,
      httpServer,
      async listen() {
        await new Promise<void>((resolve, reject) => {
          httpServer.once("error", reject);
          httpServer.listen(env.port, env.host, () => {
            httpServer.off("error", reject);
            resolve();
          });
        });
        const { port } = httpServer.address() as AddressInfo;
        const host = env.host === "0.0.0.0" || env.host === "::" ? "localhost" : env.host;
        return { port, url: env.publicUrl ?? `http://${host}:${port}` };
      },
      worker: tasks,
      async close() {
        await worker?.stop();
        await closeServer();
        await services.falcoIngest.drain();
        await services.notifications.settle();
        await pubsub?.close();
        mailer.close();
        await db.close();
      },
    };
  } catch (error) {
    await worker?.stop();
    await pubsub?.close();
    mailer.close();
    await db.close();
    throw error;
  }
}

async function buildServer(env: Env, logger: Logger, services: Services) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.trustProxy);
  const metrics = createMetrics();
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'", "ws:", "wss:"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": null,
      },
    },
    hsts: env.secureCookies === "always",
  });
  // Falco ingest (one request per event) is answered ahead of Express; everything else goes to the app.
  const falco = falcoRequestListener(services, metrics, logger, securityHeaders);
  const httpServer = http.createServer((req, res) => {
    if (!falco(req, res)) app(req, res);
  });
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 120_000;
  const armor = createArmor();
  const formatError = createFormatError(logger);
  const schema = await createSchema(services.pubsub);
  const ws = attachWebSocket({
    httpServer,
    schema,
    services,
    env,
    logger,
    metrics,
    validationRules: armor.validationRules,
    formatError,
  });

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    csrfPrevention: true,
    // main.ts owns shutdown: drain, close the database, then exit.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    validationRules: armor.validationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used: every GraphQL answer is `no-store` (below). The cache-control plugin
      // would wrap every field's resolver, subscriptions' too, to collect hints.
      ApolloServerPluginCacheControlDisabled(),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ response }) {
              response.http.headers.set("cache-control", "no-store");
            },
          };
        },
      },
      metrics.apolloPlugin,
      ...armor.plugins,
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.close();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(metrics.httpMiddleware);
  app.use(securityHeaders);

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await services.db.ping();
      const pending = await services.db.pendingMigrations();
      if (pending.length) {
        res.status(503).json({ status: "migrating", pendingMigrations: pending });
        return;
      }
      res.json({ status: "ready", database: services.db.kind, pubsub: services.pubsub.backend });
    } catch (error) {
      logger.warn({ err: error }, "readiness check failed");
      res.status(503).json({ status: "unavailable", reason: "database unreachable" });
    }
  });
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use("/graphql", (req, res, next) => {
    if (!originAllowed(req, env)) {
      res
        .status(403)
        .json({ errors: [{ message: "Cross-origin requests are not allowed", extensions: { code: "FORBIDDEN" } }] });
      return;
    }
    next();
  });
  app.use(
    "/graphql",
    express.json({ limit: env.bodyLimitBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        let actor;
        try {
          actor = await authenticate(services, env, req);
        } catch (error) {
          if (isDomainError(error)) {
            throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
          }
          throw error;
        }
        const secure = secureCookies(req, env);
        return createContext(services, actor, {
          setSession(token, expiresAt) {
            res.cookie(SESSION_COOKIE, token, {
              httpOnly: true,
              sameSite: "lax",
              secure,
              path: "/",
              expires: expiresAt,
            });
          },
          clearSession() {
            res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });
          },
        });
      },
    }),
  );

  app.use(/^\/api(\/|$)/, (_req, res) => {
    res.status(404).json({ error: "Not found" });
  });
  mountWebApp(app, env.webDir ?? defaultWebDir());

  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: string }).type;
    if (type === "entity.too.large") {
      res.status(413).json({
        errors: [
          {
            message: `Request body is larger than ${env.bodyLimitBytes} bytes`,
            extensions: { code: "PAYLOAD_TOO_LARGE" },
          },
        ],
      });
      return;
    }
    if (type === "entity.parse.failed") {
      res
        .status(400)
        .json({ errors: [{ message: "Request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }] });
      return;
    }
    logger.error({ err: error, path: req.path }, "unhandled HTTP error");
    res
      .status(500)
      .json({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
  });

  const close = async () => {
    await apollo.stop();
    if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  };
  return { httpServer, close };
}
