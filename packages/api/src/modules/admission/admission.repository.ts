import type { Db } from "../../db/database.js";
import { type AdmissionEvent, Prisma } from "../../generated/prisma/client.js";

export type SnapshotImageRow = {
  imageId: string;
  registry: string;
  repository: string;
  digest: string;
  tags: string[];
  status: "compliant" | "non_compliant" | "unscanned" | "scan_failed" | null;
  reasons: unknown;
};

export type AdmissionEventRow = {
  at: Date;
  requestUid: string;
  operation: string;
  kind: string;
  namespace: string;
  name: string;
  userName: string | null;
  decision: AdmissionEvent["decision"];
  enforced: boolean;
  mode: AdmissionEvent["mode"];
  message: string;
  images: Prisma.InputJsonValue;
};

export type AdmissionEventFilter = {
  decision?: AdmissionEvent["decision"] | undefined;
  namespace?: string | undefined;
};

export class AdmissionRepository {
  /** The cluster's images with their tags and cluster-level verdicts. */
  snapshotImages(db: Db, clusterId: string, imageIds: readonly string[] | undefined): Promise<SnapshotImageRow[]> {
    return db.$queryRaw<SnapshotImageRow[]>`
      SELECT i.id AS "imageId", i.registry, i.repository, i.digest,
             coalesce((SELECT array_agg(t.tag ORDER BY t.tag) FROM image_tags t WHERE t.image_id = i.id), ARRAY[]::text[]) AS tags,
             v.status::text AS status, v.reasons
      FROM cluster_images ci
      JOIN images i ON i.id = ci.image_id
      LEFT JOIN verdicts v ON v.image_id = ci.image_id AND v.cluster_id = ci.cluster_id AND v.namespace = ''
      WHERE ci.cluster_id = ${clusterId}::uuid
        ${imageIds ? Prisma.sql`AND ci.image_id = ANY(${[...imageIds]}::uuid[])` : Prisma.empty}
      ORDER BY i.registry, i.repository, i.digest`;
  }

  /** Namespaces named by active image exceptions that apply to the cluster. */
  async exceptionNamespaces(db: Db, clusterId: string): Promise<string[]> {
    const rows = await db.$queryRaw<Array<{ namespace: string }>>`
      SELECT DISTINCT unnest(namespaces) AS namespace FROM exceptions
      WHERE status = 'active' AND type IN ('policy', 'override') AND NOT all_namespaces
        AND (all_clusters OR ${clusterId}::uuid = ANY(cluster_ids))`;
    return rows.map((r) => r.namespace).sort();
  }

  insertEvents(db: Db, clusterId: string, rows: AdmissionEventRow[]): Promise<AdmissionEvent[]> {
    return db.admissionEvent.createManyAndReturn({ data: rows.map((row) => ({ ...row, clusterId })) });
  }

  listEvents(db: Db, clusterId: string, filter: AdmissionEventFilter, first: number, afterId: bigint | null) {
    return db.admissionEvent.findMany({
      where: {
        clusterId,
        ...(afterId !== null ? { id: { lt: afterId } } : {}),
        ...(filter.decision ? { decision: filter.decision } : {}),
        ...(filter.namespace ? { namespace: filter.namespace } : {}),
      },
      orderBy: { id: "desc" },
      take: first,
    });
  }
}
