import { useMutation, useQuery } from "@apollo/client/react";
import {
  ApiKeyClusterOptionsDocument,
  ApiKeysDocument,
  CreateApiKeyDocument,
  RevokeApiKeyDocument,
} from "./api-keys.graphql";

export function useApiKeys(all: boolean) {
  return useQuery(ApiKeysDocument, { variables: { all } });
}

export function useApiKeyClusterOptions() {
  return useQuery(ApiKeyClusterOptionsDocument);
}

export function useCreateApiKey() {
  return useMutation(CreateApiKeyDocument, {
    // Both lists (yours and everyone's) are refetched when next shown.
    update(cache) {
      cache.evict({ id: "ROOT_QUERY", fieldName: "apiKeys" });
      cache.gc();
    },
  });
}

/** The revoked key comes back with its new status; the cache updates every list that shows it. */
export function useRevokeApiKey() {
  return useMutation(RevokeApiKeyDocument);
}
