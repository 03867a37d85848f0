import { createRequire } from "node:module";

/** The agent's version (package.json's), sent with heartbeats and shown by --version. */
export const VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
