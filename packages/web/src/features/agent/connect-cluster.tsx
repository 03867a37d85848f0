import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { LoadingState } from "../../components/loading-state";
import { PageHeader } from "../../components/page-header";
import { errorCodeOf } from "../../lib/graphql-errors";
import { ClusterAgentStatusDocument } from "./agent.graphql";
import { AgentStatusBadge } from "./agent-status-badge";
import { ConnectClusterWizard } from "./connect-cluster-wizard";

/** The connect wizard's page: the cluster it is for, then the wizard. */
export function ConnectCluster({ id }: { id: string }) {
  const { data, error, refetch } = useQuery(ClusterAgentStatusDocument, { variables: { id } });
  const cluster = data?.cluster;

  if (!cluster) {
    const breadcrumb = <Link to="/clusters">Clusters</Link>;
    if (error && errorCodeOf(error) === "NOT_FOUND") {
      return (
        <div className="page">
          <PageHeader title="Cluster not found" breadcrumb={breadcrumb} />
          <div className="card">
            <EmptyState title="This cluster does not exist" action={<Link to="/clusters">Back to clusters</Link>}>
              <p>It may have been deleted, or the link may be wrong.</p>
            </EmptyState>
          </div>
        </div>
      );
    }
    if (error) {
      return (
        <div className="page">
          <PageHeader title="Connect a cluster" breadcrumb={breadcrumb} />
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
            <Link to="/clusters">Clusters</Link> / <Link to={`/clusters/${cluster.id}`}>{cluster.name}</Link>
          </>
        }
        title={
          <span className="title-with-badges">
            Connect {cluster.name}
            <AgentStatusBadge agent={cluster} showDetail={false} />
          </span>
        }
        description="Install the Bulwark agent in the cluster, so Bulwark sees its workloads, scans its images and guards what it admits."
      />
      <ConnectClusterWizard cluster={cluster} />
    </div>
  );
}
