import { useApolloClient, useQuery, useSubscription } from "@apollo/client/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FalcoEventFieldsFragment, FalcoEventFilter, FalcoEventsQuery } from "../../gql/graphql";
import { useCatchUpWhenLive } from "../../lib/use-catch-up";
import { useFreshIds } from "../../lib/use-fresh-ids";
import { FalcoEventAddedDocument, FalcoEventsDocument } from "./falco.graphql";
import { matchesFalcoFilter } from "./falco-filter";

export const FALCO_PAGE_SIZE = 50;
/** Events kept while paused; past this only the count grows, and showing them reloads the list. */
export const MAX_PENDING = 500;
/**
 * Rows a live list keeps (or as many as Load more brought, if more): the oldest give way to new
 * events, and Load more reads them again from the server.
 */
export const MAX_LIVE_ROWS = 500;

type FalcoEvent = FalcoEventFieldsFragment;

/** The cached list for a filter: its first page, with the pages Load more appended. */
const listOf = (filter: FalcoEventFilter) => ({
  query: FalcoEventsDocument,
  variables: { filter, first: FALCO_PAGE_SIZE },
});

/** Newest first, as the server orders them: time descending, then id descending. */
function newerFirst(a: Pick<FalcoEvent, "time" | "id">, b: Pick<FalcoEvent, "time" | "id">): number {
  const byTime = Date.parse(b.time) - Date.parse(a.time);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Puts new events into a loaded list at their place in its order. An event older than everything
 * loaded while older pages remain belongs to those pages, and is left for Load more.
 */
export function mergeEvents(
  existing: readonly FalcoEvent[],
  incoming: readonly FalcoEvent[],
  hasMore: boolean,
): { nodes: FalcoEvent[]; added: string[] } {
  const known = new Set(existing.map((event) => event.id));
  const oldest = existing[existing.length - 1];
  const added = incoming.filter((event) => {
    if (known.has(event.id)) return false;
    known.add(event.id);
    return !(hasMore && oldest && newerFirst(event, oldest) > 0);
  });
  if (!added.length) return { nodes: [...existing], added: [] };
  return { nodes: [...existing, ...added].sort(newerFirst), added: added.map((event) => event.id) };
}

type EventPage = FalcoEventsQuery["falcoEvents"];

/**
 * Keeps the newest `limit` events of a page. What falls off is left to Load more, which continues
 * after the last event kept.
 */
export function trimEvents(page: EventPage, limit: number): EventPage {
  const kept = page.nodes.slice(0, limit);
  const last = kept[kept.length - 1];
  if (kept.length === page.nodes.length || !last) return page;
  return { ...page, nodes: kept, pageInfo: { ...page.pageInfo, endCursor: last.cursor, hasNextPage: true } };
}

/**
 * Falco events for a filter, newest first: pages load with a cursor, and events stored while the
 * page is open arrive over the subscription and take their place at the top, highlighted for a
 * moment. While paused, new events wait, counted, until they are shown.
 */
export function useFalcoEvents(filter: FalcoEventFilter, onLiveEvent?: (event: FalcoEvent) => void) {
  const client = useApolloClient();
  const query = useQuery(FalcoEventsDocument, {
    variables: listOf(filter).variables,
    notifyOnNetworkStatusChange: false,
  });
  const { fresh, highlight } = useFreshIds();
  const [loadingMore, setLoadingMore] = useState(false);
  const [paused, setPaused] = useState(false);
  const [pending, setPending] = useState<{ events: FalcoEvent[]; count: number }>({ events: [], count: 0 });
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const onLiveEventRef = useRef(onLiveEvent);
  onLiveEventRef.current = onLiveEvent;
  /** How many rows the list held after the last Load more: live events never trim below it. */
  const loadedRef = useRef(0);
  // Events held back for another filter do not belong to this one.
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    setPending({ events: [], count: 0 });
    loadedRef.current = 0;
  }, [filterKey]);

  /** Adds events to the cached first page (and the pages loaded after it); returns how many were new. */
  const insert = useCallback(
    (events: readonly FalcoEvent[]) => {
      let added: string[] = [];
      client.cache.updateQuery<FalcoEventsQuery>(listOf(filterRef.current), (existing) => {
        if (!existing) return existing;
        const merged = mergeEvents(existing.falcoEvents.nodes, events, existing.falcoEvents.pageInfo.hasNextPage);
        if (!merged.added.length) return existing;
        const page = trimEvents(
          { ...existing.falcoEvents, nodes: merged.nodes },
          Math.max(MAX_LIVE_ROWS, loadedRef.current),
        );
        const kept = new Set(page.nodes.map((event) => event.id));
        added = merged.added.filter((id) => kept.has(id));
        return { falcoEvents: page };
      });
      highlight(added);
      return added.length;
    },
    [client, highlight],
  );

  const receive = useCallback(
    (event: FalcoEvent) => {
      if (!matchesFalcoFilter(event, filterRef.current)) return;
      if (!pausedRef.current) {
        insert([event]);
        return;
      }
      const shown = client.cache.readQuery<FalcoEventsQuery>(listOf(filterRef.current));
      if (shown?.falcoEvents.nodes.some((node) => node.id === event.id)) return;
      setPending((current) => {
        if (current.events.some((item) => item.id === event.id)) return current;
        return {
          events: current.events.length < MAX_PENDING ? [...current.events, event] : current.events,
          count: current.count + 1,
        };
      });
    },
    [client, insert],
  );

  // The server filters the live feed; the same check on arrival covers the moment a filter changes.
  const { until: _until, ...liveFilter } = filter;
  const subscription = useSubscription(FalcoEventAddedDocument, {
    variables: { filter: liveFilter },
    onData: ({ data }) => {
      const event = data.data?.falcoEventAdded;
      if (!event) return;
      onLiveEventRef.current?.(event);
      receive(event);
    },
  });

  // Events stored before the subscription started (or while reconnecting) are read once more.
  useCatchUpWhenLive(async () => {
    const latest = await client.query({ ...listOf(filterRef.current), fetchPolicy: "no-cache" });
    for (const event of [...(latest.data?.falcoEvents.nodes ?? [])].reverse()) receive(event);
  });

  const { refetch } = query;
  const showPending = useCallback(async () => {
    const waiting = pending;
    setPending({ events: [], count: 0 });
    if (waiting.count > waiting.events.length) {
      // Too many to keep: the list is read afresh instead.
      const result = await refetch();
      highlight(
        (result.data?.falcoEvents.nodes ?? [])
          .slice(0, Math.min(waiting.count, FALCO_PAGE_SIZE))
          .map((event) => event.id),
      );
      return;
    }
    insert(waiting.events);
  }, [pending, insert, refetch, highlight]);

  const pause = useCallback(() => setPaused(true), []);
  const resume = useCallback(async () => {
    setPaused(false);
    await showPending();
  }, [showPending]);

  const { fetchMore } = query;
  const endCursor = query.data?.falcoEvents.pageInfo.endCursor ?? null;
  const loadMore = useCallback(async () => {
    if (!endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after: endCursor } });
      loadedRef.current =
        client.cache.readQuery<FalcoEventsQuery>(listOf(filterRef.current))?.falcoEvents.nodes.length ?? 0;
    } finally {
      setLoadingMore(false);
    }
  }, [client, endCursor, fetchMore]);

  return {
    events: query.data?.falcoEvents.nodes,
    hasMore: query.data?.falcoEvents.pageInfo.hasNextPage ?? false,
    error: query.error,
    refetch: query.refetch,
    loadMore,
    loadingMore,
    fresh,
    paused,
    pause,
    resume,
    pendingCount: pending.count,
    showPending,
    subscriptionError: subscription.error,
  };
}
