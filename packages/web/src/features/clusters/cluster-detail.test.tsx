import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { aCluster, aViewer, quietVerdictFeed } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { ComplianceSummaryDocument } from "../compliance/compliance.graphql";
import { ClusterDetail } from "./cluster-detail";
import { ClusterDocument, ClusterGroupsDocument } from "./clusters.graphql";

const mocks = (cluster: ReturnType<typeof aCluster>) => [
  {
    request: { query: ClusterDocument, variables: { id: cluster.id } },
    result: { data: { cluster } },
    maxUsageCount: 5,
  },
  { request: { query: ClusterGroupsDocument }, result: { data: { clusterGroups: [] } }, maxUsageCount: 5 },
  {
    request: { query: ComplianceSummaryDocument, variables: { clusterId: cluster.id } },
    result: { data: null },
    delay: 10 * 60_000,
  },
  quietVerdictFeed(),
];

describe("ClusterDetail", () => {
  it("shows the agent's status and leads to the connect wizard when it never connected", async () => {
    renderWithApp(<ClusterDetail id="c-1" />, { viewer: aViewer(), route: "/clusters/c-1", mocks: mocks(aCluster()) });

    const tabs = await screen.findByRole("navigation", { name: "Sections of prod-eu-1" });
    expect(
      within(tabs)
        .getAllByRole("link")
        .map((link) => link.getAttribute("href")),
    ).toEqual(["/clusters/c-1", "/clusters/c-1/workloads", "/clusters/c-1/admission", "/clusters/c-1/falco"]);
    expect(screen.getByRole("link", { name: "Connect this cluster" })).toHaveAttribute("href", "/clusters/c-1/connect");
    const agent = screen.getByRole("region", { name: "Agent" });
    expect(agent).toHaveTextContent("Never connected");
    expect(agent).toHaveTextContent("Last heartbeatNever");
  });

  it("shows a connected agent's versions, and no connect wizard for read-only viewers", async () => {
    const cluster = aCluster({
      agentStatus: "connected",
      agentLastSeenAt: new Date().toISOString(),
      agentVersion: "0.1.0",
      kubernetesVersion: "v1.20.2",
    });
    renderWithApp(<ClusterDetail id="c-1" />, {
      viewer: aViewer({ role: "read_only" }),
      route: "/clusters/c-1",
      mocks: mocks(cluster),
    });
    const agent = await screen.findByRole("region", { name: "Agent" });
    expect(agent).toHaveTextContent("Connected");
    expect(agent).toHaveTextContent("Agent version0.1.0");
    expect(agent).toHaveTextContent("Kubernetes versionv1.20.2");
    expect(screen.queryByRole("link", { name: /connect this cluster|reinstall/i })).not.toBeInTheDocument();
  });

  it("leaves out the Falco tab for viewers who may not read Falco events", async () => {
    const viewer = aViewer({ permissions: ["cluster:read"] });
    renderWithApp(<ClusterDetail id="c-1" />, { viewer, route: "/clusters/c-1", mocks: mocks(aCluster()) });
    const tabs = await screen.findByRole("navigation", { name: "Sections of prod-eu-1" });
    expect(within(tabs).queryByRole("link", { name: "Falco" })).not.toBeInTheDocument();
  });
});
