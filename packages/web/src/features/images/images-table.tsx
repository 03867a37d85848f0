import { Link } from "react-router";
import { type Column, DataTable } from "../../components/data-table";
import type { ClusterImageFieldsFragment } from "../../gql/graphql";
import { formatDateTime, formatRelative } from "../../lib/format";
import { SeverityCounts } from "./severity-counts";
import { reasonsSummary } from "./verdict";
import { VerdictBadge } from "./verdict-badge";

/** The detail page of an image, showing its verdict in one cluster. */
export function imagePath(imageId: string, clusterId?: string | null): string {
  return `/images/${imageId}${clusterId ? `?cluster=${encodeURIComponent(clusterId)}` : ""}`;
}

/** "sha256:0cc217e48ab1": enough of a digest to tell images apart. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(":") ? digest.split(":", 2) : ["", digest];
  return `${algorithm ? `${algorithm}:` : ""}${(hex ?? "").slice(0, 12)}`;
}

export function ImagesTable({ rows }: { rows: readonly ClusterImageFieldsFragment[] }) {
  const columns: Column<ClusterImageFieldsFragment>[] = [
    {
      key: "image",
      header: "Image",
      className: "images-table__image",
      cell: (row) => (
        <span className="stacked-cell">
          <Link
            className="table__primary-link"
            to={imagePath(row.image.id, row.cluster.id)}
            title={row.image.reference}
          >
            {row.image.name}
            {row.tag ? <span className="image-tag">:{row.tag}</span> : null}
          </Link>
          <span className="stacked-cell__secondary mono" title={row.image.digest}>
            {shortDigest(row.image.digest)}
          </span>
        </span>
      ),
    },
    {
      key: "cluster",
      header: "Cluster",
      cell: (row) => (
        <span className="stacked-cell">
          <span>{row.cluster.name}</span>
          <span
            className="stacked-cell__secondary"
            title={
              row.running
                ? "A workload in the cluster runs it"
                : `Reported for the cluster, not running there now; last seen ${formatDateTime(row.lastSeenAt)}`
            }
          >
            {row.running ? "running" : "not running"}
          </span>
        </span>
      ),
    },
    {
      key: "verdict",
      header: "Verdict",
      className: "table__cell--wide",
      cell: (row) => {
        const summary = reasonsSummary(row.verdict?.reasons ?? []);
        const advisory = row.verdict?.status === "compliant";
        return (
          <span className="verdict-cell">
            <VerdictBadge status={row.verdict?.status} />
            {summary ? (
              <span
                className={`verdict-cell__reasons${advisory ? " muted" : ""}`}
                title={advisory ? "Advisory policies or report-only scanners: reported, never blocking" : undefined}
              >
                {advisory ? `Advisory: ${summary}` : summary}
              </span>
            ) : null}
          </span>
        );
      },
    },
    { key: "findings", header: "Findings", cell: (row) => <SeverityCounts counts={row.counts} /> },
    {
      key: "scanned",
      header: "Last scanned",
      className: "table__cell--nowrap",
      cell: (row) => (
        <span title={formatDateTime(row.image.lastScannedAt, "Never scanned")}>
          {formatRelative(row.image.lastScannedAt)}
        </span>
      ),
    },
  ];
  return (
    <DataTable caption="Images" columns={columns} rows={rows} rowKey={(row) => `${row.image.id}/${row.cluster.id}`} />
  );
}
