import { ApolloLink } from "@apollo/client";
import { MockLink } from "@apollo/client/testing";
import { getMainDefinition } from "@apollo/client/utilities";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Kind, OperationTypeNode } from "graphql";
import { Subject } from "rxjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { aFalcoEvent, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { FalcoEventsCsvDocument, FalcoEventsDocument } from "./falco.graphql";
import { FalcoEventsTable } from "./falco-events-table";

const page = (nodes: unknown[], hasNextPage = false, endCursor: string | null = "cursor-1") => ({
  data: {
    falcoEvents: {
      __typename: "FalcoEventConnection",
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
  const push = (event: unknown) => act(() => events.next({ data: { falcoEventAdded: event } }));
  return { link, push };
}

const rows = () => screen.getAllByTestId("falco-row");
const firstPage = { filter: { clusterId: "c-1" }, first: 50 };
const older = aFalcoEvent({ id: "fe-1", time: "2026-11-27T10:00:00.000Z", rule: "Terminal shell in container" });

function renderTable(link: ApolloLink, options: { role?: "admin" | "read_only"; route?: string } = {}) {
  const role = options.role ?? "admin";
  return renderWithApp(
    <FalcoEventsTable
      clusterId="c-1"
      clusterName="prod-eu-1"
      namespaces={["shop"]}
      installPath={role === "admin" ? "/clusters/c-1/falco/install" : null}
    />,
    { viewer: aViewer({ role }), link, route: options.route ?? "/clusters/c-1/falco" },
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe("FalcoEventsTable", () => {
  it("shows each event with its priority, markers, workload, image and process, linked to its page", async () => {
    const anomaly = aFalcoEvent({
      id: "fe-2",
      time: "2026-11-27T10:05:00.000Z",
      priority: "critical",
      rule: "Read sensitive file untrusted",
      anomaly: true,
      silenced: true,
      image: "ghcr.io/acme/api:2.1",
      process: "cat",
      commandLine: "cat /etc/shadow",
      user: "www-data",
    });
    const { link } = linkWith([
      { request: { query: FalcoEventsDocument, variables: firstPage }, result: page([anomaly, older]) },
    ]);
    renderTable(link);

    await screen.findByText("Read sensitive file untrusted");
    const [first, second] = rows();
    expect(first).toHaveTextContent("Critical");
    expect(first).toHaveTextContent("Anomaly");
    expect(first).toHaveTextContent("Silenced");
    expect(first).toHaveTextContent("shop/web-5d9c7");
    expect(first).toHaveTextContent("ghcr.io/acme/api:2.1");
    expect(first).toHaveTextContent("cat as www-data");
    expect(first).toHaveTextContent("cat /etc/shadow");
    expect(within(first!).getByText("Critical")).toHaveClass("falco-priority--critical");
    expect(within(first!).getByRole("link", { name: "Read sensitive file untrusted" })).toHaveAttribute(
      "href",
      "/falco/events/fe-2",
    );
    expect(second).toHaveTextContent("Notice");
    expect(second).not.toHaveTextContent("Anomaly");
  });

  it("puts live events in their place at the top, highlighted for a moment, once each", async () => {
    const { link, push } = linkWith([
      { request: { query: FalcoEventsDocument, variables: firstPage }, result: page([older]) },
    ]);
    renderTable(link);
    await screen.findByText("Terminal shell in container");
    expect(screen.getByText("Live")).toBeInTheDocument();

    const added = aFalcoEvent({ id: "fe-9", time: "2026-11-27T10:10:00.000Z", rule: "Write below etc" });
    push(added);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]).toHaveTextContent("Write below etc");
    expect(rows()[0]).toHaveClass("table__row--fresh");
    expect(rows()[1]).not.toHaveClass("table__row--fresh");

    // A replay after a reconnect is shown once.
    push(added);
    expect(rows()).toHaveLength(2);

    // An event that happened earlier but arrived late takes its place by time.
    push(aFalcoEvent({ id: "fe-8", time: "2026-11-27T10:02:00.000Z", rule: "Late arrival" }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().map((row) => within(row).getAllByRole("link")[0]?.textContent)).toEqual([
      "Write below etc",
      "Late arrival",
      "Terminal shell in container",
    ]);
  });

  it("holds new events back while paused, counts them, and shows them on request", async () => {
    const user = userEvent.setup();
    const { link, push } = linkWith([
      { request: { query: FalcoEventsDocument, variables: firstPage }, result: page([older]) },
    ]);
    renderTable(link);
    await screen.findByText("Terminal shell in container");

    await user.click(screen.getByRole("button", { name: "Pause" }));
    expect(screen.getByText("Paused")).toBeInTheDocument();
    push(aFalcoEvent({ id: "fe-10", time: "2026-11-27T10:10:00.000Z", rule: "Launch privileged container" }));
    push(aFalcoEvent({ id: "fe-11", time: "2026-11-27T10:11:00.000Z", rule: "Contact K8S API server" }));
    expect(rows()).toHaveLength(1);
    const show = await screen.findByRole("button", { name: "2 new events" });

    await user.click(show);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[0]).toHaveTextContent("Contact K8S API server");
    expect(rows()[0]).toHaveClass("table__row--fresh");
    expect(screen.queryByRole("button", { name: /new event/ })).not.toBeInTheDocument();
    // Still paused until resumed.
    push(aFalcoEvent({ id: "fe-12", time: "2026-11-27T10:12:00.000Z", rule: "Clear log activities" }));
    expect(await screen.findByRole("button", { name: "1 new event" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Resume" }));
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.getByText("Live")).toBeInTheDocument();
    push(aFalcoEvent({ id: "fe-13", time: "2026-11-27T10:13:00.000Z", rule: "Netcat remote code execution" }));
    await waitFor(() => expect(rows()).toHaveLength(5));
  });

  it("keeps a live list to its newest rows, and Load more brings back those that gave way", async () => {
    const user = userEvent.setup();
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 8, 0) + minute * 60_000).toISOString();
    // MAX_LIVE_ROWS (500) events, newest first, at minutes 499 … 0.
    const shown = Array.from({ length: 500 }, (_, i) =>
      aFalcoEvent({ id: `fe-${String(499 - i).padStart(3, "0")}`, time: at(499 - i), rule: `Rule ${499 - i}` }),
    );
    const { link, push } = linkWith([
      { request: { query: FalcoEventsDocument, variables: firstPage }, result: page(shown) },
      // The catch-up read once the socket is live (this test outlasts its delay): nothing new.
      { request: { query: FalcoEventsDocument, variables: firstPage }, result: page(shown.slice(0, 50), true) },
      {
        request: { query: FalcoEventsDocument, variables: { ...firstPage, after: "cursor-after-fe-002" } },
        result: page(shown.slice(-2), false, "cursor-after-fe-000"),
      },
    ]);
    renderTable(link);
    await screen.findByText("Rule 499");
    expect(rows()).toHaveLength(500);
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();

    push(aFalcoEvent({ id: "fe-500", time: at(500), rule: "Rule 500" }));
    push(aFalcoEvent({ id: "fe-501", time: at(501), rule: "Rule 501" }));
    await screen.findByText("Rule 501");
    expect(rows()).toHaveLength(500);
    expect(rows()[0]).toHaveTextContent("Rule 501");
    expect(rows()[499]).toHaveTextContent("Rule 2");
    expect(screen.queryByText("Rule 1")).not.toBeInTheDocument();

    // The oldest gave way; Load more continues right after the last row kept.
    await user.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(rows()).toHaveLength(502));
    expect(rows()[501]).toHaveTextContent("Rule 0");

    // What the viewer loaded stays; only rows beyond it give way.
    push(aFalcoEvent({ id: "fe-502", time: at(502), rule: "Rule 502" }));
    await screen.findByText("Rule 502");
    expect(rows()).toHaveLength(502);
    expect(rows()[501]).toHaveTextContent("Rule 1");
  });

  it("filters by priority, keeps the filter in the address, and leaves out live events that do not match", async () => {
    const user = userEvent.setup();
    const error = aFalcoEvent({ id: "fe-5", priority: "error", rule: "Drop and execute new binary" });
    const { link, push } = linkWith([
      { request: { query: FalcoEventsDocument, variables: firstPage }, result: page([older]) },
      {
        request: {
          query: FalcoEventsDocument,
          variables: { ...firstPage, filter: { clusterId: "c-1", minPriority: "error" } },
        },
        result: page([error]),
      },
    ]);
    renderTable(link);
    await screen.findByText("Terminal shell in container");

    await user.selectOptions(screen.getByRole("combobox", { name: "Priority at least" }), "error");
    await screen.findByText("Drop and execute new binary");

    push(aFalcoEvent({ id: "fe-20", priority: "notice", time: "2026-11-27T11:00:00.000Z", rule: "Quiet one" }));
    push(aFalcoEvent({ id: "fe-21", priority: "critical", time: "2026-11-27T11:01:00.000Z", rule: "Loud one" }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]).toHaveTextContent("Loud one");
    expect(screen.queryByText("Quiet one")).not.toBeInTheDocument();
  });

  it("reads the filters from the address, and loads older events with the cursor", async () => {
    const user = userEvent.setup();
    const filter = { clusterId: "c-1", namespace: "shop", anomalyOnly: true };
    const oldest = aFalcoEvent({ id: "fe-0", time: "2026-11-26T09:00:00.000Z", rule: "Oldest", anomaly: true });
    const { link } = linkWith([
      {
        request: { query: FalcoEventsDocument, variables: { filter, first: 50 } },
        result: page([{ ...older, anomaly: true }], true, "cursor-1"),
      },
      {
        request: { query: FalcoEventsDocument, variables: { filter, first: 50, after: "cursor-1" } },
        result: page([oldest], false, "cursor-2"),
      },
    ]);
    renderTable(link, { route: "/clusters/c-1/falco?namespace=shop&anomalies=yes" });

    await screen.findByText("Terminal shell in container");
    expect(screen.getByRole("checkbox", { name: "Anomalies only" })).toBeChecked();
    expect(screen.getByRole("combobox", { name: "Namespace" })).toHaveValue("shop");

    await user.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[1]).toHaveTextContent("Oldest");
    expect(screen.getByText(/That is the oldest event matching these filters/)).toBeInTheDocument();
  });

  it("explains how to install Falco when the cluster has no events, to those who may", async () => {
    const { link } = linkWith([{ request: { query: FalcoEventsDocument, variables: firstPage }, result: page([]) }]);
    renderTable(link);
    expect(await screen.findByRole("heading", { name: "No Falco events yet" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Install Falco" })).toHaveAttribute("href", "/clusters/c-1/falco/install");
    expect(screen.queryByRole("button", { name: "Export CSV" })).not.toBeInTheDocument();
    expect(screen.queryByRole("search", { name: "Filter Falco events" })).not.toBeInTheDocument();
  });

  it("tells read-only viewers to ask an administrator", async () => {
    const { link } = linkWith([{ request: { query: FalcoEventsDocument, variables: firstPage }, result: page([]) }]);
    renderTable(link, { role: "read_only" });
    expect(await screen.findByText("Ask an administrator to install Falco in this cluster.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Install Falco" })).not.toBeInTheDocument();
  });

  it("exports the filtered events as CSV", async () => {
    const user = userEvent.setup();
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return "blob:falco";
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const csv = "time,priority,rule\n2026-11-27T10:00:00.000Z,notice,Terminal shell in container\n";
    const { link } = linkWith([
      { request: { query: FalcoEventsDocument, variables: firstPage }, result: page([older]) },
      {
        request: { query: FalcoEventsCsvDocument, variables: { filter: { clusterId: "c-1" } } },
        result: { data: { falcoEventsCsv: csv } },
      },
    ]);
    renderTable(link);
    await screen.findByText("Terminal shell in container");

    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const anchor = click.mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toMatch(/^bulwark-falco-events-prod-eu-1-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(await created[0]?.text()).toBe(csv);
  });
});
