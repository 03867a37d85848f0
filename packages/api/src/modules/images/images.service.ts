import { z } from "zod";
import { badInput, notFound } from "../../common/errors.js";
import { assertCan, type Principal } from "../../common/principal.js";
import { applyRegistryAliases, familiarName, parseImageReference } from "../../compliance/image-reference.js";
import { SEVERITIES } from "../../compliance/types.js";
import type { Database } from "../../db/database.js";
import type { Image, Scan } from "../../generated/prisma/client.js";
import type { VerdictsService } from "../compliance/verdicts.service.js";
import { ExceptionsRepository } from "../exceptions/exceptions.repository.js";
import type { RegistriesService } from "../registries/registries.service.js";
import { toCsv } from "./csv.js";
import {
  type FindingWithVulnerability,
  type ImageListFilter,
  type ImageListRow,
  ImagesRepository,
} from "./images.repository.js";

const uuid = z.uuid();
const PAGE_MAX = 200;

export type ImagePage = { rows: ImageListRow[]; total: number; endCursor: string | null; hasNextPage: boolean };

/** Reading images, their scans, findings and verdicts. */
export class ImagesService {
  readonly repository = new ImagesRepository();
  private readonly exceptions = new ExceptionsRepository();

  constructor(
    private readonly db: Database,
    private readonly verdicts: VerdictsService,
    private readonly registries: RegistriesService,
  ) {}

  async list(principal: Principal, filter: ImageListFilter, first: number, after: string | null): Promise<ImagePage> {
    assertCan(principal, "image:read");
    if (first < 1 || first > PAGE_MAX) throw badInput(`first must be between 1 and ${PAGE_MAX}`);
    const offset = after ? Number(after) : 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw badInput("after is not a valid cursor");
    const { rows, total } = await this.repository.list(this.db.prisma, this.scoped(principal, filter), offset, first);
    const end = offset + rows.length;
    return { rows, total, endCursor: rows.length ? String(end) : null, hasNextPage: end < total };
  }

  async get(principal: Principal, id: string): Promise<Image> {
    assertCan(principal, "image:read");
    const image = uuid.safeParse(id).success ? await this.repository.findById(this.db.prisma, id) : null;
    if (!image || !(await this.visible(principal, id))) throw notFound("Image");
    return image;
  }

  /**
   * The image a reference names: by digest, or by tag through the digest its latest scan found.
   * Null when the image was never scanned.
   */
  async byReference(principal: Principal, reference: string): Promise<Image | null> {
    assertCan(principal, "image:read");
    const ref = applyRegistryAliases(
      parseImageReference(reference.trim()),
      await this.registries.aliasMap(this.db.prisma),
    );
    const image = ref.digest
      ? await this.repository.findByDigest(this.db.prisma, {
          registry: ref.registry,
          repository: ref.repository,
          digest: ref.digest,
        })
      : await this.repository.imageForTag(this.db.prisma, {
          registry: ref.registry,
          repository: ref.repository,
          tag: ref.tag ?? "latest",
        });
    return image && (await this.visible(principal, image.id)) ? image : null;
  }

  findManyByIds(ids: readonly string[]): Promise<Image[]> {
    return this.repository.findManyByIds(this.db.prisma, ids);
  }

  scansByIds(ids: readonly string[]) {
    return this.repository.scansByIds(this.db.prisma, ids);
  }

  scans(imageId: string, take: number): Promise<Array<Omit<Scan, "rawReport">>> {
    return this.repository.scans(this.db.prisma, imageId, Math.min(Math.max(take, 1), 100));
  }

  findings(scanId: string): Promise<FindingWithVulnerability[]> {
    return this.repository.findings(this.db.prisma, scanId);
  }

  tags(imageId: string) {
    return this.repository.tags(this.db.prisma, imageId);
  }

  async clustersOf(principal: Principal, imageId: string) {
    const rows = await this.repository.clustersOf(this.db.prisma, imageId);
    return principal.kind === "api_key" && principal.clusterId
      ? rows.filter((r) => r.clusterId === principal.clusterId)
      : rows;
  }

  async imagesCsv(principal: Principal, filter: ImageListFilter): Promise<string> {
    assertCan(principal, "image:read");
    const { rows } = await this.repository.list(this.db.prisma, this.scoped(principal, filter), 0, 100_000);
    return toCsv(
      [
        "cluster",
        "image",
        "tag",
        "digest",
        "verdict",
        "last scanned",
        ...SEVERITIES.map((s) => `${s} (fixable/unfixable)`).reverse(),
      ],
      rows.map((r) => {
        const summary = (r.summary ?? {}) as { fixable?: Record<string, number>; unfixable?: Record<string, number> };
        return [
          r.clusterName,
          `${r.registry}/${r.repository}`,
          r.tag,
          r.digest,
          r.status ?? "unscanned",
          r.lastScannedAt?.toISOString() ?? "",
          ...[...SEVERITIES].reverse().map((s) => `${summary.fixable?.[s] ?? 0}/${summary.unfixable?.[s] ?? 0}`),
        ];
      }),
    );
  }

  /** The latest scan's findings, with how each is treated in the given cluster. */
  async findingsCsv(principal: Principal, imageId: string, clusterId: string | null): Promise<string> {
    const image = await this.get(principal, imageId);
    const findings = image.latestScanId ? await this.repository.findings(this.db.prisma, image.latestScanId) : [];
    const treatment = new Map<string, string>();
    if (clusterId) {
      const verdict = await this.verdicts.explain(principal, imageId, clusterId);
      const ids = verdict.findings
        .flatMap((f) => [f.excludedBy, f.overriddenBy])
        .filter((id): id is string => Boolean(id));
      const titles = new Map(
        (await this.exceptions.findManyByIds(this.db.prisma, [...new Set(ids)])).map((e) => [e.id, e.title]),
      );
      const name = (id: string) => `"${titles.get(id) ?? "deleted exception"}" (${id})`;
      for (const f of verdict.findings) {
        const note = f.excludedBy
          ? `excluded by exception ${name(f.excludedBy)}`
          : f.overriddenBy
            ? `counted as ${f.countedSeverity} by exception ${name(f.overriddenBy)}`
            : "";
        if (note && !treatment.has(f.findingId)) treatment.set(f.findingId, note);
      }
    }
    return toCsv(
      ["image", "issue", "severity", "fixable", "package", "installed", "fixed", "target", "title", "url", "exception"],
      findings.map((f) => [
        `${familiarName(image.registry, image.repository)}@${image.digest}`,
        f.vulnerabilityId,
        f.severity,
        f.fixable ? "yes" : "no",
        f.packageName,
        f.installedVersion,
        f.fixedVersion,
        f.target,
        f.vulnerability.title,
        f.vulnerability.primaryUrl,
        treatment.get(f.id) ?? "",
      ]),
    );
  }

  async summary(principal: Principal, clusterId: string) {
    assertCan(principal, "image:read");
    if (principal.kind === "api_key" && principal.clusterId && principal.clusterId !== clusterId)
      throw notFound("Cluster");
    if (!uuid.safeParse(clusterId).success) throw notFound("Cluster");
    const { byVerdict, bySeverity } = await this.repository.summary(this.db.prisma, clusterId);
    const counts = { compliant: 0, non_compliant: 0, unscanned: 0, scan_failed: 0 };
    for (const row of byVerdict) counts[(row.status ?? "unscanned") as keyof typeof counts] += Number(row.count);
    return {
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      byVerdict: counts,
      bySeverity: bySeverity.map((row) => ({
        severity: row.severity as (typeof SEVERITIES)[number],
        fixable: row.fixable,
        images: Number(row.images),
        findings: Number(row.findings),
      })),
    };
  }

  private scoped(principal: Principal, filter: ImageListFilter): ImageListFilter {
    if (principal.kind === "api_key" && principal.clusterId) {
      const wanted = filter.clusterIds;
      return { ...filter, clusterIds: wanted && !wanted.includes(principal.clusterId) ? [] : [principal.clusterId] };
    }
    return filter;
  }

  private async visible(principal: Principal, imageId: string): Promise<boolean> {
    if (principal.kind !== "api_key" || !principal.clusterId) return true;
    const clusters = await this.repository.clustersOf(this.db.prisma, imageId);
    return clusters.some((c) => c.clusterId === principal.clusterId);
  }
}
