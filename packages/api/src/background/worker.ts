import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Logger } from "../logger.js";
import type { Services } from "../services.js";
import { LeasesRepository } from "./leases.repository.js";

export type BackgroundTask = { name: string; everyMs: number; run: () => Promise<unknown> };

export type BackgroundWorker = {
  readonly tasks: BackgroundTask[];
  start(): void;
  stop(): Promise<void>;
  /** Runs one task now (tests and operators), under the same lease as the schedule. */
  runNow(name: string): Promise<{ ran: boolean; result?: unknown }>;
};

/**
 * Periodic work that must happen once however many replicas run: each task takes a lease in the
 * database before it runs, so only one replica runs it at a time.
 */
export function createBackgroundWorker(services: Services, logger: Logger): BackgroundWorker {
  const holder = `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const leases = new LeasesRepository();
  const tasks: BackgroundTask[] = [
    { name: "notifications.send", everyMs: 30_000, run: () => services.notifications.flush() },
    { name: "exceptions.expire", everyMs: 60_000, run: () => services.exceptions.expire() },
    {
      name: "exceptions.remind",
      everyMs: 15 * 60_000,
      run: async () => services.exceptions.remind((await services.settings.current()).exceptionReminderDays),
    },
    { name: "scan_jobs.expire_leases", everyMs: 30_000, run: () => services.scanQueue.expireLeases() },
    { name: "scan_jobs.schedule_rescans", everyMs: 10 * 60_000, run: () => services.scanQueue.scheduleRescans() },
    { name: "falco.summaries", everyMs: 5 * 60_000, run: () => services.falcoTasks.sendSummaries() },
    { name: "falco.retention", everyMs: 60 * 60_000, run: () => services.falcoTasks.applyRetention() },
  ];
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let stopped = true;

  async function runNow(name: string): Promise<{ ran: boolean; result?: unknown }> {
    const task = tasks.find((t) => t.name === name);
    if (!task) throw new Error(`no background task named ${name}`);
    const now = services.clock();
    const until = new Date(now.getTime() + Math.min(task.everyMs * 2, 5 * 60_000));
    if (!(await leases.tryAcquire(services.db.prisma, task.name, holder, now, until))) return { ran: false };
    try {
      return { ran: true, result: await task.run() };
    } finally {
      await leases.release(services.db.prisma, task.name, holder).catch(() => {});
    }
  }

  function schedule(task: BackgroundTask, delay: number) {
    if (stopped) return;
    const timer = setTimeout(() => {
      const run = runNow(task.name)
        .catch((error: unknown) => logger.error({ err: error, task: task.name }, "background task failed"))
        .finally(() => {
          running.delete(run);
          schedule(task, task.everyMs);
        });
      running.add(run);
    }, delay);
    timer.unref();
    timers.set(task.name, timer);
  }

  return {
    tasks,
    runNow,
    start() {
      if (!stopped) return;
      stopped = false;
      // Spread the first runs so replicas starting together do not all knock at once.
      for (const task of tasks) schedule(task, 1000 + Math.floor(Math.random() * 4000));
    },
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
