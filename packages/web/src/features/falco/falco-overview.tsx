import { useQuery, useSubscription } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useConnectionStatus } from "../../app/connection-status";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { PageHeader } from "../../components/page-header";
import type { FalcoPriority } from "../../gql/graphql";
import { formatRelative, formatTimestamp } from "../../lib/format";
import { useNow } from "../../lib/use-now";
import { LiveIndicator } from "../audit/live-indicator";
import { useCan } from "../auth/viewer";
import { ClusterOptionsDocument } from "../clusters/clusters.graphql";
import { falcoInstallPath, useCanInstallFalco } from "./cluster-falco";
import { PriorityBadge } from "./falco-badges";
import { FalcoClusterSummaryDocument, FalcoEventAddedDocument } from "./falco.graphql";
import { FALCO_PRIORITIES, PRIORITY_COLORS, PRIORITY_LABELS } from "./falco-priorities";
import { falcoEventPath } from "./falco-events-table";

/** How long a cluster's counts wait before following a burst of new events. */
export const SUMMARY_REFRESH_THROTTLE_MS = 3000;

/** Local midnight of the day `now` falls on, as ISO. */
export function startOfDay(now: number): string {
  const date = new Date(now);
  date.setHours(0, 0, 0, 0);
  return date.toISOString();
}

/** Counts per priority, summed over every bucket. */
export function countsByPriority(buckets: ReadonlyArray<{ priority: FalcoPriority; count: number }>): {
  total: number;
  byPriority: Array<{ priority: FalcoPriority; count: number }>;
} {
  const totals = new Map<FalcoPriority, number>();
  for (const bucket of buckets) totals.set(bucket.priority, (totals.get(bucket.priority) ?? 0) + bucket.count);
  const byPriority = FALCO_PRIORITIES.filter((priority) => (totals.get(priority) ?? 0) > 0).map((priority) => ({
    priority,
    count: totals.get(priority) ?? 0,
  }));
  return { total: byPriority.reduce((sum, item) => sum + item.count, 0), byPriority };
}

function ClusterCard({
  cluster,
  since,
  refreshKey,
  canInstall,
}: {
  cluster: { id: string; name: string };
  since: string;
  refreshKey: number;
  canInstall: boolean;
}) {
  const { data, previousData, error, refetch } = useQuery(FalcoClusterSummaryDocument, {
    variables: { clusterId: cluster.id, since },
    notifyOnNetworkStatusChange: false,
  });
  useEffect(() => {
    if (refreshKey > 0) void refetch().catch(() => undefined);
  }, [refreshKey, refetch]);
  const summary = data ?? previousData;
  const path = `/clusters/${cluster.id}/falco`;
  const titleId = `falco-cluster-${cluster.id}`;

  let body;
  if (!summary && error) body = <ErrorBanner error={error} onRetry={() => void refetch()} />;
  else if (!summary) body = <LoadingState label={`Loading ${cluster.name}…`} />;
  else {
    const { total, byPriority } = countsByPriority(summary.falcoPriorityTimeline);
    const latest = summary.falcoEvents.nodes[0];
    body = (
      <>
        {latest ? (
          <p className="falco-cluster__count">
            <strong>{total.toLocaleString()}</strong> {total === 1 ? "event" : "events"} today
          </p>
        ) : null}
        {total > 0 ? (
          <>
            <div className="falco-cluster__bar" aria-hidden="true">
              {byPriority.map((item) => (
                <span
                  key={item.priority}
                  style={{ flexGrow: item.count, background: PRIORITY_COLORS[item.priority] }}
                  title={`${PRIORITY_LABELS[item.priority]}: ${item.count}`}
                />
              ))}
            </div>
            <ul className="falco-cluster__priorities" aria-label={`Events today in ${cluster.name} by priority`}>
              {byPriority.map((item) => (
                <li key={item.priority}>
                  <PriorityBadge priority={item.priority} /> {item.count.toLocaleString()}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {latest ? (
          <p className="falco-cluster__latest muted">
            Latest:{" "}
            <Link to={falcoEventPath(latest.id)} title={formatTimestamp(latest.time)}>
              {latest.rule}
            </Link>
            , {formatRelative(latest.time)}
          </p>
        ) : (
          <p className="falco-cluster__latest muted">
            No events yet.{" "}
            {canInstall ? <Link to={falcoInstallPath(cluster.id)}>Install Falco</Link> : "Falco is not sending any."}
          </p>
        )}
      </>
    );
  }

  return (
    <li className="card falco-cluster" aria-labelledby={titleId}>
      <h2 className="falco-cluster__name" id={titleId}>
        <Link to={path}>{cluster.name}</Link>
      </h2>
      {body}
    </li>
  );
}

/** The Falco area: each cluster with today's events, leading to its live events. */
export function FalcoOverview() {
  const clusters = useQuery(ClusterOptionsDocument);
  const canReadClusters = useCan("cluster:read");
  const canInstall = useCanInstallFalco();
  const status = useConnectionStatus();
  const now = useNow(5 * 60_000);
  const since = startOfDay(now);
  const [refresh, setRefresh] = useState<Record<string, number>>({});
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  // Each cluster's counts follow its new events, at most once per burst.
  const subscription = useSubscription(FalcoEventAddedDocument, {
    variables: { filter: {} },
    onData: ({ data }) => {
      const clusterId = data.data?.falcoEventAdded.clusterId;
      if (!clusterId || timers.current.has(clusterId)) return;
      timers.current.set(
        clusterId,
        setTimeout(() => {
          timers.current.delete(clusterId);
          setRefresh((current) => ({ ...current, [clusterId]: (current[clusterId] ?? 0) + 1 }));
        }, SUMMARY_REFRESH_THROTTLE_MS),
      );
    },
  });

  const list = clusters.data?.clusters;
  let body;
  if (list === undefined && clusters.error)
    body = (
      <ErrorBanner
        title="The clusters could not be loaded."
        error={clusters.error}
        onRetry={() => void clusters.refetch()}
      />
    );
  else if (list === undefined) body = <LoadingState label="Loading clusters…" />;
  else if (!list.length)
    body = (
      <div className="card">
        <EmptyState
          title="No clusters yet"
          icon={icons.falco}
          action={
            canReadClusters ? (
              <Link className="button button--primary button--md" to="/clusters">
                Go to clusters
              </Link>
            ) : undefined
          }
        >
          <p>
            Falco events belong to a cluster. Add a cluster first; its page then has a Falco tab with a guide to install
            Falco and send its events here.
          </p>
        </EmptyState>
      </div>
    );
  else
    body = (
      <ul className="falco-clusters" aria-label="Clusters">
        {list.map((cluster) => (
          <ClusterCard
            key={cluster.id}
            cluster={cluster}
            since={since}
            refreshKey={refresh[cluster.id] ?? 0}
            canInstall={canInstall}
          />
        ))}
      </ul>
    );

  return (
    <div className="page">
      <PageHeader
        title="Falco"
        description="Runtime security events from Falco as they happen. Choose a cluster to see its events live, filter them and set who is told."
        actions={
          <>
            <LiveIndicator
              status={subscription.error ? "offline" : status}
              liveDescription="Counts follow new events as they arrive"
            />
            <Link className="button button--secondary button--md" to="/falco/rules">
              Rules
            </Link>
          </>
        }
      />
      {body}
    </div>
  );
}
