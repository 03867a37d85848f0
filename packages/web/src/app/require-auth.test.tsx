import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { ViewerDocument } from "../features/auth/auth.graphql";
import { useViewer } from "../features/auth/viewer";
import { aViewer } from "../test/builders";
import { createCache } from "./apollo-client";
import { RequireAuth } from "./require-auth";

function Protected() {
  return <p>Hello {useViewer().user.name}</p>;
}

function LoginProbe() {
  return <p>Sign-in page</p>;
}

function renderAt(path: string, me: ReturnType<typeof aViewer> | null) {
  const router = createMemoryRouter(
    [
      { path: "/login", element: <LoginProbe /> },
      {
        path: "/clusters/:id",
        element: (
          <RequireAuth>
            <Protected />
          </RequireAuth>
        ),
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <MockedProvider cache={createCache()} mocks={[{ request: { query: ViewerDocument }, result: { data: { me } } }]}>
      <RouterProvider router={router} />
    </MockedProvider>,
  );
  return router;
}

describe("RequireAuth", () => {
  it("sends an anonymous visitor to sign in, remembering where they were going", async () => {
    const router = renderAt("/clusters/c-1?tab=details", null);
    expect(await screen.findByText("Sign-in page")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.state).toEqual({ from: "/clusters/c-1?tab=details" });
  });

  it("renders the page for a signed-in viewer", async () => {
    renderAt("/clusters/c-1", aViewer());
    expect(await screen.findByText("Hello Ada Admin")).toBeInTheDocument();
  });
});
