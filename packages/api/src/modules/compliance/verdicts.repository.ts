import type { Db } from "../../db/database.js";
import { Prisma, type Verdict } from "../../generated/prisma/client.js";

export type PairRow = {
  clusterId: string;
  imageId: string;
  tag: string | null;
  registry: string;
  repository: string;
  digest: string;
};

export type LatestScanRow = { id: string; imageId: string; status: "succeeded" | "failed"; error: string | null };

export type FindingRow = {
  id: string;
  scanId: string;
  vulnerabilityId: string;
  packageName: string;
  severity: "negligible" | "low" | "medium" | "high" | "critical";
  fixable: boolean;
};

export type VerdictRow = {
  imageId: string;
  clusterId: string;
  namespace: string;
  status: Verdict["status"];
  reasons: unknown;
  scanId: string | null;
  computedAt: Date;
};

export class VerdictsRepository {
  /** (cluster, image) pairs to judge: every image known to a cluster, or those of the given images. */
  async pairs(db: Db, imageIds: readonly string[] | undefined): Promise<PairRow[]> {
    const rows = await db.clusterImage.findMany({
      where: imageIds ? { imageId: { in: [...imageIds] } } : {},
      select: {
        clusterId: true,
        imageId: true,
        tag: true,
        image: { select: { registry: true, repository: true, digest: true } },
      },
    });
    return rows.map((r) => ({ clusterId: r.clusterId, imageId: r.imageId, tag: r.tag, ...r.image }));
  }

  /** The latest Trivy scan of each image. */
  latestScans(db: Db, imageIds: readonly string[]): Promise<LatestScanRow[]> {
    if (!imageIds.length) return Promise.resolve([]);
    return db.$queryRaw<LatestScanRow[]>`
      SELECT DISTINCT ON (image_id) id, image_id AS "imageId", status::text AS status, error
      FROM scans
      WHERE scanner = 'trivy' AND image_id = ANY(${[...imageIds]}::uuid[])
      ORDER BY image_id, created_at DESC, id DESC`;
  }

  findings(db: Db, scanIds: readonly string[]): Promise<FindingRow[]> {
    if (!scanIds.length) return Promise.resolve([]);
    return db.finding.findMany({
      where: { scanId: { in: [...scanIds] } },
      select: { id: true, scanId: true, vulnerabilityId: true, packageName: true, severity: true, fixable: true },
      orderBy: [{ scanId: "asc" }, { vulnerabilityId: "asc" }, { packageName: "asc" }],
    });
  }

  existing(db: Db, imageIds: readonly string[] | undefined): Promise<VerdictRow[]> {
    return db.verdict.findMany({ where: imageIds ? { imageId: { in: [...imageIds] } } : {} });
  }

  get(db: Db, imageId: string, clusterId: string, namespace = ""): Promise<VerdictRow | null> {
    return db.verdict.findUnique({ where: { imageId_clusterId_namespace: { imageId, clusterId, namespace } } });
  }

  /** Cluster-level verdicts for image/cluster pairs. */
  forPairs(db: Db, pairs: ReadonlyArray<{ imageId: string; clusterId: string }>): Promise<VerdictRow[]> {
    return db.verdict.findMany({
      where: { namespace: "", OR: pairs.map((p) => ({ imageId: p.imageId, clusterId: p.clusterId })) },
    });
  }

  forImage(db: Db, imageId: string): Promise<VerdictRow[]> {
    return db.verdict.findMany({ where: { imageId }, orderBy: { clusterId: "asc" } });
  }

  /** Writes many verdicts in one statement. */
  async upsert(db: Db, rows: VerdictRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 2000) {
      const chunk = rows.slice(start, start + 2000);
      await db.$executeRaw`
        INSERT INTO verdicts (image_id, cluster_id, namespace, status, reasons, scan_id, computed_at)
        SELECT * FROM unnest(
          ${chunk.map((r) => r.imageId)}::uuid[],
          ${chunk.map((r) => r.clusterId)}::uuid[],
          ${chunk.map((r) => r.namespace)}::text[],
          ${chunk.map((r) => r.status)}::text[]::"VerdictStatus"[],
          ${chunk.map((r) => JSON.stringify(r.reasons))}::jsonb[],
          ${chunk.map((r) => r.scanId)}::uuid[],
          ${chunk.map((r) => r.computedAt)}::timestamptz[]
        )
        ON CONFLICT (image_id, cluster_id, namespace) DO UPDATE
        SET status = EXCLUDED.status, reasons = EXCLUDED.reasons, scan_id = EXCLUDED.scan_id, computed_at = EXCLUDED.computed_at`;
    }
  }

  /** Verdict rows whose pair no longer exists are removed (the image left the cluster). */
  async deleteOrphans(db: Db, imageIds: readonly string[] | undefined): Promise<void> {
    await db.$executeRaw`
      DELETE FROM verdicts v
      WHERE ${imageIds ? Prisma.sql`v.image_id = ANY(${[...imageIds]}::uuid[]) AND` : Prisma.empty}
        NOT EXISTS (SELECT 1 FROM cluster_images ci WHERE ci.image_id = v.image_id AND ci.cluster_id = v.cluster_id)`;
  }
}
