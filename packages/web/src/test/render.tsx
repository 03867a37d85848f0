import type { ApolloLink } from "@apollo/client";
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes } from "react-router";
import { createCache } from "../app/apollo-client";
import { ConnectionStatusContext, createConnectionStatusStore, type ConnectionStatus } from "../app/connection-status";
import { NoticeProvider } from "../components/notices";
import { type Viewer, ViewerProvider } from "../features/auth/viewer";

type Options = {
  mocks?: ReadonlyArray<MockLink.MockedResponse>;
  link?: ApolloLink;
  /** A signed-in viewer; leave out for components that are used before sign-in. */
  viewer?: Viewer;
  route?: string;
  path?: string;
  connectionStatus?: ConnectionStatus;
};

/** Renders with the app's own cache policies, mocked GraphQL, a router and the notice area. */
export function renderWithApp(ui: ReactElement, options: Options = {}) {
  const { mocks = [], link, viewer, route = "/", path = "*", connectionStatus = "live" } = options;
  const status = createConnectionStatusStore(connectionStatus);
  const content = viewer ? <ViewerProvider viewer={viewer}>{ui}</ViewerProvider> : ui;
  return render(
    <MockedProvider mocks={mocks} cache={createCache()} {...(link ? { link } : {})}>
      <ConnectionStatusContext.Provider value={status}>
        <NoticeProvider>
          <MemoryRouter initialEntries={[route]}>
            <Routes>
              <Route path={path} element={content} />
              <Route path="/login" element={<p>Sign-in page</p>} />
            </Routes>
          </MemoryRouter>
        </NoticeProvider>
      </ConnectionStatusContext.Provider>
    </MockedProvider>,
  );
}
