import { ApolloLink } from "@apollo/client";
import { MockLink } from "@apollo/client/testing";
import { getMainDefinition } from "@apollo/client/utilities";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Kind, OperationTypeNode } from "graphql";
import { Subject } from "rxjs";
import { describe, expect, it } from "vitest";
import { anAuditEntry, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { AuditEntriesDocument } from "./audit.graphql";
import { AuditLog } from "./audit-log";

const older = anAuditEntry({ id: "a-1", action: "auth.login", at: "2026-11-20T08:00:00.000Z" });
const page = (nodes: unknown[], hasNextPage = false, endCursor: string | null = "cursor-1") => ({
  data: {
    auditEntries: {
      __typename: "AuditEntryConnection",
      nodes,
      pageInfo: { __typename: "PageInfo", endCursor, hasNextPage },
    },
  },
});

/** Queries answered by mocks; subscription events pushed by the test. */
function linkWith(mocks: ReadonlyArray<MockLink.MockedResponse>) {
  const events = new Subject<ApolloLink.Result>();
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    new ApolloLink(() => events.asObservable()),
    new MockLink(mocks),
  );
  return { link, events };
}

function rows() {
  return screen.getAllByTestId("audit-row");
}

describe("AuditLog", () => {
  it("prepends entries from the subscription as they arrive, highlighted", async () => {
    const { link, events } = linkWith([
      { request: { query: AuditEntriesDocument, variables: { filter: {}, first: 50 } }, result: page([older]) },
    ]);
    renderWithApp(<AuditLog />, { viewer: aViewer(), link });

    await screen.findByText("auth.login");
    expect(rows()).toHaveLength(1);
    expect(screen.getByText("Live")).toBeInTheDocument();

    const added = anAuditEntry({
      id: "a-2",
      action: "cluster.create",
      entityType: "cluster",
      at: "2026-11-20T09:00:00.000Z",
    });
    act(() => events.next({ data: { auditEntryAdded: added } }));

    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]).toHaveTextContent("cluster.create");
    expect(rows()[0]).toHaveClass("table__row--fresh");
    expect(rows()[1]).toHaveTextContent("auth.login");
  });

  it("leaves out live entries that do not match the active filters", async () => {
    const user = userEvent.setup();
    const clusterEntry = anAuditEntry({ id: "a-3", action: "cluster.update" });
    const { link, events } = linkWith([
      { request: { query: AuditEntriesDocument, variables: { filter: {}, first: 50 } }, result: page([older]) },
      {
        request: { query: AuditEntriesDocument, variables: { filter: { actionPrefix: "cluster." }, first: 50 } },
        result: page([clusterEntry]),
      },
    ]);
    renderWithApp(<AuditLog />, { viewer: aViewer(), link });
    await screen.findByText("auth.login");

    await user.type(screen.getByLabelText("Action starts with"), "cluster.");
    await screen.findByText("cluster.update");

    act(() => events.next({ data: { auditEntryAdded: anAuditEntry({ id: "a-4", action: "auth.logout" }) } }));
    act(() => events.next({ data: { auditEntryAdded: anAuditEntry({ id: "a-5", action: "cluster.delete" }) } }));

    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]).toHaveTextContent("cluster.delete");
    expect(screen.queryByText("auth.logout")).not.toBeInTheDocument();
  });

  it("loads older entries with the cursor and expands an entry to show before and after", async () => {
    const user = userEvent.setup();
    const oldest = anAuditEntry({
      id: "a-0",
      action: "cluster.update",
      at: "2026-11-19T08:00:00.000Z",
      before: { name: "old-name" },
      after: { name: "new-name" },
    });
    const { link } = linkWith([
      {
        request: { query: AuditEntriesDocument, variables: { filter: {}, first: 50 } },
        result: page([older], true, "cursor-1"),
      },
      {
        request: { query: AuditEntriesDocument, variables: { filter: {}, first: 50, after: "cursor-1" } },
        result: page([oldest], false, "cursor-2"),
      },
    ]);
    renderWithApp(<AuditLog />, { viewer: aViewer(), link });

    await user.click(await screen.findByRole("button", { name: "Load more" }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();

    const toggle = within(rows()[1]!).getByRole("button", { name: /show details of cluster\.update/i });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByText(/"old-name"/)).toBeInTheDocument();
    expect(screen.getByText(/"new-name"/)).toBeInTheDocument();
  });

  it("shows the connection state of the live feed", async () => {
    const { link } = linkWith([
      { request: { query: AuditEntriesDocument, variables: { filter: {}, first: 50 } }, result: page([]) },
    ]);
    renderWithApp(<AuditLog />, { viewer: aViewer(), link, connectionStatus: "reconnecting" });
    expect(await screen.findByRole("heading", { name: "No audit entries yet" })).toBeInTheDocument();
    expect(screen.getByText("Reconnecting…")).toBeInTheDocument();
  });
});
