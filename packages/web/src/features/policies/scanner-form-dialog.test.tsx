import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { AddScannerDocument } from "./policies.graphql";
import { ScannerFormDialog } from "./scanner-form-dialog";

const policy = { id: "p-1", name: "Production baseline" };
type Limits = Record<"critical" | "high" | "medium" | "low" | "negligible", number | null>;
const none: Limits = { critical: null, high: null, medium: null, low: null, negligible: null };

function savedScanner(thresholds: { fixable: Limits; unfixable: Limits }) {
  const limits = (values: Limits) => ({ __typename: "SeverityLimits" as const, ...values });
  return {
    data: {
      addScanner: {
        __typename: "Scanner" as const,
        id: "s-9",
        name: "Trivy",
        type: "trivy" as const,
        active: true,
        required: true,
        updatedAt: "2026-11-27T09:00:00.000Z",
        thresholds: {
          __typename: "Thresholds" as const,
          fixable: limits(thresholds.fixable),
          unfixable: limits(thresholds.unfixable),
        },
      },
    },
  };
}

const field = (dialog: HTMLElement, fixability: string, severity: string) =>
  within(dialog).getByRole("spinbutton", { name: `Most ${fixability} ${severity} findings` });

describe("ScannerFormDialog", () => {
  it("explains the ten limits and sends null for empty fields and numbers for filled ones", async () => {
    const user = userEvent.setup();
    const sent = vi.fn();
    renderWithApp(<ScannerFormDialog policy={policy} onClose={vi.fn()} />, {
      viewer: aViewer(),
      mocks: [
        {
          request: {
            query: AddScannerDocument,
            variables: (variables: Record<string, unknown>) => {
              sent(variables);
              return true;
            },
          },
          result: savedScanner({ fixable: { ...none, critical: 0, medium: 5 }, unfixable: { ...none, critical: 2 } }),
        },
      ],
    });
    const dialog = screen.getByRole("dialog", { name: "Add a scanner to Production baseline" });
    expect(dialog).toHaveTextContent("A threshold holds when the count ≤ the limit");
    expect(dialog).toHaveTextContent("Leave a field empty for no limit");
    expect(within(dialog).getAllByRole("spinbutton")).toHaveLength(10);

    // A new scanner starts from the default rule: fixable critical and high at 0.
    expect(field(dialog, "fixable", "critical")).toHaveValue(0);
    await user.clear(field(dialog, "fixable", "high"));
    await user.type(field(dialog, "fixable", "medium"), "5");
    await user.type(field(dialog, "unfixable", "critical"), "2");
    await user.click(within(dialog).getByRole("button", { name: "Add scanner" }));

    await waitFor(() => expect(sent).toHaveBeenCalledTimes(1));
    expect(sent).toHaveBeenCalledWith({
      policyId: "p-1",
      input: {
        name: "Trivy",
        type: "trivy",
        active: true,
        required: true,
        thresholds: {
          fixable: { critical: 0, high: null, medium: 5, low: null, negligible: null },
          unfixable: { critical: 2, high: null, medium: null, low: null, negligible: null },
        },
      },
    });
    expect(await screen.findByText("Scanner Trivy added to Production baseline")).toBeInTheDocument();
  });

  it("sends nothing while a limit is not a whole number from 0", async () => {
    const user = userEvent.setup();
    const sent = vi.fn();
    renderWithApp(<ScannerFormDialog policy={policy} onClose={vi.fn()} />, {
      viewer: aViewer(),
      mocks: [
        {
          request: { query: AddScannerDocument, variables: () => (sent(), true) },
          result: savedScanner({ fixable: none, unfixable: none }),
        },
      ],
    });
    const dialog = screen.getByRole("dialog");
    await user.type(field(dialog, "unfixable", "low"), "-1");
    await user.click(within(dialog).getByRole("button", { name: "Add scanner" }));
    expect(field(dialog, "unfixable", "low")).toHaveAccessibleDescription(/whole number from 0/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).not.toHaveBeenCalled();
  });

  it("shows the server's message next to the threshold it names", async () => {
    const user = userEvent.setup();
    renderWithApp(<ScannerFormDialog policy={policy} onClose={vi.fn()} />, {
      viewer: aViewer(),
      mocks: [
        {
          request: { query: AddScannerDocument, variables: () => true },
          result: {
            errors: [
              new GraphQLError("thresholds.fixable.medium must be at most 1000", {
                extensions: {
                  code: "BAD_USER_INPUT",
                  details: {
                    field: "thresholds.fixable.medium",
                    problems: [{ field: "thresholds.fixable.medium", message: "must be at most 1000" }],
                  },
                },
              }),
            ],
          },
        },
      ],
    });
    const dialog = screen.getByRole("dialog");
    await user.type(field(dialog, "fixable", "medium"), "5000");
    await user.click(within(dialog).getByRole("button", { name: "Add scanner" }));
    await waitFor(() => expect(field(dialog, "fixable", "medium")).toHaveAccessibleDescription(/must be at most 1000/));
    expect(field(dialog, "fixable", "medium")).toHaveValue(5000);
  });
});
