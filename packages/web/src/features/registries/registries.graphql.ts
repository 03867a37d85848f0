import { graphql } from "../../gql";

export const RegistryFieldsFragment = graphql(`
  fragment RegistryFields on Registry {
    id
    name
    hostname
    aliases
    username
    hasPassword
    createdAt
    updatedAt
  }
`);

export const RegistriesDocument = graphql(`
  query Registries {
    registries {
      ...RegistryFields
    }
  }
`);

export const CreateRegistryDocument = graphql(`
  mutation CreateRegistry($input: CreateRegistryInput!) {
    createRegistry(input: $input) {
      ...RegistryFields
    }
  }
`);

export const UpdateRegistryDocument = graphql(`
  mutation UpdateRegistry($id: ID!, $input: UpdateRegistryInput!) {
    updateRegistry(id: $id, input: $input) {
      ...RegistryFields
    }
  }
`);

export const DeleteRegistryDocument = graphql(`
  mutation DeleteRegistry($id: ID!) {
    deleteRegistry(id: $id) {
      id
      name
    }
  }
`);
