import { graphql } from "../../gql";

export const ComplianceSummaryDocument = graphql(`
  query ComplianceSummary($clusterId: ID!) {
    complianceSummary(clusterId: $clusterId) {
      total
      byVerdict {
        compliant
        nonCompliant
        unscanned
        scanFailed
      }
      bySeverity {
        severity
        fixable
        images
        findings
      }
    }
  }
`);
