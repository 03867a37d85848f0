import { graphql } from "../../gql";

/*
 * The API limits query depth and counts every fragment spread as a level, so counts are selected
 * inline rather than through nested fragments.
 */

export const VerdictReasonFieldsFragment = graphql(`
  fragment VerdictReasonFields on VerdictReason {
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
  }
`);

export const ClusterImageFieldsFragment = graphql(`
  fragment ClusterImageFields on ClusterImage {
    tag
    running
    firstSeenAt
    lastSeenAt
    cluster {
      id
      name
    }
    image {
      id
      name
      reference
      registry
      repository
      digest
      lastScannedAt
    }
    verdict {
      status
      computedAt
      reasons {
        ...VerdictReasonFields
      }
    }
    counts {
      fixable {
        critical
        high
        medium
        low
        negligible
      }
      unfixable {
        critical
        high
        medium
        low
        negligible
      }
    }
  }
`);

export const ImagesDocument = graphql(`
  query Images($filter: ImageFilter, $first: Int!, $after: String) {
    images(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        ...ClusterImageFields
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const ImagesCsvDocument = graphql(`
  query ImagesCsv($filter: ImageFilter) {
    imagesCsv(filter: $filter)
  }
`);

export const ImageDocument = graphql(`
  query Image($id: ID!) {
    image(id: $id) {
      id
      name
      reference
      registry
      repository
      digest
      tags
      lastScannedAt
      createdAt
      clusters {
        tag
        running
        lastSeenAt
        cluster {
          id
          name
        }
        verdict {
          status
          computedAt
        }
      }
    }
  }
`);

export const ImageFindingsDocument = graphql(`
  query ImageFindings($id: ID!) {
    image(id: $id) {
      id
      latestScan {
        id
        createdAt
        submittedBy
        findings {
          id
          issueId
          packageName
          installedVersion
          fixedVersion
          severity
          fixable
          target
          packageClass
          packageType
          vulnerability {
            id
            title
            description
            primaryUrl
            cvss
            references
          }
        }
      }
    }
  }
`);

export const ImageScansDocument = graphql(`
  query ImageScans($id: ID!, $first: Int!) {
    image(id: $id) {
      id
      scans(first: $first) {
        id
        createdAt
        submittedBy
        status
        error
        scanner
        counts {
          fixable {
            critical
            high
            medium
            low
            negligible
          }
          unfixable {
            critical
            high
            medium
            low
            negligible
          }
        }
      }
    }
  }
`);

export const ImageComplianceDocument = graphql(`
  query ImageCompliance($id: ID!, $clusterId: ID!) {
    image(id: $id) {
      id
      compliance(clusterId: $clusterId) {
        status
        reasons {
          ...VerdictReasonFields
        }
        policies {
          policyId
          policyName
          enforced
          passed
          scanners {
            scannerId
            scannerName
            required
            passed
            counts {
              fixable {
                critical
                high
                medium
                low
                negligible
              }
              unfixable {
                critical
                high
                medium
                low
                negligible
              }
            }
          }
        }
        findings {
          findingId
          policyId
          scannerId
          countedSeverity
          excludedBy {
            id
            title
          }
          overriddenBy {
            id
            title
            alternateSeverity
          }
        }
      }
    }
  }
`);

export const ImageFindingsCsvDocument = graphql(`
  query ImageFindingsCsv($imageId: ID!, $clusterId: ID) {
    imageFindingsCsv(imageId: $imageId, clusterId: $clusterId)
  }
`);

export const VerdictChangedDocument = graphql(`
  subscription VerdictChanged($clusterId: ID, $imageId: ID) {
    verdictChanged(clusterId: $clusterId, imageId: $imageId) {
      imageId
      clusterId
      status
      previousStatus
      computedAt
    }
  }
`);

export const RequestRescanDocument = graphql(`
  mutation RequestRescan($imageId: ID!) {
    requestRescan(imageId: $imageId) {
      id
      status
      priority
      reference
    }
  }
`);
