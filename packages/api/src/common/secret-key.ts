import fs from "node:fs";
import path from "node:path";
import { randomToken } from "./crypto.js";

const FILE = "secret.key";

/**
 * The key for secrets at rest: BULWARK_SECRET_KEY, or (embedded database only) a key generated once
 * into the data directory, readable by its owner only.
 */
export function resolveSecretKey(configured: string | undefined, dataDir: string): { key: string; generated: boolean } {
  if (configured) return { key: configured, generated: false };
  const file = path.join(dataDir, FILE);
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return { key: existing, generated: false };
    throw new Error(`${file} is shorter than 32 characters; restore it from a backup or set BULWARK_SECRET_KEY`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomToken(32);
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  return { key, generated: true };
}
