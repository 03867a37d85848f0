import { lazy, Suspense } from "react";
import { Link } from "react-router";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { SectionHeader } from "../../components/page-header";
import { useVerdictChanges } from "../images/use-verdict-changes";
import { useComplianceSummary } from "./use-compliance-summary";

// The charting library is only needed here, so it loads with this card.
const ComplianceCharts = lazy(() =>
  import("./compliance-charts").then((module) => ({ default: module.ComplianceCharts })),
);

/** A cluster's image compliance: verdicts and severities as charts, and a way to its images. */
export function ClusterComplianceCard({ clusterId }: { clusterId: string }) {
  const { data, error, refetch } = useComplianceSummary(clusterId);
  useVerdictChanges({ clusterId }, () => void refetch());
  const imagesLink = <Link to={`/images?cluster=${encodeURIComponent(clusterId)}`}>View its images</Link>;

  let body;
  if (data === undefined && error)
    body = <ErrorBanner title="Compliance could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (data === undefined) body = <LoadingState label="Loading compliance…" />;
  else if (data.complianceSummary.total === 0)
    body = (
      <EmptyState title="No images in this cluster yet" icon={icons.images}>
        <p>
          Images appear once the Bulwark agent reports this cluster's workloads, or a pipeline submits a scan for it
          with a ci_scan API key.
        </p>
      </EmptyState>
    );
  else
    body = (
      <Suspense fallback={<LoadingState label="Drawing charts…" />}>
        <ComplianceCharts summary={data.complianceSummary} />
      </Suspense>
    );

  return (
    <section className="card" aria-labelledby="cluster-compliance-title">
      <SectionHeader
        title={<span id="cluster-compliance-title">Image compliance</span>}
        description="Whether the images known to this cluster meet its policies, and what their scans found."
        actions={imagesLink}
      />
      {body}
    </section>
  );
}
