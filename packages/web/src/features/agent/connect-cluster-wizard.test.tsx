import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type FormattedExecutionResult, GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { anApiKey, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { CreateApiKeyDocument } from "../api-keys/api-keys.graphql";
import { ClusterAgentStatusDocument } from "./agent.graphql";
import { ConnectClusterWizard } from "./connect-cluster-wizard";

const SECRET = "bwk_Q2x1c3Rlci1hZ2VudC1rZXktb25jZQ-0123456789ab";
const cluster = { id: "c-1", name: "prod-eu-1" };

const createMock = (result: () => FormattedExecutionResult) => ({
  request: {
    query: CreateApiKeyDocument,
    variables: { input: { name: "agent prod-eu-1", scopes: ["agent"], clusterId: "c-1" } },
  },
  result,
});

const created = () => ({
  data: {
    createApiKey: {
      __typename: "CreatedApiKey",
      secret: SECRET,
      apiKey: anApiKey({
        id: "k-7",
        name: "agent prod-eu-1",
        prefix: "bwk_Q2x1c3Rl",
        scopes: ["agent"],
        cluster: { id: "c-1", name: "prod-eu-1" },
      }),
    },
  },
});

const status = (agentStatus: string) => ({
  request: { query: ClusterAgentStatusDocument, variables: { id: "c-1" } },
  result: {
    data: {
      cluster: {
        __typename: "Cluster",
        id: "c-1",
        name: "prod-eu-1",
        agentStatus,
        agentLastSeenAt: agentStatus === "connected" ? new Date().toISOString() : null,
        agentVersion: agentStatus === "connected" ? "0.1.0" : null,
        kubernetesVersion: agentStatus === "connected" ? "v1.20.2" : null,
      },
    },
  },
  maxUsageCount: 5,
});

function codeOf(title: string): string {
  return within(screen.getByRole("figure", { name: title })).getByRole("code").textContent ?? "";
}

describe("ConnectClusterWizard", () => {
  it("creates an agent key bound to the cluster, shows it once and fills it into the install commands", async () => {
    const user = userEvent.setup();
    const create = vi.fn(created);
    renderWithApp(<ConnectClusterWizard cluster={cluster} />, {
      viewer: aViewer(),
      mocks: [createMock(create), status("connected")],
    });

    expect(screen.getByRole("heading", { name: /What the agent does/ })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Next: create its API key" }));

    const name = screen.getByLabelText(/^key name/i);
    expect(name).toHaveValue("agent prod-eu-1");
    await user.click(screen.getByRole("button", { name: "Create key" }));

    expect(await screen.findByTestId("api-key-secret")).toHaveTextContent(SECRET);
    expect(screen.getByRole("alert")).toHaveTextContent(/will not be shown again/i);
    expect(create).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole("button", { name: "Next: install the agent" }));
    const url = screen.getByLabelText(/Bulwark's address/);
    expect(url).toHaveValue(window.location.origin);
    await user.clear(url);
    await user.type(url, "https://bulwark.example.com");

    expect(codeOf("Install with Helm")).toBe(
      [
        "helm install bulwark-agent ./charts/bulwark-agent \\",
        "  --namespace bulwark --create-namespace \\",
        "  --set api.url=https://bulwark.example.com \\",
        `  --set api.key=${SECRET} \\`,
        "  --set cluster.name=prod-eu-1",
      ].join("\n"),
    );
    expect(codeOf("Install without Helm")).toContain(
      `manifests \\\n  --api-url https://bulwark.example.com \\\n  --api-key ${SECRET} \\\n  --cluster prod-eu-1 | kubectl apply -f -`,
    );
    for (const figure of screen.getAllByRole("figure")) {
      expect(within(figure).getByRole("button", { name: "Copy command" })).toBeInTheDocument();
    }

    // Going back shows the same key again; nothing is created twice.
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByTestId("api-key-secret")).toHaveTextContent(SECRET);
    await user.click(screen.getByRole("button", { name: "Next: install the agent" }));

    await user.click(screen.getByRole("button", { name: "Next: wait for it to connect" }));
    expect(await screen.findByText(/has sent its first heartbeat/)).toBeInTheDocument();
    expect(screen.getByText("Connected", { selector: ".badge" })).toBeInTheDocument();
    expect(screen.getByText(/Agent 0\.1\.0 · Kubernetes v1\.20\.2/)).toBeInTheDocument();
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("waits for the first heartbeat while the agent has not connected", async () => {
    const user = userEvent.setup();
    renderWithApp(<ConnectClusterWizard cluster={cluster} />, {
      viewer: aViewer(),
      mocks: [createMock(created), status("never_connected")],
    });
    await user.click(screen.getByRole("button", { name: "Next: create its API key" }));
    await user.click(screen.getByRole("button", { name: "Create key" }));
    await user.click(await screen.findByRole("button", { name: "Next: install the agent" }));
    await user.click(screen.getByRole("button", { name: "Next: wait for it to connect" }));

    expect(await screen.findByText(/Waiting for the agent's first heartbeat/)).toBeInTheDocument();
    expect(codeOf("The agent's log")).toBe("kubectl --namespace bulwark logs deployment/bulwark-agent");
    expect(screen.queryByText(/has sent its first heartbeat/)).not.toBeInTheDocument();
  });

  it("warns that localhost cannot be reached from a pod, and refuses what is not a URL", async () => {
    const user = userEvent.setup();
    renderWithApp(<ConnectClusterWizard cluster={cluster} />, { viewer: aViewer(), mocks: [] });
    await user.click(screen.getByRole("button", { name: "Next: create its API key" }));
    await user.click(screen.getByRole("button", { name: "I already have a key for this cluster" }));

    const url = screen.getByLabelText(/Bulwark's address/);
    await user.clear(url);
    await user.type(url, "http://localhost:8080");
    expect(screen.getByText(/localhost is the pod itself/)).toBeInTheDocument();
    expect(codeOf("Install with Helm")).toContain("--set api.key=<agent key> \\");

    await user.clear(url);
    await user.type(url, "bulwark.internal");
    expect(url).toHaveAccessibleDescription(/full URL/);
    expect(screen.queryByRole("figure", { name: "Install with Helm" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Next: wait for it to connect" })).toBeDisabled();
  });

  it("shows the server's refusal next to the key name", async () => {
    const user = userEvent.setup();
    renderWithApp(<ConnectClusterWizard cluster={cluster} />, {
      viewer: aViewer(),
      mocks: [
        createMock(() => ({
          errors: [
            new GraphQLError("You already have a key named agent prod-eu-1", {
              extensions: { code: "CONFLICT", details: { field: "name" } },
            }),
          ],
        })),
      ],
    });
    await user.click(screen.getByRole("button", { name: "Next: create its API key" }));
    await user.click(screen.getByRole("button", { name: "Create key" }));
    await waitFor(() => expect(screen.getByLabelText(/^key name/i)).toHaveAccessibleDescription(/already have a key/));
    expect(screen.queryByTestId("api-key-secret")).not.toBeInTheDocument();
  });
});
