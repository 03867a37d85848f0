import { graphql } from "../../gql";

export const ExceptionListFieldsFragment = graphql(`
  fragment ExceptionListFields on Exception {
    id
    type
    status
    title
    temporary
    issueId
    imagePattern
    startsAt
    endsAt
    allClusters
    clusterIds
    allNamespaces
    namespaces
    allPolicies
    policyIds
    alternateSeverity
    createdByLabel
    createdAt
    updatedAt
  }
`);

export const ExceptionFieldsFragment = graphql(`
  fragment ExceptionFields on Exception {
    ...ExceptionListFields
    reason
    clusters {
      id
      name
    }
    policies {
      id
      name
    }
    scanner {
      id
      name
    }
  }
`);

export const ExceptionsDocument = graphql(`
  query Exceptions($filter: ExceptionFilter) {
    exceptions(filter: $filter) {
      ...ExceptionListFields
    }
  }
`);

export const ExceptionDocument = graphql(`
  query Exception($id: ID!) {
    exception(id: $id) {
      ...ExceptionFields
      comments {
        id
        authorLabel
        body
        createdAt
      }
      history {
        id
        action
        actorLabel
        at
        changes
      }
    }
  }
`);

/** The clusters and policies (with their scanners) an exception's scope can name. */
export const ExceptionScopeOptionsDocument = graphql(`
  query ExceptionScopeOptions {
    clusters {
      id
      name
    }
    policies {
      id
      name
      scanners {
        id
        name
      }
    }
  }
`);

export const RequestExceptionDocument = graphql(`
  mutation RequestException($input: ExceptionInput!) {
    requestException(input: $input) {
      ...ExceptionFields
    }
  }
`);

export const CreateExceptionDocument = graphql(`
  mutation CreateException($input: ExceptionInput!) {
    createException(input: $input) {
      ...ExceptionFields
    }
  }
`);

export const UpdateExceptionDocument = graphql(`
  mutation UpdateException($id: ID!, $input: UpdateExceptionInput!) {
    updateException(id: $id, input: $input) {
      ...ExceptionFields
    }
  }
`);

export const ApproveExceptionDocument = graphql(`
  mutation ApproveException($id: ID!, $comment: String) {
    approveException(id: $id, comment: $comment) {
      ...ExceptionFields
    }
  }
`);

export const RejectExceptionDocument = graphql(`
  mutation RejectException($id: ID!, $comment: String) {
    rejectException(id: $id, comment: $comment) {
      ...ExceptionFields
    }
  }
`);

export const DeleteExceptionDocument = graphql(`
  mutation DeleteException($id: ID!) {
    deleteException(id: $id) {
      id
      title
    }
  }
`);

export const CommentOnExceptionDocument = graphql(`
  mutation CommentOnException($id: ID!, $body: String!) {
    commentOnException(id: $id, body: $body) {
      id
      authorLabel
      body
      createdAt
    }
  }
`);
