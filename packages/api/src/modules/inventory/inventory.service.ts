import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { notFound } from "../../common/errors.js";
import { actorLabel, assertCan, type Principal } from "../../common/principal.js";
import { parseInput } from "../../common/validation.js";
import { applyRegistryAliases, canonicalReference, parseImageReference } from "../../compliance/image-reference.js";
import type { ImageReference } from "../../compliance/types.js";
import type { Database, Db } from "../../db/database.js";
import type { Logger } from "../../logger.js";
import type { AgentService } from "../agent/agent.service.js";
import type { AuditService } from "../audit/audit.service.js";
import type { VerdictsService } from "../compliance/verdicts.service.js";
import { ImagesRepository } from "../images/images.repository.js";
import type { RegistriesService } from "../registries/registries.service.js";
import type { ScanQueueService } from "../scan-queue/scan-queue.service.js";
import { type ContainerRow, InventoryRepository, type PodRow } from "./inventory.repository.js";

const labels = z.record(z.string(), z.string()).default({});
const time = z.iso.datetime({ offset: true }).nullish();
const name = z.string().min(1).max(253);

const reportSchema = z.object({
  full: z.boolean(),
  namespaces: z
    .array(z.object({ uid: z.string().max(100), name, createdAt: time, labels }))
    .max(10_000)
    .default([]),
  deletedNamespaces: z.array(name).max(10_000).default([]),
  pods: z
    .array(
      z.object({
        uid: z.string().min(1).max(100),
        namespace: name,
        name,
        phase: z.string().max(50).nullish(),
        nodeName: z.string().max(253).nullish(),
        ownerKind: z.string().max(100).nullish(),
        ownerName: z.string().max(253).nullish(),
        createdAt: time,
        labels,
        containers: z
          .array(
            z.object({
              name: z.string().min(1).max(253),
              kind: z.enum(["app", "init", "ephemeral"]),
              image: z.string().min(1).max(1024),
              imageID: z.string().max(1024).nullish(),
            }),
          )
          .max(100),
      }),
    )
    .max(50_000)
    .default([]),
  deletedPods: z.array(z.string().max(100)).max(50_000).default([]),
});

export type InventoryReportInput = z.input<typeof reportSchema>;
export type InventoryReportResult = { namespaces: number; pods: number; scansQueued: number };

/** The digest in a kubelet imageID such as docker-pullable://nginx@sha256:… (not a bare config id). */
function digestFromImageId(imageID: string | null | undefined): string | null {
  const match = /@(sha256:[a-f0-9]{64})$/.exec(imageID ?? "");
  return match?.[1] ?? null;
}

/**
 * The cluster's inventory from its agent: namespaces, pods with their top-level workload, and each
 * container's image. Images are matched to scanned images by digest or tag; an image never seen
 * anywhere gets a scan job.
 */
export class InventoryService {
  readonly repository = new InventoryRepository();
  private readonly images = new ImagesRepository();

  constructor(
    private readonly db: Database,
    private readonly agent: AgentService,
    private readonly audit: AuditService,
    private readonly verdicts: VerdictsService,
    private readonly registries: RegistriesService,
    private readonly scanQueue: ScanQueueService,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  async report(actor: Actor, raw: InventoryReportInput): Promise<InventoryReportResult> {
    const { cluster, principal } = await this.agent.agentCluster(actor.principal);
    const input = parseInput(reportSchema, raw);
    const now = this.now();
    const aliases = await this.registries.aliasMap(this.db.prisma);
    const parse = (reference: string): ImageReference | null => {
      try {
        return applyRegistryAliases(parseImageReference(reference), aliases);
      } catch {
        return null;
      }
    };

    return this.db.transaction(async (tx, afterCommit) => {
      await this.repository.upsertNamespaces(
        tx,
        cluster.id,
        input.namespaces.map((n) => ({ ...n, createdAt: n.createdAt ? new Date(n.createdAt) : null })),
        now,
      );
      if (input.full)
        await this.repository.deleteNamespaces(
          tx,
          cluster.id,
          input.namespaces.map((n) => n.name),
          true,
        );
      else if (input.deletedNamespaces.length)
        await this.repository.deleteNamespaces(tx, cluster.id, input.deletedNamespaces, false);

      const podRows: PodRow[] = input.pods.map((p) => ({
        uid: p.uid,
        namespace: p.namespace,
        name: p.name,
        phase: p.phase ?? null,
        nodeName: p.nodeName ?? null,
        ownerKind: p.ownerKind ?? null,
        ownerName: p.ownerName ?? null,
        labels: p.labels,
        createdAt: p.createdAt ? new Date(p.createdAt) : null,
      }));
      const podIds = await this.repository.upsertPods(tx, cluster.id, podRows, now);
      if (input.full)
        await this.repository.deletePods(
          tx,
          cluster.id,
          input.pods.map((p) => p.uid),
          true,
        );
      else if (input.deletedPods.length) await this.repository.deletePods(tx, cluster.id, input.deletedPods, false);

      // Resolve each distinct reference once: by digest, else by the tag's latest scanned digest.
      const resolved = new Map<
        string,
        { canonical: string | null; imageId: string | null; ref: ImageReference | null }
      >();
      const resolve = async (image: string, imageID: string | null | undefined) => {
        const key = `${image}|${imageID ?? ""}`;
        const known = resolved.get(key);
        if (known) return known;
        const ref = parse(image);
        let imageId: string | null = null;
        if (ref) {
          const digest = ref.digest ?? digestFromImageId(imageID);
          const found = digest
            ? await this.images.findByDigest(tx, { registry: ref.registry, repository: ref.repository, digest })
            : await this.images.imageForTag(tx, {
                registry: ref.registry,
                repository: ref.repository,
                tag: ref.tag ?? "latest",
              });
          imageId = found?.id ?? null;
        }
        const value = { canonical: ref ? canonicalReference(ref) : null, imageId, ref };
        resolved.set(key, value);
        return value;
      };

      const containers: ContainerRow[] = [];
      for (const pod of input.pods) {
        const podId = podIds.get(pod.uid);
        if (!podId) continue;
        for (const c of pod.containers) {
          const r = await resolve(c.image, c.imageID);
          containers.push({
            podId,
            kind: c.kind,
            name: c.name,
            imageReference: c.image,
            canonicalReference: r.canonical,
            imageDigest: c.imageID ?? null,
            imageId: r.imageId,
          });
        }
      }
      await this.repository.replaceContainers(tx, [...podIds.values()], containers);

      // Images never scanned get a job (one per reference, however many clusters run it).
      let scansQueued = 0;
      const queued = new Set<string>();
      for (const r of resolved.values()) {
        if (r.imageId || !r.ref || !r.canonical || queued.has(r.canonical)) continue;
        queued.add(r.canonical);
        const { created } = await this.scanQueue.enqueue(tx, {
          imageId: null,
          reference: r.canonical,
          reason: "new_image",
          clusterIds: [cluster.id],
          requestedBy: actorLabel(principal),
        });
        if (created) scansQueued += 1;
      }

      const running = await this.repository.runningImageIds(tx, cluster.id);
      const linked = await this.repository.syncClusterImages(tx, cluster.id, running, now);
      if (linked.length) await this.verdicts.recompute(tx, afterCommit, { imageIds: linked });
      if (input.full) {
        await this.audit.record(tx, afterCommit, actor, {
          action: "inventory.sync",
          entityType: "cluster",
          entityId: cluster.id,
          after: { namespaces: input.namespaces.length, pods: input.pods.length, scansQueued },
        });
      }
      if (scansQueued)
        this.logger.info({ cluster: cluster.name, scansQueued }, "new images in the cluster's inventory");
      return { namespaces: input.namespaces.length, pods: input.pods.length, scansQueued };
    });
  }

  async namespaces(principal: Principal, clusterId: string) {
    this.assertClusterVisible(principal, clusterId);
    const [namespaces, counts] = await Promise.all([
      this.repository.namespaces(this.db.prisma, clusterId),
      this.repository.podCounts(this.db.prisma, clusterId),
    ]);
    const byNamespace = new Map(counts.map((c) => [c.namespace, c._count._all]));
    return namespaces.map((n) => ({ ...n, podCount: byNamespace.get(n.name) ?? 0 }));
  }

  async pods(
    principal: Principal,
    clusterId: string,
    namespace: string | undefined,
    first: number,
    after: string | null,
  ) {
    this.assertClusterVisible(principal, clusterId);
    const offset = after ? Number(after) : 0;
    const take = Math.min(Math.max(first, 1), 500);
    const [rows, total] = await Promise.all([
      this.repository.pods(this.db.prisma, clusterId, namespace, Number.isSafeInteger(offset) ? offset : 0, take),
      this.repository.countPods(this.db.prisma, clusterId, namespace),
    ]);
    const end = offset + rows.length;
    return { rows, total, endCursor: rows.length ? String(end) : null, hasNextPage: end < total };
  }

  /** Scan results arrived for a reference: containers naming it now point at the image. */
  linkReference(tx: Db, clusterIds: string[], canonicalReferences: string[], imageId: string) {
    return this.repository.linkContainers(tx, clusterIds, canonicalReferences, imageId);
  }

  private assertClusterVisible(principal: Principal, clusterId: string) {
    assertCan(principal, "cluster:read");
    if (principal.kind === "api_key" && principal.clusterId && principal.clusterId !== clusterId)
      throw notFound("Cluster");
  }
}
