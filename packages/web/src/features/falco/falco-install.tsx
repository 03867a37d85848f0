import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { LoadingState } from "../../components/loading-state";
import { PageHeader } from "../../components/page-header";
import { errorCodeOf } from "../../lib/graphql-errors";
import { ClusterAgentStatusDocument } from "../agent/agent.graphql";
import { FalcoInstallWizard } from "./falco-install-wizard";

/** The Falco install guide's page: the cluster it is for, then the guide. */
export function FalcoInstall({ id }: { id: string }) {
  const { data, error, refetch } = useQuery(ClusterAgentStatusDocument, { variables: { id } });
  const cluster = data?.cluster;

  if (!cluster) {
    const breadcrumb = <Link to="/clusters">Clusters</Link>;
    if (error && errorCodeOf(error) === "NOT_FOUND") {
      return (
        <div className="page">
          <PageHeader title="Cluster not found" breadcrumb={breadcrumb} />
          <div className="card">
            <EmptyState title="This cluster does not exist" action={<Link to="/falco">Back to Falco</Link>}>
              <p>It may have been deleted, or the link may be wrong.</p>
            </EmptyState>
          </div>
        </div>
      );
    }
    if (error) {
      return (
        <div className="page">
          <PageHeader title="Install Falco" breadcrumb={breadcrumb} />
          <ErrorBanner title="The cluster could not be loaded." error={error} onRetry={() => void refetch()} />
        </div>
      );
    }
    return <LoadingState label="Loading cluster…" />;
  }

  return (
    <div className="page">
      <PageHeader
        breadcrumb={
          <>
            <Link to="/clusters">Clusters</Link> / <Link to={`/clusters/${cluster.id}/falco`}>{cluster.name}</Link>
          </>
        }
        title={`Install Falco in ${cluster.name}`}
        description="Falco detects unexpected behaviour in running containers; with falcosidekick its alerts arrive here as they happen."
      />
      <FalcoInstallWizard cluster={{ id: cluster.id, name: cluster.name }} />
    </div>
  );
}
