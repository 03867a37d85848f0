import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { anException, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { ExceptionScopeOptionsDocument, RequestExceptionDocument } from "../exceptions/exceptions.graphql";
import type { Finding, Treatment } from "./findings";
import { FindingsPanel } from "./findings-panel";

const image = { id: "i-1", name: "nginx", registry: "docker.io", repository: "library/nginx" };
const cluster = { id: "c-1", name: "prod-eu-1" };

const finding = (id: string, issueId: string, packageName: string, severity: Finding["severity"]): Finding => ({
  id,
  issueId,
  packageName,
  installedVersion: "3.0.1",
  fixedVersion: "3.0.2",
  severity,
  fixable: true,
  target: "nginx (debian 12)",
  packageClass: "os-pkgs",
  packageType: "debian",
  vulnerability: {
    id: issueId,
    title: `${packageName}: a problem`,
    description: "",
    primaryUrl: `https://avd.aquasec.com/nvd/${issueId.toLowerCase()}`,
    cvss: null,
    references: [],
  },
});

const scan = {
  createdAt: "2026-11-27T07:00:00.000Z",
  submittedBy: "ci",
  findings: [
    finding("f-1", "CVE-2024-0002", "libcurl", "medium"),
    finding("f-2", "CVE-2024-0001", "openssl", "critical"),
    finding("f-3", "CVE-2024-0003", "zlib", "high"),
  ],
};

const scopeOptions = {
  request: { query: ExceptionScopeOptionsDocument },
  result: {
    data: {
      clusters: [
        { __typename: "Cluster" as const, id: "c-1", name: "prod-eu-1" },
        { __typename: "Cluster" as const, id: "c-2", name: "staging" },
      ],
      policies: [],
    },
  },
  maxUsageCount: 5,
};

beforeEach(() => {
  // Only the clock is fixed; timers stay real for the user events.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-27T15:30:00.000Z"));
});

afterEach(() => {
  vi.useRealTimers();
});

describe("FindingsPanel", () => {
  it("lists the worst findings first, with the advisory link and the exception that excluded one", () => {
    const treatments = new Map<string, Treatment>([
      ["f-3", { excludedBy: [{ id: "e-7", title: "Accepted zlib risk" }], overriddenBy: [] }],
      ["f-1", { excludedBy: [], overriddenBy: [{ id: "e-8", title: "Curl is sandboxed", countedAs: "low" }] }],
    ]);
    renderWithApp(<FindingsPanel image={image} scan={scan} cluster={cluster} treatments={treatments} />, {
      viewer: aViewer({ role: "read_only" }),
    });
    const rows = within(screen.getByRole("table")).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getAllByRole("cell")[2]?.textContent)).toEqual([
      expect.stringContaining("CVE-2024-0001"),
      expect.stringContaining("CVE-2024-0003"),
      expect.stringContaining("CVE-2024-0002"),
    ]);
    expect(within(rows[0]!).getByRole("link", { name: "CVE-2024-0001" })).toHaveAttribute(
      "href",
      "https://avd.aquasec.com/nvd/cve-2024-0001",
    );
    expect(rows[0]).toHaveTextContent("3.0.1 → 3.0.2");
    expect(rows[1]).toHaveTextContent("Excluded by Accepted zlib risk");
    expect(within(rows[1]!).getByRole("link", { name: "Accepted zlib risk" })).toHaveAttribute(
      "href",
      "/exceptions/e-7",
    );
    expect(rows[2]).toHaveTextContent("Counted as low by Curl is sandboxed");
  });

  it("lets a read-only viewer request an exception pre-filled from the finding, and sends requestException", async () => {
    const user = userEvent.setup();
    const sent = vi.fn();
    renderWithApp(<FindingsPanel image={image} scan={scan} cluster={cluster} treatments={new Map()} />, {
      viewer: aViewer({ role: "read_only" }),
      mocks: [
        scopeOptions,
        {
          request: {
            query: RequestExceptionDocument,
            variables: (variables: Record<string, unknown>) => {
              sent(variables);
              return true;
            },
          },
          result: { data: { requestException: anException() } },
        },
      ],
    });
    expect(screen.queryByRole("button", { name: /create exception/i })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Request exception for CVE-2024-0001 in openssl" }));

    const dialog = screen.getByRole("dialog", { name: "Request an exception" });
    expect(within(dialog).getByLabelText(/^title/i)).toHaveValue("CVE-2024-0001 in nginx");
    expect(within(dialog).getByLabelText("Issue id")).toHaveValue("CVE-2024-0001");
    expect(within(dialog).getByLabelText("Image pattern")).toHaveValue("docker.io/library/nginx");
    expect(within(dialog).getByRole("checkbox", { name: "All clusters" })).not.toBeChecked();
    expect(await within(dialog).findByRole("checkbox", { name: "prod-eu-1" })).toBeChecked();
    expect(within(dialog).getByRole("checkbox", { name: "staging" })).not.toBeChecked();
    expect(within(dialog).getByLabelText(/^first day/i)).toHaveValue("2026-11-27");

    await user.type(within(dialog).getByLabelText("Reason"), "Not reachable from the app");
    await user.type(within(dialog).getByLabelText("Last day"), "2026-12-31");
    await user.click(within(dialog).getByRole("button", { name: "Send request" }));

    await waitFor(() => expect(sent).toHaveBeenCalledTimes(1));
    expect(sent).toHaveBeenCalledWith({
      input: {
        type: "policy",
        title: "CVE-2024-0001 in nginx",
        reason: "Not reachable from the app",
        // The first day from midnight UTC; the end is the day after the last day, so it holds through it.
        startsAt: "2026-11-27T00:00:00.000Z",
        endsAt: "2027-01-01T00:00:00.000Z",
        allClusters: false,
        clusterIds: ["c-1"],
        allNamespaces: true,
        namespaces: [],
        allPolicies: true,
        policyIds: [],
        scannerId: null,
        issueId: "CVE-2024-0001",
        imagePattern: "docker.io/library/nginx",
        alternateSeverity: null,
      },
    });
    expect(await screen.findByText(/Exception requested: .*An administrator will review it/)).toBeInTheDocument();
  });

  it("offers administrators an active exception instead", () => {
    renderWithApp(<FindingsPanel image={image} scan={scan} cluster={cluster} treatments={new Map()} />, {
      viewer: aViewer({ role: "admin" }),
    });
    expect(screen.getByRole("button", { name: "Create exception for CVE-2024-0001 in openssl" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^request exception/i })).not.toBeInTheDocument();
  });
});
