import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { ClusterOptionsDocument } from "../clusters/clusters.graphql";
import { FalcoClusterSummaryDocument } from "./falco.graphql";
import { countsByPriority, FalcoOverview, startOfDay } from "./falco-overview";

const clustersMock = (clusters: Array<{ id: string; name: string }>) => ({
  request: { query: ClusterOptionsDocument },
  result: { data: { clusters: clusters.map((cluster) => ({ __typename: "Cluster", ...cluster })) } },
});

const summary = (
  clusterId: string,
  counts: Array<{ priority: string; count: number }>,
  latest: { id: string; rule: string } | null,
) => ({
  request: {
    query: FalcoClusterSummaryDocument,
    variables: (variables: Record<string, unknown>) => variables.clusterId === clusterId,
  },
  result: {
    data: {
      falcoPriorityTimeline: counts.map((item) => ({
        __typename: "FalcoPriorityCount",
        bucketStart: new Date().toISOString(),
        ...item,
      })),
      falcoEvents: {
        __typename: "FalcoEventConnection",
        nodes: latest
          ? [{ __typename: "FalcoEvent", ...latest, time: new Date().toISOString(), priority: "critical" }]
          : [],
        pageInfo: { __typename: "PageInfo", endCursor: null, hasNextPage: false },
      },
    },
  },
});

describe("FalcoOverview", () => {
  it("shows each cluster with today's events by priority and its latest event", async () => {
    renderWithApp(<FalcoOverview />, {
      viewer: aViewer(),
      mocks: [
        clustersMock([
          { id: "c-1", name: "prod-eu-1" },
          { id: "c-2", name: "staging" },
        ]),
        summary(
          "c-1",
          [
            { priority: "critical", count: 2 },
            { priority: "notice", count: 40 },
            { priority: "critical", count: 1 },
          ],
          { id: "fe-1", rule: "Read sensitive file untrusted" },
        ),
        summary("c-2", [], null),
      ],
    });

    const prod = await screen.findByRole("listitem", { name: "prod-eu-1" });
    expect(await within(prod).findByText("43")).toBeInTheDocument();
    expect(within(prod).getByRole("list", { name: "Events today in prod-eu-1 by priority" })).toHaveTextContent(
      "Critical 3Notice 40",
    );
    expect(within(prod).getByRole("link", { name: "Read sensitive file untrusted" })).toHaveAttribute(
      "href",
      "/falco/events/fe-1",
    );
    expect(within(prod).getByRole("link", { name: "prod-eu-1" })).toHaveAttribute("href", "/clusters/c-1/falco");

    const staging = screen.getByRole("listitem", { name: "staging" });
    expect(await within(staging).findByText(/No events yet/)).toBeInTheDocument();
    expect(within(staging).getByRole("link", { name: "Install Falco" })).toHaveAttribute(
      "href",
      "/clusters/c-2/falco/install",
    );
    expect(screen.getByRole("link", { name: "Rules" })).toHaveAttribute("href", "/falco/rules");
  });

  it("leads to the clusters page when there is no cluster", async () => {
    renderWithApp(<FalcoOverview />, { viewer: aViewer(), mocks: [clustersMock([])] });
    expect(await screen.findByRole("heading", { name: "No clusters yet" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to clusters" })).toHaveAttribute("href", "/clusters");
  });
});

describe("the overview's sums", () => {
  it("adds the buckets up per priority, highest first", () => {
    expect(
      countsByPriority([
        { priority: "notice", count: 2 },
        { priority: "alert", count: 1 },
        { priority: "notice", count: 3 },
      ]),
    ).toEqual({
      total: 6,
      byPriority: [
        { priority: "alert", count: 1 },
        { priority: "notice", count: 5 },
      ],
    });
  });

  it("counts today from local midnight", () => {
    const start = new Date(startOfDay(Date.parse("2026-11-27T15:00:00.000Z")));
    expect([start.getHours(), start.getMinutes(), start.getSeconds()]).toEqual([0, 0, 0]);
  });
});
