import { Badge } from "../../components/badge";
import { formatDateTime } from "../../lib/format";
import { useNow } from "../../lib/use-now";
import { type AgentFields, describeAgentStatus } from "./agent-status";

/** The agent's status as a badge, with its versions (connected) or when it was last seen beneath. */
export function AgentStatusBadge({ agent, showDetail = true }: { agent: AgentFields; showDetail?: boolean }) {
  const now = useNow();
  const view = describeAgentStatus(agent, now);
  const badge = (
    <Badge tone={view.tone} title={view.description}>
      {view.label}
    </Badge>
  );
  if (!showDetail || !view.detail) return badge;
  return (
    <span className="stacked-cell agent-status">
      <span>{badge}</span>
      <span
        className="stacked-cell__secondary"
        title={agent.agentLastSeenAt ? `Last heartbeat ${formatDateTime(agent.agentLastSeenAt)}` : undefined}
      >
        {view.detail}
      </span>
    </span>
  );
}
