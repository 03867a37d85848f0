import { describe, expect, it } from "vitest";
import { agentVersions, describeAgentStatus } from "./agent-status";

const NOW = Date.parse("2026-11-27T10:00:00.000Z");
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

describe("describeAgentStatus", () => {
  it("shows a connected agent with its versions", () => {
    const view = describeAgentStatus(
      {
        agentStatus: "connected",
        agentLastSeenAt: new Date(NOW - 20_000).toISOString(),
        agentVersion: "0.1.0",
        kubernetesVersion: "v1.29.2",
      },
      NOW,
    );
    expect(view).toMatchObject({ status: "connected", label: "Connected", tone: "success" });
    expect(view.detail).toBe("Agent 0.1.0 · Kubernetes v1.29.2");
  });

  it("says when a disconnected agent was last seen, and not its versions", () => {
    const view = describeAgentStatus(
      {
        agentStatus: "disconnected",
        agentLastSeenAt: minutesAgo(5),
        agentVersion: "0.1.0",
        kubernetesVersion: "v1.29.2",
      },
      NOW,
    );
    expect(view).toMatchObject({ status: "disconnected", label: "Disconnected", tone: "warning" });
    expect(view.detail).toBe("last seen 5 minutes ago");
    expect(
      describeAgentStatus({ agentStatus: "disconnected", agentLastSeenAt: minutesAgo(60 * 24 * 3) }, NOW).detail,
    ).toBe("last seen 3 days ago");
  });

  it("shows a cluster whose agent never reported as never connected, without a detail line", () => {
    const view = describeAgentStatus({ agentStatus: "never_connected", agentLastSeenAt: null }, NOW);
    expect(view).toMatchObject({ status: "never_connected", label: "Never connected", tone: "neutral", detail: null });
  });

  it("trusts the api's status over the clock, and shows an unknown status as it came", () => {
    // The api decides "connected" (a heartbeat within 90 s); the page does not second-guess it.
    expect(describeAgentStatus({ agentStatus: "connected", agentLastSeenAt: minutesAgo(3) }, NOW).label).toBe(
      "Connected",
    );
    expect(describeAgentStatus({ agentStatus: "paused", agentLastSeenAt: null }, NOW)).toMatchObject({
      status: "unknown",
      label: "paused",
      tone: "neutral",
    });
  });
});

describe("agentVersions", () => {
  it("leaves out what the agent did not report", () => {
    expect(agentVersions({ agentVersion: "0.1.0", kubernetesVersion: null })).toBe("Agent 0.1.0");
    expect(agentVersions({ agentVersion: null, kubernetesVersion: "v1.20.2" })).toBe("Kubernetes v1.20.2");
    expect(agentVersions({ agentVersion: null, kubernetesVersion: null })).toBeNull();
  });
});
