import type { BadgeTone } from "../../components/badge";
import { formatRelative } from "../../lib/format";

/** What the api says of a cluster's agent: a heartbeat within 90 s is connected. */
export type AgentStatus = "connected" | "disconnected" | "never_connected";

export type AgentFields = {
  agentStatus: string;
  agentLastSeenAt?: string | null;
  agentVersion?: string | null;
  kubernetesVersion?: string | null;
};

export type AgentStatusView = {
  status: AgentStatus | "unknown";
  label: string;
  tone: BadgeTone;
  /** A short line under the badge: versions when connected, when it was last seen otherwise. */
  detail: string | null;
  /** A longer explanation, for a tooltip. */
  description: string;
};

const STATUSES: readonly AgentStatus[] = ["connected", "disconnected", "never_connected"];

export function isAgentStatus(value: unknown): value is AgentStatus {
  return typeof value === "string" && (STATUSES as readonly string[]).includes(value);
}

/** "Agent 0.1.0 · Kubernetes v1.29.2", leaving out what the agent did not report. */
export function agentVersions(agent: Pick<AgentFields, "agentVersion" | "kubernetesVersion">): string | null {
  const parts = [
    agent.agentVersion ? `Agent ${agent.agentVersion}` : null,
    agent.kubernetesVersion ? `Kubernetes ${agent.kubernetesVersion}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

/** How a cluster's agent status is shown: the badge, its tone and the line beneath it. */
export function describeAgentStatus(agent: AgentFields, now = Date.now()): AgentStatusView {
  const lastSeen = formatRelative(agent.agentLastSeenAt, "", now);
  switch (agent.agentStatus) {
    case "connected":
      return {
        status: "connected",
        label: "Connected",
        tone: "success",
        detail: agentVersions(agent),
        description: `The agent sent a heartbeat ${lastSeen || "recently"}.`,
      };
    case "disconnected":
      return {
        status: "disconnected",
        label: "Disconnected",
        tone: "warning",
        detail: lastSeen ? `last seen ${lastSeen}` : null,
        description:
          "No heartbeat for more than 90 seconds: inventory and scans are paused. The webhook keeps deciding from its last snapshot until it is stale.",
      };
    case "never_connected":
      return {
        status: "never_connected",
        label: "Never connected",
        tone: "neutral",
        detail: null,
        description: "No agent has reported for this cluster yet. Install one with an agent API key bound to it.",
      };
    default:
      return {
        status: "unknown",
        label: agent.agentStatus || "Unknown",
        tone: "neutral",
        detail: lastSeen ? `last seen ${lastSeen}` : null,
        description: "The api reported a status this page does not know.",
      };
  }
}
