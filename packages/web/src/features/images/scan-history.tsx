import { Badge } from "../../components/badge";
import { type Column, DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { LoadingState } from "../../components/loading-state";
import { SectionHeader } from "../../components/page-header";
import type { ImageScansQuery } from "../../gql/graphql";
import { formatDateTime, formatRelative } from "../../lib/format";
import { SeverityCounts } from "./severity-counts";
import { SCAN_HISTORY_SIZE } from "./use-images";

type ScanRow = ImageScansQuery["image"]["scans"][number];

export function ScanHistory({
  scans,
  error,
  onRetry,
}: {
  scans: readonly ScanRow[] | undefined;
  error: unknown;
  onRetry: () => void;
}) {
  const columns: Column<ScanRow>[] = [
    {
      key: "date",
      header: "Scanned",
      className: "table__cell--nowrap",
      cell: (scan) => (
        <span className="stacked-cell">
          <span>{formatDateTime(scan.createdAt)}</span>
          <span className="stacked-cell__secondary">{formatRelative(scan.createdAt)}</span>
        </span>
      ),
    },
    { key: "by", header: "Submitted by", cell: (scan) => scan.submittedBy },
    { key: "scanner", header: "Scanner", cell: (scan) => scan.scanner },
    {
      key: "status",
      header: "Status",
      cell: (scan) =>
        scan.status === "succeeded" ? (
          <Badge tone="success">Succeeded</Badge>
        ) : (
          <span className="stacked-cell">
            <Badge tone="warning">Failed</Badge>
            {scan.error ? <span className="stacked-cell__secondary">{scan.error}</span> : null}
          </span>
        ),
    },
    {
      key: "counts",
      header: "Findings",
      cell: (scan) => (scan.status === "succeeded" ? <SeverityCounts counts={scan.counts} /> : null),
    },
  ];

  let body;
  if (scans === undefined && error) body = <ErrorBanner error={error} onRetry={onRetry} />;
  else if (scans === undefined) body = <LoadingState label="Loading scans…" />;
  else if (!scans.length) body = <EmptyState title="No scans yet" />;
  else body = <DataTable caption="Scan history" columns={columns} rows={scans} rowKey={(scan) => scan.id} />;

  return (
    <section className="card">
      <SectionHeader title="Scan history" description={`The last ${SCAN_HISTORY_SIZE} scans, newest first.`} />
      {body}
    </section>
  );
}
