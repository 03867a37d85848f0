import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import type { AdmissionSettingsInput } from "../../gql/graphql";
import { anAdmissionSettings, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { UpdateClusterAdmissionSettingsDocument } from "./admission.graphql";
import { AdmissionSettingsForm } from "./admission-settings-form";

const settings = anAdmissionSettings();
const cluster = { id: "c-1", name: "prod-eu-1", admissionSettings: settings };

/** A mutation mock that answers with the settings changed by exactly this input. */
function updateMock(input: AdmissionSettingsInput) {
  const result = vi.fn(() => ({
    data: {
      updateClusterAdmissionSettings: {
        __typename: "Cluster",
        id: "c-1",
        name: "prod-eu-1",
        admissionSettings: { ...settings, ...input },
      },
    },
  }));
  return {
    mock: {
      request: { query: UpdateClusterAdmissionSettingsDocument, variables: { clusterId: "c-1", input } },
      result,
    },
    result,
  };
}

describe("AdmissionSettingsForm", () => {
  it("sends only the settings that changed", async () => {
    const user = userEvent.setup();
    const { mock, result } = updateMock({
      mode: "warn",
      staleSnapshotSeconds: 300,
      exemptNamespaces: ["bulwark", "kube-system", "monitoring"],
    });
    renderWithApp(<AdmissionSettingsForm cluster={cluster} />, { viewer: aViewer(), mocks: [mock] });

    const save = screen.getByRole("button", { name: "Save changes" });
    expect(save).toBeDisabled();

    await user.click(screen.getByRole("radio", { name: /^Warn/ }));
    const seconds = screen.getByLabelText(/stale after/i);
    await user.clear(seconds);
    await user.type(seconds, "300");
    await user.type(screen.getByRole("textbox", { name: "Exempt namespaces" }), "monitoring,");
    expect(screen.getByText("3 unsaved changes")).toBeInTheDocument();

    await user.click(save);

    await waitFor(() => expect(result).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(await screen.findByText("Admission settings of prod-eu-1 saved")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Save changes" })).toBeDisabled());
    expect(screen.getByRole("radio", { name: /^Warn/ })).toBeChecked();
  });

  it("asks before turning enforcement on, saying that non-compliant pods will be refused", async () => {
    const user = userEvent.setup();
    const { mock, result } = updateMock({ enforcementEnabled: true });
    renderWithApp(<AdmissionSettingsForm cluster={cluster} />, { viewer: aViewer(), mocks: [mock] });

    await user.click(screen.getByRole("radio", { name: /^On: enforce/ }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    const dialog = screen.getByRole("alertdialog", { name: "Turn on enforcement in prod-eu-1?" });
    expect(dialog).toHaveTextContent(/non-compliant will be refused/);
    expect(result).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(result).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Turn on enforcement" }));
    await waitFor(() => expect(result).toHaveBeenCalledTimes(1));
    expect(await screen.findByText("Enforcing: deny")).toBeInTheDocument();
  });

  it("asks before switching the failure policy to Fail, explaining that it blocks pods while the webhook is down", async () => {
    const user = userEvent.setup();
    const { mock, result } = updateMock({ failurePolicy: "Fail" });
    renderWithApp(<AdmissionSettingsForm cluster={cluster} />, { viewer: aViewer(), mocks: [mock] });

    await user.click(screen.getByRole("radio", { name: /^Fail \(fail closed\)/ }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    const dialog = screen.getByRole("alertdialog", { name: "Switch prod-eu-1 to failure policy Fail?" });
    expect(dialog).toHaveTextContent(/refuses every pod creation/);
    expect(result).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Switch to Fail" }));
    await waitFor(() => expect(result).toHaveBeenCalledTimes(1));
  });

  it("does not ask when enforcement is turned off or the policy goes back to Ignore", async () => {
    const user = userEvent.setup();
    const enforcing = anAdmissionSettings({ enforcementEnabled: true, failurePolicy: "Fail" });
    const result = vi.fn(() => ({
      data: {
        updateClusterAdmissionSettings: {
          __typename: "Cluster",
          id: "c-1",
          name: "prod-eu-1",
          admissionSettings: { ...enforcing, enforcementEnabled: false, failurePolicy: "Ignore" },
        },
      },
    }));
    renderWithApp(<AdmissionSettingsForm cluster={{ ...cluster, admissionSettings: enforcing }} />, {
      viewer: aViewer(),
      mocks: [
        {
          request: {
            query: UpdateClusterAdmissionSettingsDocument,
            variables: { clusterId: "c-1", input: { enforcementEnabled: false, failurePolicy: "Ignore" } },
          },
          result,
        },
      ],
    });
    await user.click(screen.getByRole("radio", { name: /^Off: record only/ }));
    await user.click(screen.getByRole("radio", { name: /^Ignore/ }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(result).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
  });

  it("shows problems next to their fields: its own before sending, the server's after", async () => {
    const user = userEvent.setup();
    const result = vi.fn(() => ({
      errors: [
        new GraphQLError("staleSnapshotSeconds must be at most the agent's refresh period", {
          extensions: { code: "BAD_USER_INPUT", details: { field: "staleSnapshotSeconds" } },
        }),
      ],
    }));
    renderWithApp(<AdmissionSettingsForm cluster={cluster} />, {
      viewer: aViewer(),
      mocks: [
        {
          request: {
            query: UpdateClusterAdmissionSettingsDocument,
            variables: { clusterId: "c-1", input: { staleSnapshotSeconds: 7200 } },
          },
          result,
        },
      ],
    });
    const seconds = screen.getByLabelText(/stale after/i);
    await user.clear(seconds);
    await user.type(seconds, "30");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(seconds).toHaveAccessibleDescription(/60 to 86400 seconds/);
    expect(result).not.toHaveBeenCalled();

    await user.clear(seconds);
    await user.type(seconds, "7200");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(seconds).toHaveAccessibleDescription(/must be at most the agent's refresh period/));
    expect(seconds).toHaveValue(7200);
  });

  it("warns when kube-system or the agent's namespace is no longer exempt", async () => {
    const user = userEvent.setup();
    renderWithApp(<AdmissionSettingsForm cluster={cluster} />, { viewer: aViewer(), mocks: [] });
    expect(screen.queryByText(/is not exempt/)).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Remove tag kube-system" }));
    expect(screen.getByText(/is not exempt/)).toHaveTextContent("kube-system is not exempt");
  });

  it("is read-only without cluster:write", () => {
    renderWithApp(<AdmissionSettingsForm cluster={cluster} />, { viewer: aViewer({ role: "read_only" }), mocks: [] });
    expect(screen.getByText(/changing them needs the/)).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: /^On: enforce/ })).toBeDisabled();
    expect(screen.getByLabelText(/stale after/i)).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Save changes" })).not.toBeInTheDocument();
  });
});
