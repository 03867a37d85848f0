import { useCallback, useEffect, useRef, useState } from "react";
import { Link, NavLink } from "react-router";
import { ErrorBanner } from "../../components/error-banner";
import { LoadingState } from "../../components/loading-state";
import { useCan } from "../auth/viewer";
import { useClusterNamespaces } from "../workloads/use-workloads";
import { FalcoEventsTable } from "./falco-events-table";
import { FalcoPriorityChart } from "./falco-priority-chart";
import { FalcoSettingsForm } from "./falco-settings-form";
import { useFalcoSettings } from "./use-falco";

/** At most one chart refresh per this long while events stream in. */
export const CHART_REFRESH_THROTTLE_MS = 3000;

export type FalcoView = "events" | "settings";

export function falcoInstallPath(clusterId: string): string {
  return `/clusters/${clusterId}/falco/install`;
}

/** The install guide creates an API key, so it needs both permissions. */
export function useCanInstallFalco(): boolean {
  const canWrite = useCan("falco:write");
  const canCreateKeys = useCan("api_key:own");
  return canWrite && canCreateKeys;
}

function FalcoEvents({ cluster, installPath }: { cluster: { id: string; name: string }; installPath: string | null }) {
  const namespaces = useClusterNamespaces(cluster.id).data?.cluster.namespaces ?? [];
  const [refreshKey, setRefreshKey] = useState(0);
  // The chart waits until the cluster has events; before that the list explains how to send them.
  const [hasEvents, setHasEvents] = useState<boolean | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  // A burst of events refreshes the chart once, a moment after it starts.
  const onLiveEvent = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setRefreshKey((key) => key + 1);
    }, CHART_REFRESH_THROTTLE_MS);
  }, []);

  return (
    <>
      {hasEvents === false ? null : <FalcoPriorityChart clusterId={cluster.id} refreshKey={refreshKey} />}
      <FalcoEventsTable
        clusterId={cluster.id}
        clusterName={cluster.name}
        namespaces={namespaces.map((namespace) => namespace.name)}
        installPath={installPath}
        onLiveEvent={onLiveEvent}
        onHasEvents={setHasEvents}
      />
    </>
  );
}

function FalcoSettingsSection({ cluster }: { cluster: { id: string; name: string } }) {
  const { data, error, refetch } = useFalcoSettings(cluster.id);
  if (data) return <FalcoSettingsForm key={cluster.id} cluster={cluster} settings={data.falcoSettings} />;
  if (error)
    return <ErrorBanner title="The Falco settings could not be loaded." error={error} onRetry={() => void refetch()} />;
  return (
    <section className="card">
      <LoadingState label="Loading Falco settings…" />
    </section>
  );
}

/** A cluster's Falco tab: its events, live, with a chart; or its settings. */
export function ClusterFalco({ cluster, view }: { cluster: { id: string; name: string }; view: FalcoView }) {
  const installPath = useCanInstallFalco() ? falcoInstallPath(cluster.id) : null;
  const base = `/clusters/${cluster.id}/falco`;
  return (
    <>
      <div className="subnav">
        <nav className="subnav__links" aria-label="Falco">
          <NavLink to={base} end className="subnav__link">
            Events
          </NavLink>
          <NavLink to={`${base}/settings`} end className="subnav__link">
            Settings
          </NavLink>
        </nav>
        <div className="subnav__actions">
          <Link className="button button--ghost button--sm" to="/falco/rules">
            Rules
          </Link>
          {installPath ? (
            <Link className="button button--secondary button--sm" to={installPath}>
              Install Falco
            </Link>
          ) : null}
        </div>
      </div>
      {view === "settings" ? (
        <FalcoSettingsSection cluster={cluster} />
      ) : (
        <FalcoEvents cluster={cluster} installPath={installPath} />
      )}
    </>
  );
}
