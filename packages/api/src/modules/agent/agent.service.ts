import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { forbidden, notFound } from "../../common/errors.js";
import { type ApiKeyPrincipal, assertCan, type Principal } from "../../common/principal.js";
import { parseInput } from "../../common/validation.js";
import type { Database } from "../../db/database.js";
import type { Cluster } from "../../generated/prisma/client.js";
import type { AuditService } from "../audit/audit.service.js";
import { AgentRepository } from "./agent.repository.js";

/** An agent is "connected" when its last heartbeat is this recent. */
export const CONNECTED_WITHIN_MS = 90_000;
/** After this much silence, the next heartbeat is audited as a reconnection. */
const RECONNECT_AFTER_MS = 10 * 60_000;

const heartbeatSchema = z.object({
  cluster: z.string().trim().min(1, "must name the cluster"),
  agentVersion: z.string().trim().min(1).max(100),
  kubernetesVersion: z.string().trim().max(100).nullish(),
  mode: z.enum(["run", "webhook"]),
});

export type HeartbeatInput = z.input<typeof heartbeatSchema>;

export function agentStatus(
  cluster: Pick<Cluster, "agentLastSeenAt">,
  now: Date,
): "connected" | "disconnected" | "never_connected" {
  if (!cluster.agentLastSeenAt) return "never_connected";
  return now.getTime() - cluster.agentLastSeenAt.getTime() <= CONNECTED_WITHIN_MS ? "connected" : "disconnected";
}

/** The agent's side of the api: who it is (a key bound to one cluster) and its heartbeat. */
export class AgentService {
  readonly repository = new AgentRepository();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {}

  /**
   * The cluster an agent acts for: agent operations need a key with the agent scope that is bound to
   * a cluster. When the agent names its cluster, the name must match the binding.
   */
  async agentCluster(
    principal: Principal,
    clusterName?: string,
  ): Promise<{ principal: ApiKeyPrincipal; cluster: Cluster }> {
    assertCan(principal, "agent:report");
    if (principal.kind !== "api_key" || !principal.clusterId) {
      throw forbidden(
        "Agent operations need an API key bound to a cluster (create one with the agent scope for that cluster)",
      );
    }
    const cluster = await this.repository.findCluster(this.db.prisma, principal.clusterId);
    if (!cluster) throw notFound("Cluster");
    if (clusterName !== undefined && clusterName.trim() !== cluster.name) {
      throw forbidden(`This API key is bound to cluster "${cluster.name}", not "${clusterName.trim()}"`);
    }
    return { principal, cluster };
  }

  async heartbeat(actor: Actor, raw: HeartbeatInput): Promise<Cluster> {
    const input = parseInput(heartbeatSchema, raw);
    const { cluster } = await this.agentCluster(actor.principal, input.cluster);
    const now = this.now();
    const reconnecting =
      !cluster.agentLastSeenAt || now.getTime() - cluster.agentLastSeenAt.getTime() > RECONNECT_AFTER_MS;
    const changed =
      cluster.agentVersion !== input.agentVersion || cluster.kubernetesVersion !== (input.kubernetesVersion ?? null);
    return this.db.transaction(async (tx, afterCommit) => {
      const updated = await this.repository.recordHeartbeat(tx, cluster.id, {
        agentVersion: input.agentVersion,
        kubernetesVersion: input.kubernetesVersion ?? null,
        at: now,
        firstSeen: !cluster.agentFirstSeenAt,
      });
      // Heartbeats are frequent: the audit log records connections and version changes, not each beat.
      if (reconnecting || changed) {
        await this.audit.record(tx, afterCommit, actor, {
          action: reconnecting ? "agent.connect" : "agent.update",
          entityType: "cluster",
          entityId: cluster.id,
          before: {
            agentVersion: cluster.agentVersion,
            kubernetesVersion: cluster.kubernetesVersion,
            lastSeenAt: cluster.agentLastSeenAt,
          },
          after: { agentVersion: updated.agentVersion, kubernetesVersion: updated.kubernetesVersion, mode: input.mode },
        });
      }
      return updated;
    });
  }
}
