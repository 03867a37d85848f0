import { useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { type Column, DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { PageHeader } from "../../components/page-header";
import { ToggleChips } from "../../components/toggle-chips";
import type { ExceptionFilter, ExceptionListFieldsFragment, ExceptionStatus, ExceptionType } from "../../gql/graphql";
import { formatDate } from "../../lib/format";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useCan } from "../auth/viewer";
import { TemporaryBadge, ExceptionStatusBadge } from "./exception-badges";
import { formatEnd, formatStart } from "./exception-dates";
import { ExceptionFormDialog, type ExceptionFormMode } from "./exception-form-dialog";
import { EXCEPTION_STATUSES, EXCEPTION_TYPES, STATUS_LABELS, TYPE_LABELS } from "./exception-labels";
import { useExceptions } from "./use-exceptions";

function readStatus(value: string | null): ExceptionStatus | "" {
  return EXCEPTION_STATUSES.find((status) => status === value) ?? "";
}

function readType(value: string | null): ExceptionType | "" {
  return EXCEPTION_TYPES.find((type) => type === value) ?? "";
}

function scopeSummary(exception: ExceptionListFieldsFragment): string {
  const parts = [
    exception.allClusters
      ? "all clusters"
      : `${exception.clusterIds.length} ${exception.clusterIds.length === 1 ? "cluster" : "clusters"}`,
  ];
  if (!exception.allNamespaces) parts.push(`namespaces ${exception.namespaces.join(", ")}`);
  if (!exception.allPolicies)
    parts.push(`${exception.policyIds.length} ${exception.policyIds.length === 1 ? "policy" : "policies"}`);
  return parts.join(" · ");
}

export function ExceptionsOverview() {
  const canRequest = useCan("exception:request");
  const canWrite = useCan("exception:write");
  const [params, setParams] = useSearchParams();
  const status = readStatus(params.get("status"));
  const type = readType(params.get("type"));
  const temporary = params.get("temporary");
  const [search, setSearch] = useState(params.get("q") ?? "");
  const debouncedSearch = useDebouncedValue(search, 300);
  const [creating, setCreating] = useState<ExceptionFormMode | null>(null);
  const navigate = useNavigate();

  const updateParam = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  // Only typing changes the search; the address is read fresh inside, so it is not a dependency.
  useEffect(() => {
    if ((params.get("q") ?? "") !== debouncedSearch.trim()) updateParam("q", debouncedSearch.trim());
  }, [debouncedSearch]);

  // Status tabs filter what this list returned, so each tab can show how many it holds.
  const filter: ExceptionFilter = {
    ...(type ? { type } : {}),
    ...(debouncedSearch.trim() ? { search: debouncedSearch.trim() } : {}),
    ...(temporary === "yes" ? { temporary: true } : temporary === "no" ? { temporary: false } : {}),
  };
  const { data, error, loading, refetch } = useExceptions(filter);
  const all = data?.exceptions ?? [];
  const rows = status ? all.filter((exception) => exception.status === status) : all;
  const filtered = Boolean(type || debouncedSearch.trim() || temporary);

  const columns: Column<ExceptionListFieldsFragment>[] = [
    {
      key: "title",
      header: "Exception",
      className: "table__cell--wide exceptions-table__title",
      cell: (exception) => (
        <span className="stacked-cell">
          <Link className="table__primary-link" to={`/exceptions/${exception.id}`}>
            {exception.title}
          </Link>
          <span className="stacked-cell__secondary exceptions-table__meta">
            <span className="mono">{exception.issueId ?? "Every issue"}</span>
            {exception.temporary ? <TemporaryBadge /> : null}
          </span>
        </span>
      ),
    },
    {
      key: "type",
      header: "Type",
      cell: (exception) => (
        <span className="stacked-cell">
          <span>{TYPE_LABELS[exception.type]}</span>
          {exception.type === "override" && exception.alternateSeverity ? (
            <span className="stacked-cell__secondary">counted as {exception.alternateSeverity}</span>
          ) : null}
        </span>
      ),
    },
    { key: "status", header: "Status", cell: (exception) => <ExceptionStatusBadge exception={exception} /> },
    {
      key: "scope",
      header: "Scope",
      className: "exceptions-table__scope",
      cell: (exception) => (
        <span className="stacked-cell">
          <code className="mono">{exception.imagePattern}</code>
          <span className="stacked-cell__secondary">{scopeSummary(exception)}</span>
        </span>
      ),
    },
    {
      key: "dates",
      header: "Dates (UTC)",
      className: "table__cell--nowrap",
      cell: (exception) => (
        <span className="stacked-cell">
          <span>From {formatStart(exception.startsAt)}</span>
          <span className="stacked-cell__secondary">{formatEnd(exception.endsAt)}</span>
        </span>
      ),
    },
    {
      key: "by",
      header: "Requested by",
      cell: (exception) => (
        <span className="stacked-cell exceptions-table__by">
          <span className="exceptions-table__actor" title={exception.createdByLabel}>
            {exception.createdByLabel}
          </span>
          <span className="stacked-cell__secondary">{formatDate(exception.createdAt)}</span>
        </span>
      ),
    },
  ];

  const clearFilters = () => {
    setSearch("");
    setParams(status ? new URLSearchParams({ status }) : new URLSearchParams(), { replace: true });
  };

  const requestButton = canRequest ? (
    <Button variant={canWrite ? "secondary" : "primary"} onClick={() => setCreating("request")}>
      Request exception
    </Button>
  ) : null;

  let body;
  if (data === undefined && error)
    body = <ErrorBanner title="Exceptions could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (data === undefined) body = <LoadingState label="Loading exceptions…" />;
  else if (!rows.length && (filtered || status))
    body = (
      <EmptyState
        title={
          status && !filtered
            ? `No exceptions ${STATUS_LABELS[status].toLowerCase()}`
            : "No exceptions match these filters"
        }
        action={filtered ? <Button onClick={clearFilters}>Clear filters</Button> : undefined}
      >
        <p>
          {status === "in_review" && !filtered
            ? "Nothing is waiting for review."
            : "Search looks at titles, reasons, issue ids and image patterns."}
        </p>
      </EmptyState>
    );
  else if (!rows.length)
    body = (
      <EmptyState title="No exceptions yet" icon={icons.exceptions} action={requestButton}>
        <p>
          An exception lets findings break a policy for a while: not counted at all, or counted at another severity,
          within a scope of clusters, namespaces, policies, an issue and images.
        </p>
        <p>
          Ask for one from a finding on an image's page, or here. Requests start in review; an administrator approves or
          rejects them.
        </p>
      </EmptyState>
    );
  else
    body = (
      <DataTable
        caption="Exceptions"
        columns={columns}
        rows={rows}
        rowKey={(exception) => exception.id}
        rowClassName={(exception) => (exception.status === "inactive" ? "table__row--muted" : undefined)}
      />
    );

  const count = (value: ExceptionStatus) => all.filter((exception) => exception.status === value).length;

  return (
    <div className="page">
      <PageHeader
        title="Exceptions"
        description="Permission for findings to break a policy, within a scope and dates. Only active exceptions within their dates count."
        actions={
          <>
            {requestButton}
            {canWrite ? (
              <Button variant="primary" icon={icons.plus} onClick={() => setCreating("create")}>
                New exception
              </Button>
            ) : null}
          </>
        }
      />
      <section className="card" aria-label="Exception list">
        <ToggleChips
          label="Status"
          hideLabel
          variant="segmented"
          anyLabel="All"
          {...(data ? { anyCount: all.length } : {})}
          value={status}
          onChange={(value) => updateParam("status", value)}
          options={EXCEPTION_STATUSES.map((value) => ({
            value,
            label: STATUS_LABELS[value],
            ...(data ? { count: count(value) } : {}),
          }))}
        />
        <form
          className="toolbar toolbar--spaced"
          role="search"
          aria-label="Filter exceptions"
          onSubmit={(event) => event.preventDefault()}
        >
          <label className="search-box">
            <span className="visually-hidden">Search exceptions</span>
            {icons.search}
            <input
              type="search"
              className="input"
              placeholder="Title, reason, issue id or image pattern"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </label>
          <label className="toolbar__select">
            <span className="toolbar__label">Type</span>
            <select className="input select" value={type} onChange={(event) => updateParam("type", event.target.value)}>
              <option value="">Any type</option>
              {EXCEPTION_TYPES.map((value) => (
                <option key={value} value={value}>
                  {TYPE_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
          <label className="toolbar__select">
            <span className="toolbar__label">Granted</span>
            <select
              className="input select"
              value={temporary === "yes" || temporary === "no" ? temporary : ""}
              onChange={(event) => updateParam("temporary", event.target.value)}
            >
              <option value="">Any way</option>
              <option value="yes">Temporary (grace period)</option>
              <option value="no">By people</option>
            </select>
          </label>
          {loading && data !== undefined ? <span className="toolbar__status muted">Updating…</span> : null}
          {filtered ? (
            <Button variant="ghost" size="sm" onClick={clearFilters}>
              Clear filters
            </Button>
          ) : null}
          {data !== undefined && rows.length ? (
            <span className="toolbar__count muted">
              {rows.length} {rows.length === 1 ? "exception" : "exceptions"}
            </span>
          ) : null}
        </form>
        {all.length >= 1000 ? (
          <p className="muted">
            <Badge tone="warning">Limit</Badge> Only the newest 1000 are listed; search to narrow them down.
          </p>
        ) : null}
        {body}
      </section>
      {creating ? (
        <ExceptionFormDialog
          mode={creating}
          onClose={() => setCreating(null)}
          onSaved={(exception) => void navigate(`/exceptions/${exception.id}`)}
        />
      ) : null}
    </div>
  );
}
