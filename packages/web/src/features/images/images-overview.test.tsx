import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { aClusterImage, aVerdictReason, aViewer, quietVerdictFeed } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import userEvent from "@testing-library/user-event";
import { ClusterOptionsDocument } from "../clusters/clusters.graphql";
import { ComplianceSummaryDocument } from "../compliance/compliance.graphql";
import { ClusterNamespacesDocument } from "../workloads/workloads.graphql";
import { ImagesDocument, VerdictChangedDocument } from "./images.graphql";
import { ImagesOverview } from "./images-overview";

const clusterOptions = {
  request: { query: ClusterOptionsDocument },
  result: { data: { clusters: [{ __typename: "Cluster" as const, id: "c-1", name: "prod-eu-1" }] } },
  maxUsageCount: 5,
};

const page = (nodes: ReturnType<typeof aClusterImage>[]) => ({
  data: {
    images: {
      __typename: "ImageConnection" as const,
      totalCount: nodes.length,
      nodes,
      pageInfo: {
        __typename: "PageInfo" as const,
        endCursor: nodes.length ? String(nodes.length) : null,
        hasNextPage: false,
      },
    },
  },
});

const firstPage = { filter: {}, first: 50, after: null };

describe("ImagesOverview", () => {
  it("shows each image's verdict with a short summary of its reasons", async () => {
    renderWithApp(<ImagesOverview />, {
      viewer: aViewer({ role: "read_only" }),
      route: "/images",
      mocks: [
        clusterOptions,
        quietVerdictFeed(),
        {
          request: { query: ImagesDocument, variables: firstPage },
          result: page([
            aClusterImage({
              reasons: [
                aVerdictReason({ count: 2, severity: "high" }),
                aVerdictReason({ count: 1, severity: "critical" }),
              ],
            }),
            aClusterImage({ imageId: "i-2", name: "redis", tag: "7.2", status: "compliant" }),
          ]),
        },
      ],
    });
    const table = await screen.findByRole("table", { name: "Images" });
    const [, nginx, redis] = within(table).getAllByRole("row");
    expect(within(nginx!).getByRole("link", { name: "nginx:1.25" })).toHaveAttribute("href", "/images/i-1?cluster=c-1");
    expect(nginx).toHaveTextContent("Non-compliant");
    expect(nginx).toHaveTextContent("1 fixable critical > 0; 2 fixable high > 0");
    expect(within(nginx!).getByRole("list", { name: "Findings by severity" })).toHaveTextContent(
      "2 high: 2 fixable, 0 unfixable",
    );
    expect(redis).toHaveTextContent("Compliant");
    expect(screen.getByText("1–2 of 2 images")).toBeInTheDocument();
  });

  it("refetches when a verdict changes, so an image turns compliant without a reload", async () => {
    const refetched = vi.fn(() => page([aClusterImage({ status: "compliant" })]));
    renderWithApp(<ImagesOverview />, {
      viewer: aViewer(),
      route: "/images",
      mocks: [
        clusterOptions,
        { request: { query: ImagesDocument, variables: firstPage }, result: page([aClusterImage()]) },
        {
          request: { query: VerdictChangedDocument, variables: { clusterId: null, imageId: null } },
          result: {
            data: {
              verdictChanged: {
                __typename: "VerdictChange" as const,
                imageId: "i-1",
                clusterId: "c-1",
                status: "compliant" as const,
                previousStatus: "non_compliant" as const,
                computedAt: "2026-11-27T10:00:00.000Z",
              },
            },
          },
          delay: 100,
        },
        { request: { query: ImagesDocument, variables: firstPage }, result: refetched },
      ],
    });
    const table = await screen.findByRole("table", { name: "Images" });
    expect(within(table).getAllByRole("row")[1]).toHaveTextContent("Non-compliant");

    await waitFor(() => expect(refetched).toHaveBeenCalledTimes(1), { timeout: 3000 });
    await waitFor(() => expect(within(table).getAllByRole("row")[1]).toHaveTextContent("Compliant"));
    expect(within(table).getAllByRole("row")[1]).not.toHaveTextContent("Non-compliant");
    expect(within(table).getAllByRole("row")[1]).not.toHaveTextContent("fixable high > 0");
  });

  it("filters by a namespace typed by hand when no cluster is chosen", async () => {
    const user = userEvent.setup();
    const filtered = vi.fn(() => page([aClusterImage({ imageId: "i-9", name: "shop-api" })]));
    renderWithApp(<ImagesOverview />, {
      viewer: aViewer(),
      route: "/images",
      mocks: [
        clusterOptions,
        quietVerdictFeed(),
        { request: { query: ImagesDocument, variables: firstPage }, result: page([aClusterImage()]) },
        {
          request: { query: ImagesDocument, variables: { ...firstPage, filter: { namespace: "shop" } } },
          result: filtered,
        },
      ],
    });
    await screen.findByRole("table", { name: "Images" });
    await user.type(screen.getByRole("textbox", { name: "Namespace" }), "shop");
    expect(await screen.findByRole("link", { name: "shop-api:1.25" })).toBeInTheDocument();
    expect(filtered).toHaveBeenCalledTimes(1);
  });

  it("offers the chosen cluster's namespaces", async () => {
    const user = userEvent.setup();
    const filtered = vi.fn(() => page([aClusterImage({ imageId: "i-9", name: "ledger" })]));
    const inCluster = { ...firstPage, filter: { clusterId: "c-1" } };
    renderWithApp(<ImagesOverview />, {
      viewer: aViewer(),
      route: "/images?cluster=c-1",
      mocks: [
        clusterOptions,
        quietVerdictFeed(),
        {
          request: { query: ComplianceSummaryDocument, variables: { clusterId: "c-1" } },
          result: { data: null },
          delay: 10 * 60_000,
        },
        {
          request: { query: ClusterNamespacesDocument, variables: { id: "c-1" } },
          result: {
            data: {
              cluster: {
                __typename: "Cluster",
                id: "c-1",
                namespaces: ["payments", "shop"].map((name) => ({
                  __typename: "KubeNamespace",
                  name,
                  uid: `uid-${name}`,
                  labels: {},
                  createdAt: null,
                  lastSeenAt: "2026-11-27T10:00:00.000Z",
                  podCount: 1,
                })),
              },
            },
          },
        },
        { request: { query: ImagesDocument, variables: inCluster }, result: page([aClusterImage()]) },
        {
          request: {
            query: ImagesDocument,
            variables: { ...inCluster, filter: { clusterId: "c-1", namespace: "payments" } },
          },
          result: filtered,
        },
      ],
    });
    await screen.findByRole("table", { name: "Images" });
    const select = await screen.findByRole("combobox", { name: "Namespace" });
    await waitFor(() => expect(within(select).getByRole("option", { name: "payments" })).toBeInTheDocument());
    await user.selectOptions(select, "payments");
    expect(await screen.findByRole("link", { name: "ledger:1.25" })).toBeInTheDocument();
    expect(filtered).toHaveBeenCalledTimes(1);
  });

  it("explains how images arrive when there are none", async () => {
    renderWithApp(<ImagesOverview />, {
      viewer: aViewer(),
      route: "/images",
      mocks: [
        clusterOptions,
        quietVerdictFeed(),
        { request: { query: ImagesDocument, variables: firstPage }, result: page([]) },
      ],
    });
    const empty = await screen.findByRole("region", { name: "No images yet" });
    expect(empty).toHaveTextContent("ci_scan");
    expect(empty).toHaveTextContent("submitTrivyReport");
    expect(empty).toHaveTextContent("authorization: Bearer $BULWARK_API_KEY");
  });
});
