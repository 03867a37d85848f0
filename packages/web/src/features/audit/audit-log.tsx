import { Fragment, useState } from "react";
import { useConnectionStatus } from "../../app/connection-status";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { SectionHeader } from "../../components/page-header";
import type { AuditEntryFieldsFragment } from "../../gql/graphql";
import { formatDate, formatJson, formatTime, formatTimestamp } from "../../lib/format";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { type AuditFilterValues, type AuditOutcome, EMPTY_AUDIT_FILTER, toAuditFilter } from "./audit-filter";
import { LiveIndicator } from "./live-indicator";
import { useAuditLog } from "./use-audit-log";

const COLUMN_COUNT = 7;

function EntryDetails({ entry }: { entry: AuditEntryFieldsFragment }) {
  return (
    <div className="audit-details">
      <dl className="audit-details__meta">
        <div>
          <dt>Entry</dt>
          <dd className="mono">{entry.id}</dd>
        </div>
        {entry.entityId ? (
          <div>
            <dt>Entity ID</dt>
            <dd className="mono">{entry.entityId}</dd>
          </div>
        ) : null}
        {entry.actorApiKeyId ? (
          <div>
            <dt>API key</dt>
            <dd className="mono">{entry.actorApiKeyId}</dd>
          </div>
        ) : null}
        <div>
          <dt>User agent</dt>
          <dd>{entry.userAgent ?? "—"}</dd>
        </div>
      </dl>
      <div className="audit-details__diff">
        <figure>
          <figcaption>Before</figcaption>
          <pre>{formatJson(entry.before)}</pre>
        </figure>
        <figure>
          <figcaption>After</figcaption>
          <pre>{formatJson(entry.after)}</pre>
        </figure>
      </div>
    </div>
  );
}

export function AuditLog() {
  const [values, setValues] = useState<AuditFilterValues>(EMPTY_AUDIT_FILTER);
  const debouncedPrefix = useDebouncedValue(values.actionPrefix, 300);
  const filter = toAuditFilter({ actionPrefix: debouncedPrefix, outcome: values.outcome });
  const { entries, hasMore, error, refetch, loadMore, loadingMore, fresh, subscriptionError } = useAuditLog(filter);
  const status = useConnectionStatus();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [moreError, setMoreError] = useState<unknown>(null);
  const filtered = Boolean(filter.actionPrefix || filter.outcome);

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const more = async () => {
    setMoreError(null);
    try {
      await loadMore();
    } catch (caught) {
      setMoreError(caught);
    }
  };

  let body;
  if (entries === undefined && error)
    body = <ErrorBanner title="The audit log could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (entries === undefined) body = <LoadingState label="Loading the audit log…" />;
  else if (!entries.length)
    body = (
      <EmptyState title={filtered ? "No entries match these filters" : "No audit entries yet"} icon={icons.log}>
        <p>
          {filtered
            ? "Try a shorter action prefix, or any outcome."
            : "Every sign-in and every change is recorded here as it happens."}
        </p>
      </EmptyState>
    );
  else
    body = (
      <>
        <div className="table-wrap">
          <table className="table audit-table">
            <caption className="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className="audit-table__toggle">
                  <span className="visually-hidden">Details</span>
                </th>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Entity</th>
                <th scope="col">Outcome</th>
                <th scope="col">Source IP</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const open = expanded.has(entry.id);
                const detailsId = `audit-entry-${entry.id}`;
                return (
                  <Fragment key={entry.id}>
                    <tr className={fresh.has(entry.id) ? "table__row--fresh" : undefined} data-testid="audit-row">
                      <td className="audit-table__toggle">
                        <button
                          type="button"
                          className={`disclosure${open ? " disclosure--open" : ""}`}
                          aria-expanded={open}
                          aria-controls={detailsId}
                          aria-label={`${open ? "Hide" : "Show"} details of ${entry.action} at ${formatTimestamp(entry.at)}`}
                          onClick={() => toggle(entry.id)}
                        >
                          <svg viewBox="0 0 16 16" aria-hidden="true">
                            <path
                              d="M6 4l4 4-4 4"
                              fill="none"
                              stroke="currentColor"
                              strokeWidth="1.6"
                              strokeLinecap="round"
                            />
                          </svg>
                        </button>
                      </td>
                      <td>
                        <time dateTime={entry.at} className="stacked-cell">
                          <span>{formatDate(entry.at)}</span>
                          <span className="stacked-cell__secondary">{formatTime(entry.at)}</span>
                        </time>
                      </td>
                      <td className="audit-table__actor" title={entry.actorLabel}>
                        {entry.actorLabel}
                      </td>
                      <td>
                        <code className="mono">{entry.action}</code>
                      </td>
                      <td>
                        {entry.entityType ? (
                          <span className="stacked-cell" title={entry.entityId ?? undefined}>
                            <span>{entry.entityType}</span>
                            {entry.entityId ? (
                              <span className="stacked-cell__secondary mono">{entry.entityId.slice(0, 8)}</span>
                            ) : null}
                          </span>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td>
                        <Badge tone={entry.outcome === "success" ? "success" : "danger"}>{entry.outcome}</Badge>
                      </td>
                      <td className="mono">{entry.sourceIp ?? "—"}</td>
                    </tr>
                    {open ? (
                      <tr className="audit-table__details-row" id={detailsId}>
                        <td colSpan={COLUMN_COUNT}>
                          <EntryDetails entry={entry} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
        {moreError ? <ErrorBanner error={moreError} onRetry={() => void more()} /> : null}
        {hasMore ? (
          <div className="load-more">
            <Button onClick={() => void more()} loading={loadingMore}>
              Load more
            </Button>
          </div>
        ) : (
          <p className="load-more muted">That is the oldest entry{filtered ? " matching these filters" : ""}.</p>
        )}
      </>
    );

  return (
    <section className="card">
      <SectionHeader
        title="Audit log"
        description="Who did what, when and from where. Newest first."
        actions={<LiveIndicator status={subscriptionError ? "offline" : status} />}
      />
      <form
        className="toolbar"
        role="search"
        aria-label="Filter audit entries"
        onSubmit={(event) => event.preventDefault()}
      >
        <label className="toolbar__field">
          <span className="toolbar__label">Action starts with</span>
          <input
            className="input mono"
            value={values.actionPrefix}
            placeholder="e.g. cluster. or auth.login"
            onChange={(event) => setValues({ ...values, actionPrefix: event.target.value })}
          />
        </label>
        <label className="toolbar__select">
          <span className="toolbar__label">Outcome</span>
          <select
            className="input select"
            value={values.outcome}
            onChange={(event) => setValues({ ...values, outcome: event.target.value as AuditOutcome })}
          >
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </select>
        </label>
        {values.actionPrefix || values.outcome ? (
          <Button variant="ghost" size="sm" onClick={() => setValues(EMPTY_AUDIT_FILTER)}>
            Clear filters
          </Button>
        ) : null}
      </form>
      {body}
    </section>
  );
}
