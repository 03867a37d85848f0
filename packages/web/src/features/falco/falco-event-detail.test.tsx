import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { aFalcoEvent, aFalcoEventDetail, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { ClusterOptionsDocument } from "../clusters/clusters.graphql";
import { FalcoEventDocument, FalcoRelatedEventsDocument, FalcoSignatureDaysDocument } from "./falco.graphql";
import { FalcoEventDetail, fieldText, outputFieldRows } from "./falco-event-detail";

const event = aFalcoEventDetail({ anomaly: true });

function days(counts: number[]) {
  return counts.map((count, index) => ({
    __typename: "FalcoDayCount",
    day: `2026-11-${String(14 + index).padStart(2, "0")}`,
    count,
  }));
}

const mocks = (related = [aFalcoEvent({ id: "fe-0", time: "2026-11-26T08:00:00.000Z", commandLine: "bash -il" })]) => [
  { request: { query: FalcoEventDocument, variables: { id: "fe-1" } }, result: { data: { falcoEvent: event } } },
  {
    request: { query: FalcoSignatureDaysDocument, variables: { signature: event.signature, days: 14 } },
    result: { data: { falcoSignatureDays: days([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3]) } },
  },
  {
    request: { query: FalcoRelatedEventsDocument, variables: { id: "fe-1", first: 20 } },
    result: { data: { falcoRelatedEvents: related } },
  },
  {
    request: { query: ClusterOptionsDocument },
    result: { data: { clusters: [{ __typename: "Cluster", id: "c-1", name: "prod-eu-1" }] } },
  },
];

describe("FalcoEventDetail", () => {
  it("shows every field, the output fields as Falco sent them, the signature's days and related events", async () => {
    renderWithApp(<FalcoEventDetail id="fe-1" />, { viewer: aViewer(), mocks: mocks() });

    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent(
      "Terminal shell in containerNoticeAnomaly",
    );
    const details = screen.getByRole("region", { name: "Details" });
    expect(details).toHaveTextContent("Namespaceshop");
    expect(details).toHaveTextContent("Imagenginx:1.25");
    expect(details).toHaveTextContent("Command linesh -c uptime");
    expect(details).toHaveTextContent("Falco's event id9a6f3c52-8d4e-4b1a-9f0e-2c7d5b8a1e34");
    expect(details).toHaveTextContent("Tagscontainershellmitre_execution");

    const fields = screen.getByRole("table", { name: "Output fields" });
    expect(within(fields).getByRole("row", { name: /^proc\.tty/ })).toHaveTextContent("34816");
    expect(within(fields).getByRole("row", { name: /^user\.loginuid/ })).toHaveTextContent("-1");
    expect(within(fields).getByRole("row", { name: /^container\.privileged/ })).toHaveTextContent("false");
    expect(within(fields).getByRole("row", { name: /^fd\.name/ })).toHaveTextContent("null");
    expect(
      within(fields)
        .getAllByRole("rowheader")
        .map((cell) => cell.textContent)[0],
    ).toBe("container.id");

    expect(
      await screen.findByRole("img", { name: /Events of this signature per day, last 14 days: 4 events/ }),
    ).toBeInTheDocument();
    const related = await screen.findByRole("table", { name: /Other events of the same signature/ });
    expect(related).toHaveTextContent("bash -il");
    expect(within(related).getAllByRole("link")[0]).toHaveAttribute("href", "/falco/events/fe-0");
    expect(screen.getByRole("link", { name: "All of them" })).toHaveAttribute(
      "href",
      `/clusters/c-1/falco?signature=${event.signature}`,
    );
  });

  it("starts a rule from the event for those who may write rules", async () => {
    const user = userEvent.setup();
    renderWithApp(<FalcoEventDetail id="fe-1" />, { viewer: aViewer(), mocks: mocks([]) });
    await user.click(await screen.findByRole("button", { name: "Silence or ignore events like this" }));
    const dialog = screen.getByRole("dialog", { name: "New rule" });
    expect(within(dialog).getByRole("textbox", { name: "Name" })).toHaveValue("Terminal shell in container in shop");
    expect(within(dialog).getByLabelText("Falco rule")).toHaveValue("Terminal shell in container");
    expect(within(dialog).getByLabelText("Image")).toHaveValue("nginx:1.25");
    expect(within(dialog).getByRole("list", { name: "Added tags" })).toHaveTextContent("shop");
    expect(await screen.findByRole("heading", { name: "No other events like it" })).toBeInTheDocument();
  });

  it("hides rule making from read-only viewers", async () => {
    renderWithApp(<FalcoEventDetail id="fe-1" />, { viewer: aViewer({ role: "read_only" }), mocks: mocks() });
    await screen.findByRole("heading", { level: 1 });
    expect(screen.queryByRole("button", { name: /Silence or ignore/ })).not.toBeInTheDocument();
  });

  it("says when the event does not exist", async () => {
    renderWithApp(<FalcoEventDetail id="fe-1" />, {
      viewer: aViewer(),
      mocks: [
        {
          request: { query: FalcoEventDocument, variables: { id: "fe-1" } },
          result: { errors: [new GraphQLError("Falco event not found", { extensions: { code: "NOT_FOUND" } })] },
        },
      ],
    });
    expect(await screen.findByRole("heading", { name: "This event does not exist" })).toBeInTheDocument();
  });
});

describe("output fields", () => {
  it("are sorted by name, with values as Falco sent them", () => {
    expect(outputFieldRows({ "b.x": 1, "a.y": "s" }).map((row) => row.name)).toEqual(["a.y", "b.x"]);
    expect(outputFieldRows(null)).toEqual([]);
    expect(outputFieldRows(["not", "fields"])).toEqual([]);
    expect(fieldText("text")).toBe("text");
    expect(fieldText(34816)).toBe("34816");
    expect(fieldText(true)).toBe("true");
    expect(fieldText({ nested: [1] })).toBe('{"nested":[1]}');
  });
});
