import { pino, type Logger } from "pino";
import type { Env } from "./env.js";

export type { Logger };

export function createLogger(env: Pick<Env, "logLevel" | "logPretty">): Logger {
  return pino({
    level: env.logLevel,
    base: { service: "bulwark-api" },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-api-key"]',
        "req.query.key",
        "*.password",
        "*.secret",
        "*.token",
      ],
      censor: "[redacted]",
    },
    ...(env.logPretty ? { transport: { target: "pino-pretty", options: { colorize: true } } } : {}),
  });
}
