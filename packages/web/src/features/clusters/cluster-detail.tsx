import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { Button } from "../../components/button";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { LoadingState } from "../../components/loading-state";
import { PageHeader } from "../../components/page-header";
import { formatDateTime } from "../../lib/format";
import { errorCodeOf } from "../../lib/graphql-errors";
import { useCan } from "../auth/viewer";
import { ClusterComplianceCard } from "../compliance/cluster-compliance-card";
import { ClusterFormDialog } from "./cluster-form-dialog";
import { TagList } from "./clusters-table";
import { DeleteClusterDialog } from "./delete-cluster-dialog";
import { useCluster, useClusterGroups } from "./use-clusters";

export function ClusterDetail({ id }: { id: string }) {
  const canWrite = useCan("cluster:write");
  const canSeeImages = useCan("image:read");
  const navigate = useNavigate();
  const { data, error, refetch } = useCluster(id);
  const groups = useClusterGroups().data?.clusterGroups ?? [];
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const breadcrumb = <Link to="/clusters">Clusters</Link>;

  if (data === undefined) {
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
          <PageHeader title="Cluster" breadcrumb={breadcrumb} />
          <ErrorBanner title="The cluster could not be loaded." error={error} onRetry={() => void refetch()} />
        </div>
      );
    }
    return <LoadingState label="Loading cluster…" />;
  }

  const cluster = data.cluster;
  return (
    <div className="page">
      <PageHeader
        breadcrumb={breadcrumb}
        title={cluster.name}
        description={cluster.description || undefined}
        actions={
          canWrite ? (
            <>
              <Button onClick={() => setEditing(true)}>Edit</Button>
              <Button variant="danger" onClick={() => setDeleting(true)}>
                Delete
              </Button>
            </>
          ) : undefined
        }
      />
      <section className="card">
        <dl className="details">
          <div>
            <dt>Name</dt>
            <dd className="mono">{cluster.name}</dd>
          </div>
          <div>
            <dt>Group</dt>
            <dd>{cluster.group?.name ?? <span className="muted">No group</span>}</dd>
          </div>
          <div>
            <dt>Tags</dt>
            <dd>
              <TagList tags={cluster.tags} />
            </dd>
          </div>
          <div>
            <dt>Description</dt>
            <dd>{cluster.description || <span className="muted">No description</span>}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(cluster.createdAt)}</dd>
          </div>
          <div>
            <dt>Last changed</dt>
            <dd>{formatDateTime(cluster.updatedAt)}</dd>
          </div>
          <div>
            <dt>ID</dt>
            <dd className="mono">{cluster.id}</dd>
          </div>
        </dl>
      </section>
      {canSeeImages ? <ClusterComplianceCard clusterId={cluster.id} /> : null}
      {editing ? <ClusterFormDialog open cluster={cluster} groups={groups} onClose={() => setEditing(false)} /> : null}
      <DeleteClusterDialog
        cluster={deleting ? cluster : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => void navigate("/clusters", { replace: true })}
      />
    </div>
  );
}
