import { graphql } from "../../gql";

export const ViewerDocument = graphql(`
  query Viewer {
    me {
      authMethod
      permissions
      scopes
      user {
        id
        email
        name
        role
        active
        createdAt
        lastLoginAt
      }
    }
  }
`);

export const LoginDocument = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      user {
        id
        email
        name
      }
    }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);

export const SiteInfoDocument = graphql(`
  query SiteInfo {
    siteInfo {
      siteName
    }
  }
`);
