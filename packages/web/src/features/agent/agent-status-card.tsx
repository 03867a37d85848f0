import { Link } from "react-router";
import { Badge } from "../../components/badge";
import { SectionHeader } from "../../components/page-header";
import { formatDateTime, formatRelative } from "../../lib/format";
import { useNow } from "../../lib/use-now";
import { type AgentFields, describeAgentStatus } from "./agent-status";

type AgentStatusCardProps = {
  cluster: AgentFields & { id: string; name: string };
  /** The connect wizard, for viewers who may use it; the page's header offers it while the agent never connected. */
  connectPath: string | null;
};

/** The cluster's agent: whether it reports, since when, and which versions it runs. */
export function AgentStatusCard({ cluster, connectPath }: AgentStatusCardProps) {
  const now = useNow();
  const view = describeAgentStatus(cluster, now);
  const never = view.status === "never_connected";
  return (
    <section className="card agent-card" aria-labelledby="agent-card-title">
      <SectionHeader
        title={<span id="agent-card-title">Agent</span>}
        description={view.description}
        actions={
          connectPath && !never ? (
            <Link className="button button--secondary button--sm" to={connectPath}>
              Reinstall the agent
            </Link>
          ) : undefined
        }
      />
      <dl className="details details--compact">
        <div>
          <dt>Status</dt>
          <dd>
            <Badge tone={view.tone}>{view.label}</Badge>
          </dd>
        </div>
        <div>
          <dt>Last heartbeat</dt>
          <dd title={formatDateTime(cluster.agentLastSeenAt, "Never")}>
            {cluster.agentLastSeenAt
              ? `${formatRelative(cluster.agentLastSeenAt, "Never", now)} (${formatDateTime(cluster.agentLastSeenAt)})`
              : "Never"}
          </dd>
        </div>
        <div>
          <dt>Agent version</dt>
          <dd className="mono">{cluster.agentVersion ?? <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>Kubernetes version</dt>
          <dd className="mono">{cluster.kubernetesVersion ?? <span className="muted">—</span>}</dd>
        </div>
      </dl>
      {never && !connectPath ? (
        <p className="muted agent-card__note">An administrator can connect this cluster's agent.</p>
      ) : null}
    </section>
  );
}
