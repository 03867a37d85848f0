import DataLoader from "dataloader";
import type { Cluster, ClusterGroup, User } from "../generated/prisma/client.js";
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
    clusterGroupById: byId<ClusterGroup>((ids) => services.clusters.findGroupsByIds(ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
