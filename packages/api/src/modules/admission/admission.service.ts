import { filter, pipe } from "@graphql-yoga/subscription";
import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { badInput, notFound } from "../../common/errors.js";
import { actorLabel, assertCan, type Principal } from "../../common/principal.js";
import { parseInput } from "../../common/validation.js";
import { applyRegistryAliases, canonicalReference, parseImageReference } from "../../compliance/image-reference.js";
import type { Reason } from "../../compliance/types.js";
import type { Database } from "../../db/database.js";
import type { AdmissionEvent, Cluster } from "../../generated/prisma/client.js";
import type { AdmissionChangedEvent, AdmissionEventAddedEvent, BulwarkPubSub } from "../../pubsub/pubsub.js";
import type { AgentService } from "../agent/agent.service.js";
import type { AuditService } from "../audit/audit.service.js";
import { ClustersRepository } from "../clusters/clusters.repository.js";
import type { VerdictsService } from "../compliance/verdicts.service.js";
import type { RegistriesService } from "../registries/registries.service.js";
import type { ScanQueueService } from "../scan-queue/scan-queue.service.js";
import { type AdmissionEventFilter, AdmissionRepository } from "./admission.repository.js";

const namespaceName = z
  .string()
  .trim()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be Kubernetes namespace names")
  .max(63);

const settingsSchema = z.object({
  enforcementEnabled: z.boolean().optional(),
  mode: z.enum(["deny", "warn"]).optional(),
  unscannedImages: z.enum(["deny", "allow"]).optional(),
  exemptNamespaces: z
    .array(namespaceName)
    .max(200)
    .transform((v) => [...new Set(v)])
    .optional(),
  staleSnapshotSeconds: z
    .number()
    .int()
    .min(60, "must be at least 60")
    .max(86_400, "must be at most 86400 (a day)")
    .optional(),
  staleSnapshotAction: z.enum(["allow", "deny"]).optional(),
  failurePolicy: z.enum(["Ignore", "Fail"]).optional(),
});
export type AdmissionSettingsInput = z.input<typeof settingsSchema>;

const eventSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  requestUid: z.string().min(1).max(100),
  operation: z.string().min(1).max(20),
  kind: z.string().min(1).max(100),
  namespace: z.string().max(253),
  name: z.string().max(253),
  userName: z.string().max(500).nullish(),
  decision: z.enum(["allowed", "denied", "warned", "would_deny"]),
  enforced: z.boolean(),
  mode: z.enum(["deny", "warn"]),
  message: z.string().max(10_000),
  images: z
    .array(
      z.object({
        container: z.string().max(253),
        kind: z.enum(["app", "init", "ephemeral"]),
        reference: z.string().max(1024),
        status: z.enum(["compliant", "non_compliant", "unscanned", "scan_failed", "exempt", "invalid"]),
      }),
    )
    .max(200),
});
const eventsSchema = z.array(eventSchema).max(1000);
export type AdmissionEventInput = z.input<typeof eventSchema>;

export type AdmissionSettings = {
  enforcementEnabled: boolean;
  mode: "deny" | "warn";
  unscannedImages: "deny" | "allow";
  exemptNamespaces: string[];
  staleSnapshotSeconds: number;
  staleSnapshotAction: "allow" | "deny";
  failurePolicy: "Ignore" | "Fail";
};

export function settingsOf(cluster: Cluster): AdmissionSettings {
  return {
    enforcementEnabled: cluster.enforcementEnabled,
    mode: cluster.admissionMode,
    unscannedImages: cluster.unscannedImages,
    exemptNamespaces: cluster.exemptNamespaces,
    staleSnapshotSeconds: cluster.staleSnapshotSeconds,
    staleSnapshotAction: cluster.staleSnapshotAction,
    failurePolicy: cluster.webhookFailurePolicy,
  };
}

export type SnapshotImage = {
  imageId: string;
  registry: string;
  repository: string;
  digest: string;
  tags: string[];
  verdicts: Array<{
    namespace: string;
    status: "compliant" | "non_compliant" | "unscanned" | "scan_failed";
    reasons: Reason[];
  }>;
};

export type AdmissionSnapshot = {
  clusterId: string;
  clusterName: string;
  generatedAt: Date;
  settings: AdmissionSettings;
  registryAliases: Array<{ hostname: string; aliases: string[] }>;
  images: SnapshotImage[];
};

export const eventPayload = (e: AdmissionEvent): AdmissionEventAddedEvent => ({
  id: e.id.toString(),
  clusterId: e.clusterId,
  at: e.at.toISOString(),
  requestUid: e.requestUid,
  operation: e.operation,
  kind: e.kind,
  namespace: e.namespace,
  name: e.name,
  userName: e.userName,
  decision: e.decision,
  enforced: e.enforced,
  mode: e.mode,
  message: e.message,
  images: e.images,
});

/**
 * Admission control: the snapshot a cluster's webhook decides from, the decisions it sends back, and
 * the cluster's admission settings.
 */
export class AdmissionService {
  readonly repository = new AdmissionRepository();
  private readonly clusters = new ClustersRepository();

  constructor(
    private readonly db: Database,
    private readonly pubsub: BulwarkPubSub,
    private readonly agent: AgentService,
    private readonly audit: AuditService,
    private readonly verdicts: VerdictsService,
    private readonly registries: RegistriesService,
    private readonly scanQueue: ScanQueueService,
    private readonly now: () => Date,
  ) {}

  /**
   * Verdicts of every image known to the agent's cluster (or only the given ones), cluster-level plus
   * the namespaces whose exceptions make a difference.
   */
  async snapshot(principal: Principal, imageIds?: string[]): Promise<AdmissionSnapshot> {
    const { cluster } = await this.agent.agentCluster(principal);
    if (imageIds && imageIds.some((id) => !z.uuid().safeParse(id).success)) throw badInput("imageIds must be ids");
    const rows = await this.repository.snapshotImages(this.db.prisma, cluster.id, imageIds);
    const namespaces = await this.repository.exceptionNamespaces(this.db.prisma, cluster.id);
    const byNamespace = await this.verdicts.namespaceVerdicts(this.db.prisma, cluster.id, namespaces, imageIds);
    const extra = new Map<string, SnapshotImage["verdicts"]>();
    const clusterLevel = new Map(rows.map((r) => [r.imageId, r]));
    for (const { imageId, namespace, verdict } of byNamespace) {
      const base = clusterLevel.get(imageId);
      if (base && base.status === verdict.status && JSON.stringify(base.reasons) === JSON.stringify(verdict.reasons))
        continue;
      const list = extra.get(imageId) ?? [];
      list.push({ namespace, status: verdict.status, reasons: verdict.reasons });
      extra.set(imageId, list);
    }
    return {
      clusterId: cluster.id,
      clusterName: cluster.name,
      generatedAt: this.now(),
      settings: settingsOf(cluster),
      registryAliases: await this.registries.aliasMap(this.db.prisma),
      images: rows.map((row) => ({
        imageId: row.imageId,
        registry: row.registry,
        repository: row.repository,
        digest: row.digest,
        tags: row.tags,
        verdicts: [
          { namespace: "", status: row.status ?? "unscanned", reasons: (row.reasons ?? []) as Reason[] },
          ...(extra.get(row.imageId) ?? []),
        ],
      })),
    };
  }

  /** Changes to the agent's cluster's snapshot. */
  subscribeChanges(principal: Principal): Promise<AsyncIterable<AdmissionChangedEvent>> {
    return this.agent.agentCluster(principal).then(({ cluster }) =>
      pipe(
        this.pubsub.subscribe("ADMISSION_CHANGED"),
        filter((e: AdmissionChangedEvent) => e.clusterId === cluster.id || e.clusterId === "*"),
      ),
    );
  }

  /** Decisions from the webhook; images it had never seen get a high-priority scan. */
  async recordEvents(actor: Actor, raw: unknown): Promise<number> {
    const { cluster, principal } = await this.agent.agentCluster(actor.principal);
    const events = parseInput(eventsSchema, raw);
    if (!events.length) return 0;
    const aliases = await this.registries.aliasMap(this.db.prisma);
    return this.db.transaction(async (tx, afterCommit) => {
      const created = await this.repository.insertEvents(
        tx,
        cluster.id,
        events.map((e) => ({ ...e, at: new Date(e.at), userName: e.userName ?? null, images: e.images })),
      );
      const unscanned = new Set<string>();
      for (const e of events) {
        for (const image of e.images) {
          if (image.status !== "unscanned") continue;
          try {
            unscanned.add(canonicalReference(applyRegistryAliases(parseImageReference(image.reference), aliases)));
          } catch {
            // An invalid reference cannot be scanned; the event already says so.
          }
        }
      }
      for (const reference of unscanned) {
        await this.scanQueue.enqueue(tx, {
          imageId: null,
          reference,
          reason: "admission",
          clusterIds: [cluster.id],
          requestedBy: actorLabel(principal),
        });
      }
      afterCommit(() => created.forEach((e) => this.pubsub.publish("ADMISSION_EVENT_ADDED", eventPayload(e))));
      return created.length;
    });
  }

  async events(
    principal: Principal,
    clusterId: string,
    eventFilter: AdmissionEventFilter,
    first: number,
    after: string | null,
  ) {
    await this.visibleCluster(principal, clusterId);
    if (first < 1 || first > 500) throw badInput("first must be between 1 and 500");
    let afterId: bigint | null = null;
    if (after) {
      if (!/^\d{1,19}$/.test(after)) throw badInput("after is not a valid cursor");
      afterId = BigInt(after);
    }
    const rows = await this.repository.listEvents(this.db.prisma, clusterId, eventFilter, first + 1, afterId);
    const page = rows.slice(0, first);
    return {
      events: page.map(eventPayload),
      endCursor: page.at(-1)?.id.toString() ?? null,
      hasNextPage: rows.length > first,
    };
  }

  async subscribeEvents(principal: Principal, clusterId: string): Promise<AsyncIterable<AdmissionEventAddedEvent>> {
    await this.visibleCluster(principal, clusterId);
    return pipe(
      this.pubsub.subscribe("ADMISSION_EVENT_ADDED"),
      filter((e: AdmissionEventAddedEvent) => e.clusterId === clusterId),
    );
  }

  async updateSettings(actor: Actor, clusterId: string, raw: AdmissionSettingsInput): Promise<Cluster> {
    assertCan(actor.principal, "cluster:write");
    const input = parseInput(settingsSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      const before = z.uuid().safeParse(clusterId).success ? await this.clusters.findById(tx, clusterId) : null;
      if (!before) throw notFound("Cluster");
      const after = await this.clusters.update(tx, clusterId, {
        ...(input.enforcementEnabled !== undefined ? { enforcementEnabled: input.enforcementEnabled } : {}),
        ...(input.mode !== undefined ? { admissionMode: input.mode } : {}),
        ...(input.unscannedImages !== undefined ? { unscannedImages: input.unscannedImages } : {}),
        ...(input.exemptNamespaces !== undefined ? { exemptNamespaces: input.exemptNamespaces } : {}),
        ...(input.staleSnapshotSeconds !== undefined ? { staleSnapshotSeconds: input.staleSnapshotSeconds } : {}),
        ...(input.staleSnapshotAction !== undefined ? { staleSnapshotAction: input.staleSnapshotAction } : {}),
        ...(input.failurePolicy !== undefined ? { webhookFailurePolicy: input.failurePolicy } : {}),
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "cluster.update_admission",
        entityType: "cluster",
        entityId: clusterId,
        before: settingsOf(before),
        after: settingsOf(after),
      });
      const at = this.now().toISOString();
      afterCommit(() => this.pubsub.publish("ADMISSION_CHANGED", { clusterId, imageIds: [], at }));
      return after;
    });
  }

  private async visibleCluster(principal: Principal, clusterId: string): Promise<void> {
    assertCan(principal, "cluster:read");
    if (principal.kind === "api_key" && principal.clusterId && principal.clusterId !== clusterId)
      throw notFound("Cluster");
    if (!z.uuid().safeParse(clusterId).success || !(await this.clusters.findById(this.db.prisma, clusterId)))
      throw notFound("Cluster");
  }
}
