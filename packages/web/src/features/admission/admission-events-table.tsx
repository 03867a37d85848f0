import { Fragment, useState } from "react";
import { useConnectionStatus } from "../../app/connection-status";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { SectionHeader } from "../../components/page-header";
import type { AdmissionDecision, AdmissionEventFieldsFragment } from "../../gql/graphql";
import { formatDate, formatTime, formatTimestamp } from "../../lib/format";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { LiveIndicator } from "../audit/live-indicator";
import { ContainerKindBadge } from "../workloads/container-kind-badge";
import {
  type AdmissionFilterValues,
  DECISION_DESCRIPTIONS,
  DECISION_LABELS,
  DECISION_TONES,
  DECISIONS,
  EMPTY_ADMISSION_FILTER,
  imageStatus,
  isDecision,
  toAdmissionFilter,
} from "./admission-events";
import { useAdmissionEvents } from "./use-admission";

const COLUMN_COUNT = 7;

export function DecisionBadge({ decision }: { decision: AdmissionDecision }) {
  return (
    <Badge tone={DECISION_TONES[decision]} title={DECISION_DESCRIPTIONS[decision]}>
      {DECISION_LABELS[decision]}
    </Badge>
  );
}

function EventImages({ images }: { images: AdmissionEventFieldsFragment["images"] }) {
  if (!images.length) return <span className="muted">—</span>;
  return (
    <ul className="event-images" aria-label="Images">
      {images.map((image) => {
        const status = imageStatus(image.status);
        return (
          <li key={`${image.kind}/${image.container}`} className="event-images__item">
            <Badge tone={status.tone}>{status.label}</Badge>
            {image.kind !== "app" ? <ContainerKindBadge kind={image.kind} /> : null}
            <code className="event-images__reference" title={`Container ${image.container}: ${image.reference}`}>
              {image.reference}
            </code>
          </li>
        );
      })}
    </ul>
  );
}

function EventDetails({ event, detailsId }: { event: AdmissionEventFieldsFragment; detailsId: string }) {
  return (
    <div className="audit-details">
      <dl className="audit-details__meta">
        <div>
          <dt>Request</dt>
          <dd className="mono">{event.requestUid}</dd>
        </div>
        <div>
          <dt>Operation</dt>
          <dd>{event.operation}</dd>
        </div>
        <div>
          <dt>Mode</dt>
          <dd>
            {event.mode}
            {event.enforced ? ", enforced" : ", not enforced"}
          </dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>{formatTimestamp(event.at)}</dd>
        </div>
      </dl>
      <ul className="event-containers" aria-label="Containers">
        {event.images.map((image) => (
          <li key={`${image.kind}/${image.container}`}>
            <strong>{image.container}</strong> ({image.kind}): <code>{image.reference}</code> —{" "}
            {imageStatus(image.status).label}
          </li>
        ))}
      </ul>
      <figure aria-labelledby={`${detailsId}-message`}>
        <figcaption id={`${detailsId}-message`} className="event-message__caption">
          Message
        </figcaption>
        <pre className="event-message">{event.message || "—"}</pre>
      </figure>
    </div>
  );
}

type AdmissionEventsTableProps = {
  clusterId: string;
  /** Known namespaces, offered in the namespace filter; typing is possible when there are none. */
  namespaces: readonly string[];
};

/** The webhook's decisions for a cluster, newest first, with new ones arriving live at the top. */
export function AdmissionEventsTable({ clusterId, namespaces }: AdmissionEventsTableProps) {
  const [values, setValues] = useState<AdmissionFilterValues>(EMPTY_ADMISSION_FILTER);
  // Typing a namespace queries once typing pauses.
  const namespace = useDebouncedValue(values.namespace, 300);
  const filter = toAdmissionFilter({ decision: values.decision, namespace });
  const { events, hasMore, error, refetch, loadMore, loadingMore, fresh, subscriptionError } = useAdmissionEvents(
    clusterId,
    filter,
  );
  const status = useConnectionStatus();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [moreError, setMoreError] = useState<unknown>(null);
  const filtered = Boolean(filter.decision || filter.namespace);
  const typed = Boolean(values.decision || values.namespace.trim());

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
  if (events === undefined && error)
    body = (
      <ErrorBanner title="Admission decisions could not be loaded." error={error} onRetry={() => void refetch()} />
    );
  else if (events === undefined) body = <LoadingState label="Loading admission decisions…" />;
  else if (!events.length)
    body = (
      <EmptyState
        title={filtered ? "No decisions match these filters" : "No admission decisions yet"}
        icon={icons.gatekeeper}
        action={filtered ? <Button onClick={() => setValues(EMPTY_ADMISSION_FILTER)}>Clear filters</Button> : undefined}
      >
        <p>
          {filtered
            ? "Try any decision, or another namespace."
            : "Every pod and workload the webhook checks appears here as it is decided, including what it would have denied while enforcement is off."}
        </p>
      </EmptyState>
    );
  else
    body = (
      <>
        <div className="table-wrap">
          <table className="table audit-table admission-table">
            <caption className="visually-hidden">Admission decisions, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className="audit-table__toggle">
                  <span className="visually-hidden">Details</span>
                </th>
                <th scope="col">Time</th>
                <th scope="col">Decision</th>
                <th scope="col">Resource</th>
                <th scope="col">User</th>
                <th scope="col">Images</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => {
                const open = expanded.has(event.id);
                const detailsId = `admission-event-${event.id}`;
                const resource = `${event.kind} ${event.namespace ? `${event.namespace}/` : ""}${event.name}`;
                return (
                  <Fragment key={event.id}>
                    <tr className={fresh.has(event.id) ? "table__row--fresh" : undefined} data-testid="admission-row">
                      <td className="audit-table__toggle">
                        <button
                          type="button"
                          className={`disclosure${open ? " disclosure--open" : ""}`}
                          aria-expanded={open}
                          aria-controls={detailsId}
                          aria-label={`${open ? "Hide" : "Show"} details of ${resource} at ${formatTimestamp(event.at)}`}
                          onClick={() => toggle(event.id)}
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
                        <time dateTime={event.at} className="stacked-cell">
                          <span>{formatDate(event.at)}</span>
                          <span className="stacked-cell__secondary">{formatTime(event.at)}</span>
                        </time>
                      </td>
                      <td>
                        <DecisionBadge decision={event.decision} />
                      </td>
                      <td>
                        <span className="stacked-cell">
                          <span className="admission-table__resource" title={resource}>
                            {event.namespace ? <span className="muted">{event.namespace}/</span> : null}
                            {event.name}
                          </span>
                          <span className="stacked-cell__secondary">
                            {event.kind} · {event.operation.toLowerCase()}
                          </span>
                        </span>
                      </td>
                      <td className="audit-table__actor" title={event.userName ?? undefined}>
                        {event.userName ?? <span className="muted">—</span>}
                      </td>
                      <td className="admission-table__images">
                        <EventImages images={event.images} />
                      </td>
                      <td className="admission-table__message">
                        {event.message ? (
                          <span className="admission-table__message-text" title={event.message}>
                            {event.message}
                          </span>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                    {open ? (
                      <tr className="audit-table__details-row" id={detailsId}>
                        <td colSpan={COLUMN_COUNT}>
                          <EventDetails event={event} detailsId={detailsId} />
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
          <p className="load-more muted">That is the oldest decision{filtered ? " matching these filters" : ""}.</p>
        )}
      </>
    );

  return (
    <section className="card" aria-labelledby="admission-events-title">
      <SectionHeader
        title={<span id="admission-events-title">Admission decisions</span>}
        description="What the webhook decided, and why. Newest first."
        actions={
          <LiveIndicator
            status={subscriptionError ? "offline" : status}
            liveDescription="New decisions appear at the top as the webhook makes them"
          />
        }
      />
      <form
        className="toolbar"
        role="search"
        aria-label="Filter admission decisions"
        onSubmit={(event) => event.preventDefault()}
      >
        <label className="toolbar__select">
          <span className="toolbar__label">Decision</span>
          <select
            className="input select"
            value={values.decision}
            onChange={(event) =>
              setValues({ ...values, decision: isDecision(event.target.value) ? event.target.value : "" })
            }
          >
            <option value="">Any</option>
            {DECISIONS.map((decision) => (
              <option key={decision} value={decision}>
                {DECISION_LABELS[decision]}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar__select">
          <span className="toolbar__label">Namespace</span>
          {namespaces.length ? (
            <select
              className="input select"
              value={values.namespace}
              onChange={(event) => setValues({ ...values, namespace: event.target.value })}
            >
              <option value="">All namespaces</option>
              {namespaces.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          ) : (
            <input
              className="input mono"
              value={values.namespace}
              placeholder="e.g. default"
              spellCheck={false}
              onChange={(event) => setValues({ ...values, namespace: event.target.value })}
            />
          )}
        </label>
        {typed ? (
          <Button variant="ghost" size="sm" onClick={() => setValues(EMPTY_ADMISSION_FILTER)}>
            Clear filters
          </Button>
        ) : null}
      </form>
      {body}
    </section>
  );
}
