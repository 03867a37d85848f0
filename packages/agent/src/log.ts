import { pino, type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./config/settings.js";

export type { Logger };

/** Paths that may hold secrets; whatever is logged under them is replaced. */
const REDACT = [
  "apiKey",
  "*.apiKey",
  "connection.apiKey",
  "*.connection.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "password",
  "*.password",
  "credentials",
  "*.credentials",
  "token",
  "*.token",
];

/**
 * JSON lines on standard error (standard output belongs to what a command prints, e.g. a scan's
 * result). The API key and registry credentials are redacted wherever they appear.
 */
export function createLogger(
  options: { level: LogLevel; mode?: string },
  destination: DestinationStream = pino.destination({ fd: 2, sync: true }),
): Logger {
  return pino(
    {
      level: options.level,
      base: { service: "bulwark-agent", ...(options.mode ? { mode: options.mode } : {}) },
      redact: { paths: REDACT, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
