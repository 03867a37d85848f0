import { graphql } from "../../gql";

export const ScanJobFieldsFragment = graphql(`
  fragment ScanJobFields on ScanJob {
    id
    reference
    reason
    priority
    status
    attempts
    maxAttempts
    lastError
    runAfter
    claimedBy
    leaseUntil
    requestedBy
    createdAt
    finishedAt
    image {
      id
      name
    }
  }
`);

export const ScanQueueDocument = graphql(`
  query ScanQueue($statuses: [ScanJobStatus!], $first: Int!) {
    scanQueueCounts {
      queued
      claimed
      done
      failed
    }
    scanJobs(statuses: $statuses, first: $first) {
      ...ScanJobFields
    }
  }
`);

export const RetryScanJobDocument = graphql(`
  mutation RetryScanJob($id: ID!) {
    retryScanJob(id: $id) {
      ...ScanJobFields
    }
  }
`);
