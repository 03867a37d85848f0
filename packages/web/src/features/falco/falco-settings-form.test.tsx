import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { FalcoSettingsInput } from "../../gql/graphql";
import { aFalcoSettings, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { UpdateFalcoSettingsDocument } from "./falco.graphql";
import { FalcoSettingsForm } from "./falco-settings-form";

const settings = aFalcoSettings();
const cluster = { id: "c-1", name: "prod-eu-1" };

/** A mutation mock that answers with the settings changed by exactly this input. */
function updateMock(input: FalcoSettingsInput) {
  const result = vi.fn(() => ({ data: { updateFalcoSettings: { ...settings, ...input } } }));
  return {
    mock: { request: { query: UpdateFalcoSettingsDocument, variables: { clusterId: "c-1", input } }, result },
    result,
  };
}

describe("FalcoSettingsForm", () => {
  it("sends only the settings that changed", async () => {
    const user = userEvent.setup();
    const { mock, result } = updateMock({
      minimumPriority: "notice",
      notifyAnomalies: true,
      recipients: "addresses",
      addresses: ["security@example.com"],
      summary: "daily",
    });
    renderWithApp(<FalcoSettingsForm cluster={cluster} settings={settings} />, { viewer: aViewer(), mocks: [mock] });

    const save = screen.getByRole("button", { name: "Save changes" });
    expect(save).toBeDisabled();
    expect(screen.getByLabelText("Email anomalies of priority")).toBeDisabled();

    await user.selectOptions(screen.getByLabelText("Keep events of priority"), "notice");
    await user.click(screen.getByRole("checkbox", { name: "Email about anomalies" }));
    expect(screen.getByLabelText("Email anomalies of priority")).toBeEnabled();
    await user.click(screen.getByRole("radio", { name: /^Daily/ }));
    await user.click(screen.getByRole("radio", { name: /^These addresses/ }));
    await user.click(save);
    // An address is needed before emails can go to addresses.
    expect(await screen.findByText("Add at least one address, or send to all administrators")).toBeInTheDocument();
    expect(result).not.toHaveBeenCalled();

    await user.type(screen.getByRole("textbox", { name: "Addresses" }), "security@example.com,");
    expect(screen.getByText("5 unsaved changes")).toBeInTheDocument();
    await user.click(save);

    await waitFor(() => expect(result).toHaveBeenCalledTimes(1));
    expect(await screen.findByText("Falco settings of prod-eu-1 saved")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Save changes" })).toBeDisabled());
  });

  it("asks before a shorter retention deletes events", async () => {
    const user = userEvent.setup();
    const { mock, result } = updateMock({ retentionDays: 7 });
    renderWithApp(<FalcoSettingsForm cluster={cluster} settings={settings} />, { viewer: aViewer(), mocks: [mock] });

    const days = screen.getByLabelText("Keep events for (days)");
    await user.clear(days);
    await user.type(days, "7");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    const confirm = screen.getByRole("alertdialog", { name: "Keep events of prod-eu-1 for 7 days?" });
    expect(confirm).toHaveTextContent("Events older than 7 days (they are kept 30 days now) are deleted");
    expect(result).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole("button", { name: "Shorten retention" }));
    await waitFor(() => expect(result).toHaveBeenCalledTimes(1));
  });

  it("checks the numbers of days before saving", async () => {
    const user = userEvent.setup();
    renderWithApp(<FalcoSettingsForm cluster={cluster} settings={settings} />, { viewer: aViewer() });
    const quiet = screen.getByLabelText("Anomaly window (days)");
    await user.clear(quiet);
    await user.type(quiet, "400");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(quiet).toHaveAccessibleDescription(/Use 1 to 365 days/);
  });

  it("shows the settings to read-only viewers without letting them change anything", () => {
    renderWithApp(
      <FalcoSettingsForm
        cluster={cluster}
        settings={aFalcoSettings({ lastSummaryAt: "2026-11-27T06:00:00.000Z", summary: "daily" })}
      />,
      { viewer: aViewer({ role: "read_only" }) },
    );
    expect(screen.getByText(/changing them needs the/)).toBeInTheDocument();
    expect(screen.getByLabelText("Keep events of priority")).toBeDisabled();
    expect(screen.getByRole("radio", { name: /^Daily/ })).toBeChecked();
    expect(screen.getByRole("radio", { name: /^Daily/ })).toBeDisabled();
    expect(screen.getByText(/The last summary was sent/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save changes" })).not.toBeInTheDocument();
  });
});
