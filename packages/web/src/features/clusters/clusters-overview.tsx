import { NetworkStatus } from "@apollo/client";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { Button } from "../../components/button";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { PageHeader } from "../../components/page-header";
import type { ClusterFieldsFragment } from "../../gql/graphql";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useCan } from "../auth/viewer";
import { ClusterFormDialog } from "./cluster-form-dialog";
import { ClusterGroupsPanel } from "./cluster-groups-panel";
import { ClustersTable } from "./clusters-table";
import { DeleteClusterDialog } from "./delete-cluster-dialog";
import { useClusterGroups, useClusters } from "./use-clusters";

type Editing = { cluster: ClusterFieldsFragment | null };

export function ClustersOverview() {
  const canWrite = useCan("cluster:write");
  const canCreateKeys = useCan("api_key:own");
  // Connecting an agent creates its API key.
  const canConnect = canWrite && canCreateKeys;
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get("q") ?? "");
  const groupId = params.get("group") ?? "";
  const debouncedSearch = useDebouncedValue(search);
  const { data, loading, networkStatus, error, refetch } = useClusters({ search: debouncedSearch, groupId });
  // Agent statuses refresh quietly; only a new filter says it is updating.
  const updating = loading && data !== undefined && networkStatus !== NetworkStatus.poll;
  const groupsQuery = useClusterGroups();
  const groups = groupsQuery.data?.clusterGroups ?? [];
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<ClusterFieldsFragment | null>(null);

  const updateParam = (key: string, value: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  const filtered = Boolean(debouncedSearch.trim() || groupId);
  const clusters = data?.clusters ?? [];
  const newCluster = canWrite ? (
    <Button variant="primary" icon={icons.plus} onClick={() => setEditing({ cluster: null })}>
      New cluster
    </Button>
  ) : undefined;

  let body;
  if (data === undefined && error) {
    body = <ErrorBanner title="Clusters could not be loaded." error={error} onRetry={() => void refetch()} />;
  } else if (data === undefined) {
    body = <LoadingState label="Loading clusters…" />;
  } else if (!clusters.length && filtered) {
    body = (
      <EmptyState
        title="No clusters match these filters"
        action={
          <Button
            onClick={() => {
              setSearch("");
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            Clear filters
          </Button>
        }
      >
        <p>Search looks at names, descriptions and whole tags.</p>
      </EmptyState>
    );
  } else if (!clusters.length) {
    body = (
      <EmptyState title="No clusters yet" icon={icons.clusters} action={newCluster}>
        <p>
          A cluster is a Kubernetes cluster Bulwark watches. Add one, then connect its agent: the cluster's page walks
          you through the key and the install command.
        </p>
        {!canWrite ? <p className="muted">An administrator can add clusters.</p> : null}
      </EmptyState>
    );
  } else {
    body = (
      <ClustersTable
        clusters={clusters}
        canWrite={canWrite}
        canConnect={canConnect}
        onEdit={(cluster) => setEditing({ cluster })}
        onDelete={setDeleting}
      />
    );
  }

  return (
    <div className="page">
      <PageHeader
        title="Clusters"
        description="The Kubernetes clusters Bulwark watches, grouped the way your teams work."
        actions={newCluster}
      />
      <section className="card" aria-label="Cluster list">
        <div className="toolbar" role="search">
          <label className="search-box">
            <span className="visually-hidden">Search clusters</span>
            {icons.search}
            <input
              type="search"
              className="input"
              placeholder="Search by name, description or tag"
              value={search}
              onChange={(event) => {
                setSearch(event.target.value);
                updateParam("q", event.target.value.trim());
              }}
            />
          </label>
          <label className="toolbar__select">
            <span className="toolbar__label">Group</span>
            <select
              className="input select"
              value={groupId}
              onChange={(event) => updateParam("group", event.target.value)}
            >
              <option value="">All groups</option>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </label>
          {updating ? <span className="toolbar__status muted">Updating…</span> : null}
          {data !== undefined ? (
            <span className="toolbar__count muted">
              {clusters.length} {clusters.length === 1 ? "cluster" : "clusters"}
            </span>
          ) : null}
        </div>
        {body}
      </section>
      <ClusterGroupsPanel canWrite={canWrite} />
      {editing ? (
        <ClusterFormDialog
          key={editing.cluster?.id ?? "new"}
          open
          cluster={editing.cluster}
          groups={groups}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <DeleteClusterDialog cluster={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}
