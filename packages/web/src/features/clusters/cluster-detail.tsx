import { useState } from "react";
import { Link, NavLink, useNavigate } from "react-router";
import { Button } from "../../components/button";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { LoadingState } from "../../components/loading-state";
import { PageHeader } from "../../components/page-header";
import type { ClusterFieldsFragment } from "../../gql/graphql";
import { formatDateTime } from "../../lib/format";
import { errorCodeOf } from "../../lib/graphql-errors";
import { ClusterAdmission } from "../admission/cluster-admission";
import { AgentStatusBadge } from "../agent/agent-status-badge";
import { AgentStatusCard } from "../agent/agent-status-card";
import { hasPermission, type Permission, useCan, useViewer } from "../auth/viewer";
import { ClusterComplianceCard } from "../compliance/cluster-compliance-card";
import { ClusterFalco } from "../falco/cluster-falco";
import { ClusterWorkloads } from "../workloads/cluster-workloads";
import { ClusterFormDialog } from "./cluster-form-dialog";
import { connectPath, TagList } from "./clusters-table";
import { DeleteClusterDialog } from "./delete-cluster-dialog";
import { useCluster, useClusterGroups } from "./use-clusters";

export type ClusterSection = "overview" | "workloads" | "admission" | "falco" | "falco-settings";

const SECTIONS: ReadonlyArray<{
  section: ClusterSection;
  label: string;
  path: string;
  /** Whether only the exact path is this tab (the Falco tab has pages of its own). */
  end: boolean;
  permission?: Permission;
}> = [
  { section: "overview", label: "Overview", path: "", end: true },
  { section: "workloads", label: "Workloads", path: "/workloads", end: true },
  { section: "admission", label: "Admission", path: "/admission", end: true },
  { section: "falco", label: "Falco", path: "/falco", end: false, permission: "falco:read" },
];

function ClusterOverview({
  cluster,
  canSeeImages,
  connect,
}: {
  cluster: ClusterFieldsFragment;
  canSeeImages: boolean;
  connect: string | null;
}) {
  return (
    <>
      <section className="card" aria-label="Details">
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
      <AgentStatusCard cluster={cluster} connectPath={connect} />
      {canSeeImages ? <ClusterComplianceCard clusterId={cluster.id} /> : null}
    </>
  );
}

export function ClusterDetail({ id, section = "overview" }: { id: string; section?: ClusterSection }) {
  const canWrite = useCan("cluster:write");
  const canCreateKeys = useCan("api_key:own");
  const canSeeImages = useCan("image:read");
  const viewer = useViewer();
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
  const base = `/clusters/${cluster.id}`;
  // Connecting creates the agent's API key, so it needs both permissions.
  const connect = canWrite && canCreateKeys ? connectPath(cluster.id) : null;
  const neverConnected = cluster.agentStatus === "never_connected";

  let content;
  if (section === "workloads") content = <ClusterWorkloads clusterId={cluster.id} connectPath={connect} />;
  else if (section === "admission") content = <ClusterAdmission clusterId={cluster.id} />;
  else if (section === "falco" || section === "falco-settings")
    content = <ClusterFalco cluster={cluster} view={section === "falco" ? "events" : "settings"} />;
  else content = <ClusterOverview cluster={cluster} canSeeImages={canSeeImages} connect={connect} />;

  return (
    <div className="page">
      <PageHeader
        breadcrumb={breadcrumb}
        title={
          <span className="title-with-badges">
            {cluster.name}
            <AgentStatusBadge agent={cluster} showDetail={false} />
          </span>
        }
        description={cluster.description || undefined}
        actions={
          <>
            {connect && neverConnected ? (
              <Link className="button button--primary button--md" to={connect}>
                Connect this cluster
              </Link>
            ) : null}
            {canWrite ? (
              <>
                <Button onClick={() => setEditing(true)}>Edit</Button>
                <Button variant="danger" onClick={() => setDeleting(true)}>
                  Delete
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <nav className="page-tabs" aria-label={`Sections of ${cluster.name}`}>
        {SECTIONS.filter((item) => !item.permission || hasPermission(viewer, item.permission)).map((item) => (
          <NavLink key={item.section} to={`${base}${item.path}`} end={item.end} className="page-tabs__tab">
            {item.label}
          </NavLink>
        ))}
      </nav>
      {content}
      {editing ? <ClusterFormDialog open cluster={cluster} groups={groups} onClose={() => setEditing(false)} /> : null}
      <DeleteClusterDialog
        cluster={deleting ? cluster : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => void navigate("/clusters", { replace: true })}
      />
    </div>
  );
}
