import type { Db } from "../../db/database.js";
import type { Cluster, ClusterGroup, Prisma } from "../../generated/prisma/client.js";

export type ClusterFilter = { groupId?: string | undefined; search?: string | undefined; onlyId?: string | undefined };

export class ClustersRepository {
  list(db: Db, filter: ClusterFilter): Promise<Cluster[]> {
    const search = filter.search?.trim();
    return db.cluster.findMany({
      where: {
        ...(filter.onlyId ? { id: filter.onlyId } : {}),
        ...(filter.groupId ? { groupId: filter.groupId } : {}),
        ...(search
          ? {
              OR: [
                { name: { contains: search, mode: "insensitive" } },
                { description: { contains: search, mode: "insensitive" } },
                { tags: { has: search } },
              ],
            }
          : {}),
      },
      orderBy: { name: "asc" },
    });
  }

  findById(db: Db, id: string): Promise<Cluster | null> {
    return db.cluster.findUnique({ where: { id } });
  }

  findManyByIds(db: Db, ids: readonly string[]): Promise<Cluster[]> {
    return db.cluster.findMany({ where: { id: { in: [...ids] } } });
  }

  findByName(db: Db, name: string): Promise<Cluster | null> {
    return db.cluster.findUnique({ where: { name } });
  }

  create(db: Db, data: Prisma.ClusterUncheckedCreateInput): Promise<Cluster> {
    return db.cluster.create({ data });
  }

  update(db: Db, id: string, data: Prisma.ClusterUncheckedUpdateInput): Promise<Cluster> {
    return db.cluster.update({ where: { id }, data });
  }

  delete(db: Db, id: string): Promise<Cluster> {
    return db.cluster.delete({ where: { id } });
  }

  listGroups(db: Db): Promise<ClusterGroup[]> {
    return db.clusterGroup.findMany({ orderBy: { name: "asc" } });
  }

  findGroupsByIds(db: Db, ids: readonly string[]): Promise<ClusterGroup[]> {
    return db.clusterGroup.findMany({ where: { id: { in: [...ids] } } });
  }

  findGroupById(db: Db, id: string): Promise<ClusterGroup | null> {
    return db.clusterGroup.findUnique({ where: { id } });
  }

  findGroupByName(db: Db, name: string): Promise<ClusterGroup | null> {
    return db.clusterGroup.findUnique({ where: { name } });
  }

  createGroup(db: Db, data: { name: string; description: string }): Promise<ClusterGroup> {
    return db.clusterGroup.create({ data });
  }

  updateGroup(db: Db, id: string, data: { name?: string; description?: string }): Promise<ClusterGroup> {
    return db.clusterGroup.update({ where: { id }, data });
  }

  deleteGroup(db: Db, id: string): Promise<ClusterGroup> {
    return db.clusterGroup.delete({ where: { id } });
  }

  async countByGroup(db: Db, groupIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await db.cluster.groupBy({
      by: ["groupId"],
      where: { groupId: { in: [...groupIds] } },
      _count: { _all: true },
    });
    return new Map(rows.map((row) => [row.groupId ?? "", row._count._all]));
  }

  countClustersInGroup(db: Db, groupId: string): Promise<number> {
    return db.cluster.count({ where: { groupId } });
  }
}
