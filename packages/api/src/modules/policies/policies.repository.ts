import type { Db } from "../../db/database.js";
import type { Policy, Prisma, Scanner } from "../../generated/prisma/client.js";

export type PolicyWithRelations = Policy & { scanners: Scanner[]; clusters: Array<{ clusterId: string }> };

const include = { scanners: { orderBy: { createdAt: "asc" } }, clusters: { select: { clusterId: true } } } as const;

export class PoliciesRepository {
  list(db: Db): Promise<PolicyWithRelations[]> {
    return db.policy.findMany({ include, orderBy: { name: "asc" } });
  }

  findById(db: Db, id: string): Promise<PolicyWithRelations | null> {
    return db.policy.findUnique({ where: { id }, include });
  }

  findManyByIds(db: Db, ids: readonly string[]): Promise<PolicyWithRelations[]> {
    return db.policy.findMany({ where: { id: { in: [...ids] } }, include });
  }

  findByName(db: Db, name: string): Promise<Policy | null> {
    return db.policy.findUnique({ where: { name } });
  }

  create(db: Db, data: Prisma.PolicyUncheckedCreateInput, clusterIds: string[]): Promise<PolicyWithRelations> {
    return db.policy.create({
      data: { ...data, clusters: { create: clusterIds.map((clusterId) => ({ clusterId })) } },
      include,
    });
  }

  async update(
    db: Db,
    id: string,
    data: Prisma.PolicyUncheckedUpdateInput,
    clusterIds: string[] | undefined,
  ): Promise<PolicyWithRelations> {
    if (clusterIds) {
      await db.policyCluster.deleteMany({ where: { policyId: id } });
      await db.policyCluster.createMany({ data: clusterIds.map((clusterId) => ({ policyId: id, clusterId })) });
    }
    return db.policy.update({ where: { id }, data, include });
  }

  delete(db: Db, id: string): Promise<Policy> {
    return db.policy.delete({ where: { id } });
  }

  findScanner(db: Db, id: string): Promise<Scanner | null> {
    return db.scanner.findUnique({ where: { id } });
  }

  findScannersByIds(db: Db, ids: readonly string[]): Promise<Scanner[]> {
    return db.scanner.findMany({ where: { id: { in: [...ids] } } });
  }

  findScannerByName(db: Db, policyId: string, name: string): Promise<Scanner | null> {
    return db.scanner.findUnique({ where: { policyId_name: { policyId, name } } });
  }

  createScanner(db: Db, data: Prisma.ScannerUncheckedCreateInput): Promise<Scanner> {
    return db.scanner.create({ data });
  }

  updateScanner(db: Db, id: string, data: Prisma.ScannerUncheckedUpdateInput): Promise<Scanner> {
    return db.scanner.update({ where: { id }, data });
  }

  deleteScanner(db: Db, id: string): Promise<Scanner> {
    return db.scanner.delete({ where: { id } });
  }

  countExistingClusters(db: Db, ids: string[]): Promise<number> {
    return db.cluster.count({ where: { id: { in: ids } } });
  }

  countExistingPolicies(db: Db, ids: string[]): Promise<number> {
    return db.policy.count({ where: { id: { in: ids } } });
  }
}
