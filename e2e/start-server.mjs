// Starts the built api for the end-to-end suite on a fresh embedded database in a temporary
// directory, with known admin credentials; removes the directory when the api stops.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const main = path.join(root, "packages/api/dist/src/main.js");
if (!fs.existsSync(main) || !fs.existsSync(path.join(root, "packages/web/dist/index.html"))) {
  console.error("e2e: build first (pnpm build): the api and the web app are served from their dist folders");
  process.exit(1);
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-e2e-"));
const child = spawn(process.execPath, [main], {
  stdio: "inherit",
  env: {
    ...process.env,
    HOST: "127.0.0.1",
    PORT: process.env.E2E_PORT ?? "18080",
    BULWARK_DATA_DIR: dataDir,
    BULWARK_ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL ?? "admin@example.com",
    BULWARK_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password",
    BULWARK_LOG_LEVEL: "warn",
  },
});
const stop = (signal) => child.kill(signal);
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
child.on("exit", (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
