import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SiteInfoDocument, ViewerDocument } from "../features/auth/auth.graphql";
import { renderWithApp } from "../test/render";
import { LoginPage } from "./login-page";

const viewerMock = { request: { query: ViewerDocument }, result: { data: { me: null } }, maxUsageCount: 5 };
const siteMock = (siteName: string) => ({
  request: { query: SiteInfoDocument },
  result: { data: { siteInfo: { __typename: "SiteInfo" as const, siteName } } },
});

describe("LoginPage", () => {
  it("names the organisation when its site name is set", async () => {
    renderWithApp(<LoginPage />, { mocks: [viewerMock, siteMock("Acme Platform Security")] });
    expect(await screen.findByText("Acme Platform Security")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeInTheDocument();
  });
});
