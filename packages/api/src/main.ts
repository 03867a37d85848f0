import { createApp } from "./app.js";
import { EnvError, loadEnv } from "./env.js";
import { createLogger } from "./logger.js";

/** Runs the api: reads settings, migrates, listens, and shuts down cleanly on SIGTERM / SIGINT. */
async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`bulwark: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(env);
  const app = await createApp({ env, logger });
  const { url } = await app.listen();

  const lines = [`Bulwark is running at ${url}`];
  lines.push(`  database: ${app.services.db.kind === "embedded" ? `embedded (${env.dataDir})` : "PostgreSQL"}`);
  const admin = app.bootstrap.createdAdmin;
  if (admin) {
    lines.push("", "  First start: a super admin was created.", `  email:    ${admin.email}`);
    lines.push(
      admin.generatedPassword
        ? `  password: ${admin.generatedPassword}   (shown once; change it under Settings → Account)`
        : "  password: the value of BULWARK_ADMIN_PASSWORD",
    );
  }
  process.stdout.write(`\n${lines.join("\n")}\n\n`);
  logger.info({ url }, "listening");

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, 15_000);
    force.unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, "error during shutdown");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error("bulwark: failed to start:", error instanceof Error ? error.message : error);
  if (error instanceof Error && error.cause) console.error("  cause:", error.cause);
  process.exit(1);
});
