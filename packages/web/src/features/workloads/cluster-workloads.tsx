import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Button } from "../../components/button";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { SectionHeader } from "../../components/page-header";
import type { ClusterNamespacesQuery } from "../../gql/graphql";
import { formatDateTime } from "../../lib/format";
import { PodsTable } from "./pods-table";
import { PODS_PAGE_SIZE, useClusterNamespaces, useClusterPods } from "./use-workloads";

type Namespace = ClusterNamespacesQuery["cluster"]["namespaces"][number];

/** Lists longer than this get a box to find a namespace by name. */
const NAMESPACE_SEARCH_FROM = 12;

function NamespaceList({
  namespaces,
  selected,
  onSelect,
}: {
  namespaces: readonly Namespace[];
  selected: string;
  onSelect: (name: string) => void;
}) {
  const [search, setSearch] = useState("");
  const total = namespaces.reduce((sum, namespace) => sum + namespace.podCount, 0);
  const needle = search.trim().toLowerCase();
  const shown = needle ? namespaces.filter((namespace) => namespace.name.includes(needle)) : namespaces;
  return (
    <nav className="card namespace-list" aria-label="Namespaces">
      <h2 className="namespace-list__title">Namespaces</h2>
      {namespaces.length > NAMESPACE_SEARCH_FROM ? (
        <label className="namespace-list__search">
          <span className="visually-hidden">Find a namespace</span>
          <input
            type="search"
            className="input"
            placeholder="Find a namespace"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
      ) : null}
      <ul className="namespace-list__items">
        <li>
          <button
            type="button"
            className="namespace-list__item"
            aria-pressed={selected === ""}
            onClick={() => onSelect("")}
          >
            <span>All namespaces</span>
            <span className="namespace-list__count" aria-label={`${total} pods`}>
              {total}
            </span>
          </button>
        </li>
        {shown.map((namespace) => (
          <li key={namespace.uid}>
            <button
              type="button"
              className="namespace-list__item"
              aria-pressed={selected === namespace.name}
              title={`Seen ${formatDateTime(namespace.lastSeenAt)}`}
              onClick={() => onSelect(namespace.name)}
            >
              <span className="namespace-list__name">{namespace.name}</span>
              <span className="namespace-list__count" aria-label={`${namespace.podCount} pods`}>
                {namespace.podCount}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {needle && !shown.length ? <p className="muted namespace-list__none">No namespace matches.</p> : null}
    </nav>
  );
}

type ClusterWorkloadsProps = {
  clusterId: string;
  /** Where to connect the agent when nothing has been reported; left out for viewers who cannot. */
  connectPath?: string | null;
};

/** A cluster's inventory as its agent reports it: namespaces, their pods, and every pod's containers. */
export function ClusterWorkloads({ clusterId, connectPath }: ClusterWorkloadsProps) {
  const [params, setParams] = useSearchParams();
  const namespace = params.get("namespace") ?? "";
  const pageParam = Number(params.get("page") ?? "1");
  const page = Number.isSafeInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  const namespacesQuery = useClusterNamespaces(clusterId);
  const podsQuery = useClusterPods(clusterId, namespace, page);

  const update = (changes: { namespace?: string; page?: number }) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        const nextNamespace = changes.namespace ?? next.get("namespace") ?? "";
        const nextPage = changes.page ?? 1;
        if (nextNamespace) next.set("namespace", nextNamespace);
        else next.delete("namespace");
        if (nextPage > 1) next.set("page", String(nextPage));
        else next.delete("page");
        return next;
      },
      { replace: true },
    );

  const namespaces = namespacesQuery.data?.cluster.namespaces;
  if (namespaces === undefined) {
    if (namespacesQuery.error)
      return (
        <ErrorBanner
          title="Namespaces could not be loaded."
          error={namespacesQuery.error}
          onRetry={() => void namespacesQuery.refetch()}
        />
      );
    return (
      <section className="card">
        <LoadingState label="Loading namespaces…" />
      </section>
    );
  }

  if (!namespaces.length && !namespace) {
    return (
      <section className="card">
        <EmptyState
          title="No inventory yet"
          icon={icons.workloads}
          action={connectPath ? <Link to={connectPath}>Connect the agent</Link> : undefined}
        >
          <p>
            Namespaces, pods and their containers appear here once the Bulwark agent reports this cluster. It sends
            everything when it starts, and every change after that.
          </p>
        </EmptyState>
      </section>
    );
  }

  const pods = podsQuery.data?.cluster.pods;
  const rows = pods?.nodes ?? [];
  const total = pods?.totalCount ?? 0;
  const first = (page - 1) * PODS_PAGE_SIZE + 1;
  const last = first + rows.length - 1;
  const pages = Math.max(1, Math.ceil(total / PODS_PAGE_SIZE));

  let body;
  if (pods === undefined && podsQuery.error)
    body = (
      <ErrorBanner title="Pods could not be loaded." error={podsQuery.error} onRetry={() => void podsQuery.refetch()} />
    );
  else if (pods === undefined) body = <LoadingState label="Loading pods…" />;
  else if (!rows.length && page > 1)
    body = (
      <EmptyState title="This page is empty" action={<Button onClick={() => update({ page: 1 })}>First page</Button>}>
        <p>The list has become shorter since this page was opened.</p>
      </EmptyState>
    );
  else if (!rows.length)
    body = (
      <EmptyState title={namespace ? `No pods in ${namespace}` : "No pods"}>
        <p>{namespace ? "The agent reports no running pods in this namespace." : "The agent reports no pods."}</p>
      </EmptyState>
    );
  else
    body = (
      <>
        <PodsTable pods={rows} clusterId={clusterId} showNamespace={!namespace} />
        <nav className="pagination" aria-label="Pages">
          <span className="muted">
            {first}–{last} of {total} {total === 1 ? "pod" : "pods"}
          </span>
          {pages > 1 ? (
            <span className="pagination__buttons">
              <Button size="sm" disabled={page <= 1} onClick={() => update({ page: page - 1 })}>
                Previous
              </Button>
              <span className="muted">
                Page {page} of {pages}
              </span>
              <Button size="sm" disabled={page >= pages} onClick={() => update({ page: page + 1 })}>
                Next
              </Button>
            </span>
          ) : null}
        </nav>
      </>
    );

  return (
    <div className="workloads">
      <NamespaceList namespaces={namespaces} selected={namespace} onSelect={(name) => update({ namespace: name })} />
      <section className="card workloads__pods" aria-labelledby="pods-title">
        <SectionHeader
          title={<span id="pods-title">{namespace ? `Pods in ${namespace}` : "Pods in all namespaces"}</span>}
          description="Each pod's owner, phase and node, and every container with the image it runs and that image's verdict in this cluster."
          actions={podsQuery.loading && pods !== undefined ? <span className="muted">Updating…</span> : undefined}
        />
        {body}
      </section>
    </div>
  );
}
