import { graphql } from "../../gql";

export const ScannerFieldsFragment = graphql(`
  fragment ScannerFields on Scanner {
    id
    name
    type
    active
    required
    thresholds {
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
    updatedAt
  }
`);

export const PolicyFieldsFragment = graphql(`
  fragment PolicyFields on Policy {
    id
    name
    description
    active
    enforced
    allClusters
    clusters {
      id
      name
    }
    rescanPeriodDays
    graceDays
    createdAt
    updatedAt
    scanners {
      ...ScannerFields
    }
  }
`);

export const PoliciesDocument = graphql(`
  query Policies {
    policies {
      ...PolicyFields
    }
  }
`);

export const CreatePolicyDocument = graphql(`
  mutation CreatePolicy($input: CreatePolicyInput!) {
    createPolicy(input: $input) {
      ...PolicyFields
    }
  }
`);

export const UpdatePolicyDocument = graphql(`
  mutation UpdatePolicy($id: ID!, $input: UpdatePolicyInput!) {
    updatePolicy(id: $id, input: $input) {
      ...PolicyFields
    }
  }
`);

export const DeletePolicyDocument = graphql(`
  mutation DeletePolicy($id: ID!) {
    deletePolicy(id: $id) {
      id
      name
    }
  }
`);

export const AddScannerDocument = graphql(`
  mutation AddScanner($policyId: ID!, $input: ScannerInput!) {
    addScanner(policyId: $policyId, input: $input) {
      ...ScannerFields
    }
  }
`);

export const UpdateScannerDocument = graphql(`
  mutation UpdateScanner($id: ID!, $input: UpdateScannerInput!) {
    updateScanner(id: $id, input: $input) {
      ...ScannerFields
    }
  }
`);

export const DeleteScannerDocument = graphql(`
  mutation DeleteScanner($id: ID!) {
    deleteScanner(id: $id) {
      id
      name
    }
  }
`);
