import { graphql } from "../../gql";

export const AuditEntryFieldsFragment = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id
    at
    action
    actorLabel
    actorUserId
    actorApiKeyId
    entityType
    entityId
    outcome
    sourceIp
    userAgent
    before
    after
  }
`);

export const AuditEntriesDocument = graphql(`
  query AuditEntries($filter: AuditFilter, $first: Int!, $after: String) {
    auditEntries(filter: $filter, first: $first, after: $after) {
      nodes {
        ...AuditEntryFields
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const AuditEntryAddedDocument = graphql(`
  subscription AuditEntryAdded($filter: AuditFilter) {
    auditEntryAdded(filter: $filter) {
      ...AuditEntryFields
    }
  }
`);
