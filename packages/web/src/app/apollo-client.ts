import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type Reference } from "@apollo/client";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { Kind, OperationTypeNode } from "graphql";
import { createClient, type Client } from "graphql-ws";
import type { AdmissionEventsQuery, AuditEntriesQuery, FalcoEventsQuery } from "../gql/graphql";
import type { ConnectionStatusStore } from "./connection-status";

/** Operations whose UNAUTHENTICATED errors belong to a form, not to an expired session. */
const OWN_AUTH_ERRORS = new Set(["Login"]);

type AuditConnection = AuditEntriesQuery["auditEntries"];
type AdmissionEventConnection = AdmissionEventsQuery["cluster"]["admissionEvents"];
type FalcoEventConnection = FalcoEventsQuery["falcoEvents"];

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // The detail page reads a cluster the list already loaded, then refreshes it.
          cluster: {
            read(existing: Reference | undefined, { args, toReference }) {
              return (
                existing ??
                (typeof args?.id === "string" ? toReference({ __typename: "Cluster", id: args.id }) : undefined)
              );
            },
          },
          image: {
            read(existing: Reference | undefined, { args, toReference }) {
              return (
                existing ??
                (typeof args?.id === "string" ? toReference({ __typename: "Image", id: args.id }) : undefined)
              );
            },
          },
          exception: {
            read(existing: Reference | undefined, { args, toReference }) {
              return (
                existing ??
                (typeof args?.id === "string" ? toReference({ __typename: "Exception", id: args.id }) : undefined)
              );
            },
          },
          falcoEvent: {
            read(existing: Reference | undefined, { args, toReference }) {
              return (
                existing ??
                (typeof args?.id === "string" ? toReference({ __typename: "FalcoEvent", id: args.id }) : undefined)
              );
            },
          },
          clusters: { keyArgs: ["filter"] },
          apiKeys: { keyArgs: ["all"] },
          // One list per filter; a page with `after` is appended, a first page replaces.
          auditEntries: {
            keyArgs: ["filter"],
            merge(existing: AuditConnection | undefined, incoming: AuditConnection, { args }) {
              if (!existing || !args?.after) return incoming;
              return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
            },
          },
          // The same, per page size too: the Falco overview reads one event where the tab reads pages.
          falcoEvents: {
            keyArgs: ["filter", "first"],
            merge(existing: FalcoEventConnection | undefined, incoming: FalcoEventConnection, { args }) {
              if (!existing || !args?.after) return incoming;
              return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
            },
          },
        },
      },
      Cluster: {
        fields: {
          // Like the audit log: one list per filter, later pages appended.
          admissionEvents: {
            keyArgs: ["filter"],
            merge(existing: AdmissionEventConnection | undefined, incoming: AdmissionEventConnection, { args }) {
              if (!existing || !args?.after) return incoming;
              return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
            },
          },
          namespaces: { merge: false },
        },
      },
      KubePod: { fields: { containers: { merge: false } } },
      AdmissionEvent: { fields: { images: { merge: false } } },
      Viewer: { keyFields: false, merge: true },
      OrganisationSettings: { keyFields: [] },
      // Lists and explanations without identities of their own: a newer answer replaces the older one.
      Image: {
        fields: {
          clusters: { merge: false },
          scans: { merge: false },
          compliance: { merge: false },
        },
      },
      Scan: { fields: { findings: { merge: false } } },
      // Values without an identity of their own: a newer answer replaces the older one field by field.
      FindingCounts: { merge: true },
      SeverityCounts: { merge: true },
      ImageVerdict: { merge: true },
      ComplianceSummary: { merge: true },
      VerdictCounts: { merge: true },
      Thresholds: { merge: true },
      SeverityLimits: { merge: true },
      ScanQueueCounts: { merge: true },
      AuditEntryConnection: { keyFields: false },
      AdmissionEventConnection: { keyFields: false },
      FalcoEventConnection: { keyFields: false },
      FalcoEvent: { fields: { outputFields: { merge: false } } },
      FalcoSettings: { keyFields: ["clusterId"] },
      KubePodConnection: { keyFields: false },
      AdmissionSettings: { merge: true },
      PageInfo: { keyFields: false },
      CreatedApiKey: { keyFields: false },
      LoginResult: { keyFields: false },
    },
  });
}

export function webSocketUrl(location: Pick<Location, "protocol" | "host">): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;
}

/** The close code of a WebSocket close event, if it is one. */
function closeCode(event: unknown): unknown {
  return typeof event === "object" && event !== null && "code" in event ? event.code : null;
}

/** graphql-ws client that reconnects with backoff and reports its state to the Live indicator. */
export function createSubscriptionClient(url: string, status: ConnectionStatusStore): Client {
  let connectedOnce = false;
  return createClient({
    url,
    lazy: true,
    lazyCloseTimeout: 3000,
    retryAttempts: Number.POSITIVE_INFINITY,
    // A refused sign-in (4401/4403) will not get better by retrying; anything else might.
    shouldRetry: (event) => {
      const code = closeCode(event);
      return code !== 4401 && code !== 4403;
    },
    retryWait: async (retries) => {
      const delay = Math.min(30_000, 1000 * 2 ** retries) * (0.75 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, delay));
    },
    on: {
      connecting: (isRetry) => status.set(isRetry || connectedOnce ? "reconnecting" : "connecting"),
      connected: () => {
        connectedOnce = true;
        status.set("live");
      },
      closed: (event) => {
        const code = closeCode(event);
        // 1000 is a normal close (no subscriptions left); 4401/4403 are refusals.
        if (code === 1000) status.set("idle");
        else if (code === 4401 || code === 4403) status.set("offline");
        else status.set(connectedOnce ? "reconnecting" : "connecting");
      },
    },
  });
}

type ClientOptions = {
  /** Called when the server says the session is gone (it expired or was ended elsewhere). */
  onUnauthenticated: () => void;
  connectionStatus: ConnectionStatusStore;
  /** Override for tests. */
  httpLink?: ApolloLink;
  wsLink?: ApolloLink;
};

/** Sends the user back to sign-in when any operation except sign-in itself reports UNAUTHENTICATED. */
export function createAuthErrorLink(onUnauthenticated: () => void): ApolloLink {
  return new ErrorLink(({ error, operation }) => {
    if (OWN_AUTH_ERRORS.has(operation.operationName ?? "")) return;
    if (CombinedGraphQLErrors.is(error) && error.errors.some((item) => item.extensions?.code === "UNAUTHENTICATED")) {
      onUnauthenticated();
    }
  });
}

export function createApolloClient({
  onUnauthenticated,
  connectionStatus,
  httpLink,
  wsLink,
}: ClientOptions): ApolloClient {
  const http = httpLink ?? new HttpLink({ uri: "/graphql", credentials: "same-origin" });
  const socket = wsLink ? null : createSubscriptionClient(webSocketUrl(window.location), connectionStatus);
  const ws = wsLink ?? new GraphQLWsLink(socket as Client);
  const transport = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    ws,
    http,
  );
  const client = new ApolloClient({
    cache: createCache(),
    link: ApolloLink.from([createAuthErrorLink(onUnauthenticated), transport]),
    defaultOptions: {
      watchQuery: { fetchPolicy: "cache-and-network", nextFetchPolicy: "cache-first" },
    },
  });
  // The socket authenticated with the cookie it opened with; after sign-in or sign-out it must reopen.
  const reopenSocket = async () => {
    socket?.terminate();
  };
  client.onClearStore(reopenSocket);
  client.onResetStore(reopenSocket);
  return client;
}
