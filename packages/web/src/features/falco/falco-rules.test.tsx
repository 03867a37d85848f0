import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { aFalcoRule, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { ClusterOptionsDocument } from "../clusters/clusters.graphql";
import {
  CreateFalcoRuleDocument,
  DeleteFalcoRuleDocument,
  FalcoRulesDocument,
  UpdateFalcoRuleDocument,
} from "./falco.graphql";
import { FalcoRules } from "./falco-rules";

const builtIn = aFalcoRule({
  id: "fr-builtin",
  name: "Agent and system namespaces",
  rulePattern: null,
  imagePattern: null,
  namespaces: ["bulwark", "kube-system"],
  builtIn: true,
  createdBy: null,
});
const ciShells = aFalcoRule({ clusterIds: ["c-1"] });
const ended = aFalcoRule({
  id: "fr-ended",
  name: "Migration noise",
  action: "ignore",
  endsAt: "2026-10-01T00:00:00.000Z",
  active: false,
});

const rulesMock = (rules = [ended, ciShells, builtIn]) => ({
  request: { query: FalcoRulesDocument },
  result: { data: { falcoRules: rules } },
  maxUsageCount: 5,
});
const clustersMock = {
  request: { query: ClusterOptionsDocument },
  result: {
    data: {
      clusters: [
        { __typename: "Cluster", id: "c-1", name: "prod-eu-1" },
        { __typename: "Cluster", id: "c-2", name: "staging" },
      ],
    },
  },
  maxUsageCount: 5,
};

const rowOf = (name: string) => screen.getByRole("row", { name: new RegExp(name) });

describe("FalcoRules", () => {
  it("lists the built-in rule first and ended rules last, marked as ended, with their scope", async () => {
    renderWithApp(<FalcoRules />, { viewer: aViewer(), mocks: [rulesMock(), clustersMock] });
    const table = await screen.findByRole("table", { name: "Falco rules" });
    const names = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell")[0]?.textContent);
    expect(names[0]).toMatch(/^Agent and system namespacesBuilt-in/);
    expect(names[1]).toMatch(/^Shells in CI runners/);
    expect(names[2]).toMatch(/^Migration noise.*Ended after/);

    expect(rowOf("Migration noise")).toHaveClass("table__row--muted");
    expect(rowOf("Migration noise")).toHaveTextContent("IgnoreEnded");
    await waitFor(() => expect(rowOf("Shells in CI runners")).toHaveTextContent("prod-eu-1"));
    expect(rowOf("Shells in CI runners")).toHaveTextContent("ghcr.io/acme/ci-runner:*");
    expect(rowOf("Agent and system namespaces")).toHaveTextContent("bulwarkkube-system");
    expect(rowOf("Agent and system namespaces")).toHaveTextContent("Every rule");
  });

  it("never offers to delete the built-in rule", async () => {
    renderWithApp(<FalcoRules />, { viewer: aViewer(), mocks: [rulesMock(), clustersMock] });
    await screen.findByRole("table", { name: "Falco rules" });
    expect(screen.getByRole("button", { name: "Edit rule Agent and system namespaces" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete rule Agent and system namespaces" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Delete rule Shells in CI runners" })).toBeInTheDocument();
  });

  it("checks a new rule before creating it, then creates it", async () => {
    const user = userEvent.setup();
    const sent = vi.fn();
    const created = aFalcoRule({ id: "fr-new", name: "Noisy cron", action: "ignore", clusterIds: ["c-2"] });
    renderWithApp(<FalcoRules />, {
      viewer: aViewer(),
      mocks: [
        rulesMock(),
        clustersMock,
        {
          request: {
            query: CreateFalcoRuleDocument,
            variables: (variables: Record<string, unknown>) => {
              sent(variables);
              return true;
            },
          },
          result: { data: { createFalcoRule: created } },
        },
      ],
    });
    await screen.findByRole("table", { name: "Falco rules" });
    await user.click(screen.getByRole("button", { name: "New rule" }));
    const dialog = screen.getByRole("dialog", { name: "New rule" });

    await user.click(within(dialog).getByRole("radio", { name: /^Ignore/ }));
    await user.click(within(dialog).getByRole("button", { name: "Create rule" }));
    expect(within(dialog).getByLabelText(/^Name/)).toHaveAccessibleDescription(/Enter a name/);
    expect(within(dialog).getByLabelText("Falco rule")).toHaveAccessibleDescription(/would drop every event/);
    expect(sent).not.toHaveBeenCalled();

    await user.type(within(dialog).getByLabelText(/^Name/), "Noisy cron");
    await user.type(within(dialog).getByLabelText("Falco rule"), "Read sensitive file*");
    await user.click(within(dialog).getByRole("checkbox", { name: "All clusters" }));
    await user.click(within(dialog).getByRole("checkbox", { name: "staging" }));
    await user.click(within(dialog).getByRole("button", { name: "Create rule" }));

    await waitFor(() => expect(sent).toHaveBeenCalledTimes(1));
    expect(sent).toHaveBeenCalledWith({
      input: {
        name: "Noisy cron",
        action: "ignore",
        rulePattern: "Read sensitive file*",
        imagePattern: null,
        namespaces: [],
        clusterIds: ["c-2"],
        endsAt: null,
      },
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByText("Rule Noisy cron created")).toBeInTheDocument();
  });

  it("edits a rule, showing the server's objection next to its field", async () => {
    const user = userEvent.setup();
    renderWithApp(<FalcoRules />, {
      viewer: aViewer(),
      mocks: [
        rulesMock(),
        clustersMock,
        {
          request: { query: UpdateFalcoRuleDocument, variables: () => true },
          result: {
            errors: [
              new GraphQLError("imagePattern must be at most 500 characters", {
                extensions: { code: "BAD_USER_INPUT", details: { field: "input.imagePattern" } },
              }),
            ],
          },
        },
      ],
    });
    await user.click(await screen.findByRole("button", { name: "Edit rule Shells in CI runners" }));
    const dialog = screen.getByRole("dialog", { name: "Edit rule Shells in CI runners" });
    expect(within(dialog).getByLabelText("Image")).toHaveValue("ghcr.io/acme/ci-runner:*");
    expect(within(dialog).getByRole("checkbox", { name: "All namespaces" })).not.toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Save rule" }));
    expect(await within(dialog).findByText("imagePattern must be at most 500 characters")).toBeInTheDocument();
  });

  it("deletes a rule after asking", async () => {
    const user = userEvent.setup();
    const deleted = vi.fn(() => ({
      data: { deleteFalcoRule: { __typename: "FalcoRule", id: ciShells.id, name: ciShells.name } },
    }));
    renderWithApp(<FalcoRules />, {
      viewer: aViewer(),
      mocks: [
        rulesMock(),
        clustersMock,
        { request: { query: DeleteFalcoRuleDocument, variables: { id: ciShells.id } }, result: deleted },
      ],
    });
    await user.click(await screen.findByRole("button", { name: "Delete rule Shells in CI runners" }));
    const confirm = screen.getByRole("alertdialog", { name: "Delete rule Shells in CI runners?" });
    expect(confirm).toHaveTextContent("silenced may cause emails");
    await user.click(within(confirm).getByRole("button", { name: "Delete rule" }));
    await waitFor(() => expect(deleted).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByRole("row", { name: /Shells in CI runners/ })).not.toBeInTheDocument());
  });

  it("shows read-only viewers the rules without ways to change them", async () => {
    renderWithApp(<FalcoRules />, { viewer: aViewer({ role: "read_only" }), mocks: [rulesMock(), clustersMock] });
    await screen.findByRole("table", { name: "Falco rules" });
    expect(screen.getByText(/changing them needs the/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New rule" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^(Edit|Delete) rule/ })).not.toBeInTheDocument();
  });
});
