import type { ApolloClient } from "@apollo/client";

/**
 * Refetches the queries on screen with one of these operation names. Unlike `refetchQueries` by
 * name, it is quiet about queries that are not on screen: those load fresh when they are opened.
 */
export function refetchActive(client: ApolloClient, names: readonly string[]): Promise<unknown> {
  const wanted = new Set(names);
  return client.refetchQueries({
    include: "active",
    onQueryUpdated: (query) => Boolean(query.queryName && wanted.has(query.queryName)),
  });
}
