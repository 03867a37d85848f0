import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";
import { Badge, type BadgeTone } from "../../components/badge";
import { Button } from "../../components/button";
import { type Column, DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { useNotify } from "../../components/notices";
import { SectionHeader } from "../../components/page-header";
import { Stat } from "../../components/stat";
import type { ScanJobFieldsFragment, ScanJobReason, ScanJobStatus } from "../../gql/graphql";
import { formatDateTime, formatRelative } from "../../lib/format";
import { toProblem } from "../../lib/graphql-errors";
import { useCan } from "../auth/viewer";
import { RetryScanJobDocument, ScanQueueDocument } from "./scan-queue.graphql";

const JOBS_SHOWN = 100;
const REFRESH_MS = 10_000;

const STATUS_LABELS: Record<ScanJobStatus, string> = {
  queued: "Queued",
  claimed: "Running",
  done: "Done",
  failed: "Failed",
};

const STATUS_TONES: Record<ScanJobStatus, BadgeTone> = {
  queued: "info",
  claimed: "accent",
  done: "success",
  failed: "danger",
};

const REASON_LABELS: Record<ScanJobReason, string> = {
  admission: "Admission",
  ci: "CI",
  manual: "Requested",
  new_image: "New image",
  rescan: "Rescan period",
};

const STATUSES: readonly ScanJobStatus[] = ["queued", "claimed", "failed", "done"];

export function ScanQueuePanel() {
  const canWrite = useCan("scan_queue:write");
  const [status, setStatus] = useState<ScanJobStatus | "">("");
  const { data, error, loading, refetch } = useQuery(ScanQueueDocument, {
    variables: { statuses: status ? [status] : null, first: JOBS_SHOWN },
    pollInterval: REFRESH_MS,
    notifyOnNetworkStatusChange: true,
  });
  const [retry] = useMutation(RetryScanJobDocument, { refetchQueries: ["ScanQueue"] });
  const [retrying, setRetrying] = useState<string | null>(null);
  const notify = useNotify();
  const jobs = data?.scanJobs ?? [];
  const counts = data?.scanQueueCounts;

  const retryJob = async (job: ScanJobFieldsFragment) => {
    setRetrying(job.id);
    try {
      await retry({ variables: { id: job.id } });
      notify(`Scan of ${job.image?.name ?? job.reference} queued again`);
    } catch (caught) {
      notify(toProblem(caught).message, "danger");
    } finally {
      setRetrying(null);
    }
  };

  const columns: Column<ScanJobFieldsFragment>[] = [
    {
      key: "image",
      header: "Image",
      className: "table__cell--wide",
      cell: (job) => (
        <span className="stacked-cell">
          {job.image ? (
            <Link className="table__primary-link" to={`/images/${job.image.id}`}>
              {job.image.name}
            </Link>
          ) : (
            <span className="stacked-cell__primary">{job.reference.split("@")[0]}</span>
          )}
          <code className="stacked-cell__secondary mono truncate" title={job.reference}>
            {job.reference}
          </code>
        </span>
      ),
    },
    {
      key: "status",
      header: "Status",
      cell: (job) => <Badge tone={STATUS_TONES[job.status]}>{STATUS_LABELS[job.status]}</Badge>,
    },
    {
      key: "reason",
      header: "Reason",
      cell: (job) => (
        <span className="stacked-cell">
          <span>{REASON_LABELS[job.reason]}</span>
          <span
            className="stacked-cell__secondary"
            title={`Requested by ${job.requestedBy}; higher priorities run first`}
          >
            priority {job.priority}, by {job.requestedBy}
          </span>
        </span>
      ),
    },
    {
      key: "attempts",
      header: "Attempts",
      className: "table__cell--wide",
      cell: (job) => (
        <span className="stacked-cell">
          <span>
            {job.attempts} of {job.maxAttempts}
          </span>
          {job.lastError ? (
            <span className="stacked-cell__secondary scan-job__error" title={job.lastError}>
              {job.lastError}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      key: "when",
      header: "When",
      className: "table__cell--nowrap",
      cell: (job) => (
        <span className="stacked-cell">
          {job.status === "claimed" ? (
            <>
              <span title={job.claimedBy ?? undefined}>by {job.claimedBy ?? "a worker"}</span>
              <span className="stacked-cell__secondary" title={formatDateTime(job.leaseUntil)}>
                lease until {formatRelative(job.leaseUntil)}
              </span>
            </>
          ) : job.status === "queued" ? (
            <>
              <span title={formatDateTime(job.runAfter)}>
                {Date.parse(job.runAfter) > Date.now() ? `runs ${formatRelative(job.runAfter)}` : "ready to run"}
              </span>
              <span className="stacked-cell__secondary">queued {formatRelative(job.createdAt)}</span>
            </>
          ) : (
            <>
              <span title={formatDateTime(job.finishedAt)}>finished {formatRelative(job.finishedAt, "—")}</span>
              <span className="stacked-cell__secondary">queued {formatRelative(job.createdAt)}</span>
            </>
          )}
        </span>
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      key: "actions",
      header: "Actions",
      hiddenHeader: true,
      className: "table__cell--actions",
      cell: (job) =>
        job.status === "failed" ? (
          <Button
            size="sm"
            onClick={() => void retryJob(job)}
            loading={retrying === job.id}
            aria-label={`Retry the scan of ${job.reference}`}
          >
            Retry
          </Button>
        ) : null,
    });
  }

  let body;
  if (data === undefined && error)
    body = <ErrorBanner title="The scan queue could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (data === undefined) body = <LoadingState label="Loading the scan queue…" />;
  else if (!jobs.length)
    body = (
      <EmptyState
        title={status ? `No ${STATUS_LABELS[status].toLowerCase()} scans` : "The queue is empty"}
        icon={icons.log}
      >
        <p>
          Scans are queued when a cluster reports a new image, when an image is older than its policy's rescan period,
          and when someone asks for a rescan. Agents claim them and report the results.
        </p>
      </EmptyState>
    );
  else
    body = (
      <>
        <DataTable
          caption="Scan jobs"
          columns={columns}
          rows={jobs}
          rowKey={(job) => job.id}
          rowClassName={(job) => (job.status === "done" ? "table__row--muted" : undefined)}
        />
        {jobs.length >= JOBS_SHOWN ? (
          <p className="load-more muted">
            Showing the first {JOBS_SHOWN}: waiting and running jobs first, by priority.
          </p>
        ) : null}
      </>
    );

  return (
    <section className="card">
      <SectionHeader
        title="Scan queue"
        description={`Scans waiting for an agent, running, done or failed. Refreshes every ${REFRESH_MS / 1000} seconds.`}
        actions={
          <Button size="sm" icon={icons.refresh} loading={loading && data !== undefined} onClick={() => void refetch()}>
            Refresh
          </Button>
        }
      />
      {counts ? (
        <div className="stat-row" role="group" aria-label="Jobs by status">
          {STATUSES.map((value) => (
            <Stat
              key={value}
              label={STATUS_LABELS[value]}
              value={counts[value]}
              tone={value === "failed" && counts.failed > 0 ? "danger" : value === "queued" ? "info" : "neutral"}
              onClick={() => setStatus(status === value ? "" : value)}
              pressed={status === value}
              hint={`Show ${STATUS_LABELS[value].toLowerCase()} jobs only`}
            />
          ))}
        </div>
      ) : null}
      {body}
    </section>
  );
}
