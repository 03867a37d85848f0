import { graphql } from "../../gql";

/** A cluster's agent as its last heartbeat left it; polled while waiting for an agent to connect. */
export const ClusterAgentStatusDocument = graphql(`
  query ClusterAgentStatus($id: ID!) {
    cluster(id: $id) {
      id
      name
      agentStatus
      agentLastSeenAt
      agentVersion
      kubernetesVersion
    }
  }
`);
