import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { conflict, notFound } from "../../common/errors.js";
import { actorLabel, assertCan, type Principal } from "../../common/principal.js";
import type { Database, Db } from "../../db/database.js";
import type { ScanJob, ScanJobReason, ScanJobStatus } from "../../generated/prisma/client.js";
import type { Logger } from "../../logger.js";
import type { AuditService } from "../audit/audit.service.js";
import type { VerdictsService } from "../compliance/verdicts.service.js";
import { ImagesRepository } from "../images/images.repository.js";
import { ScanQueueRepository } from "./scan-queue.repository.js";

/** CI and admission-triggered scans first, new images next, rescans last. */
export const PRIORITY: Record<ScanJobReason, number> = {
  ci: 100,
  admission: 100,
  new_image: 50,
  manual: 40,
  rescan: 10,
};

export type EnqueueRequest = {
  imageId: string | null;
  /** registry/repository@digest, or registry/repository:tag before a digest is known. */
  reference: string;
  reason: ScanJobReason;
  clusterIds?: string[];
  requestedBy: string;
};

const RETRY_BACKOFF_MS = [30_000, 120_000, 600_000];

/**
 * The durable scan queue: queued → claimed (with a lease) → done or failed. One active job per
 * image however many clusters run it; a crashed worker's lease expires and the job is retried
 * until its attempts run out, then it fails visibly.
 */
export class ScanQueueService {
  readonly repository = new ScanQueueRepository();
  private readonly images = new ImagesRepository();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly verdicts: VerdictsService,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  /** Adds a job, or raises the priority of (and adds clusters to) the one already waiting. */
  async enqueue(tx: Db, request: EnqueueRequest): Promise<{ job: ScanJob; created: boolean }> {
    const dedupeKey = request.reference;
    await this.repository.lockKey(tx, dedupeKey);
    const priority = PRIORITY[request.reason];
    const existing = await this.repository.activeFor(tx, dedupeKey);
    if (existing) {
      const clusterIds = [...new Set([...existing.clusterIds, ...(request.clusterIds ?? [])])];
      if (priority <= existing.priority && clusterIds.length === existing.clusterIds.length) {
        return { job: existing, created: false };
      }
      const job = await this.repository.update(tx, existing.id, {
        clusterIds,
        ...(priority > existing.priority ? { priority, reason: request.reason } : {}),
      });
      return { job, created: false };
    }
    const job = await this.repository.create(tx, {
      imageId: request.imageId,
      reference: request.reference,
      dedupeKey,
      reason: request.reason,
      priority,
      clusterIds: request.clusterIds ?? [],
      requestedBy: request.requestedBy,
      runAfter: this.now(),
    });
    return { job, created: true };
  }

  async list(principal: Principal, statuses: ScanJobStatus[] | undefined, first: number): Promise<ScanJob[]> {
    assertCan(principal, "scan_queue:read");
    return this.repository.list(this.db.prisma, statuses, Math.min(Math.max(first, 1), 500));
  }

  async counts(principal: Principal): Promise<Record<ScanJobStatus, number>> {
    assertCan(principal, "scan_queue:read");
    const rows = await this.repository.counts(this.db.prisma);
    const counts: Record<ScanJobStatus, number> = { queued: 0, claimed: 0, done: 0, failed: 0 };
    for (const row of rows) counts[row.status] = row._count._all;
    return counts;
  }

  /** An administrator asks for an image to be scanned again. */
  async requestRescan(actor: Actor, imageId: string): Promise<ScanJob> {
    assertCan(actor.principal, "scan_queue:write");
    if (!z.uuid().safeParse(imageId).success) throw notFound("Image");
    return this.db.transaction(async (tx, afterCommit) => {
      const image = await this.images.findById(tx, imageId);
      if (!image) throw notFound("Image");
      const { job } = await this.enqueue(tx, {
        imageId,
        reference: `${image.registry}/${image.repository}@${image.digest}`,
        reason: "manual",
        // The agents of the clusters that run the image may scan it.
        clusterIds: (await this.images.clustersOf(tx, imageId)).map((c) => c.clusterId),
        requestedBy: actorLabel(actor.principal),
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "scan_job.request",
        entityType: "scan_job",
        entityId: job.id,
        after: { imageId, reference: job.reference, priority: job.priority, status: job.status },
      });
      return job;
    });
  }

  /** A failed job is queued again with a fresh set of attempts. */
  async retry(actor: Actor, id: string): Promise<ScanJob> {
    assertCan(actor.principal, "scan_queue:write");
    return this.db.transaction(async (tx, afterCommit) => {
      const job = z.uuid().safeParse(id).success ? await this.repository.findById(tx, id) : null;
      if (!job) throw notFound("Scan job");
      if (job.status !== "failed") throw conflict(`Only failed jobs can be retried; this one is ${job.status}`);
      await this.repository.lockKey(tx, job.dedupeKey);
      if (await this.repository.activeFor(tx, job.dedupeKey)) throw conflict("This image already has a scan waiting");
      const retried = await this.repository.update(tx, id, {
        status: "queued",
        attempts: 0,
        runAfter: this.now(),
        lastError: null,
        claimedBy: null,
        leaseUntil: null,
        finishedAt: null,
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "scan_job.retry",
        entityType: "scan_job",
        entityId: id,
        before: { status: job.status, attempts: job.attempts, lastError: job.lastError },
        after: { status: retried.status },
      });
      return retried;
    });
  }

  /** Claims runnable jobs for a worker, optionally only jobs a given cluster asked for. */
  claim(workerId: string, limit: number, leaseSeconds: number, clusterId?: string): Promise<ScanJob[]> {
    const now = this.now();
    return this.db.transaction((tx) =>
      this.repository.claim(tx, workerId, limit, now, new Date(now.getTime() + leaseSeconds * 1000), clusterId),
    );
  }

  findById(id: string): Promise<ScanJob | null> {
    return z.uuid().safeParse(id).success ? this.repository.findById(this.db.prisma, id) : Promise.resolve(null);
  }

  /** Marks the image's waiting jobs done because a report for it arrived. */
  async completeForImage(tx: Db, imageId: string, references: string[]): Promise<void> {
    const now = this.now();
    for (const job of await this.repository.activeForImage(tx, imageId, references)) {
      await this.repository.update(tx, job.id, { status: "done", finishedAt: now, leaseUntil: null, imageId });
    }
  }

  /** A worker reports that a claimed job failed; it is retried later until its attempts run out. */
  async fail(id: string, workerId: string, error: string): Promise<ScanJob> {
    return this.db.transaction(async (tx, afterCommit) => {
      const job = await this.repository.findById(tx, id);
      if (!job) throw notFound("Scan job");
      if (job.status !== "claimed" || job.claimedBy !== workerId)
        throw conflict("This job is not claimed by this worker");
      return this.retryOrFail(tx, afterCommit, job, error);
    });
  }

  /** Background: claims whose lease ran out (a crashed worker) go back to the queue. */
  async expireLeases(): Promise<number> {
    return this.db.transaction(async (tx, afterCommit) => {
      const expired = await this.repository.expiredLeases(tx, this.now());
      for (const job of expired) {
        await this.retryOrFail(
          tx,
          afterCommit,
          job,
          `the worker ${job.claimedBy ?? ""} stopped reporting (lease expired)`.replace("  ", " "),
        );
      }
      if (expired.length) this.logger.warn({ jobs: expired.map((j) => j.id) }, "scan job leases expired");
      return expired.length;
    });
  }

  /** Background: queues rescans for images whose last scan is older than their policies' rescan period. */
  async scheduleRescans(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const due = await this.repository.dueForRescan(tx, this.now(), 1000);
      for (const image of due) {
        await this.enqueue(tx, {
          imageId: image.imageId,
          reference: `${image.registry}/${image.repository}@${image.digest}`,
          reason: "rescan",
          clusterIds: image.clusterIds,
          requestedBy: "system",
        });
      }
      return due.length;
    });
  }

  /**
   * Back to the queue with a backoff, or, once its attempts are used up, failed for good: the image
   * then gets a failed scan, so its verdict says scan_failed instead of keeping an old answer.
   */
  private async retryOrFail(
    tx: Db,
    afterCommit: (cb: () => void) => void,
    job: ScanJob,
    error: string,
  ): Promise<ScanJob> {
    const message = error.slice(0, 2000);
    if (job.attempts >= job.maxAttempts) {
      const failed = await this.repository.update(tx, job.id, {
        status: "failed",
        lastError: `gave up after ${job.attempts} attempts: ${message}`,
        finishedAt: this.now(),
        leaseUntil: null,
      });
      if (job.imageId) {
        const scan = await this.images.createScan(tx, {
          imageId: job.imageId,
          status: "failed",
          error: failed.lastError,
          rawReport: null,
          reportBytes: 0,
          summary: {},
          submittedBy: job.claimedBy ?? "scan queue",
          createdAt: this.now(),
        });
        await this.images.setLatestScan(tx, job.imageId, scan.id, this.now());
        await this.verdicts.recompute(tx, afterCommit, { imageIds: [job.imageId] });
      }
      return failed;
    }
    const backoff = RETRY_BACKOFF_MS[Math.min(job.attempts - 1, RETRY_BACKOFF_MS.length - 1)] ?? 30_000;
    return this.repository.update(tx, job.id, {
      status: "queued",
      lastError: message,
      claimedBy: null,
      leaseUntil: null,
      runAfter: new Date(this.now().getTime() + backoff),
    });
  }
}
