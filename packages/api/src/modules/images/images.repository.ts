import type { Db } from "../../db/database.js";
import { type Image, type ImageTag, Prisma, type Scan } from "../../generated/prisma/client.js";
import type { ParsedFinding, VulnerabilityInfo } from "../../compliance/trivy-report.js";

export type ImageListFilter = {
  clusterIds?: string[] | undefined;
  verdict?: "compliant" | "non_compliant" | "unscanned" | "scan_failed" | undefined;
  severity?: "negligible" | "low" | "medium" | "high" | "critical" | undefined;
  fixable?: boolean | undefined;
  issueId?: string | undefined;
  running?: boolean | undefined;
  namespace?: string | undefined;
  search?: string | undefined;
};

export type ImageListRow = {
  clusterId: string;
  clusterName: string;
  imageId: string;
  registry: string;
  repository: string;
  digest: string;
  tag: string | null;
  running: boolean;
  firstSeenAt: Date;
  lastSeenAt: Date;
  lastScannedAt: Date | null;
  status: "compliant" | "non_compliant" | "unscanned" | "scan_failed" | null;
  reasons: unknown;
  summary: unknown;
};

export type FindingWithVulnerability = Prisma.FindingGetPayload<{ include: { vulnerability: true } }>;

export class ImagesRepository {
  findById(db: Db, id: string): Promise<Image | null> {
    return db.image.findUnique({ where: { id } });
  }

  findByDigest(db: Db, key: { registry: string; repository: string; digest: string }): Promise<Image | null> {
    return db.image.findUnique({ where: { registry_repository_digest: key } });
  }

  findManyByIds(db: Db, ids: readonly string[]): Promise<Image[]> {
    return db.image.findMany({ where: { id: { in: [...ids] } } });
  }

  upsertImage(db: Db, key: { registry: string; repository: string; digest: string }): Promise<Image> {
    return db.image.upsert({ where: { registry_repository_digest: key }, create: key, update: {} });
  }

  upsertTag(
    db: Db,
    key: { registry: string; repository: string; tag: string },
    imageId: string,
    at: Date,
  ): Promise<ImageTag> {
    return db.imageTag.upsert({
      where: { registry_repository_tag: key },
      create: { ...key, imageId, seenAt: at },
      update: { imageId, seenAt: at },
    });
  }

  /** The image a tag points to, if it was ever resolved. */
  async imageForTag(db: Db, key: { registry: string; repository: string; tag: string }): Promise<Image | null> {
    const row = await db.imageTag.findUnique({ where: { registry_repository_tag: key }, include: { image: true } });
    return row?.image ?? null;
  }

  tags(db: Db, imageId: string): Promise<ImageTag[]> {
    return db.imageTag.findMany({ where: { imageId }, orderBy: { seenAt: "desc" } });
  }

  async upsertClusterImage(
    db: Db,
    clusterId: string,
    imageId: string,
    tag: string | null,
    at: Date,
  ): Promise<{ created: boolean }> {
    const existing = await db.clusterImage.findUnique({ where: { clusterId_imageId: { clusterId, imageId } } });
    if (existing) {
      await db.clusterImage.update({
        where: { clusterId_imageId: { clusterId, imageId } },
        data: { lastSeenAt: at, ...(tag ? { tag } : {}) },
      });
      return { created: false };
    }
    await db.clusterImage.create({ data: { clusterId, imageId, tag, firstSeenAt: at, lastSeenAt: at } });
    return { created: true };
  }

  clustersOf(db: Db, imageId: string) {
    return db.clusterImage.findMany({
      where: { imageId },
      include: { cluster: true },
      orderBy: { cluster: { name: "asc" } },
    });
  }

  /**
   * Inserts new catalogue entries and refreshes changed ones. Most issues of a report are already
   * known and unchanged, so only the others are written.
   */
  async upsertVulnerabilities(db: Db, vulnerabilities: Iterable<VulnerabilityInfo>): Promise<void> {
    const all = [...vulnerabilities];
    if (!all.length) return;
    const known = await db.$queryRaw<
      Array<{ id: string; title: string; severity: string; lastModifiedAt: Date | null }>
    >`
      SELECT id, title, severity::text AS severity, last_modified_at AS "lastModifiedAt"
      FROM vulnerabilities WHERE id = ANY(${all.map((v) => v.issueId)}::text[])`;
    const byId = new Map(known.map((k) => [k.id, k]));
    const rows = all.filter((v) => {
      const current = byId.get(v.issueId);
      if (!current) return true;
      const modified = v.lastModifiedAt ? new Date(v.lastModifiedAt).getTime() : null;
      return (
        current.title !== (v.title ?? "") ||
        current.severity !== v.severity ||
        (current.lastModifiedAt ? new Date(current.lastModifiedAt).getTime() : null) !== modified
      );
    });
    for (let start = 0; start < rows.length; start += 2000) {
      const chunk = rows.slice(start, start + 2000);
      const date = (value: string | null) => {
        const parsed = value ? new Date(value) : null;
        return parsed && !Number.isNaN(parsed.getTime()) ? parsed : null;
      };
      await db.$executeRaw`
        INSERT INTO vulnerabilities (id, title, description, severity, cvss, primary_url, "references", published_at, last_modified_at, updated_at)
        SELECT u.id, u.title, u.description, u.severity, u.cvss, u.primary_url, ARRAY(SELECT jsonb_array_elements_text(u.refs)), u.published_at, u.last_modified_at, now()
        FROM unnest(
          ${chunk.map((v) => v.issueId)}::text[],
          ${chunk.map((v) => v.title ?? "")}::text[],
          ${chunk.map((v) => v.description ?? "")}::text[],
          ${chunk.map((v) => v.severity)}::text[]::"Severity"[],
          ${chunk.map((v) => (v.cvss ? JSON.stringify(v.cvss) : null))}::jsonb[],
          ${chunk.map((v) => v.primaryUrl)}::text[],
          ${chunk.map((v) => JSON.stringify(v.references))}::jsonb[],
          ${chunk.map((v) => date(v.publishedAt))}::timestamptz[],
          ${chunk.map((v) => date(v.lastModifiedAt))}::timestamptz[]
        ) AS u(id, title, description, severity, cvss, primary_url, refs, published_at, last_modified_at)
        ON CONFLICT (id) DO UPDATE SET
          title = EXCLUDED.title, description = EXCLUDED.description, severity = EXCLUDED.severity,
          cvss = EXCLUDED.cvss, primary_url = EXCLUDED.primary_url, "references" = EXCLUDED."references",
          published_at = EXCLUDED.published_at, last_modified_at = EXCLUDED.last_modified_at, updated_at = now()
        WHERE vulnerabilities.last_modified_at IS DISTINCT FROM EXCLUDED.last_modified_at
           OR vulnerabilities.title IS DISTINCT FROM EXCLUDED.title
           OR vulnerabilities.severity IS DISTINCT FROM EXCLUDED.severity`;
    }
  }

  createScan(
    db: Db,
    data: {
      imageId: string;
      status: "succeeded" | "failed";
      error: string | null;
      rawReport: Uint8Array<ArrayBuffer> | null;
      reportBytes: number;
      summary: Prisma.InputJsonValue;
      submittedBy: string;
      createdAt: Date;
    },
  ): Promise<Scan> {
    return db.scan.create({ data: { ...data, scanner: "trivy" } });
  }

  /** Inserts a scan's findings in statements of 5,000 rows. */
  async createFindings(db: Db, scanId: string, findings: ParsedFinding[]): Promise<void> {
    for (let start = 0; start < findings.length; start += 5000) {
      const chunk = findings.slice(start, start + 5000);
      await db.$executeRaw`
        INSERT INTO findings (id, scan_id, vulnerability_id, package_name, installed_version, fixed_version, severity, fixable,
                              target, package_class, package_type, package_path)
        SELECT gen_random_uuid(), ${scanId}::uuid, u.*
        FROM unnest(
          ${chunk.map((f) => f.issueId)}::text[],
          ${chunk.map((f) => f.packageName)}::text[],
          ${chunk.map((f) => f.installedVersion)}::text[],
          ${chunk.map((f) => f.fixedVersion)}::text[],
          ${chunk.map((f) => f.severity)}::text[]::"Severity"[],
          ${chunk.map((f) => f.fixable)}::boolean[],
          ${chunk.map((f) => f.target)}::text[],
          ${chunk.map((f) => f.class ?? "")}::text[],
          ${chunk.map((f) => f.type ?? "")}::text[],
          ${chunk.map((f) => f.packagePath)}::text[]
        ) AS u`;
    }
  }

  setLatestScan(db: Db, imageId: string, scanId: string, at: Date): Promise<Image> {
    return db.image.update({ where: { id: imageId }, data: { latestScanId: scanId, lastScannedAt: at } });
  }

  /** Scans newest first, without their raw reports. */
  scans(db: Db, imageId: string, take: number): Promise<Array<Omit<Scan, "rawReport">>> {
    return db.scan.findMany({
      where: { imageId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      omit: { rawReport: true },
    });
  }

  scansByIds(db: Db, ids: readonly string[]): Promise<Array<Omit<Scan, "rawReport">>> {
    return db.scan.findMany({ where: { id: { in: [...ids] } }, omit: { rawReport: true } });
  }

  findings(db: Db, scanId: string): Promise<FindingWithVulnerability[]> {
    return db.finding.findMany({
      where: { scanId },
      include: { vulnerability: true },
      orderBy: [{ vulnerabilityId: "asc" }, { packageName: "asc" }],
    });
  }

  /** One row per image per cluster, worst verdicts first. */
  async list(
    db: Db,
    filter: ImageListFilter,
    offset: number,
    limit: number,
  ): Promise<{ rows: ImageListRow[]; total: number }> {
    const where = this.where(filter);
    const rows = await db.$queryRaw<ImageListRow[]>`
      SELECT ci.cluster_id AS "clusterId", c.name AS "clusterName", ci.image_id AS "imageId",
             i.registry, i.repository, i.digest, ci.tag, ci.running,
             ci.first_seen_at AS "firstSeenAt", ci.last_seen_at AS "lastSeenAt", i.last_scanned_at AS "lastScannedAt",
             v.status::text AS status, v.reasons, s.summary
      FROM cluster_images ci
      JOIN images i ON i.id = ci.image_id
      JOIN clusters c ON c.id = ci.cluster_id
      LEFT JOIN verdicts v ON v.image_id = ci.image_id AND v.cluster_id = ci.cluster_id AND v.namespace = ''
      LEFT JOIN scans s ON s.id = i.latest_scan_id
      ${where}
      ORDER BY CASE v.status WHEN 'non_compliant' THEN 0 WHEN 'scan_failed' THEN 1 WHEN 'unscanned' THEN 2 ELSE 3 END,
               i.registry, i.repository, i.digest, c.name
      OFFSET ${offset} LIMIT ${limit}`;
    const [count] = await db.$queryRaw<Array<{ total: bigint }>>`
      SELECT count(*) AS total
      FROM cluster_images ci
      JOIN images i ON i.id = ci.image_id
      JOIN clusters c ON c.id = ci.cluster_id
      LEFT JOIN verdicts v ON v.image_id = ci.image_id AND v.cluster_id = ci.cluster_id AND v.namespace = ''
      ${where}`;
    return { rows, total: Number(count?.total ?? 0) };
  }

  /** Per cluster: images by verdict, and images with at least one finding of each severity. */
  async summary(db: Db, clusterId: string) {
    const byVerdict = await db.$queryRaw<Array<{ status: string | null; count: bigint }>>`
      SELECT v.status::text AS status, count(*) AS count
      FROM cluster_images ci
      LEFT JOIN verdicts v ON v.image_id = ci.image_id AND v.cluster_id = ci.cluster_id AND v.namespace = ''
      WHERE ci.cluster_id = ${clusterId}::uuid
      GROUP BY v.status`;
    const bySeverity = await db.$queryRaw<
      Array<{ severity: string; fixable: boolean; images: bigint; findings: bigint }>
    >`
      SELECT f.severity::text AS severity, f.fixable, count(DISTINCT i.id) AS images, count(*) AS findings
      FROM cluster_images ci
      JOIN images i ON i.id = ci.image_id
      JOIN findings f ON f.scan_id = i.latest_scan_id
      WHERE ci.cluster_id = ${clusterId}::uuid
      GROUP BY f.severity, f.fixable`;
    return { byVerdict, bySeverity };
  }

  private where(filter: ImageListFilter): Prisma.Sql {
    const conditions: Prisma.Sql[] = [];
    if (filter.clusterIds) conditions.push(Prisma.sql`ci.cluster_id = ANY(${filter.clusterIds}::uuid[])`);
    if (filter.verdict === "unscanned") conditions.push(Prisma.sql`(v.status = 'unscanned' OR v.status IS NULL)`);
    else if (filter.verdict) conditions.push(Prisma.sql`v.status = ${filter.verdict}::"VerdictStatus"`);
    if (filter.running !== undefined) conditions.push(Prisma.sql`ci.running = ${filter.running}`);
    if (filter.namespace) {
      conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM kube_pods p JOIN kube_containers kc ON kc.pod_id = p.id
        WHERE p.cluster_id = ci.cluster_id AND p.namespace = ${filter.namespace} AND kc.image_id = ci.image_id)`);
    }
    const search = filter.search?.trim();
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        Prisma.sql`(i.registry || '/' || i.repository || ':' || coalesce(ci.tag, '') ILIKE ${like} OR i.digest ILIKE ${like})`,
      );
    }
    const finding: Prisma.Sql[] = [];
    if (filter.severity) finding.push(Prisma.sql`f.severity = ${filter.severity}::"Severity"`);
    if (filter.fixable !== undefined) finding.push(Prisma.sql`f.fixable = ${filter.fixable}`);
    if (filter.issueId?.trim()) finding.push(Prisma.sql`upper(f.vulnerability_id) = upper(${filter.issueId.trim()})`);
    if (finding.length) {
      conditions.push(
        Prisma.sql`EXISTS (SELECT 1 FROM findings f WHERE f.scan_id = i.latest_scan_id AND ${Prisma.join(finding, " AND ")})`,
      );
    }
    return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  }
}
