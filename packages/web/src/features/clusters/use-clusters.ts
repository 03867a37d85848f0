import type { ApolloCache } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import type { ClusterFilter, CreateClusterInput, UpdateClusterInput } from "../../gql/graphql";
import {
  ClusterDocument,
  ClusterGroupsDocument,
  ClustersDocument,
  CreateClusterDocument,
  CreateClusterGroupDocument,
  DeleteClusterDocument,
  DeleteClusterGroupDocument,
  UpdateClusterDocument,
  UpdateClusterGroupDocument,
} from "./clusters.graphql";

/** How often cluster pages refresh their agents' status. */
export const AGENT_STATUS_POLL_MS = 30_000;

export function useClusters(filter: { search: string; groupId: string }) {
  const variables: { filter: ClusterFilter } = {
    filter: {
      ...(filter.search.trim() ? { search: filter.search.trim() } : {}),
      ...(filter.groupId ? { groupId: filter.groupId } : {}),
    },
  };
  return useQuery(ClustersDocument, { variables, pollInterval: AGENT_STATUS_POLL_MS });
}

export function useCluster(id: string) {
  return useQuery(ClusterDocument, { variables: { id }, pollInterval: AGENT_STATUS_POLL_MS });
}

export function useClusterGroups() {
  return useQuery(ClusterGroupsDocument);
}

/**
 * Every cached cluster list (one per filter) is dropped after a change, so lists on screen refetch
 * and a filter never shows a cluster that no longer matches it.
 */
function forgetClusterLists(cache: ApolloCache) {
  cache.evict({ id: "ROOT_QUERY", fieldName: "clusters" });
  cache.gc();
}

export function useSaveCluster() {
  // Group sizes change with cluster membership.
  const refetchGroups = { update: forgetClusterLists, refetchQueries: ["ClusterGroups"] };
  const [create, created] = useMutation(CreateClusterDocument, refetchGroups);
  const [update, updated] = useMutation(UpdateClusterDocument, refetchGroups);
  return {
    saving: created.loading || updated.loading,
    create: async (input: CreateClusterInput) => (await create({ variables: { input } })).data?.createCluster,
    update: async (id: string, input: UpdateClusterInput) =>
      (await update({ variables: { id, input } })).data?.updateCluster,
  };
}

export function useDeleteCluster() {
  const [mutate] = useMutation(DeleteClusterDocument, {
    refetchQueries: ["ClusterGroups"],
    update(cache, { data }) {
      const id = data?.deleteCluster.id;
      if (!id) return;
      cache.evict({ id: cache.identify({ __typename: "Cluster", id }) });
      // Keys bound to the cluster are deleted with it.
      cache.evict({ id: "ROOT_QUERY", fieldName: "apiKeys" });
      cache.gc();
    },
  });
  return async (id: string) => {
    await mutate({ variables: { id } });
  };
}

export function useSaveClusterGroup() {
  const [create, created] = useMutation(CreateClusterGroupDocument, { refetchQueries: ["ClusterGroups"] });
  const [update, updated] = useMutation(UpdateClusterGroupDocument);
  return {
    saving: created.loading || updated.loading,
    create: async (input: { name: string; description: string }) =>
      (await create({ variables: { input } })).data?.createClusterGroup,
    update: async (id: string, input: { name: string; description: string }) =>
      (await update({ variables: { id, input } })).data?.updateClusterGroup,
  };
}

export function useDeleteClusterGroup() {
  const [mutate] = useMutation(DeleteClusterGroupDocument, {
    refetchQueries: ["ClusterGroups"],
    update(cache, { data }) {
      const id = data?.deleteClusterGroup.id;
      if (!id) return;
      cache.evict({ id: cache.identify({ __typename: "ClusterGroup", id }) });
      cache.gc();
    },
  });
  return async (id: string) => {
    await mutate({ variables: { id } });
  };
}
