import { useQuery } from "@apollo/client/react";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useConnectionStatus } from "../../app/connection-status";
import { Button } from "../../components/button";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { PageHeader } from "../../components/page-header";
import { ToggleChips } from "../../components/toggle-chips";
import { SEVERITIES, SEVERITY_LABELS } from "../../lib/severity";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { LiveIndicator } from "../audit/live-indicator";
import { ClusterOptionsDocument } from "../clusters/clusters.graphql";
import { ComplianceStrip } from "../compliance/compliance-strip";
import { useClusterNamespaces } from "../workloads/use-workloads";
import { useComplianceSummary } from "../compliance/use-compliance-summary";
import {
  EMPTY_IMAGE_FILTER,
  type ImageFilterValues,
  isFiltered,
  readImageFilter,
  toImageFilter,
  writeImageFilter,
} from "./image-filter";
import { ImagesEmptyState } from "./images-empty-state";
import { ImagesTable } from "./images-table";
import { IMAGES_PAGE_SIZE, useImages, useImagesCsvExport } from "./use-images";
import { useVerdictChanges } from "./use-verdict-changes";
import { VERDICT_LABELS, VERDICT_STATUSES } from "./verdict";

export function ImagesOverview() {
  const [params, setParams] = useSearchParams();
  const values = readImageFilter(params);
  // Typed fields update the address once typing pauses; the boxes show what was typed at once.
  const [search, setSearch] = useState(values.search);
  const [issueId, setIssueId] = useState(values.issueId);
  const [namespace, setNamespace] = useState(values.namespace);
  const debouncedSearch = useDebouncedValue(search, 300);
  const debouncedIssue = useDebouncedValue(issueId, 300);
  const debouncedNamespace = useDebouncedValue(namespace, 300);

  const update = (changes: Partial<ImageFilterValues>) => {
    setParams((current) => writeImageFilter({ ...readImageFilter(current), page: 1, ...changes }), { replace: true });
  };

  // Only typing changes these; the address is read fresh inside, so it is not a dependency.
  useEffect(() => {
    const current = readImageFilter(params);
    if (
      current.search !== debouncedSearch.trim() ||
      current.issueId !== debouncedIssue.trim() ||
      current.namespace !== debouncedNamespace.trim()
    ) {
      setParams(
        (latest) =>
          writeImageFilter({
            ...readImageFilter(latest),
            search: debouncedSearch,
            issueId: debouncedIssue,
            namespace: debouncedNamespace,
            page: 1,
          }),
        { replace: true },
      );
    }
  }, [debouncedSearch, debouncedIssue, debouncedNamespace]);

  const filter = toImageFilter(values);
  const { data, error, loading, refetch } = useImages(filter, values.page);
  const clusters = useQuery(ClusterOptionsDocument).data?.clusters ?? [];
  const selectedCluster = clusters.find((cluster) => cluster.id === values.clusterId) ?? null;
  // With a cluster chosen, its namespaces are offered; across clusters a name is typed.
  const namespaceNames = (useClusterNamespaces(values.clusterId || null).data?.cluster.namespaces ?? []).map(
    (item) => item.name,
  );
  const namespaceOptions =
    values.namespace && !namespaceNames.includes(values.namespace)
      ? [values.namespace, ...namespaceNames]
      : namespaceNames;
  const summary = useComplianceSummary(values.clusterId || null);
  const status = useConnectionStatus();
  const subscription = useVerdictChanges({ clusterId: values.clusterId || null }, () => {
    void refetch();
    if (values.clusterId) void summary.refetch();
  });
  const csv = useImagesCsvExport();

  const rows = data?.images.nodes ?? [];
  const total = data?.images.totalCount ?? 0;
  const filtered = isFiltered(values);
  const first = (values.page - 1) * IMAGES_PAGE_SIZE + 1;
  const last = first + rows.length - 1;
  const pages = Math.max(1, Math.ceil(total / IMAGES_PAGE_SIZE));

  const clearFilters = () => {
    setSearch("");
    setIssueId("");
    setNamespace("");
    setParams(writeImageFilter(EMPTY_IMAGE_FILTER), { replace: true });
  };

  let body;
  if (data === undefined && error) {
    body = <ErrorBanner title="Images could not be loaded." error={error} onRetry={() => void refetch()} />;
  } else if (data === undefined) {
    body = <LoadingState label="Loading images…" />;
  } else if (!rows.length && filtered) {
    body = (
      <EmptyState title="No images match these filters" action={<Button onClick={clearFilters}>Clear filters</Button>}>
        <p>
          Search looks at registry/repository:tag and digests; the issue id must match exactly, e.g. CVE-2024-3094. A
          namespace matches images that a pod in it runs, as the agents report them.
        </p>
      </EmptyState>
    );
  } else if (!rows.length && values.page > 1) {
    body = (
      <EmptyState title="This page is empty" action={<Button onClick={() => update({ page: 1 })}>First page</Button>}>
        <p>The list has become shorter since this page was opened.</p>
      </EmptyState>
    );
  } else if (!rows.length) {
    body = <ImagesEmptyState />;
  } else {
    body = (
      <>
        <ImagesTable rows={rows} />
        <nav className="pagination" aria-label="Pages">
          <span className="muted">
            {first}–{last} of {total} {total === 1 ? "image" : "images"}
          </span>
          {pages > 1 ? (
            <span className="pagination__buttons">
              <Button size="sm" disabled={values.page <= 1} onClick={() => update({ page: values.page - 1 })}>
                Previous
              </Button>
              <span className="muted">
                Page {values.page} of {pages}
              </span>
              <Button size="sm" disabled={values.page >= pages} onClick={() => update({ page: values.page + 1 })}>
                Next
              </Button>
            </span>
          ) : null}
        </nav>
      </>
    );
  }

  return (
    <div className="page">
      <PageHeader
        title="Images"
        description="Every image your clusters run or CI has scanned, one row per cluster, non-compliant first."
        actions={
          <>
            <LiveIndicator
              status={subscription.error ? "offline" : status}
              liveDescription="Verdicts update here as they change"
            />
            <Button
              icon={icons.download}
              loading={csv.exporting}
              disabled={data !== undefined && total === 0}
              onClick={() => void csv.exportCsv(filter, selectedCluster?.name ?? null)}
            >
              Export CSV
            </Button>
          </>
        }
      />
      {csv.error ? <ErrorBanner title="The export failed." error={csv.error} onDismiss={csv.clearError} /> : null}
      {values.clusterId && summary.data ? (
        <section className="card" aria-label={`Compliance of ${selectedCluster?.name ?? "the cluster"}`}>
          <ComplianceStrip
            summary={summary.data.complianceSummary}
            verdict={values.verdict}
            onVerdict={(verdict) => update({ verdict })}
          />
        </section>
      ) : null}
      <section className="card" aria-label="Image list">
        <form className="filters" role="search" aria-label="Filter images" onSubmit={(event) => event.preventDefault()}>
          <div className="toolbar">
            <label className="search-box">
              <span className="visually-hidden">Search images</span>
              {icons.search}
              <input
                type="search"
                className="input"
                placeholder="Search registry/repository:tag or digest"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
              />
            </label>
            <label className="toolbar__select">
              <span className="toolbar__label">Cluster</span>
              <select
                className="input select"
                value={values.clusterId}
                onChange={(event) => update({ clusterId: event.target.value })}
              >
                <option value="">All clusters</option>
                {clusters.map((cluster) => (
                  <option key={cluster.id} value={cluster.id}>
                    {cluster.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="toolbar__select">
              <span className="toolbar__label">Namespace</span>
              {values.clusterId && namespaceNames.length ? (
                <select
                  className="input select"
                  value={values.namespace}
                  onChange={(event) => {
                    setNamespace(event.target.value);
                    update({ namespace: event.target.value });
                  }}
                >
                  <option value="">All namespaces</option>
                  {namespaceOptions.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  className="input mono"
                  value={namespace}
                  placeholder="Any namespace"
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(event) => setNamespace(event.target.value)}
                />
              )}
            </label>
            <label className="toolbar__field toolbar__field--narrow">
              <span className="toolbar__label">Issue id</span>
              <input
                className="input mono"
                value={issueId}
                placeholder="CVE-…"
                spellCheck={false}
                onChange={(event) => setIssueId(event.target.value)}
              />
            </label>
            {loading && data !== undefined ? <span className="toolbar__status muted">Updating…</span> : null}
          </div>
          <div className="toolbar toolbar--chips">
            <ToggleChips
              label="Verdict"
              anyLabel="Any"
              value={values.verdict}
              onChange={(verdict) => update({ verdict })}
              options={VERDICT_STATUSES.map((status) => ({
                value: status,
                label: VERDICT_LABELS[status],
                tone: status,
              }))}
            />
            <ToggleChips
              label="Has a finding of severity"
              anyLabel="Any"
              value={values.severity}
              onChange={(severity) => update({ severity })}
              options={SEVERITIES.map((severity) => ({
                value: severity,
                label: SEVERITY_LABELS[severity],
                tone: severity,
              }))}
            />
            <div className="toolbar__switches">
              <label className="switch">
                <input
                  type="checkbox"
                  checked={values.fixableOnly}
                  onChange={(event) => update({ fixableOnly: event.target.checked })}
                />
                <span>With fixable findings</span>
              </label>
              <label className="switch">
                <input
                  type="checkbox"
                  checked={values.runningOnly}
                  onChange={(event) => update({ runningOnly: event.target.checked })}
                />
                <span>Running now</span>
              </label>
            </div>
            {filtered ? (
              <Button variant="ghost" size="sm" onClick={clearFilters}>
                Clear filters
              </Button>
            ) : null}
          </div>
        </form>
        {body}
      </section>
    </div>
  );
}
