import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { anApiKey, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { ApiKeyClusterOptionsDocument, CreateApiKeyDocument } from "./api-keys.graphql";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

const clusterOptions = {
  request: { query: ApiKeyClusterOptionsDocument },
  result: { data: { clusters: [{ __typename: "Cluster", id: "c-1", name: "prod-eu-1" }] } },
  maxUsageCount: 5,
};

describe("CreateApiKeyDialog", () => {
  it("lets a read-only user choose the read scope only, and says why", async () => {
    renderWithApp(<CreateApiKeyDialog onClose={vi.fn()} />, {
      viewer: aViewer({ role: "read_only" }),
      mocks: [clusterOptions],
    });
    const dialog = screen.getByRole("dialog", { name: "New API key" });
    expect(within(dialog).getByRole("checkbox", { name: /^read/ })).toBeEnabled();
    expect(within(dialog).getByRole("checkbox", { name: /^read/ })).toBeChecked();
    for (const scope of ["agent", "ci_scan", "falco_ingest", "kube_bench", "kube_hunter", "admin"]) {
      expect(within(dialog).getByRole("checkbox", { name: new RegExp(`^${scope}`) })).toBeDisabled();
    }
    expect(dialog).toHaveTextContent(/your keys can have the read scope only/i);
  });

  it("creates a key bound to a cluster and then shows its secret once", async () => {
    const user = userEvent.setup();
    const created = vi.fn(() => ({
      data: {
        createApiKey: {
          __typename: "CreatedApiKey",
          secret: "bwk_s3cr3t-value",
          apiKey: anApiKey({
            id: "k-9",
            name: "ci pipeline",
            scopes: ["ci_scan"],
            cluster: { id: "c-1", name: "prod-eu-1" },
          }),
        },
      },
    }));
    renderWithApp(<CreateApiKeyDialog onClose={vi.fn()} />, {
      viewer: aViewer(),
      mocks: [
        clusterOptions,
        {
          request: {
            query: CreateApiKeyDocument,
            variables: { input: { name: "ci pipeline", scopes: ["ci_scan"], clusterId: "c-1", expiresAt: null } },
          },
          result: created,
        },
      ],
    });
    const dialog = screen.getByRole("dialog", { name: "New API key" });
    await user.type(within(dialog).getByLabelText(/^name/i), "ci pipeline");
    await user.click(within(dialog).getByRole("checkbox", { name: /^ci_scan/ }));
    await waitFor(() => expect(within(dialog).getByRole("option", { name: "prod-eu-1" })).toBeInTheDocument());
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Cluster" }), "c-1");
    await user.click(within(dialog).getByRole("button", { name: "Create key" }));

    const done = await screen.findByRole("dialog", { name: "API key created" });
    expect(created).toHaveBeenCalledTimes(1);
    expect(within(done).getByTestId("api-key-secret")).toHaveTextContent("bwk_s3cr3t-value");
    expect(within(done).getByRole("button", { name: "Copy key" })).toBeInTheDocument();
  });

  it("asks for a name and a scope before sending anything", async () => {
    const user = userEvent.setup();
    renderWithApp(<CreateApiKeyDialog onClose={vi.fn()} />, { viewer: aViewer(), mocks: [clusterOptions] });
    const dialog = screen.getByRole("dialog", { name: "New API key" });
    await user.click(within(dialog).getByRole("button", { name: "Create key" }));
    expect(within(dialog).getByText(/enter a name/i)).toBeInTheDocument();
    expect(within(dialog).getByText("Choose at least one scope")).toBeInTheDocument();
  });
});
