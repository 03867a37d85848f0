import { accessSync, chmodSync, constants } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// Migrations run through a Node stand-in for the native schema engine (prisma/engine/README.md).
// An explicit PRISMA_SCHEMA_ENGINE_BINARY still wins.
const bridge = path.join(root, "prisma/engine/schema-engine.mjs");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= bridge;
if (process.env.PRISMA_SCHEMA_ENGINE_BINARY === bridge) {
  // The CLI executes the file directly, so it must keep its executable bit (lost by some copies/checkouts).
  try {
    accessSync(bridge, constants.X_OK);
  } catch {
    try {
      chmodSync(bridge, 0o755);
    } catch {
      // Read-only checkout: commands that need the engine report the spawn error themselves.
    }
  }
}

// `file:<dir>` selects an embedded PGlite data directory; relative paths are relative to this file.
const resolveUrl = (url: string | undefined) =>
  url?.startsWith("file:") && !url.startsWith("file:/") ? `file:${path.resolve(root, url.slice("file:".length))}` : url;

export default defineConfig({
  schema: path.join(root, "prisma/schema.prisma"),
  migrations: { path: path.join(root, "prisma/migrations") },
  datasource: {
    url: resolveUrl(process.env.DATABASE_URL),
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined,
  },
});
