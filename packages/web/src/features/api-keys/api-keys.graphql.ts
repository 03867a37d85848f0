import { graphql } from "../../gql";

export const ApiKeyFieldsFragment = graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    scopes
    status
    lastUsedAt
    expiresAt
    revokedAt
    createdAt
    cluster {
      id
      name
    }
    owner {
      id
      email
      name
    }
  }
`);

export const ApiKeysDocument = graphql(`
  query ApiKeys($all: Boolean!) {
    apiKeys(all: $all) {
      ...ApiKeyFields
    }
  }
`);

export const ApiKeyClusterOptionsDocument = graphql(`
  query ApiKeyClusterOptions {
    clusters {
      id
      name
    }
  }
`);

export const CreateApiKeyDocument = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        ...ApiKeyFields
      }
    }
  }
`);

export const RevokeApiKeyDocument = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyFields
    }
  }
`);
