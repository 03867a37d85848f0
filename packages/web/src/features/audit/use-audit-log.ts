import { useApolloClient, useQuery, useSubscription } from "@apollo/client/react";
import { useCallback, useRef, useState } from "react";
import type { AuditEntriesQuery, AuditEntryFieldsFragment, AuditFilter } from "../../gql/graphql";
import { AuditEntriesDocument, AuditEntryAddedDocument } from "./audit.graphql";
import { useCatchUpWhenLive } from "../../lib/use-catch-up";
import { useFreshIds } from "../../lib/use-fresh-ids";
import { matchesAuditFilter } from "./audit-filter";

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log for a filter, newest first: pages load with a cursor, and entries written while
 * the page is open arrive over the subscription (filtered by the server) and are put on top.
 */
export function useAuditLog(filter: AuditFilter) {
  const client = useApolloClient();
  const variables = { filter, first: AUDIT_PAGE_SIZE };
  const query = useQuery(AuditEntriesDocument, { variables, notifyOnNetworkStatusChange: false });
  const { fresh, highlight } = useFreshIds();
  const [loadingMore, setLoadingMore] = useState(false);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const prepend = useCallback(
    (entry: AuditEntryFieldsFragment) => {
      const current = filterRef.current;
      if (!matchesAuditFilter(entry, current)) return;
      let added = false;
      client.cache.updateQuery<AuditEntriesQuery>(
        { query: AuditEntriesDocument, variables: { filter: current, first: AUDIT_PAGE_SIZE } },
        (existing) => {
          if (!existing || existing.auditEntries.nodes.some((node) => node.id === entry.id)) return existing;
          added = true;
          return { auditEntries: { ...existing.auditEntries, nodes: [entry, ...existing.auditEntries.nodes] } };
        },
      );
      if (!added) return;
      highlight([entry.id]);
    },
    [client, highlight],
  );

  // The server filters the live feed; the same check on arrival covers the moment a filter changes.
  const subscription = useSubscription(AuditEntryAddedDocument, {
    variables: { filter },
    onData: ({ data }) => {
      const entry = data.data?.auditEntryAdded;
      if (entry) prepend(entry);
    },
  });

  // Entries written before the subscription started (or while reconnecting) are read once more.
  useCatchUpWhenLive(async () => {
    const current = filterRef.current;
    const latest = await client.query({
      query: AuditEntriesDocument,
      variables: { filter: current, first: AUDIT_PAGE_SIZE },
      fetchPolicy: "no-cache",
    });
    const nodes = latest.data?.auditEntries.nodes ?? [];
    for (const entry of [...nodes].reverse()) prepend(entry);
  });

  const { fetchMore } = query;
  const endCursor = query.data?.auditEntries.pageInfo.endCursor ?? null;
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
    entries: query.data?.auditEntries.nodes,
    hasMore: query.data?.auditEntries.pageInfo.hasNextPage ?? false,
    loading: query.loading,
    error: query.error,
    refetch: query.refetch,
    loadMore,
    loadingMore,
    fresh,
    subscriptionError: subscription.error,
  };
}
