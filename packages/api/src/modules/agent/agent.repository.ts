import type { Db } from "../../db/database.js";
import type { Cluster } from "../../generated/prisma/client.js";

export class AgentRepository {
  findCluster(db: Db, id: string): Promise<Cluster | null> {
    return db.cluster.findUnique({ where: { id } });
  }

  recordHeartbeat(
    db: Db,
    clusterId: string,
    data: { agentVersion: string; kubernetesVersion: string | null; at: Date; firstSeen: boolean },
  ): Promise<Cluster> {
    return db.cluster.update({
      where: { id: clusterId },
      data: {
        agentVersion: data.agentVersion,
        kubernetesVersion: data.kubernetesVersion,
        agentLastSeenAt: data.at,
        ...(data.firstSeen ? { agentFirstSeenAt: data.at } : {}),
      },
    });
  }
}
