import { graphql } from "../../gql";

export const AdmissionSettingsFieldsFragment = graphql(`
  fragment AdmissionSettingsFields on AdmissionSettings {
    enforcementEnabled
    mode
    unscannedImages
    exemptNamespaces
    staleSnapshotSeconds
    staleSnapshotAction
    failurePolicy
  }
`);

export const ClusterAdmissionSettingsDocument = graphql(`
  query ClusterAdmissionSettings($id: ID!) {
    cluster(id: $id) {
      id
      name
      admissionSettings {
        ...AdmissionSettingsFields
      }
    }
  }
`);

export const UpdateClusterAdmissionSettingsDocument = graphql(`
  mutation UpdateClusterAdmissionSettings($clusterId: ID!, $input: AdmissionSettingsInput!) {
    updateClusterAdmissionSettings(clusterId: $clusterId, input: $input) {
      id
      name
      admissionSettings {
        ...AdmissionSettingsFields
      }
    }
  }
`);

export const AdmissionEventFieldsFragment = graphql(`
  fragment AdmissionEventFields on AdmissionEvent {
    id
    at
    requestUid
    operation
    kind
    namespace
    name
    userName
    decision
    enforced
    mode
    message
    images {
      container
      kind
      reference
      status
    }
  }
`);

export const AdmissionEventsDocument = graphql(`
  query AdmissionEvents($clusterId: ID!, $filter: AdmissionEventFilter, $first: Int!, $after: String) {
    cluster(id: $clusterId) {
      id
      admissionEvents(filter: $filter, first: $first, after: $after) {
        nodes {
          ...AdmissionEventFields
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`);

export const AdmissionEventAddedDocument = graphql(`
  subscription AdmissionEventAdded($clusterId: ID!) {
    admissionEventAdded(clusterId: $clusterId) {
      ...AdmissionEventFields
    }
  }
`);
