import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { aFalcoEvent, anApiKey, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { CreateApiKeyDocument } from "../api-keys/api-keys.graphql";
import { FalcoEventsDocument } from "./falco.graphql";
import { FalcoInstallWizard } from "./falco-install-wizard";

const SECRET = "bwk_" + "a1b2c3d4".repeat(8);
const cluster = { id: "c-1", name: "prod-eu-1" };

const createMock = () => {
  const result = vi.fn(() => ({
    data: {
      createApiKey: {
        __typename: "CreatedApiKey",
        secret: SECRET,
        apiKey: anApiKey({
          id: "k-9",
          name: "falco prod-eu-1",
          prefix: "bwk_a1b2c3d4",
          scopes: ["falco_ingest"],
          cluster: { id: "c-1", name: "prod-eu-1" },
        }),
      },
    },
  }));
  return {
    result,
    mock: {
      request: {
        query: CreateApiKeyDocument,
        variables: { input: { name: "falco prod-eu-1", scopes: ["falco_ingest"], clusterId: "c-1" } },
      },
      result,
    },
  };
};

/** Answers the check for a first event since the guide opened. */
const firstEvents = (nodes: unknown[]) => ({
  request: {
    query: FalcoEventsDocument,
    variables: (variables: Record<string, unknown>) =>
      JSON.stringify(variables).includes('"clusterId":"c-1"') && variables.first === 1,
  },
  result: {
    data: {
      falcoEvents: {
        __typename: "FalcoEventConnection",
        nodes,
        pageInfo: { __typename: "PageInfo", endCursor: null, hasNextPage: false },
      },
    },
  },
  maxUsageCount: 5,
});

function codeOf(title: string): string {
  return within(screen.getByRole("figure", { name: title })).getByRole("code").textContent ?? "";
}

describe("FalcoInstallWizard", () => {
  it("creates a falco_ingest key bound to the cluster and fills it into the Helm command", async () => {
    const user = userEvent.setup();
    const { mock, result } = createMock();
    renderWithApp(<FalcoInstallWizard cluster={cluster} />, { viewer: aViewer(), mocks: [mock, firstEvents([])] });

    expect(screen.getByLabelText(/^key name/i)).toHaveValue("falco prod-eu-1");
    await user.click(screen.getByRole("button", { name: "Create key" }));
    expect(await screen.findByTestId("api-key-secret")).toHaveTextContent(SECRET);
    expect(result).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole("button", { name: "Next: install Falco" }));
    expect(screen.getByLabelText(/Bulwark's address/)).toHaveValue(window.location.origin);
    expect(screen.getByLabelText("Send events of priority")).toHaveValue("notice");
    expect(codeOf("Add Falco's chart repository")).toContain("helm repo add falcosecurity");

    await user.clear(screen.getByLabelText(/Bulwark's address/));
    await user.type(screen.getByLabelText(/Bulwark's address/), "https://bulwark.example.com");
    await user.selectOptions(screen.getByLabelText("Send events of priority"), "warning");
    expect(codeOf("Install with Helm")).toBe(
      [
        "helm install falco falcosecurity/falco \\",
        "  --namespace falco --create-namespace \\",
        "  --set falcosidekick.enabled=true \\",
        `  --set falcosidekick.config.webhook.address='https://bulwark.example.com/api/falco/c-1/create?key=${SECRET}' \\`,
        "  --set falcosidekick.config.webhook.minimumpriority=warning",
      ].join("\n"),
    );

    await user.click(screen.getByRole("button", { name: "Next: check that events arrive" }));
    expect(codeOf("Send a test event")).toContain(
      `curl -sS -X POST 'https://bulwark.example.com/api/falco/c-1/create?key=${SECRET}'`,
    );
    expect(codeOf("Send a test event")).toContain(`"priority": "Warning"`);
    expect(await screen.findByText(/Waiting for the first event/)).toBeInTheDocument();
    expect(codeOf("Falcosidekick's log")).toBe("kubectl --namespace falco logs deployment/falco-falcosidekick");
  });

  it("says so when the first event arrives", async () => {
    const user = userEvent.setup();
    const event = aFalcoEvent({
      id: "fe-77",
      rule: "Test event from the install guide",
      time: new Date().toISOString(),
    });
    renderWithApp(<FalcoInstallWizard cluster={cluster} />, { viewer: aViewer(), mocks: [firstEvents([event])] });

    await user.click(screen.getByRole("button", { name: "I already have a key for this cluster" }));
    expect(codeOf("Install with Helm")).toContain("create?key=<falco_ingest key>'");
    expect(screen.getByText(/Replace/)).toHaveTextContent("Replace <falco_ingest key> with the falco_ingest key");
    await user.click(screen.getByRole("button", { name: "Next: check that events arrive" }));

    expect(await screen.findByText("Receiving events")).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Steps" })).toHaveTextContent("✓Create its API key✓Install Falco✓Check");
    expect(screen.getByRole("link", { name: "Test event from the install guide" })).toHaveAttribute(
      "href",
      "/falco/events/fe-77",
    );
    await waitFor(() => expect(screen.queryByText(/falcosidekick's log says why/)).not.toBeInTheDocument());
    expect(screen.getByRole("link", { name: "See the events of prod-eu-1" })).toHaveAttribute(
      "href",
      "/clusters/c-1/falco",
    );
  });
});
