import { gzipSync } from "node:zlib";
import type { Actor } from "../../common/actor.js";
import { badInput, forbidden } from "../../common/errors.js";
import { actorLabel, assertCan } from "../../common/principal.js";
import { applyRegistryAliases, parseImageReference } from "../../compliance/image-reference.js";
import { emptyCounts } from "../../compliance/severity.js";
import { digestForImage, parseTrivyReport, type TrivyReport } from "../../compliance/trivy-report.js";
import type { ImageReference, Verdict } from "../../compliance/types.js";
import type { Database } from "../../db/database.js";
import type { Cluster, Image, Scan } from "../../generated/prisma/client.js";
import type { AuditService } from "../audit/audit.service.js";
import { ClustersRepository } from "../clusters/clusters.repository.js";
import type { VerdictsService } from "../compliance/verdicts.service.js";
import type { RegistriesService } from "../registries/registries.service.js";
import type { ScanQueueService } from "../scan-queue/scan-queue.service.js";
import { InventoryRepository } from "../inventory/inventory.repository.js";
import { ImagesRepository } from "./images.repository.js";

export type SubmitTrivyReportInput = { cluster: string; image: string; report: unknown };
export type SubmissionResult = { image: Image; scan: Scan; cluster: Cluster; verdict: Verdict };

/** Findings per severity × fixable as reported, before any exception. */
export function summarise(report: TrivyReport) {
  const summary = { fixable: emptyCounts(), unfixable: emptyCounts() };
  for (const f of report.findings) summary[f.fixable ? "fixable" : "unfixable"][f.severity] += 1;
  return summary;
}

/**
 * Trivy reports in: parse (stores nothing when the report is malformed), normalise the image,
 * keep the raw report compressed beside the normalised rows, and recompute the image's verdicts in
 * the same transaction. Returns the verdict for the cluster the report was submitted for.
 */
export class TrivyIngestService {
  private readonly images = new ImagesRepository();
  private readonly clusters = new ClustersRepository();
  private readonly inventory = new InventoryRepository();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly verdicts: VerdictsService,
    private readonly registries: RegistriesService,
    private readonly scanQueue: ScanQueueService,
    private readonly now: () => Date,
  ) {}

  async submit(actor: Actor, input: SubmitTrivyReportInput): Promise<SubmissionResult> {
    assertCan(actor.principal, "scan:submit");
    const principal = actor.principal;
    const clusterName = input.cluster.trim();
    const cluster = clusterName ? await this.clusters.findByName(this.db.prisma, clusterName) : null;
    if (!cluster) throw badInput(`There is no cluster named "${clusterName}"`, { field: "cluster" });
    if (principal.kind === "api_key" && principal.clusterId && principal.clusterId !== cluster.id) {
      throw forbidden(`This API key is bound to another cluster and cannot submit reports for ${cluster.name}`);
    }
    return this.ingest(actor, { clusters: [cluster], reference: input.image, report: input.report });
  }

  /**
   * Stores a report for an image and the clusters that run (or asked about) it; the first cluster's
   * verdict is returned.
   */
  async ingest(
    actor: Actor,
    input: { clusters: Cluster[]; reference: string; report: unknown },
  ): Promise<SubmissionResult> {
    const principal = actor.principal;
    const [primary] = input.clusters;
    if (!primary) throw new Error("a report is ingested for at least one cluster");
    const reference = applyRegistryAliases(
      parseImageReference(input.reference.trim()),
      await this.registries.aliasMap(this.db.prisma),
    );
    const report = parseTrivyReport(input.report);
    const digest = this.digestOf(reference, report);
    const raw = Buffer.from(JSON.stringify(input.report));
    const compressed = gzipSync(raw);
    const now = this.now();
    const clusterIds = input.clusters.map((c) => c.id);

    return this.db.transaction(async (tx, afterCommit) => {
      await this.images.upsertVulnerabilities(tx, report.vulnerabilities.values());
      const image = await this.images.upsertImage(tx, {
        registry: reference.registry,
        repository: reference.repository,
        digest,
      });
      if (reference.tag) {
        await this.images.upsertTag(
          tx,
          { registry: reference.registry, repository: reference.repository, tag: reference.tag },
          image.id,
          now,
        );
      }
      for (const cluster of input.clusters)
        await this.images.upsertClusterImage(tx, cluster.id, image.id, reference.tag, now);
      const scan = await this.images.createScan(tx, {
        imageId: image.id,
        status: "succeeded",
        error: null,
        rawReport: new Uint8Array(compressed),
        reportBytes: raw.length,
        summary: summarise(report),
        submittedBy: actorLabel(principal),
        createdAt: now,
      });
      await this.images.createFindings(tx, scan.id, report.findings);
      const updated = await this.images.setLatestScan(tx, image.id, scan.id, now);
      const base = `${reference.registry}/${reference.repository}`;
      const references = [`${base}@${digest}`, ...(reference.tag ? [`${base}:${reference.tag}`] : [])];
      await this.scanQueue.completeForImage(tx, image.id, references);
      // Pods that name this image (by tag or digest) now point at it.
      await this.inventory.linkContainers(tx, clusterIds, references, image.id);
      await this.inventory.refreshRunning(tx, clusterIds, image.id);
      await this.audit.record(tx, afterCommit, actor, {
        action: "scan.submit",
        entityType: "image",
        entityId: image.id,
        after: {
          scanId: scan.id,
          image: `${base}${reference.tag ? `:${reference.tag}` : ""}@${digest}`,
          clusters: input.clusters.map((c) => c.name),
          findings: report.findings.length,
        },
      });
      const results = await this.verdicts.recompute(tx, afterCommit, {
        imageIds: [image.id],
        grantTemporaryExceptions: true,
        actor,
      });
      const verdict = results.get(`${image.id}/${primary.id}`);
      if (!verdict) throw new Error("the verdict for the submitted image was not computed");
      return { image: updated, scan, cluster: primary, verdict };
    });
  }

  /** The digest the report is for: the reference's own, a RepoDigest of its repository, or the ImageID. */
  private digestOf(reference: ImageReference, report: TrivyReport): string {
    const fromReport = digestForImage(report, reference);
    if (reference.digest) {
      const named = [...report.repoDigests.map((d) => d.slice(d.lastIndexOf("@") + 1)), report.imageId];
      if (report.repoDigests.length && !named.includes(reference.digest)) {
        throw badInput(
          `The report is for another image: ${reference.digest} is not among its digests (${report.repoDigests.join(", ")})`,
          {
            field: "report",
          },
        );
      }
      return reference.digest;
    }
    const digest = fromReport ?? report.imageId;
    if (!digest) {
      throw badInput(
        "The report names no digest for the image (no RepoDigests, no ImageID); submit the image by digest (name@sha256:…)",
        {
          field: "image",
        },
      );
    }
    return digest;
  }
}
