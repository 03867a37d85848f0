import { graphql } from "../../gql";

/** An event as lists show it; the detail adds its output fields. */
export const FalcoEventFieldsFragment = graphql(`
  fragment FalcoEventFields on FalcoEvent {
    id
    clusterId
    clusterName
    time
    receivedAt
    priority
    rule
    source
    output
    hostname
    namespace
    pod
    container
    image
    process
    commandLine
    user
    tags
    signature
    anomaly
    silenced
    cursor
  }
`);

export const FalcoEventsDocument = graphql(`
  query FalcoEvents($filter: FalcoEventFilter, $first: Int!, $after: String) {
    falcoEvents(filter: $filter, first: $first, after: $after) {
      nodes {
        ...FalcoEventFields
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const FalcoEventAddedDocument = graphql(`
  subscription FalcoEventAdded($filter: FalcoEventFilter) {
    falcoEventAdded(filter: $filter) {
      ...FalcoEventFields
    }
  }
`);

export const FalcoEventDocument = graphql(`
  query FalcoEvent($id: ID!) {
    falcoEvent(id: $id) {
      ...FalcoEventFields
      uuid
      outputFields
    }
  }
`);

export const FalcoSignatureDaysDocument = graphql(`
  query FalcoSignatureDays($signature: String!, $days: Int!) {
    falcoSignatureDays(signature: $signature, days: $days) {
      day
      count
    }
  }
`);

export const FalcoRelatedEventsDocument = graphql(`
  query FalcoRelatedEvents($id: ID!, $first: Int!) {
    falcoRelatedEvents(id: $id, first: $first) {
      ...FalcoEventFields
    }
  }
`);

export const FalcoPriorityTimelineDocument = graphql(`
  query FalcoPriorityTimeline($clusterId: ID!, $since: DateTimeISO!, $until: DateTimeISO, $bucketMinutes: Int!) {
    falcoPriorityTimeline(clusterId: $clusterId, since: $since, until: $until, bucketMinutes: $bucketMinutes) {
      bucketStart
      priority
      count
    }
  }
`);

/** One cluster on the Falco overview: its events since a moment, and its latest event. */
export const FalcoClusterSummaryDocument = graphql(`
  query FalcoClusterSummary($clusterId: ID!, $since: DateTimeISO!) {
    falcoPriorityTimeline(clusterId: $clusterId, since: $since, bucketMinutes: 60) {
      bucketStart
      priority
      count
    }
    falcoEvents(filter: { clusterId: $clusterId }, first: 1) {
      nodes {
        id
        time
        priority
        rule
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const FalcoEventsCsvDocument = graphql(`
  query FalcoEventsCsv($filter: FalcoEventFilter) {
    falcoEventsCsv(filter: $filter)
  }
`);

export const FalcoRuleFieldsFragment = graphql(`
  fragment FalcoRuleFields on FalcoRule {
    id
    name
    action
    rulePattern
    imagePattern
    namespaces
    clusterIds
    endsAt
    builtIn
    active
    createdBy
    createdAt
    updatedAt
  }
`);

export const FalcoRulesDocument = graphql(`
  query FalcoRules {
    falcoRules {
      ...FalcoRuleFields
    }
  }
`);

export const CreateFalcoRuleDocument = graphql(`
  mutation CreateFalcoRule($input: FalcoRuleInput!) {
    createFalcoRule(input: $input) {
      ...FalcoRuleFields
    }
  }
`);

export const UpdateFalcoRuleDocument = graphql(`
  mutation UpdateFalcoRule($id: ID!, $input: FalcoRuleInput!) {
    updateFalcoRule(id: $id, input: $input) {
      ...FalcoRuleFields
    }
  }
`);

export const DeleteFalcoRuleDocument = graphql(`
  mutation DeleteFalcoRule($id: ID!) {
    deleteFalcoRule(id: $id) {
      id
      name
    }
  }
`);

export const FalcoSettingsFieldsFragment = graphql(`
  fragment FalcoSettingsFields on FalcoSettings {
    clusterId
    minimumPriority
    retentionDays
    anomalyWindowDays
    notifyAnomalies
    notifyMinPriority
    recipients
    addresses
    summary
    lastSummaryAt
  }
`);

export const FalcoSettingsDocument = graphql(`
  query FalcoSettings($clusterId: ID!) {
    falcoSettings(clusterId: $clusterId) {
      ...FalcoSettingsFields
    }
  }
`);

export const UpdateFalcoSettingsDocument = graphql(`
  mutation UpdateFalcoSettings($clusterId: ID!, $input: FalcoSettingsInput!) {
    updateFalcoSettings(clusterId: $clusterId, input: $input) {
      ...FalcoSettingsFields
    }
  }
`);
