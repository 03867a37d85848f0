import { graphql } from "../../gql";

export const UserFieldsFragment = graphql(`
  fragment UserFields on User {
    id
    email
    name
    role
    active
    lastLoginAt
    createdAt
    updatedAt
  }
`);

export const UsersDocument = graphql(`
  query Users {
    users {
      ...UserFields
    }
  }
`);

export const CreateUserDocument = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...UserFields
    }
  }
`);

export const UpdateUserDocument = graphql(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      ...UserFields
    }
  }
`);

export const SetUserPasswordDocument = graphql(`
  mutation SetUserPassword($id: ID!, $password: String!) {
    setUserPassword(id: $id, password: $password) {
      id
      email
    }
  }
`);

export const ChangePasswordDocument = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      id
      updatedAt
    }
  }
`);
