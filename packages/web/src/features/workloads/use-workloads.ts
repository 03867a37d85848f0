import { useQuery } from "@apollo/client/react";
import { ClusterNamespacesDocument, ClusterPodsDocument } from "./workloads.graphql";

export const PODS_PAGE_SIZE = 50;

export function useClusterNamespaces(clusterId: string | null) {
  return useQuery(ClusterNamespacesDocument, { variables: { id: clusterId ?? "" }, skip: !clusterId });
}

/** One page of a cluster's pods, in one namespace or all; pages are offsets. */
export function useClusterPods(clusterId: string, namespace: string, page: number) {
  return useQuery(ClusterPodsDocument, {
    variables: {
      id: clusterId,
      namespace: namespace || null,
      first: PODS_PAGE_SIZE,
      after: page > 1 ? String((page - 1) * PODS_PAGE_SIZE) : null,
    },
  });
}
