import { pino, type Logger } from "pino";

export type LogLine = { level: number; msg: string; [field: string]: unknown };

/** A pino logger that keeps its lines in memory, for tests and benchmarks that assert on logs. */
export function memoryLogger(level: pino.LevelWithSilent = "debug"): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino(
    { level },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as LogLine);
      },
    },
  );
  return { logger, lines };
}
