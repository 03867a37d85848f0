import type { Db } from "../../db/database.js";
import { Prisma } from "../../generated/prisma/client.js";

export type PodRow = {
  uid: string;
  namespace: string;
  name: string;
  phase: string | null;
  nodeName: string | null;
  ownerKind: string | null;
  ownerName: string | null;
  labels: Record<string, string>;
  createdAt: Date | null;
};

export type ContainerRow = {
  podId: string;
  kind: "app" | "init" | "ephemeral";
  name: string;
  imageReference: string;
  canonicalReference: string | null;
  imageDigest: string | null;
  imageId: string | null;
};

export class InventoryRepository {
  async upsertNamespaces(
    db: Db,
    clusterId: string,
    rows: Array<{ name: string; uid: string; labels: Record<string, string>; createdAt: Date | null }>,
    at: Date,
  ): Promise<void> {
    if (!rows.length) return;
    await db.$executeRaw`
      INSERT INTO kube_namespaces (cluster_id, name, uid, labels, created_at, last_seen_at)
      SELECT ${clusterId}::uuid, u.name, u.uid, u.labels, u.created_at, ${at}
      FROM unnest(
        ${rows.map((r) => r.name)}::text[],
        ${rows.map((r) => r.uid)}::text[],
        ${rows.map((r) => JSON.stringify(r.labels))}::jsonb[],
        ${rows.map((r) => r.createdAt)}::timestamptz[]
      ) AS u(name, uid, labels, created_at)
      ON CONFLICT (cluster_id, name) DO UPDATE
      SET uid = EXCLUDED.uid, labels = EXCLUDED.labels, created_at = EXCLUDED.created_at, last_seen_at = EXCLUDED.last_seen_at`;
  }

  async deleteNamespaces(db: Db, clusterId: string, names: string[], keepOnly: boolean): Promise<void> {
    // keepOnly: delete every namespace NOT named (a full sync); otherwise delete the named ones.
    await db.$executeRaw`
      DELETE FROM kube_namespaces WHERE cluster_id = ${clusterId}::uuid
        AND ${keepOnly ? Prisma.sql`NOT (name = ANY(${names}::text[]))` : Prisma.sql`name = ANY(${names}::text[])`}`;
    await db.$executeRaw`
      DELETE FROM kube_pods WHERE cluster_id = ${clusterId}::uuid
        AND ${keepOnly ? Prisma.sql`NOT (namespace = ANY(${names}::text[]))` : Prisma.sql`namespace = ANY(${names}::text[])`}`;
  }

  /** Inserts or updates pods by uid; returns their row ids. */
  async upsertPods(db: Db, clusterId: string, rows: PodRow[], at: Date): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (let start = 0; start < rows.length; start += 2000) {
      const chunk = rows.slice(start, start + 2000);
      const returned = await db.$queryRaw<Array<{ id: string; uid: string }>>`
        INSERT INTO kube_pods (id, cluster_id, uid, namespace, name, phase, node_name, owner_kind, owner_name, labels, created_at, last_seen_at)
        SELECT gen_random_uuid(), ${clusterId}::uuid, u.*, ${at}
        FROM unnest(
          ${chunk.map((r) => r.uid)}::text[],
          ${chunk.map((r) => r.namespace)}::text[],
          ${chunk.map((r) => r.name)}::text[],
          ${chunk.map((r) => r.phase)}::text[],
          ${chunk.map((r) => r.nodeName)}::text[],
          ${chunk.map((r) => r.ownerKind)}::text[],
          ${chunk.map((r) => r.ownerName)}::text[],
          ${chunk.map((r) => JSON.stringify(r.labels))}::jsonb[],
          ${chunk.map((r) => r.createdAt)}::timestamptz[]
        ) AS u
        ON CONFLICT (cluster_id, uid) DO UPDATE
        SET namespace = EXCLUDED.namespace, name = EXCLUDED.name, phase = EXCLUDED.phase, node_name = EXCLUDED.node_name,
            owner_kind = EXCLUDED.owner_kind, owner_name = EXCLUDED.owner_name, labels = EXCLUDED.labels,
            created_at = EXCLUDED.created_at, last_seen_at = EXCLUDED.last_seen_at
        RETURNING id, uid`;
      for (const row of returned) ids.set(row.uid, row.id);
    }
    return ids;
  }

  async deletePods(db: Db, clusterId: string, uids: string[], keepOnly: boolean): Promise<number> {
    return db.$executeRaw`
      DELETE FROM kube_pods WHERE cluster_id = ${clusterId}::uuid
        AND ${keepOnly ? Prisma.sql`NOT (uid = ANY(${uids}::text[]))` : Prisma.sql`uid = ANY(${uids}::text[])`}`;
  }

  /** Replaces the containers of the given pods. */
  async replaceContainers(db: Db, podIds: string[], rows: ContainerRow[]): Promise<void> {
    if (podIds.length) await db.$executeRaw`DELETE FROM kube_containers WHERE pod_id = ANY(${podIds}::uuid[])`;
    for (let start = 0; start < rows.length; start += 5000) {
      const chunk = rows.slice(start, start + 5000);
      await db.$executeRaw`
        INSERT INTO kube_containers (pod_id, kind, name, image_reference, canonical_reference, image_digest, image_id)
        SELECT * FROM unnest(
          ${chunk.map((r) => r.podId)}::uuid[],
          ${chunk.map((r) => r.kind)}::text[]::"ContainerKind"[],
          ${chunk.map((r) => r.name)}::text[],
          ${chunk.map((r) => r.imageReference)}::text[],
          ${chunk.map((r) => r.canonicalReference)}::text[],
          ${chunk.map((r) => r.imageDigest)}::text[],
          ${chunk.map((r) => r.imageId)}::uuid[]
        )`;
    }
  }

  /** Points containers that name a reference at the image it turned out to be. */
  async linkContainers(db: Db, clusterIds: string[], canonicalReferences: string[], imageId: string): Promise<void> {
    if (!clusterIds.length || !canonicalReferences.length) return;
    await db.$executeRaw`
      UPDATE kube_containers c SET image_id = ${imageId}::uuid
      FROM kube_pods p
      WHERE c.pod_id = p.id AND p.cluster_id = ANY(${clusterIds}::uuid[])
        AND c.canonical_reference = ANY(${canonicalReferences}::text[])`;
  }

  /** Whether the image runs in each of the clusters, from their pods. */
  async refreshRunning(db: Db, clusterIds: string[], imageId: string): Promise<void> {
    await db.$executeRaw`
      UPDATE cluster_images ci SET running = EXISTS (
        SELECT 1 FROM kube_containers c JOIN kube_pods p ON p.id = c.pod_id
        WHERE p.cluster_id = ci.cluster_id AND c.image_id = ci.image_id)
      WHERE ci.image_id = ${imageId}::uuid AND ci.cluster_id = ANY(${clusterIds}::uuid[])`;
  }

  /** Image ids some container of the cluster runs. */
  async runningImageIds(db: Db, clusterId: string): Promise<string[]> {
    const rows = await db.$queryRaw<Array<{ imageId: string }>>`
      SELECT DISTINCT c.image_id AS "imageId" FROM kube_containers c JOIN kube_pods p ON p.id = c.pod_id
      WHERE p.cluster_id = ${clusterId}::uuid AND c.image_id IS NOT NULL`;
    return rows.map((r) => r.imageId);
  }

  /** Marks the cluster's images running or not, from what its pods run; returns images newly linked. */
  async syncClusterImages(db: Db, clusterId: string, running: string[], at: Date): Promise<string[]> {
    // xmax = 0 marks rows this statement inserted (rather than updated).
    const rows = await db.$queryRaw<Array<{ imageId: string; inserted: boolean }>>`
      INSERT INTO cluster_images (cluster_id, image_id, running, first_seen_at, last_seen_at)
      SELECT ${clusterId}::uuid, u.id, true, ${at}, ${at} FROM unnest(${running}::uuid[]) AS u(id)
      ON CONFLICT (cluster_id, image_id) DO UPDATE SET running = true, last_seen_at = EXCLUDED.last_seen_at
      RETURNING image_id AS "imageId", (xmax = 0) AS inserted`;
    const inserted = rows.filter((r) => r.inserted);
    await db.$executeRaw`
      UPDATE cluster_images SET running = false
      WHERE cluster_id = ${clusterId}::uuid AND running AND NOT (image_id = ANY(${running}::uuid[]))`;
    return inserted.map((r) => r.imageId);
  }

  namespaces(db: Db, clusterId: string) {
    return db.kubeNamespace.findMany({ where: { clusterId }, orderBy: { name: "asc" } });
  }

  podCounts(db: Db, clusterId: string) {
    return db.kubePod.groupBy({ by: ["namespace"], where: { clusterId }, _count: { _all: true } });
  }

  pods(db: Db, clusterId: string, namespace: string | undefined, skip: number, take: number) {
    return db.kubePod.findMany({
      where: { clusterId, ...(namespace ? { namespace } : {}) },
      include: { containers: { orderBy: [{ kind: "asc" }, { name: "asc" }] } },
      orderBy: [{ namespace: "asc" }, { name: "asc" }],
      skip,
      take,
    });
  }

  countPods(db: Db, clusterId: string, namespace: string | undefined) {
    return db.kubePod.count({ where: { clusterId, ...(namespace ? { namespace } : {}) } });
  }
}
