import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { aRegistry, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { RegistriesDocument, UpdateRegistryDocument } from "./registries.graphql";
import { RegistriesPanel } from "./registries-panel";

const registriesMock = {
  request: { query: RegistriesDocument },
  result: { data: { registries: [aRegistry()] } },
  maxUsageCount: 5,
};

function updateMock(sent: (variables: Record<string, unknown>) => void) {
  return {
    request: {
      query: UpdateRegistryDocument,
      variables: (variables: Record<string, unknown>) => {
        sent(variables);
        return true;
      },
    },
    result: { data: { updateRegistry: aRegistry({ username: "robot-deploy" }) } },
  };
}

describe("RegistriesPanel", () => {
  it("never fills in the password, and leaves it out of the update unless one is typed", async () => {
    const user = userEvent.setup();
    const sent = vi.fn();
    renderWithApp(<RegistriesPanel />, { viewer: aViewer(), mocks: [registriesMock, updateMock(sent)] });
    const table = await screen.findByRole("table", { name: "Registries" });
    expect(table).toHaveTextContent("Password stored");

    await user.click(screen.getByRole("button", { name: "Edit registry Harbor" }));
    const dialog = screen.getByRole("dialog", { name: "Edit registry Harbor" });
    const password = within(dialog).getByLabelText("Password or token");
    expect(password).toHaveValue("");
    expect(password).toHaveAttribute("type", "password");
    expect(dialog).toHaveTextContent("Stored encrypted; never shown");
    expect(dialog).toHaveTextContent("Leave empty to keep");

    await user.clear(within(dialog).getByLabelText("Username"));
    await user.type(within(dialog).getByLabelText("Username"), "robot-deploy");
    await user.click(within(dialog).getByRole("button", { name: "Save registry" }));

    await waitFor(() => expect(sent).toHaveBeenCalledTimes(1));
    expect(sent).toHaveBeenCalledWith({
      id: "r-1",
      input: {
        name: "Harbor",
        hostname: "harbor.example.com",
        aliases: ["harbor-mirror.example.com"],
        username: "robot-deploy",
      },
    });
    expect(sent.mock.calls[0]?.[0]).not.toHaveProperty("input.password");
  });

  it("sends a password only when one was typed", async () => {
    const user = userEvent.setup();
    const sent = vi.fn();
    renderWithApp(<RegistriesPanel />, { viewer: aViewer(), mocks: [registriesMock, updateMock(sent)] });
    await user.click(await screen.findByRole("button", { name: "Edit registry Harbor" }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText("Password or token"), "n3w-t0ken");
    await user.click(within(dialog).getByRole("button", { name: "Save registry" }));
    await waitFor(() => expect(sent).toHaveBeenCalledTimes(1));
    expect(sent.mock.calls[0]?.[0]).toMatchObject({ input: { password: "n3w-t0ken" } });
  });

  it("hides changes from viewers without registry:write", async () => {
    renderWithApp(<RegistriesPanel />, { viewer: aViewer({ role: "read_only" }), mocks: [registriesMock] });
    await screen.findByRole("table", { name: "Registries" });
    expect(screen.queryByRole("button", { name: "New registry" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /edit registry/i })).not.toBeInTheDocument();
  });
});
