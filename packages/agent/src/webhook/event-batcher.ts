import type { Logger } from "pino";
import type { AdmissionEventInput } from "../api/contract.js";

export type EventBatcherOptions = {
  send: (events: AdmissionEventInput[]) => Promise<void>;
  logger: Logger;
  /** Flush at least this often. */
  flushIntervalMs?: number;
  /** Flush as soon as this many events wait; also the largest batch sent at once. */
  batchSize?: number;
  /** Events kept while the api cannot be reached; beyond it the oldest are dropped. */
  maxBuffered?: number;
  initialRetryMs?: number;
  maxRetryMs?: number;
  now?: () => number;
};

export type EventBatcherStats = { buffered: number; sent: number; dropped: number; consecutiveFailures: number };

/** At most one "dropped events" line per this period. */
const DROP_LOG_INTERVAL_MS = 10_000;

/**
 * Sends admission events to the api in batches: every second, or at once when a batch is full. When
 * the api cannot be reached the events stay buffered (bounded; the oldest go first, with a log line)
 * and sending is retried with backoff.
 */
export class EventBatcher {
  private readonly send: (events: AdmissionEventInput[]) => Promise<void>;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly maxBuffered: number;
  private readonly initialRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly now: () => number;
  private buffer: AdmissionEventInput[] = [];
  private sending: Promise<void> | null = null;
  private failures = 0;
  private retryAt = 0;
  private sent = 0;
  private dropped = 0;
  private droppedSinceLog = 0;
  private lastDropLogAt = -Infinity;
  private readonly timer: NodeJS.Timeout;

  constructor(options: EventBatcherOptions) {
    this.send = options.send;
    this.logger = options.logger;
    this.batchSize = options.batchSize ?? 100;
    this.maxBuffered = options.maxBuffered ?? 10_000;
    this.initialRetryMs = options.initialRetryMs ?? 1_000;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1_000);
    this.timer.unref();
  }

  add(event: AdmissionEventInput): void {
    this.buffer.push(event);
    this.trim();
    if (this.buffer.length >= this.batchSize) void this.flush();
  }

  stats(): EventBatcherStats {
    return { buffered: this.buffer.length, sent: this.sent, dropped: this.dropped, consecutiveFailures: this.failures };
  }

  /** Sends what is buffered (unless a retry is pending); resolves when that attempt is over. */
  flush(options: { ignoreBackoff?: boolean } = {}): Promise<void> {
    if (this.sending) return this.sending;
    if (this.buffer.length === 0) return Promise.resolve();
    if (!options.ignoreBackoff && this.now() < this.retryAt) return Promise.resolve();
    this.sending = this.drain().finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  /** Stops the timer and makes a last attempt to send what is buffered. */
  async close(timeoutMs = 5_000): Promise<void> {
    clearInterval(this.timer);
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      (async () => {
        await this.sending;
        await this.flush({ ignoreBackoff: true });
      })(),
      new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timeout);
    if (this.buffer.length > 0) {
      this.logger.warn({ events: this.buffer.length }, "stopping with admission events the api has not received");
    }
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.batchSize);
      try {
        await this.send(batch);
      } catch (error) {
        this.buffer.unshift(...batch);
        this.trim();
        this.failures += 1;
        const delay = Math.min(this.maxRetryMs, this.initialRetryMs * 2 ** (this.failures - 1));
        this.retryAt = this.now() + delay;
        this.logger.warn(
          {
            err: error instanceof Error ? error.message : String(error),
            buffered: this.buffer.length,
            attempt: this.failures,
            retryInMs: delay,
          },
          "cannot send admission events to the api; keeping them and retrying",
        );
        return;
      }
      this.sent += batch.length;
      if (this.failures > 0) {
        this.logger.info({ sentAfterFailures: this.failures }, "admission events reach the api again");
        this.failures = 0;
        this.retryAt = 0;
      }
    }
  }

  private trim(): void {
    const excess = this.buffer.length - this.maxBuffered;
    if (excess <= 0) return;
    this.buffer.splice(0, excess);
    this.dropped += excess;
    this.droppedSinceLog += excess;
    const now = this.now();
    if (now - this.lastDropLogAt >= DROP_LOG_INTERVAL_MS) {
      this.logger.warn(
        { dropped: this.droppedSinceLog, droppedTotal: this.dropped, maxBuffered: this.maxBuffered },
        "admission event buffer full; dropped the oldest events",
      );
      this.lastDropLogAt = now;
      this.droppedSinceLog = 0;
    }
  }
}
