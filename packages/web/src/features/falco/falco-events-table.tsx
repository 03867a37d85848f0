import { useEffect, useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useConnectionStatus } from "../../app/connection-status";
import { Button } from "../../components/button";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { SectionHeader } from "../../components/page-header";
import type { FalcoEventFieldsFragment } from "../../gql/graphql";
import { formatDate, formatTime, formatTimestamp } from "../../lib/format";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { LiveIndicator } from "../audit/live-indicator";
import { EventMarkers, PriorityBadge } from "./falco-badges";
import {
  EMPTY_FALCO_FILTER,
  type FalcoFilterValues,
  isFalcoFiltered,
  readFalcoFilter,
  TIME_RANGES,
  type TimeRange,
  toFalcoEventFilter,
  writeFalcoFilter,
} from "./falco-filter";
import { FALCO_PRIORITIES, isFalcoPriority, PRIORITY_LABELS } from "./falco-priorities";
import { useFalcoEventsCsvExport } from "./use-falco";
import { useFalcoEvents } from "./use-falco-events";

export function falcoEventPath(id: string): string {
  return `/falco/events/${id}`;
}

type TextFilter = "rule" | "namespace" | "pod" | "image";

function EventRow({ event, fresh }: { event: FalcoEventFieldsFragment; fresh: boolean }) {
  return (
    <tr className={fresh ? "table__row--fresh" : undefined} data-testid="falco-row">
      <td className="table__cell--nowrap">
        <time dateTime={event.time} className="stacked-cell" title={formatTimestamp(event.time)}>
          <span>{formatDate(event.time)}</span>
          <span className="stacked-cell__secondary">{formatTime(event.time)}</span>
        </time>
      </td>
      <td>
        <span className="falco-table__priority">
          <PriorityBadge priority={event.priority} />
          <EventMarkers anomaly={event.anomaly} silenced={event.silenced} />
        </span>
      </td>
      <td className="falco-table__rule">
        <Link className="table__primary-link" to={falcoEventPath(event.id)} title={event.output}>
          {event.rule}
        </Link>
      </td>
      <td className="falco-table__workload">
        {event.namespace || event.pod ? (
          <span className="stacked-cell">
            <span className="falco-table__truncate" title={`${event.namespace ?? ""}/${event.pod ?? ""}`}>
              {event.namespace ? <span className="muted">{event.namespace}/</span> : null}
              {event.pod ?? <span className="muted">no pod</span>}
            </span>
            {event.container ? (
              <span className="stacked-cell__secondary falco-table__truncate" title={`Container ${event.container}`}>
                {event.container}
              </span>
            ) : null}
          </span>
        ) : (
          <span className="muted">{event.hostname ? `Host ${event.hostname}` : "—"}</span>
        )}
      </td>
      <td className="falco-table__image">
        {event.image ? (
          <code className="falco-table__truncate" title={event.image}>
            {event.image}
          </code>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="falco-table__process">
        {event.process || event.commandLine ? (
          <span className="stacked-cell">
            <span>
              {event.process ?? <span className="muted">—</span>}
              {event.user ? <span className="muted"> as {event.user}</span> : null}
            </span>
            {event.commandLine ? (
              <code className="stacked-cell__secondary falco-table__truncate" title={event.commandLine}>
                {event.commandLine}
              </code>
            ) : null}
          </span>
        ) : (
          <span className="muted">{event.user ? `User ${event.user}` : "—"}</span>
        )}
      </td>
    </tr>
  );
}

type FalcoEventsTableProps = {
  clusterId: string;
  clusterName: string;
  /** Namespaces the agent reported, offered while typing a namespace. */
  namespaces: readonly string[];
  /** Where to install Falco, for viewers who may; null for the others. */
  installPath: string | null;
  /** Every event the live feed brings, whether or not it matches the filters. */
  onLiveEvent?: () => void;
  /** Told whether the cluster has any events at all, once the unfiltered list says so. */
  onHasEvents?: (hasEvents: boolean) => void;
};

/**
 * A cluster's Falco events, newest first, live: new ones take their place at the top, highlighted
 * for a moment, unless the list is paused. Filters live in the address, so a filtered view can be
 * shared.
 */
export function FalcoEventsTable({
  clusterId,
  clusterName,
  namespaces,
  installPath,
  onLiveEvent,
  onHasEvents,
}: FalcoEventsTableProps) {
  const [params, setParams] = useSearchParams();
  const values = readFalcoFilter(params);
  // Typed filters change the address once typing pauses; the boxes show what was typed at once.
  const [typed, setTyped] = useState<Record<TextFilter, string>>({
    rule: values.rule,
    namespace: values.namespace,
    pod: values.pod,
    image: values.image,
  });
  const debounced = useDebouncedValue(typed, 300);
  const namespaceListId = useId();

  const update = (changes: Partial<FalcoFilterValues>) =>
    setParams((current) => writeFalcoFilter({ ...readFalcoFilter(current), ...changes }), { replace: true });

  // Only typing changes these; the address is read fresh inside, so it is not a dependency.
  useEffect(() => {
    const current = readFalcoFilter(params);
    const changed = (["rule", "namespace", "pod", "image"] as const).some(
      (key) => current[key] !== debounced[key].trim(),
    );
    if (changed) {
      setParams((latest) => writeFalcoFilter({ ...readFalcoFilter(latest), ...debounced }), { replace: true });
    }
  }, [debounced]);

  // The time range counts back from when it was chosen, so the query stays the same while it is shown.
  const [anchor, setAnchor] = useState(() => ({ range: values.range, now: Date.now() }));
  useEffect(() => {
    if (anchor.range !== values.range) setAnchor({ range: values.range, now: Date.now() });
  }, [values.range, anchor.range]);

  const filter = toFalcoEventFilter(clusterId, values, anchor.now);
  const live = useFalcoEvents(filter, onLiveEvent);
  const { events, hasMore, error, refetch, loadMore, loadingMore, fresh, paused, pendingCount } = live;
  const status = useConnectionStatus();
  const csv = useFalcoEventsCsvExport();
  const [moreError, setMoreError] = useState<unknown>(null);
  const filtered = isFalcoFiltered(values);
  // A cluster without a single event gets the install help, not empty filters.
  const noEventsYet = events !== undefined && events.length === 0 && !filtered;
  useEffect(() => {
    if (events !== undefined && !filtered) onHasEvents?.(events.length > 0);
  }, [events, filtered, onHasEvents]);

  const clearFilters = () => {
    setTyped({ rule: "", namespace: "", pod: "", image: "" });
    setParams(writeFalcoFilter(EMPTY_FALCO_FILTER), { replace: true });
  };

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
    body = <ErrorBanner title="Falco events could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (events === undefined) body = <LoadingState label="Loading Falco events…" />;
  else if (!events.length && filtered)
    body = (
      <EmptyState
        title="No events match these filters"
        icon={icons.falco}
        action={<Button onClick={clearFilters}>Clear filters</Button>}
      >
        <p>
          Rule, pod and image match any part of the name; the namespace must match exactly. New events that match appear
          here as they arrive.
        </p>
      </EmptyState>
    );
  else if (!events.length)
    body = (
      <EmptyState
        title="No Falco events yet"
        icon={icons.falco}
        action={
          installPath ? (
            <Link className="button button--primary button--md" to={installPath}>
              Install Falco
            </Link>
          ) : undefined
        }
      >
        <p>
          Falco watches what containers do at runtime (shells, unexpected processes, writes below system directories)
          and falcosidekick forwards its alerts here, with an API key of the <code>falco_ingest</code> scope bound to{" "}
          {clusterName}.
        </p>
        <p>
          {installPath
            ? "The install guide creates the key and gives you the Helm command, with a test event to check it works."
            : "Ask an administrator to install Falco in this cluster."}
        </p>
      </EmptyState>
    );
  else
    body = (
      <>
        <div className="table-wrap">
          <table className="table falco-table">
            <caption className="visually-hidden">Falco events of {clusterName}, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className="falco-table__col-time">
                  Time
                </th>
                <th scope="col" className="falco-table__col-priority">
                  Priority
                </th>
                <th scope="col" className="falco-table__col-rule">
                  Rule
                </th>
                <th scope="col" className="falco-table__col-workload">
                  Workload
                </th>
                <th scope="col" className="falco-table__col-image">
                  Image
                </th>
                <th scope="col">Process</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <EventRow key={event.id} event={event} fresh={fresh.has(event.id)} />
              ))}
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
          <p className="load-more muted">That is the oldest event{filtered ? " matching these filters" : ""}.</p>
        )}
      </>
    );

  const textFilter = (key: TextFilter, label: string, placeholder: string, list?: string) => (
    <label className="toolbar__field toolbar__field--narrow">
      <span className="toolbar__label">{label}</span>
      <input
        className="input mono"
        value={typed[key]}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        list={list}
        onChange={(event) => setTyped((current) => ({ ...current, [key]: event.target.value }))}
      />
    </label>
  );

  return (
    <section className="card" aria-labelledby="falco-events-title">
      <SectionHeader
        title={<span id="falco-events-title">Events</span>}
        description="What Falco reported, newest first. Open an event for all its fields and its history."
        actions={
          <>
            {paused ? (
              <span className="live-indicator live-indicator--paused" role="status">
                <span className="live-indicator__dot" aria-hidden="true" />
                <span>Paused</span>
              </span>
            ) : (
              <LiveIndicator
                status={live.subscriptionError ? "offline" : status}
                liveDescription="New events appear at the top as Falco reports them"
              />
            )}
            {noEventsYet ? null : (
              <>
                {paused ? (
                  <Button size="sm" icon={icons.play} onClick={() => void live.resume()}>
                    Resume
                  </Button>
                ) : (
                  <Button size="sm" icon={icons.pause} onClick={live.pause}>
                    Pause
                  </Button>
                )}
                <Button
                  size="sm"
                  icon={icons.download}
                  loading={csv.exporting}
                  disabled={events !== undefined && events.length === 0}
                  onClick={() => void csv.exportCsv(filter, clusterName)}
                >
                  Export CSV
                </Button>
              </>
            )}
          </>
        }
      />
      {csv.error ? <ErrorBanner title="The export failed." error={csv.error} onDismiss={csv.clearError} /> : null}
      {noEventsYet ? null : (
        <form
          className="filters"
          role="search"
          aria-label="Filter Falco events"
          onSubmit={(event) => event.preventDefault()}
        >
          <div className="toolbar">
            <label className="toolbar__select">
              <span className="toolbar__label">Time</span>
              <select
                className="input select"
                value={values.range}
                onChange={(event) => update({ range: event.target.value as TimeRange })}
              >
                {TIME_RANGES.map((range) => (
                  <option key={range.value} value={range.value}>
                    {range.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="toolbar__select">
              <span className="toolbar__label">Priority at least</span>
              <select
                className="input select"
                value={values.minPriority}
                onChange={(event) =>
                  update({ minPriority: isFalcoPriority(event.target.value) ? event.target.value : "" })
                }
              >
                <option value="">Any priority</option>
                {FALCO_PRIORITIES.map((priority) => (
                  <option key={priority} value={priority}>
                    {PRIORITY_LABELS[priority]}
                  </option>
                ))}
              </select>
            </label>
            {textFilter("rule", "Rule", "e.g. shell")}
            {textFilter("namespace", "Namespace", "e.g. default", namespaceListId)}
            <datalist id={namespaceListId}>
              {namespaces.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            {textFilter("pod", "Pod", "Part of the name")}
            {textFilter("image", "Image", "e.g. nginx")}
            <div className="toolbar__switches">
              <label className="switch">
                <input
                  type="checkbox"
                  checked={values.anomalyOnly}
                  onChange={(event) => update({ anomalyOnly: event.target.checked })}
                />
                <span>Anomalies only</span>
              </label>
            </div>
            {values.signature ? (
              <span className="chip falco-signature-chip">
                <span title={values.signature}>Signature {values.signature.slice(0, 12)}…</span>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label="Show every signature"
                  onClick={() => update({ signature: "" })}
                >
                  ×
                </button>
              </span>
            ) : null}
            {filtered ? (
              <Button variant="ghost" size="sm" onClick={clearFilters}>
                Clear filters
              </Button>
            ) : null}
          </div>
        </form>
      )}
      {paused ? (
        <div className="falco-paused" role="status">
          {pendingCount > 0 ? (
            <Button size="sm" variant="primary" onClick={() => void live.showPending()}>
              {pendingCount === 1 ? "1 new event" : `${pendingCount.toLocaleString()} new events`}
            </Button>
          ) : null}
          <span className="muted">
            Live updates are paused{pendingCount > 0 ? "; new events wait until you show them" : ""}. Resume to see new
            events as they arrive.
          </span>
        </div>
      ) : null}
      {body}
    </section>
  );
}
