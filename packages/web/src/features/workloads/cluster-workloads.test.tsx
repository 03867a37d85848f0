import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { aPod, aPodContainer, aPodImage, aPodVerdict, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { ClusterWorkloads } from "./cluster-workloads";
import { ClusterNamespacesDocument, ClusterPodsDocument } from "./workloads.graphql";

const namespace = (name: string, podCount: number) => ({
  __typename: "KubeNamespace" as const,
  name,
  uid: `uid-${name}`,
  labels: {},
  createdAt: "2026-11-01T08:00:00.000Z",
  lastSeenAt: "2026-11-27T10:00:00.000Z",
  podCount,
});

const namespacesMock = (namespaces = [namespace("shop", 1), namespace("payments", 2)]) => ({
  request: { query: ClusterNamespacesDocument, variables: { id: "c-1" } },
  result: { data: { cluster: { __typename: "Cluster", id: "c-1", namespaces } } },
  maxUsageCount: 5,
});

const podsPage = (nodes: ReturnType<typeof aPod>[], totalCount = nodes.length) => ({
  data: {
    cluster: {
      __typename: "Cluster",
      id: "c-1",
      pods: {
        __typename: "KubePodConnection",
        totalCount,
        pageInfo: { __typename: "PageInfo", endCursor: String(nodes.length), hasNextPage: totalCount > nodes.length },
        nodes,
      },
    },
  },
});

const allPods = { id: "c-1", namespace: null, first: 50, after: null };

const shopPod = aPod({
  containers: [
    aPodContainer({
      name: "migrate",
      kind: "init",
      imageReference: "flyway/flyway:9",
      canonicalReference: "docker.io/flyway/flyway:9",
      image: null,
      verdict: null,
    }),
    aPodContainer({
      name: "web",
      kind: "app",
      image: aPodImage("i-1", "docker.io/library/nginx"),
      verdict: aPodVerdict("non_compliant", [{ policyName: "Baseline", severity: "high", count: 2, limit: 0 }]),
    }),
    aPodContainer({
      name: "debugger-x7",
      kind: "ephemeral",
      imageReference: "busybox:1.36",
      canonicalReference: "docker.io/library/busybox:1.36",
      image: aPodImage("i-2", "docker.io/library/busybox"),
    }),
  ],
});

describe("ClusterWorkloads", () => {
  it("shows every container of a pod with its kind, its image and the image's verdict", async () => {
    renderWithApp(<ClusterWorkloads clusterId="c-1" />, {
      viewer: aViewer({ role: "read_only" }),
      route: "/clusters/c-1/workloads",
      mocks: [
        namespacesMock(),
        { request: { query: ClusterPodsDocument, variables: allPods }, result: podsPage([shopPod]) },
      ],
    });

    const table = await screen.findByRole("table", { name: "Pods" });
    const [, row] = within(table).getAllByRole("row");
    expect(row).toHaveTextContent("web-5d9c7-x2x4z");
    expect(row).toHaveTextContent("shop");
    expect(row).toHaveTextContent("webDeployment");
    expect(row).toHaveTextContent("Running");
    expect(row).toHaveTextContent("node-a");

    const [init, app, ephemeral] = within(row!).getAllByTestId("pod-container");
    expect(init).toHaveTextContent("init");
    expect(init).toHaveTextContent("flyway/flyway:9");
    expect(init).toHaveTextContent("Not scanned yet");
    expect(within(init!).queryByRole("link")).not.toBeInTheDocument();

    expect(app).toHaveTextContent("app");
    expect(app).toHaveTextContent("Non-compliant");
    expect(app).toHaveTextContent("2 fixable high > 0");
    expect(within(app!).getByRole("link", { name: "nginx:1.25" })).toHaveAttribute("href", "/images/i-1?cluster=c-1");

    expect(ephemeral).toHaveTextContent("ephemeral");
    expect(ephemeral).toHaveTextContent("Compliant");
    expect(ephemeral).not.toHaveTextContent("Not scanned yet");
    expect(screen.getByText("1–1 of 1 pod")).toBeInTheDocument();
  });

  it("lists namespaces with their pod counts and filters the pods by one", async () => {
    const user = userEvent.setup();
    const paymentsPod = aPod({
      id: "pod-2",
      namespace: "payments",
      name: "ledger-0",
      ownerKind: "StatefulSet",
      ownerName: "ledger",
    });
    renderWithApp(<ClusterWorkloads clusterId="c-1" />, {
      viewer: aViewer(),
      route: "/clusters/c-1/workloads",
      mocks: [
        namespacesMock(),
        { request: { query: ClusterPodsDocument, variables: allPods }, result: podsPage([shopPod]) },
        {
          request: { query: ClusterPodsDocument, variables: { ...allPods, namespace: "payments" } },
          result: podsPage([paymentsPod]),
        },
      ],
    });

    const list = await screen.findByRole("navigation", { name: "Namespaces" });
    expect(within(list).getByRole("button", { name: /All namespaces/ })).toHaveAttribute("aria-pressed", "true");
    expect(within(list).getByRole("button", { name: /payments/ })).toHaveTextContent("2");
    await screen.findByRole("table", { name: "Pods" });

    await user.click(within(list).getByRole("button", { name: /payments/ }));
    expect(await screen.findByText("ledger-0")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Pods in payments" })).toBeInTheDocument();
    expect(within(list).getByRole("button", { name: /payments/ })).toHaveAttribute("aria-pressed", "true");
    await waitFor(() => expect(screen.queryByText("web-5d9c7-x2x4z")).not.toBeInTheDocument());
  });

  it("pages through pods with offset cursors", async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 50 }, (_, index) => aPod({ id: `p-${index}`, name: `web-${index}` }));
    renderWithApp(<ClusterWorkloads clusterId="c-1" />, {
      viewer: aViewer(),
      route: "/clusters/c-1/workloads",
      mocks: [
        namespacesMock([namespace("shop", 51)]),
        { request: { query: ClusterPodsDocument, variables: allPods }, result: podsPage(many, 51) },
        {
          request: { query: ClusterPodsDocument, variables: { ...allPods, after: "50" } },
          result: podsPage([aPod({ id: "p-50", name: "web-50" })], 51),
        },
      ],
    });
    expect(await screen.findByText("1–50 of 51 pods")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText("web-50")).toBeInTheDocument();
    expect(screen.getByText("51–51 of 51 pods")).toBeInTheDocument();
  });

  it("explains that the inventory comes from the agent when there is none", async () => {
    renderWithApp(<ClusterWorkloads clusterId="c-1" connectPath="/clusters/c-1/connect" />, {
      viewer: aViewer(),
      route: "/clusters/c-1/workloads",
      mocks: [
        namespacesMock([]),
        { request: { query: ClusterPodsDocument, variables: allPods }, result: podsPage([]) },
      ],
    });
    expect(await screen.findByRole("heading", { name: "No inventory yet" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Connect the agent" })).toHaveAttribute("href", "/clusters/c-1/connect");
  });
});
