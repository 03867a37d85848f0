import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { aViewer } from "../test/builders";
import { renderWithApp } from "../test/render";
import { SettingsPage } from "../pages/settings-page";
import { AppShell } from "./app-shell";

describe("navigation", () => {
  it("shows every area, the viewer and a sign-out button", () => {
    renderWithApp(<AppShell />, { viewer: aViewer({ role: "admin" }), route: "/clusters" });
    const nav = screen.getByRole("navigation", { name: "Main" });
    const labels = within(nav)
      .getAllByRole("link")
      .map((link) => link.textContent?.replace("No data", "").trim());
    expect(labels).toEqual([
      "Clusters",
      "Images",
      "Policies",
      "Exceptions",
      "Workloads",
      "Benchmarks",
      "Pentests",
      "KubeSec",
      "Gatekeeper",
      "Falco",
      "Settings",
    ]);
    expect(within(nav).getByRole("link", { name: /clusters/i })).toHaveClass("active");
    const banner = screen.getByRole("banner");
    expect(banner).toHaveTextContent("Ada Admin");
    expect(banner).toHaveTextContent("ada@example.com");
    expect(banner).toHaveTextContent("Admin");
    expect(within(banner).getByRole("button", { name: "Sign out" })).toBeInTheDocument();
  });

  it("hides the areas a viewer has no permission to read", () => {
    renderWithApp(<AppShell />, { viewer: aViewer({ permissions: ["api_key:own"] }), route: "/settings" });
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual(["Settings"]);
  });

  it("hides Users and Audit log in settings from a read-only viewer, who may still see registries and the scan queue", () => {
    renderWithApp(<SettingsPage />, { viewer: aViewer({ role: "read_only" }), route: "/settings" });
    const nav = screen.getByRole("navigation", { name: "Settings" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual(["Account", "API keys", "Registries", "Scan queue", "Organisation"]);
  });

  it("shows every settings section to an administrator", () => {
    renderWithApp(<SettingsPage />, { viewer: aViewer({ role: "admin" }), route: "/settings" });
    const nav = screen.getByRole("navigation", { name: "Settings" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual(["Account", "Users", "API keys", "Audit log", "Registries", "Scan queue", "Organisation"]);
  });
});
