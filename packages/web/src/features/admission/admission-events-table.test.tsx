import { ApolloLink } from "@apollo/client";
import { MockLink } from "@apollo/client/testing";
import { getMainDefinition } from "@apollo/client/utilities";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Kind, OperationTypeNode } from "graphql";
import { Subject } from "rxjs";
import { describe, expect, it } from "vitest";
import { anAdmissionEvent, anAdmissionImage, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { AdmissionEventsDocument } from "./admission.graphql";
import { AdmissionEventsTable } from "./admission-events-table";

const page = (nodes: unknown[], hasNextPage = false, endCursor: string | null = "10") => ({
  data: {
    cluster: {
      __typename: "Cluster",
      id: "c-1",
      admissionEvents: {
        __typename: "AdmissionEventConnection",
        nodes,
        pageInfo: { __typename: "PageInfo", endCursor, hasNextPage },
      },
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

const rows = () => screen.getAllByTestId("admission-row");
const firstPage = { clusterId: "c-1", filter: {}, first: 50 };

const older = anAdmissionEvent({ id: "10", name: "web-old", decision: "would_deny" });

describe("AdmissionEventsTable", () => {
  it("shows each decision with its resource, user and images", async () => {
    const { link } = linkWith([
      { request: { query: AdmissionEventsDocument, variables: firstPage }, result: page([older]) },
    ]);
    renderWithApp(<AdmissionEventsTable clusterId="c-1" namespaces={["shop"]} />, { viewer: aViewer(), link });

    await screen.findByText("web-old");
    const [row] = rows();
    expect(row).toHaveTextContent("Would deny");
    expect(row).toHaveTextContent("shop/web-old");
    expect(row).toHaveTextContent("Pod · create");
    expect(row).toHaveTextContent("system:serviceaccount:kube-system:replicaset-controller");
    expect(within(row!).getByRole("list", { name: "Images" })).toHaveTextContent("Non-compliantnginx:1.25");
    expect(row).toHaveTextContent(/2 fixable high > 0/);
  });

  it("puts decisions from the subscription on top as they arrive, highlighted, under the Live indicator", async () => {
    const { link, events } = linkWith([
      { request: { query: AdmissionEventsDocument, variables: firstPage }, result: page([older]) },
    ]);
    renderWithApp(<AdmissionEventsTable clusterId="c-1" namespaces={[]} />, { viewer: aViewer(), link });
    await screen.findByText("web-old");
    expect(screen.getByText("Live")).toBeInTheDocument();

    const added = anAdmissionEvent({
      id: "11",
      name: "api-7f9",
      decision: "denied",
      enforced: true,
      images: [
        anAdmissionImage({ container: "migrate", kind: "init", reference: "flyway:9", status: "unscanned" }),
        anAdmissionImage({ container: "api", reference: "shop/api:2.1", status: "compliant" }),
      ],
    });
    act(() => events.next({ data: { admissionEventAdded: added } }));

    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]).toHaveTextContent("api-7f9");
    expect(rows()[0]).toHaveTextContent("Denied");
    expect(rows()[0]).toHaveClass("table__row--fresh");
    expect(within(rows()[0]!).getByRole("list", { name: "Images" })).toHaveTextContent(/Not scannedinitflyway:9/);
    expect(rows()[1]).toHaveTextContent("web-old");
    expect(rows()[1]).not.toHaveClass("table__row--fresh");

    // The same decision twice (a reconnect replays it) is shown once.
    act(() => events.next({ data: { admissionEventAdded: added } }));
    expect(rows()).toHaveLength(2);
  });

  it("filters by decision, and leaves out live decisions that do not match", async () => {
    const user = userEvent.setup();
    const denied = anAdmissionEvent({ id: "9", name: "db-0", decision: "denied" });
    const { link, events } = linkWith([
      { request: { query: AdmissionEventsDocument, variables: firstPage }, result: page([older]) },
      {
        request: { query: AdmissionEventsDocument, variables: { ...firstPage, filter: { decision: "denied" } } },
        result: page([denied]),
      },
    ]);
    renderWithApp(<AdmissionEventsTable clusterId="c-1" namespaces={["shop"]} />, { viewer: aViewer(), link });
    await screen.findByText("web-old");

    await user.selectOptions(screen.getByRole("combobox", { name: "Decision" }), "denied");
    await screen.findByText("db-0");

    act(() =>
      events.next({ data: { admissionEventAdded: anAdmissionEvent({ id: "12", name: "ok-1", decision: "allowed" }) } }),
    );
    act(() =>
      events.next({ data: { admissionEventAdded: anAdmissionEvent({ id: "13", name: "bad-1", decision: "denied" }) } }),
    );

    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]).toHaveTextContent("bad-1");
    expect(screen.queryByText("ok-1")).not.toBeInTheDocument();
  });

  it("loads older decisions and expands one to show its whole message", async () => {
    const user = userEvent.setup();
    const oldest = anAdmissionEvent({
      id: "3",
      name: "cron-1",
      kind: "CronJob",
      message: "redis:6 is non-compliant: 1 fixable critical > 0 (Baseline); 4 fixable high > 0 (Baseline)",
    });
    const { link } = linkWith([
      { request: { query: AdmissionEventsDocument, variables: firstPage }, result: page([older], true, "10") },
      {
        request: { query: AdmissionEventsDocument, variables: { ...firstPage, after: "10" } },
        result: page([oldest], false, "3"),
      },
    ]);
    renderWithApp(<AdmissionEventsTable clusterId="c-1" namespaces={[]} />, { viewer: aViewer(), link });

    await user.click(await screen.findByRole("button", { name: "Load more" }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.getByText(/That is the oldest decision/)).toBeInTheDocument();

    const toggle = within(rows()[1]!).getByRole("button", { name: /show details of CronJob shop\/cron-1/i });
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("figure", { name: "Message" })).toHaveTextContent("4 fixable high > 0 (Baseline)");
  });

  it("says what will appear when there are no decisions yet", async () => {
    const { link } = linkWith([
      { request: { query: AdmissionEventsDocument, variables: firstPage }, result: page([]) },
    ]);
    renderWithApp(<AdmissionEventsTable clusterId="c-1" namespaces={[]} />, { viewer: aViewer(), link });
    expect(await screen.findByRole("heading", { name: "No admission decisions yet" })).toBeInTheDocument();
  });
});
