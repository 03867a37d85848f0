import { useEffect, useMemo, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { useConnectionStatus } from "../../app/connection-status";
import { Button } from "../../components/button";
import { CopyButton } from "../../components/copy-button";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { useNotify } from "../../components/notices";
import { PageHeader, SectionHeader } from "../../components/page-header";
import { formatDateTime, formatRelative } from "../../lib/format";
import { errorCodeOf, toProblem } from "../../lib/graphql-errors";
import { LiveIndicator } from "../audit/live-indicator";
import { useCan } from "../auth/viewer";
import { FindingsPanel } from "./findings-panel";
import { treatmentsByFinding } from "./findings";
import { ScanHistory } from "./scan-history";
import { useImage, useImageCompliance, useImageFindings, useImageScans, useRequestRescan } from "./use-images";
import { useVerdictChanges } from "./use-verdict-changes";
import { VerdictBadge } from "./verdict-badge";
import { VerdictPanel } from "./verdict-panel";

export function ImageDetail({ id }: { id: string }) {
  const [params, setParams] = useSearchParams();
  const canRescan = useCan("scan_queue:write");
  const notify = useNotify();
  const referenceRef = useRef<HTMLElement>(null);
  const image = useImage(id);
  const findings = useImageFindings(id);
  const scans = useImageScans(id);
  const clusters = image.data?.image.clusters ?? [];
  const wanted = params.get("cluster");
  const selected =
    clusters.find((entry) => entry.cluster.id === wanted) ??
    clusters.find((entry) => entry.verdict?.status === "non_compliant") ??
    clusters[0] ??
    null;
  const selectedId = selected?.cluster.id ?? null;
  const compliance = useImageCompliance(id, selectedId);

  // The cluster shown first stays chosen when verdicts change (and the address can be shared).
  useEffect(() => {
    if (!wanted && selectedId) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set("cluster", selectedId);
          return next;
        },
        { replace: true },
      );
    }
  }, [wanted, selectedId, setParams]);
  const [requestRescan, rescan] = useRequestRescan();
  const status = useConnectionStatus();

  const subscription = useVerdictChanges({ imageId: id }, () => {
    void image.refetch();
    void scans.refetch();
    void findings.refetch();
    if (selected) void compliance.refetch();
  });

  const treatments = useMemo(
    () => treatmentsByFinding(compliance.data?.image.compliance.findings ?? []),
    [compliance.data],
  );

  const breadcrumb = <Link to="/images">Images</Link>;

  if (image.data === undefined) {
    if (image.error && errorCodeOf(image.error) === "NOT_FOUND") {
      return (
        <div className="page">
          <PageHeader title="Image not found" breadcrumb={breadcrumb} />
          <div className="card">
            <EmptyState title="This image does not exist" action={<Link to="/images">Back to images</Link>}>
              <p>It may have been removed when no cluster ran it any more, or the link may be wrong.</p>
            </EmptyState>
          </div>
        </div>
      );
    }
    if (image.error) {
      return (
        <div className="page">
          <PageHeader title="Image" breadcrumb={breadcrumb} />
          <ErrorBanner
            title="The image could not be loaded."
            error={image.error}
            onRetry={() => void image.refetch()}
          />
        </div>
      );
    }
    return <LoadingState label="Loading image…" />;
  }

  const data = image.data.image;
  const scan = findings.data?.image.latestScan ?? null;

  const queueRescan = async () => {
    try {
      const result = await requestRescan({ variables: { imageId: id } });
      const job = result.data?.requestRescan;
      notify(job ? `Rescan of ${data.name} queued (priority ${job.priority})` : `Rescan of ${data.name} queued`);
    } catch (caught) {
      notify(toProblem(caught).message, "danger");
    }
  };

  const selectCluster = (clusterId: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set("cluster", clusterId);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="page">
      <PageHeader
        breadcrumb={breadcrumb}
        title={data.name}
        description={
          <span className="image-header">
            <code ref={referenceRef} className="image-header__reference">
              {data.reference}
            </code>
            <CopyButton value={data.reference} label="Copy reference" selectTarget={() => referenceRef.current} />
          </span>
        }
        actions={
          <>
            <LiveIndicator
              status={subscription.error ? "offline" : status}
              liveDescription="The verdict updates here as it changes"
            />
            {canRescan ? (
              <Button icon={icons.refresh} loading={rescan.loading} onClick={() => void queueRescan()}>
                Rescan
              </Button>
            ) : null}
          </>
        }
      />
      <section className="card">
        <dl className="details">
          <div>
            <dt>Tags</dt>
            <dd>
              {data.tags.length ? (
                <ul className="tag-list" aria-label="Tags">
                  {data.tags.map((tag) => (
                    <li key={tag} className="chip chip--static">
                      {tag}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">Referred to by digest only</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Last scanned</dt>
            <dd title={formatDateTime(data.lastScannedAt, "Never scanned")}>
              {data.lastScannedAt
                ? `${formatDateTime(data.lastScannedAt)} (${formatRelative(data.lastScannedAt)})`
                : "Never scanned"}
            </dd>
          </div>
          <div>
            <dt>Registry</dt>
            <dd className="mono">{data.registry}</dd>
          </div>
          <div>
            <dt>Repository</dt>
            <dd className="mono">{data.repository}</dd>
          </div>
          <div>
            <dt>First seen</dt>
            <dd>{formatDateTime(data.createdAt)}</dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="verdict-title">
        <SectionHeader
          title={<span id="verdict-title">Verdict{selected ? ` in ${selected.cluster.name}` : ""}</span>}
          description="Computed now from the latest scan, the cluster's policies and the exceptions in force."
        />
        {clusters.length > 1 ? (
          <div className="cluster-tabs" role="group" aria-label="Cluster">
            {clusters.map((entry) => (
              <button
                key={entry.cluster.id}
                type="button"
                className="cluster-tab"
                aria-pressed={entry.cluster.id === selected?.cluster.id}
                onClick={() => selectCluster(entry.cluster.id)}
              >
                <span className="cluster-tab__name">{entry.cluster.name}</span>
                <VerdictBadge status={entry.verdict?.status} />
                {!entry.running ? <span className="muted cluster-tab__note">not running</span> : null}
              </button>
            ))}
          </div>
        ) : null}
        {selected ? (
          <VerdictPanel
            clusterName={selected.cluster.name}
            compliance={compliance.data?.image.compliance}
            error={compliance.error}
            onRetry={() => void compliance.refetch()}
          />
        ) : (
          <EmptyState title="No cluster knows this image">
            <p>A verdict is given per cluster, once an agent or a pipeline reports the image for one.</p>
          </EmptyState>
        )}
      </section>

      {findings.data === undefined && findings.error ? (
        <ErrorBanner
          title="The findings could not be loaded."
          error={findings.error}
          onRetry={() => void findings.refetch()}
        />
      ) : findings.data === undefined ? (
        <section className="card">
          <LoadingState label="Loading findings…" />
        </section>
      ) : (
        <FindingsPanel image={data} scan={scan} cluster={selected?.cluster ?? null} treatments={treatments} />
      )}

      <ScanHistory scans={scans.data?.image.scans} error={scans.error} onRetry={() => void scans.refetch()} />
    </div>
  );
}
