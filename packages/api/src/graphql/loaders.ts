import DataLoader from "dataloader";
import type { Cluster, ClusterGroup, Exception, Image, Scan, Scanner, User } from "../generated/prisma/client.js";
import type { VerdictRow } from "../modules/compliance/verdicts.repository.js";
import type { PolicyWithRelations } from "../modules/policies/policies.repository.js";
import type { Services } from "../services.js";

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/** Per-request batch loaders for field resolvers. */
export function createLoaders(services: Services) {
  return {
    userById: byId<User>((ids) => services.users.findManyByIds(ids)),
    clusterById: byId<Cluster>((ids) => services.clusters.findManyByIds(ids)),
    clusterCountByGroup: new DataLoader<string, number>(async (ids) => {
      const counts = await services.clusters.countByGroup(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    policyById: byId<PolicyWithRelations>((ids) => services.policies.findManyByIds(ids)),
    scannerById: byId<Scanner>((ids) => services.policies.findScannersByIds(ids)),
    imageById: byId<Image>((ids) => services.images.findManyByIds(ids)),
    scanById: byId<Omit<Scan, "rawReport">>((ids) => services.images.scansByIds(ids)),
    exceptionById: byId<Exception>((ids) => services.exceptions.findManyByIds(ids)),
    /** Keys are "imageId/clusterId". */
    verdictByPair: new DataLoader<string, VerdictRow | null>(async (keys) => {
      const found = await services.verdicts.storedFor(keys);
      return keys.map((key) => found.get(key) ?? null);
    }),
    clusterGroupById: byId<ClusterGroup>((ids) => services.clusters.findGroupsByIds(ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
