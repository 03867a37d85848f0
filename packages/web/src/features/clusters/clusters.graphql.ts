import { graphql } from "../../gql";

export const ClusterGroupFieldsFragment = graphql(`
  fragment ClusterGroupFields on ClusterGroup {
    id
    name
    description
    clusterCount
    createdAt
    updatedAt
  }
`);

export const ClusterFieldsFragment = graphql(`
  fragment ClusterFields on Cluster {
    id
    name
    description
    tags
    createdAt
    updatedAt
    group {
      id
      name
    }
    agentStatus
    agentLastSeenAt
    agentVersion
    kubernetesVersion
  }
`);

export const ClustersDocument = graphql(`
  query Clusters($filter: ClusterFilter) {
    clusters(filter: $filter) {
      ...ClusterFields
    }
  }
`);

export const ClusterDocument = graphql(`
  query Cluster($id: ID!) {
    cluster(id: $id) {
      ...ClusterFields
    }
  }
`);

export const ClusterGroupsDocument = graphql(`
  query ClusterGroups {
    clusterGroups {
      ...ClusterGroupFields
    }
  }
`);

export const CreateClusterDocument = graphql(`
  mutation CreateCluster($input: CreateClusterInput!) {
    createCluster(input: $input) {
      ...ClusterFields
    }
  }
`);

export const UpdateClusterDocument = graphql(`
  mutation UpdateCluster($id: ID!, $input: UpdateClusterInput!) {
    updateCluster(id: $id, input: $input) {
      ...ClusterFields
    }
  }
`);

export const DeleteClusterDocument = graphql(`
  mutation DeleteCluster($id: ID!) {
    deleteCluster(id: $id) {
      id
      name
    }
  }
`);

export const CreateClusterGroupDocument = graphql(`
  mutation CreateClusterGroup($input: ClusterGroupInput!) {
    createClusterGroup(input: $input) {
      ...ClusterGroupFields
    }
  }
`);

export const UpdateClusterGroupDocument = graphql(`
  mutation UpdateClusterGroup($id: ID!, $input: UpdateClusterGroupInput!) {
    updateClusterGroup(id: $id, input: $input) {
      ...ClusterGroupFields
    }
  }
`);

export const DeleteClusterGroupDocument = graphql(`
  mutation DeleteClusterGroup($id: ID!) {
    deleteClusterGroup(id: $id) {
      id
      name
    }
  }
`);

/** Cluster names for pickers and filters. */
export const ClusterOptionsDocument = graphql(`
  query ClusterOptions {
    clusters {
      id
      name
    }
  }
`);
