import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { aCluster, aGroup, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import {
  ClusterGroupsDocument,
  ClustersDocument,
  CreateClusterDocument,
  DeleteClusterDocument,
  DeleteClusterGroupDocument,
  UpdateClusterDocument,
} from "./clusters.graphql";
import { ClustersOverview } from "./clusters-overview";

const prod = aCluster({ id: "c-1", name: "prod-eu-1", group: { id: "g-1", name: "production" } });
const staging = aCluster({ id: "c-2", name: "staging", tags: [], description: "" });
const group = aGroup({ id: "g-1", name: "production", clusterCount: 1 });

const clustersMock = (clusters = [prod, staging], maxUsageCount = 10) => ({
  request: { query: ClustersDocument, variables: { filter: {} } },
  result: { data: { clusters } },
  maxUsageCount,
});
const groupsMock = (groups = [group]) => ({
  request: { query: ClusterGroupsDocument },
  result: { data: { clusterGroups: groups } },
  maxUsageCount: 10,
});

describe("ClustersOverview", () => {
  it("lists clusters with their group and tags", async () => {
    renderWithApp(<ClustersOverview />, { viewer: aViewer(), mocks: [clustersMock(), groupsMock()] });

    const table = await screen.findByRole("table", { name: "Clusters" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(within(rows[1]!).getByRole("link", { name: "prod-eu-1" })).toHaveAttribute("href", "/clusters/c-1");
    expect(rows[1]).toHaveTextContent("production");
    expect(rows[1]).toHaveTextContent("env=prod");
    const groups = await screen.findByRole("table", { name: "Cluster groups" });
    const groupRow = within(groups).getAllByRole("row")[1]!;
    expect(
      within(groupRow)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toContain("1");
  });

  it("shows each cluster's agent: connected with versions, last seen, or never connected with a way to connect", async () => {
    const connected = aCluster({
      id: "c-3",
      name: "edge",
      agentStatus: "connected",
      agentLastSeenAt: new Date(Date.now() - 20_000).toISOString(),
      agentVersion: "0.1.0",
      kubernetesVersion: "v1.20.2",
    });
    const gone = aCluster({
      id: "c-4",
      name: "lab",
      agentStatus: "disconnected",
      agentLastSeenAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
      agentVersion: "0.1.0",
      kubernetesVersion: "v1.20.2",
    });
    const fresh = aCluster({ id: "c-5", name: "new-one" });
    renderWithApp(<ClustersOverview />, {
      viewer: aViewer(),
      mocks: [clustersMock([connected, gone, fresh]), groupsMock()],
    });

    const table = await screen.findByRole("table", { name: "Clusters" });
    const [, edge, lab, newOne] = within(table).getAllByRole("row");
    expect(edge).toHaveTextContent("Connected");
    expect(edge).toHaveTextContent("Agent 0.1.0 · Kubernetes v1.20.2");
    expect(lab).toHaveTextContent("Disconnected");
    expect(lab).toHaveTextContent("last seen 2 hours ago");
    expect(lab).not.toHaveTextContent("Kubernetes v1.20.2");
    expect(newOne).toHaveTextContent("Never connected");
    const connect = within(newOne!).getByRole("link", { name: "Connect" });
    expect(connect).toHaveAttribute("href", "/clusters/c-5/connect");
    expect(connect).toHaveAccessibleDescription("new-one");
    expect(within(edge!).queryByRole("link", { name: "Connect" })).not.toBeInTheDocument();
  });

  it("offers the connect wizard only to viewers who may create the agent's key", async () => {
    renderWithApp(<ClustersOverview />, {
      viewer: aViewer({ role: "read_only" }),
      mocks: [clustersMock([aCluster({ id: "c-5", name: "new-one" })]), groupsMock()],
    });
    const table = await screen.findByRole("table", { name: "Clusters" });
    expect(table).toHaveTextContent("Never connected");
    expect(within(table).queryByRole("link", { name: "Connect" })).not.toBeInTheDocument();
  });

  it("shows an empty state when there are no clusters", async () => {
    renderWithApp(<ClustersOverview />, { viewer: aViewer(), mocks: [clustersMock([]), groupsMock([])] });
    expect(await screen.findByRole("heading", { name: "No clusters yet" })).toBeInTheDocument();
  });

  it("hides write actions from viewers without cluster:write", async () => {
    renderWithApp(<ClustersOverview />, {
      viewer: aViewer({ role: "read_only" }),
      mocks: [clustersMock(), groupsMock()],
    });
    await screen.findByRole("table", { name: "Clusters" });
    expect(screen.queryByRole("button", { name: "New cluster" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /delete cluster/i })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /rename group/i })).not.toBeInTheDocument();
  });

  it("sends the delete only after the dialog naming the cluster is confirmed", async () => {
    const user = userEvent.setup();
    const deleted = vi.fn(() => ({ data: { deleteCluster: { __typename: "Cluster", id: "c-2", name: "staging" } } }));
    renderWithApp(<ClustersOverview />, {
      viewer: aViewer(),
      mocks: [
        clustersMock([prod, staging], 1),
        groupsMock(),
        { request: { query: DeleteClusterDocument, variables: { id: "c-2" } }, result: deleted },
        { request: { query: ClustersDocument, variables: { filter: {} } }, result: { data: { clusters: [prod] } } },
      ],
    });

    await user.click(await screen.findByRole("button", { name: "Delete cluster staging" }));
    const dialog = screen.getByRole("alertdialog", { name: "Delete cluster staging?" });
    expect(dialog).toHaveTextContent("staging");
    expect(deleted).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(deleted).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Delete cluster staging" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete cluster" }));

    await waitFor(() => expect(deleted).toHaveBeenCalledTimes(1));
    expect(await screen.findByText("Cluster staging deleted")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("link", { name: "staging" })).not.toBeInTheDocument());
  });

  it("shows the server's message next to the name and keeps the form filled when creating fails", async () => {
    const user = userEvent.setup();
    renderWithApp(<ClustersOverview />, {
      viewer: aViewer(),
      mocks: [
        clustersMock(),
        groupsMock(),
        {
          request: {
            query: CreateClusterDocument,
            variables: { input: { name: "prod-eu-1", description: "Again", tags: ["team=core"], groupId: "g-1" } },
          },
          result: {
            errors: [
              new GraphQLError("A cluster named prod-eu-1 already exists", {
                extensions: { code: "CONFLICT", details: { field: "name" } },
              }),
            ],
          },
        },
      ],
    });

    await user.click(await screen.findByRole("button", { name: "New cluster" }));
    const dialog = screen.getByRole("dialog", { name: "New cluster" });
    await user.type(within(dialog).getByLabelText(/^name/i), "prod-eu-1");
    await user.type(within(dialog).getByLabelText(/description/i), "Again");
    await user.type(within(dialog).getByRole("textbox", { name: "Tags" }), "team=core,");
    await user.selectOptions(within(dialog).getByLabelText(/group/i), "g-1");
    await user.click(within(dialog).getByRole("button", { name: "Create cluster" }));

    const name = within(dialog).getByLabelText(/^name/i);
    await waitFor(() => expect(name).toHaveAccessibleDescription(/already exists/));
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveValue("prod-eu-1");
    expect(within(dialog).getByLabelText(/description/i)).toHaveValue("Again");
    expect(within(dialog).getByText("team=core")).toBeInTheDocument();
  });

  it("edits a cluster from its saved values, and can take it out of its group", async () => {
    const user = userEvent.setup();
    const updated = vi.fn(() => ({
      data: { updateCluster: { ...prod, description: "Primary EU cluster (Frankfurt)", group: null } },
    }));
    renderWithApp(<ClustersOverview />, {
      viewer: aViewer(),
      mocks: [
        clustersMock(),
        groupsMock(),
        {
          request: {
            query: UpdateClusterDocument,
            variables: {
              id: "c-1",
              input: {
                name: "prod-eu-1",
                description: "Primary EU cluster (Frankfurt)",
                tags: ["env=prod"],
                groupId: null,
              },
            },
          },
          result: updated,
        },
      ],
    });

    await user.click(await screen.findByRole("button", { name: "Edit cluster prod-eu-1" }));
    const dialog = screen.getByRole("dialog", { name: "Edit cluster prod-eu-1" });
    expect(within(dialog).getByLabelText(/^name/i)).toHaveValue("prod-eu-1");
    expect(within(dialog).getByRole("combobox", { name: "Group" })).toHaveValue("g-1");
    await user.type(within(dialog).getByLabelText(/description/i), " (Frankfurt)");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Group" }), "");
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Cluster prod-eu-1 saved")).toBeInTheDocument();
    expect(updated).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("checks the name rule before sending anything", async () => {
    const user = userEvent.setup();
    renderWithApp(<ClustersOverview />, { viewer: aViewer(), mocks: [clustersMock(), groupsMock()] });
    await user.click(await screen.findByRole("button", { name: "New cluster" }));
    const dialog = screen.getByRole("dialog", { name: "New cluster" });
    await user.type(within(dialog).getByLabelText(/^name/i), "Prod_EU");
    await user.click(within(dialog).getByRole("button", { name: "Create cluster" }));
    expect(within(dialog).getByLabelText(/^name/i)).toHaveAccessibleDescription(
      /lower-case letters, digits and dashes/i,
    );
  });

  it("shows why a non-empty group cannot be deleted", async () => {
    const user = userEvent.setup();
    renderWithApp(<ClustersOverview />, {
      viewer: aViewer(),
      mocks: [
        clustersMock(),
        groupsMock(),
        {
          request: { query: DeleteClusterGroupDocument, variables: { id: "g-1" } },
          result: {
            errors: [
              new GraphQLError("The group production still has 1 cluster; move or delete it first", {
                extensions: { code: "CONFLICT" },
              }),
            ],
          },
        },
      ],
    });
    await user.click(await screen.findByRole("button", { name: "Delete group production" }));
    const dialog = screen.getByRole("alertdialog", { name: "Delete group production?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete group" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("still has 1 cluster");
    expect(screen.getByRole("alertdialog")).toBeInTheDocument();
  });
});
