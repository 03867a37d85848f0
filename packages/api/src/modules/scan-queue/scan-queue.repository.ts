import type { Db } from "../../db/database.js";
import { Prisma, type ScanJob, type ScanJobReason, type ScanJobStatus } from "../../generated/prisma/client.js";

export type EnqueueData = {
  imageId: string | null;
  reference: string;
  dedupeKey: string;
  reason: ScanJobReason;
  priority: number;
  clusterIds: string[];
  requestedBy: string;
  runAfter: Date;
};

export class ScanQueueRepository {
  /** Serialises enqueues of one image so there is never more than one active job for it. */
  async lockKey(db: Db, key: string): Promise<void> {
    await db.$executeRaw`SELECT pg_advisory_xact_lock(727076, hashtext(${key}))`;
  }

  activeFor(db: Db, dedupeKey: string): Promise<ScanJob | null> {
    return db.scanJob.findFirst({ where: { dedupeKey, status: { in: ["queued", "claimed"] } } });
  }

  create(db: Db, data: EnqueueData): Promise<ScanJob> {
    return db.scanJob.create({ data });
  }

  update(
    db: Db,
    id: string,
    data: Partial<
      Pick<
        ScanJob,
        | "priority"
        | "reason"
        | "clusterIds"
        | "status"
        | "attempts"
        | "runAfter"
        | "claimedBy"
        | "leaseUntil"
        | "lastError"
        | "finishedAt"
        | "imageId"
      >
    >,
  ): Promise<ScanJob> {
    return db.scanJob.update({ where: { id }, data });
  }

  findById(db: Db, id: string): Promise<ScanJob | null> {
    return db.scanJob.findUnique({ where: { id } });
  }

  list(db: Db, statuses: ScanJobStatus[] | undefined, take: number): Promise<ScanJob[]> {
    return db.scanJob.findMany({
      where: statuses ? { status: { in: statuses } } : {},
      orderBy: [{ status: "asc" }, { priority: "desc" }, { createdAt: "asc" }],
      take,
    });
  }

  counts(db: Db) {
    return db.scanJob.groupBy({ by: ["status"], _count: { _all: true } });
  }

  /**
   * Claims up to `limit` runnable jobs, highest priority first, for `workerId` until `leaseUntil`.
   * SKIP LOCKED lets several workers claim at once without taking the same job.
   */
  claim(db: Db, workerId: string, limit: number, now: Date, leaseUntil: Date, clusterId?: string): Promise<ScanJob[]> {
    return db.$queryRaw<ScanJob[]>`
      UPDATE scan_jobs SET status = 'claimed', claimed_by = ${workerId}, lease_until = ${leaseUntil},
             attempts = attempts + 1, updated_at = ${now}
      WHERE id IN (
        SELECT id FROM scan_jobs
        WHERE status = 'queued' AND run_after <= ${now}
          ${clusterId ? Prisma.sql`AND ${clusterId}::uuid = ANY(cluster_ids)` : Prisma.empty}
        ORDER BY priority DESC, created_at ASC
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, image_id AS "imageId", reference, dedupe_key AS "dedupeKey", scanner, reason, priority, status,
                attempts, max_attempts AS "maxAttempts", run_after AS "runAfter", claimed_by AS "claimedBy",
                lease_until AS "leaseUntil", last_error AS "lastError", cluster_ids AS "clusterIds",
                requested_by AS "requestedBy", created_at AS "createdAt", updated_at AS "updatedAt", finished_at AS "finishedAt"`;
  }

  expiredLeases(db: Db, now: Date): Promise<ScanJob[]> {
    return db.scanJob.findMany({ where: { status: "claimed", leaseUntil: { lt: now } } });
  }

  /** Active jobs for an image (done once a report for it arrives). */
  activeForImage(db: Db, imageId: string, dedupeKeys: string[]): Promise<ScanJob[]> {
    return db.scanJob.findMany({
      where: { status: { in: ["queued", "claimed"] }, OR: [{ imageId }, { dedupeKey: { in: dedupeKeys } }] },
    });
  }

  /**
   * Images in some cluster whose latest scan is older than the shortest rescan period of the active
   * policies that apply there, and that have no job waiting.
   */
  dueForRescan(db: Db, now: Date, limit: number) {
    return db.$queryRaw<
      Array<{ imageId: string; registry: string; repository: string; digest: string; clusterIds: string[] }>
    >`
      SELECT i.id AS "imageId", i.registry, i.repository, i.digest, array_agg(DISTINCT ci.cluster_id)::text[] AS "clusterIds"
      FROM images i
      JOIN cluster_images ci ON ci.image_id = i.id
      JOIN LATERAL (
        SELECT min(p.rescan_period_days) AS days FROM policies p
        WHERE p.active AND (p.all_clusters OR EXISTS (
          SELECT 1 FROM policy_clusters pc WHERE pc.policy_id = p.id AND pc.cluster_id = ci.cluster_id))
      ) due ON due.days IS NOT NULL
      WHERE (i.last_scanned_at IS NULL OR i.last_scanned_at < ${now}::timestamptz - make_interval(days => due.days))
        AND NOT EXISTS (SELECT 1 FROM scan_jobs j WHERE j.image_id = i.id AND j.status IN ('queued', 'claimed'))
      GROUP BY i.id
      LIMIT ${limit}`;
  }
}
