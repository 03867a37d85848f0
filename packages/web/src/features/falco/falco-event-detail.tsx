import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { Button } from "../../components/button";
import { CopyButton } from "../../components/copy-button";
import { type Column, DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { LoadingState } from "../../components/loading-state";
import { PageHeader, SectionHeader } from "../../components/page-header";
import { StackedBarChart } from "../../components/stacked-bar-chart";
import type { FalcoEventFieldsFragment } from "../../gql/graphql";
import { formatDate, formatRelative, formatTime, formatTimestamp } from "../../lib/format";
import { errorCodeOf } from "../../lib/graphql-errors";
import { useCan } from "../auth/viewer";
import { EventMarkers, PriorityBadge } from "./falco-badges";
import { falcoEventPath } from "./falco-events-table";
import { writeFalcoFilter, EMPTY_FALCO_FILTER } from "./falco-filter";
import { FalcoRuleFormDialog } from "./falco-rule-form-dialog";
import { dayLabels } from "./falco-timeline";
import {
  RELATED_EVENTS,
  SIGNATURE_DAYS,
  useFalcoEvent,
  useFalcoRelatedEvents,
  useFalcoSignatureDays,
} from "./use-falco";

const SIGNATURE_SERIES = [{ key: "count", label: "Events", color: "#2457b0" }];

/** An output field's value as text: strings as they are, everything else as JSON. */
export function fieldText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value);
}

/** Output fields sorted by name; anything that is not an object has none. */
export function outputFieldRows(fields: unknown): Array<{ name: string; value: unknown }> {
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) return [];
  return Object.entries(fields as Record<string, unknown>)
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function Detail({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  const empty = children === null || children === undefined || children === "";
  return (
    <div>
      <dt>{label}</dt>
      <dd className={mono && !empty ? "mono" : undefined}>{empty ? <span className="muted">—</span> : children}</dd>
    </div>
  );
}

function SignatureHistory({ signature }: { signature: string }) {
  const { data, error, refetch } = useFalcoSignatureDays(signature);
  const days = data?.falcoSignatureDays;
  let body;
  if (days === undefined && error)
    body = <ErrorBanner title="The history could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (days === undefined) body = <LoadingState label="Loading the history…" />;
  else
    body = (
      <StackedBarChart
        title={`Events of this signature per day, last ${SIGNATURE_DAYS} days`}
        series={SIGNATURE_SERIES}
        bars={days.map((item) => {
          const labels = dayLabels(item.day);
          return { key: item.day, label: labels.short, longLabel: labels.long, values: { count: item.count } };
        })}
        unit={["event", "events"]}
        labelEvery={2}
        emptyMessage={`None in the last ${SIGNATURE_DAYS} days`}
      />
    );
  return (
    <section className="card" aria-labelledby="falco-signature-title">
      <SectionHeader
        title={<span id="falco-signature-title">The last {SIGNATURE_DAYS} days</span>}
        description="Events with the same rule, namespace and image in this cluster, per day (UTC)."
      />
      {body}
    </section>
  );
}

function RelatedEvents({ event }: { event: FalcoEventFieldsFragment }) {
  const { data, error, refetch } = useFalcoRelatedEvents(event.id);
  const related = data?.falcoRelatedEvents;
  const columns: Column<FalcoEventFieldsFragment>[] = [
    {
      key: "time",
      header: "Time",
      className: "table__cell--nowrap",
      cell: (item) => (
        <Link to={falcoEventPath(item.id)} className="table__primary-link" title={formatTimestamp(item.time)}>
          {formatDate(item.time)} {formatTime(item.time)}
        </Link>
      ),
    },
    {
      key: "priority",
      header: "Priority",
      cell: (item) => (
        <span className="falco-table__priority">
          <PriorityBadge priority={item.priority} />
          <EventMarkers anomaly={item.anomaly} silenced={item.silenced} />
        </span>
      ),
    },
    {
      key: "workload",
      header: "Pod",
      cell: (item) => item.pod ?? <span className="muted">—</span>,
    },
    {
      key: "process",
      header: "Command line",
      cell: (item) =>
        item.commandLine ? (
          <code className="falco-table__truncate" title={item.commandLine}>
            {item.commandLine}
          </code>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
  const allPath = `/clusters/${event.clusterId}/falco?${writeFalcoFilter({ ...EMPTY_FALCO_FILTER, signature: event.signature }).toString()}`;

  let body;
  if (related === undefined && error)
    body = <ErrorBanner title="Related events could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (related === undefined) body = <LoadingState label="Loading related events…" />;
  else if (!related.length)
    body = (
      <EmptyState title="No other events like it">
        <p>This is the only stored event with this rule, namespace and image in {event.clusterName}.</p>
      </EmptyState>
    );
  else
    body = (
      <DataTable
        caption="Other events of the same signature, newest first"
        columns={columns}
        rows={related}
        rowKey={(item) => item.id}
      />
    );

  return (
    <section className="card" aria-labelledby="falco-related-title">
      <SectionHeader
        title={<span id="falco-related-title">Related events</span>}
        description={`Up to ${RELATED_EVENTS} other events with the same rule, namespace and image, newest first.`}
        actions={
          <Link className="button button--secondary button--sm" to={allPath}>
            All of them
          </Link>
        }
      />
      {body}
    </section>
  );
}

/** One Falco event: every field Falco sent, its signature's recent history and its relatives. */
export function FalcoEventDetail({ id }: { id: string }) {
  const { data, error, refetch } = useFalcoEvent(id);
  const canWrite = useCan("falco:write");
  const [creatingRule, setCreatingRule] = useState(false);
  const event = data?.falcoEvent;
  const breadcrumb = <Link to="/falco">Falco</Link>;

  if (!event) {
    if (error && errorCodeOf(error) === "NOT_FOUND") {
      return (
        <div className="page">
          <PageHeader title="Event not found" breadcrumb={breadcrumb} />
          <div className="card">
            <EmptyState title="This event does not exist" action={<Link to="/falco">Back to Falco</Link>}>
              <p>It may have been deleted when its cluster's retention ran out, or the link may be wrong.</p>
            </EmptyState>
          </div>
        </div>
      );
    }
    if (error) {
      return (
        <div className="page">
          <PageHeader title="Falco event" breadcrumb={breadcrumb} />
          <ErrorBanner title="The event could not be loaded." error={error} onRetry={() => void refetch()} />
        </div>
      );
    }
    return <LoadingState label="Loading event…" />;
  }

  const fields = outputFieldRows(event.outputFields);
  const workloadPath = `/clusters/${event.clusterId}/falco`;

  return (
    <div className="page">
      <PageHeader
        breadcrumb={
          <>
            {breadcrumb} / <Link to={workloadPath}>{event.clusterName}</Link>
          </>
        }
        title={
          <span className="title-with-badges">
            {event.rule}
            <PriorityBadge priority={event.priority} />
            <EventMarkers anomaly={event.anomaly} silenced={event.silenced} />
          </span>
        }
        description={
          <>
            <time dateTime={event.time}>{formatTimestamp(event.time)}</time> ({formatRelative(event.time)})
            {event.namespace || event.pod ? ` in ${[event.namespace, event.pod].filter(Boolean).join("/")}` : ""}
          </>
        }
        actions={
          canWrite ? <Button onClick={() => setCreatingRule(true)}>Silence or ignore events like this</Button> : null
        }
      />
      <section className="card" aria-labelledby="falco-output-title">
        <SectionHeader title={<span id="falco-output-title">Output</span>} />
        <pre className="event-message falco-output">{event.output}</pre>
      </section>
      <section className="card" aria-label="Details">
        <dl className="details">
          <Detail label="Cluster">
            <Link to={workloadPath}>{event.clusterName}</Link>
          </Detail>
          <Detail label="Event time">{formatTimestamp(event.time)}</Detail>
          <Detail label="Received">{formatTimestamp(event.receivedAt)}</Detail>
          <Detail label="Namespace" mono>
            {event.namespace}
          </Detail>
          <Detail label="Pod" mono>
            {event.pod}
          </Detail>
          <Detail label="Container" mono>
            {event.container}
          </Detail>
          <Detail label="Image" mono>
            {event.image}
          </Detail>
          <Detail label="Process" mono>
            {event.process}
          </Detail>
          <Detail label="Command line" mono>
            {event.commandLine}
          </Detail>
          <Detail label="User" mono>
            {event.user}
          </Detail>
          <Detail label="Host" mono>
            {event.hostname}
          </Detail>
          <Detail label="Source">{event.source}</Detail>
          <Detail label="Tags">
            {event.tags.length ? (
              <ul className="tag-list">
                {event.tags.map((tag) => (
                  <li key={tag} className="chip chip--static">
                    {tag}
                  </li>
                ))}
              </ul>
            ) : null}
          </Detail>
          <Detail label="Falco's event id" mono>
            {event.uuid}
          </Detail>
          <Detail label="Signature">
            <span className="falco-signature">
              <code title="sha256 of the cluster, rule, namespace and image">{event.signature.slice(0, 16)}…</code>
              <CopyButton value={event.signature} label="Copy" />
            </span>
          </Detail>
          <Detail label="Anomaly">
            {event.anomaly
              ? "Yes: nothing with this rule, namespace and image happened in the cluster's anomaly window before it"
              : "No"}
          </Detail>
          <Detail label="Silenced">
            {event.silenced ? "Yes: a silence rule matched; it is never emailed about" : "No"}
          </Detail>
        </dl>
      </section>
      <section className="card" aria-labelledby="falco-fields-title">
        <SectionHeader
          title={<span id="falco-fields-title">Output fields</span>}
          description="Every field Falco filled in for this rule, as it sent them."
        />
        {fields.length ? (
          <div className="table-wrap">
            <table className="table falco-fields">
              <caption className="visually-hidden">Output fields</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((field) => (
                  <tr key={field.name}>
                    <th scope="row" className="mono">
                      {field.name}
                    </th>
                    <td className="mono falco-fields__value">
                      {field.value === null ? (
                        <span className="muted">null</span>
                      ) : field.value === "" ? (
                        <span className="muted">(empty)</span>
                      ) : (
                        fieldText(field.value)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Falco sent no output fields with this event.</p>
        )}
      </section>
      <SignatureHistory signature={event.signature} />
      <RelatedEvents event={event} />
      {creatingRule ? (
        <FalcoRuleFormDialog
          initial={{
            name: `${event.rule}${event.namespace ? ` in ${event.namespace}` : ""}`,
            rulePattern: event.rule,
            imagePattern: event.image ?? "",
            allNamespaces: !event.namespace,
            namespaces: event.namespace ? [event.namespace] : [],
            allClusters: false,
            clusterIds: [event.clusterId],
          }}
          onClose={() => setCreatingRule(false)}
        />
      ) : null}
    </div>
  );
}
