import type { ApolloClient } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createBrowserRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { NoticeProvider } from "../components/notices";
import { ViewerDocument } from "../features/auth/auth.graphql";
import { createApolloClient } from "./apollo-client";
import { ConnectionStatusContext, createConnectionStatusStore } from "./connection-status";
import { appRoutes } from "./routes";

/** Everything the running app holds once: the GraphQL client, the router and the socket status. */
export function createAppServices() {
  const connectionStatus = createConnectionStatusStore();
  const client: ApolloClient = createApolloClient({
    connectionStatus,
    // The guard sees the viewer disappear and sends the user to sign in, remembering the page.
    onUnauthenticated: () => client.cache.writeQuery({ query: ViewerDocument, data: { me: null } }),
  });
  const router = createBrowserRouter(appRoutes);
  return { client, router, connectionStatus };
}

export function App({ services }: { services: ReturnType<typeof createAppServices> }) {
  return (
    <StrictMode>
      <ApolloProvider client={services.client}>
        <ConnectionStatusContext.Provider value={services.connectionStatus}>
          <NoticeProvider>
            <RouterProvider router={services.router} />
          </NoticeProvider>
        </ConnectionStatusContext.Provider>
      </ApolloProvider>
    </StrictMode>
  );
}
