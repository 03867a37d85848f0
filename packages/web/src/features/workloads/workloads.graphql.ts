import { graphql } from "../../gql";

export const ClusterNamespacesDocument = graphql(`
  query ClusterNamespaces($id: ID!) {
    cluster(id: $id) {
      id
      namespaces {
        name
        uid
        labels
        createdAt
        lastSeenAt
        podCount
      }
    }
  }
`);

export const ClusterPodsDocument = graphql(`
  query ClusterPods($id: ID!, $namespace: String, $first: Int!, $after: String) {
    cluster(id: $id) {
      id
      pods(namespace: $namespace, first: $first, after: $after) {
        totalCount
        pageInfo {
          endCursor
          hasNextPage
        }
        nodes {
          id
          uid
          namespace
          name
          phase
          nodeName
          ownerKind
          ownerName
          createdAt
          lastSeenAt
          containers {
            name
            kind
            imageReference
            canonicalReference
            image {
              id
              name
            }
            verdict {
              status
              reasons {
                policyName
                severity
                fixable
                count
                limit
                blocking
              }
            }
          }
        }
      }
    }
  }
`);
