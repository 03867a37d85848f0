import { useApolloClient, useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { useCallback, useRef, useState } from "react";
import type {
  AdmissionEventFieldsFragment,
  AdmissionEventFilter,
  AdmissionEventsQuery,
  AdmissionSettingsInput,
} from "../../gql/graphql";
import {
  AdmissionEventAddedDocument,
  AdmissionEventsDocument,
  ClusterAdmissionSettingsDocument,
  UpdateClusterAdmissionSettingsDocument,
} from "./admission.graphql";
import { useCatchUpWhenLive } from "../../lib/use-catch-up";
import { useFreshIds } from "../../lib/use-fresh-ids";
import { matchesAdmissionFilter } from "./admission-events";

export const ADMISSION_PAGE_SIZE = 50;

export function useAdmissionSettings(clusterId: string) {
  return useQuery(ClusterAdmissionSettingsDocument, { variables: { id: clusterId } });
}

export function useUpdateAdmissionSettings() {
  const [mutate, { loading }] = useMutation(UpdateClusterAdmissionSettingsDocument);
  return {
    saving: loading,
    update: async (clusterId: string, input: AdmissionSettingsInput) =>
      (await mutate({ variables: { clusterId, input } })).data?.updateClusterAdmissionSettings,
  };
}

/**
 * A cluster's admission decisions for a filter, newest first: pages load with a cursor, and
 * decisions made while the page is open arrive over the subscription and are put on top.
 */
export function useAdmissionEvents(clusterId: string, filter: AdmissionEventFilter) {
  const client = useApolloClient();
  const variables = { clusterId, filter, first: ADMISSION_PAGE_SIZE };
  const query = useQuery(AdmissionEventsDocument, { variables, notifyOnNetworkStatusChange: false });
  const { fresh, highlight } = useFreshIds();
  const [loadingMore, setLoadingMore] = useState(false);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const prepend = useCallback(
    (event: AdmissionEventFieldsFragment) => {
      const current = filterRef.current;
      if (!matchesAdmissionFilter(event, current)) return;
      let added = false;
      client.cache.updateQuery<AdmissionEventsQuery>(
        { query: AdmissionEventsDocument, variables: { clusterId, filter: current, first: ADMISSION_PAGE_SIZE } },
        (existing) => {
          if (!existing || existing.cluster.admissionEvents.nodes.some((node) => node.id === event.id)) return existing;
          added = true;
          return {
            cluster: {
              ...existing.cluster,
              admissionEvents: {
                ...existing.cluster.admissionEvents,
                nodes: [event, ...existing.cluster.admissionEvents.nodes],
              },
            },
          };
        },
      );
      if (!added) return;
      highlight([event.id]);
    },
    [client, clusterId, highlight],
  );

  const subscription = useSubscription(AdmissionEventAddedDocument, {
    variables: { clusterId },
    onData: ({ data }) => {
      const event = data.data?.admissionEventAdded;
      if (event) prepend(event);
    },
  });

  // Decisions recorded before the subscription started (or while reconnecting) are read once more.
  useCatchUpWhenLive(async () => {
    const latest = await client.query({
      query: AdmissionEventsDocument,
      variables: { clusterId, filter: filterRef.current, first: ADMISSION_PAGE_SIZE },
      fetchPolicy: "no-cache",
    });
    const nodes = latest.data?.cluster.admissionEvents.nodes ?? [];
    for (const event of [...nodes].reverse()) prepend(event);
  });

  const { fetchMore } = query;
  const endCursor = query.data?.cluster.admissionEvents.pageInfo.endCursor ?? null;
  const loadMore = useCallback(async () => {
    if (!endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after: endCursor } });
    } finally {
      setLoadingMore(false);
    }
  }, [endCursor, fetchMore]);

  return {
    events: query.data?.cluster.admissionEvents.nodes,
    hasMore: query.data?.cluster.admissionEvents.pageInfo.hasNextPage ?? false,
    loading: query.loading,
    error: query.error,
    refetch: query.refetch,
    loadMore,
    loadingMore,
    fresh,
    subscriptionError: subscription.error,
  };
}
