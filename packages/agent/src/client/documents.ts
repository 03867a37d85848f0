/** The GraphQL operations the agent sends; names and fields are those of packages/api/schema.graphql. */

const SETTINGS_FIELDS = `
  enforcementEnabled
  mode
  unscannedImages
  exemptNamespaces
  staleSnapshotSeconds
  staleSnapshotAction
  failurePolicy
`;

const REASON_FIELDS = `
  policyId
  policyName
  scannerId
  scannerName
  severity
  fixable
  count
  limit
  issueIds
  blocking
`;

export const ADMISSION_SNAPSHOT = /* GraphQL */ `
  query AgentAdmissionSnapshot($ids: [ID!]) {
    admissionSnapshot(imageIds: $ids) {
      clusterId
      clusterName
      generatedAt
      settings {${SETTINGS_FIELDS}}
      registryAliases {
        hostname
        aliases
      }
      images {
        imageId
        registry
        repository
        digest
        tags
        verdicts {
          namespace
          status
          reasons {${REASON_FIELDS}}
        }
      }
    }
  }
`;

export const ADMISSION_CHANGED = /* GraphQL */ `
  subscription AgentAdmissionChanged {
    admissionChanged {
      clusterId
      imageIds
      at
    }
  }
`;

export const RECORD_ADMISSION_EVENTS = /* GraphQL */ `
  mutation AgentRecordAdmissionEvents($e: [AdmissionEventInput!]!) {
    recordAdmissionEvents(events: $e)
  }
`;

export const AGENT_HEARTBEAT = /* GraphQL */ `
  mutation AgentHeartbeat($i: AgentHeartbeatInput!) {
    agentHeartbeat(input: $i) {
      clusterId
      clusterName
      serverTime
      settings {${SETTINGS_FIELDS}}
    }
  }
`;

export const REPORT_INVENTORY = /* GraphQL */ `
  mutation AgentReportInventory($i: InventoryReportInput!) {
    reportInventory(input: $i) {
      namespaces
      pods
      scansQueued
    }
  }
`;

export const CLAIM_SCAN_JOBS = /* GraphQL */ `
  mutation AgentClaimScanJobs($i: ClaimScanJobsInput!) {
    claimScanJobs(input: $i) {
      id
      reference
      scanner
      attempts
      maxAttempts
      leaseUntil
      credentials {
        username
        password
      }
    }
  }
`;

export const COMPLETE_SCAN_JOB = /* GraphQL */ `
  mutation AgentCompleteScanJob($i: CompleteScanJobInput!) {
    completeScanJob(input: $i) {
      verdict {
        status
      }
    }
  }
`;

export const FAIL_SCAN_JOB = /* GraphQL */ `
  mutation AgentFailScanJob($i: FailScanJobInput!) {
    failScanJob(input: $i) {
      id
      status
    }
  }
`;

const COUNT_FIELDS = `
  critical
  high
  medium
  low
  negligible
`;

export const SUBMIT_TRIVY_REPORT = /* GraphQL */ `
  mutation CiSubmitTrivyReport($input: SubmitTrivyReportInput!) {
    submitTrivyReport(input: $input) {
      cluster {
        id
        name
      }
      image {
        id
        reference
        name
        registry
        repository
        digest
        tags
      }
      scan {
        id
        counts {
          fixable {${COUNT_FIELDS}}
          unfixable {${COUNT_FIELDS}}
        }
      }
      verdict {
        status
        reasons {${REASON_FIELDS}}
      }
    }
  }
`;
