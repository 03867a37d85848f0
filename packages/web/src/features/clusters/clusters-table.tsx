import { Link } from "react-router";
import { Button } from "../../components/button";
import { type Column, DataTable } from "../../components/data-table";
import type { ClusterFieldsFragment } from "../../gql/graphql";
import { formatDate } from "../../lib/format";
import { AgentStatusBadge } from "../agent/agent-status-badge";

type ClustersTableProps = {
  clusters: readonly ClusterFieldsFragment[];
  canWrite: boolean;
  /** May open the connect wizard (it creates the agent's API key). */
  canConnect?: boolean;
  onEdit: (cluster: ClusterFieldsFragment) => void;
  onDelete: (cluster: ClusterFieldsFragment) => void;
};

export function TagList({ tags }: { tags: readonly string[] }) {
  if (!tags.length) return <span className="muted">—</span>;
  return (
    <ul className="tag-list" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag} className="chip chip--static">
          {tag}
        </li>
      ))}
    </ul>
  );
}

/** The connect wizard of a cluster. */
export function connectPath(clusterId: string): string {
  return `/clusters/${clusterId}/connect`;
}

export function ClustersTable({ clusters, canWrite, canConnect = false, onEdit, onDelete }: ClustersTableProps) {
  const columns: Column<ClusterFieldsFragment>[] = [
    {
      key: "name",
      header: "Name",
      cell: (cluster) => (
        <Link className="table__primary-link" to={`/clusters/${cluster.id}`} id={`cluster-name-${cluster.id}`}>
          {cluster.name}
        </Link>
      ),
    },
    {
      key: "agent",
      header: "Agent",
      className: "table__cell--nowrap",
      cell: (cluster) =>
        cluster.agentStatus === "never_connected" && canConnect ? (
          <span className="stacked-cell agent-status">
            <span>
              <AgentStatusBadge agent={cluster} showDetail={false} />
            </span>
            <Link
              className="agent-status__connect"
              to={connectPath(cluster.id)}
              aria-describedby={`cluster-name-${cluster.id}`}
            >
              Connect
            </Link>
          </span>
        ) : (
          <AgentStatusBadge agent={cluster} />
        ),
    },
    { key: "group", header: "Group", cell: (cluster) => cluster.group?.name ?? <span className="muted">—</span> },
    { key: "tags", header: "Tags", cell: (cluster) => <TagList tags={cluster.tags} /> },
    {
      key: "description",
      header: "Description",
      className: "table__cell--wide",
      cell: (cluster) =>
        cluster.description ? (
          <span className="truncate" title={cluster.description}>
            {cluster.description}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: "created",
      header: "Created",
      className: "table__cell--nowrap",
      cell: (cluster) => formatDate(cluster.createdAt),
    },
  ];
  if (canWrite) {
    columns.push({
      key: "actions",
      header: "Actions",
      hiddenHeader: true,
      className: "table__cell--actions",
      cell: (cluster) => (
        <div className="row-actions">
          <Button size="sm" variant="ghost" onClick={() => onEdit(cluster)} aria-label={`Edit cluster ${cluster.name}`}>
            Edit
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="button--danger-text"
            onClick={() => onDelete(cluster)}
            aria-label={`Delete cluster ${cluster.name}`}
          >
            Delete
          </Button>
        </div>
      ),
    });
  }
  return <DataTable caption="Clusters" columns={columns} rows={clusters} rowKey={(cluster) => cluster.id} />;
}
