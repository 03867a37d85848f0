/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    status\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdAt\n    cluster {\n      id\n      name\n    }\n    owner {\n      id\n      email\n      name\n    }\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys($all: Boolean!) {\n    apiKeys(all: $all) {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  query ApiKeyClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n": typeof types.ApiKeyClusterOptionsDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actorLabel\n    actorUserId\n    actorApiKeyId\n    entityType\n    entityId\n    outcome\n    sourceIp\n    userAgent\n    before\n    after\n  }\n": typeof types.AuditEntryFieldsFragmentDoc,
    "\n  query AuditEntries($filter: AuditFilter, $first: Int!, $after: String) {\n    auditEntries(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AuditEntryFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AuditEntriesDocument,
    "\n  subscription AuditEntryAdded($filter: AuditFilter) {\n    auditEntryAdded(filter: $filter) {\n      ...AuditEntryFields\n    }\n  }\n": typeof types.AuditEntryAddedDocument,
    "\n  query Viewer {\n    me {\n      authMethod\n      permissions\n      scopes\n      user {\n        id\n        email\n        name\n        role\n        active\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query SiteInfo {\n    siteInfo {\n      siteName\n    }\n  }\n": typeof types.SiteInfoDocument,
    "\n  fragment ClusterGroupFields on ClusterGroup {\n    id\n    name\n    description\n    clusterCount\n    createdAt\n    updatedAt\n  }\n": typeof types.ClusterGroupFieldsFragmentDoc,
    "\n  fragment ClusterFields on Cluster {\n    id\n    name\n    description\n    tags\n    createdAt\n    updatedAt\n    group {\n      id\n      name\n    }\n  }\n": typeof types.ClusterFieldsFragmentDoc,
    "\n  query Clusters($filter: ClusterFilter) {\n    clusters(filter: $filter) {\n      ...ClusterFields\n    }\n  }\n": typeof types.ClustersDocument,
    "\n  query Cluster($id: ID!) {\n    cluster(id: $id) {\n      ...ClusterFields\n    }\n  }\n": typeof types.ClusterDocument,
    "\n  query ClusterGroups {\n    clusterGroups {\n      ...ClusterGroupFields\n    }\n  }\n": typeof types.ClusterGroupsDocument,
    "\n  mutation CreateCluster($input: CreateClusterInput!) {\n    createCluster(input: $input) {\n      ...ClusterFields\n    }\n  }\n": typeof types.CreateClusterDocument,
    "\n  mutation UpdateCluster($id: ID!, $input: UpdateClusterInput!) {\n    updateCluster(id: $id, input: $input) {\n      ...ClusterFields\n    }\n  }\n": typeof types.UpdateClusterDocument,
    "\n  mutation DeleteCluster($id: ID!) {\n    deleteCluster(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.DeleteClusterDocument,
    "\n  mutation CreateClusterGroup($input: ClusterGroupInput!) {\n    createClusterGroup(input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n": typeof types.CreateClusterGroupDocument,
    "\n  mutation UpdateClusterGroup($id: ID!, $input: UpdateClusterGroupInput!) {\n    updateClusterGroup(id: $id, input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n": typeof types.UpdateClusterGroupDocument,
    "\n  mutation DeleteClusterGroup($id: ID!) {\n    deleteClusterGroup(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.DeleteClusterGroupDocument,
    "\n  query OrganisationSettings {\n    organisationSettings {\n      siteName\n      sessionTtlHours\n      updatedAt\n    }\n  }\n": typeof types.OrganisationSettingsDocument,
    "\n  mutation UpdateOrganisationSettings($input: UpdateOrganisationSettingsInput!) {\n    updateOrganisationSettings(input: $input) {\n      siteName\n      sessionTtlHours\n      updatedAt\n    }\n  }\n": typeof types.UpdateOrganisationSettingsDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    active\n    lastLoginAt\n    createdAt\n    updatedAt\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n      email\n    }\n  }\n": typeof types.SetUserPasswordDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      updatedAt\n    }\n  }\n": typeof types.ChangePasswordDocument,
};
const documents: Documents = {
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    status\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdAt\n    cluster {\n      id\n      name\n    }\n    owner {\n      id\n      email\n      name\n    }\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys($all: Boolean!) {\n    apiKeys(all: $all) {\n      ...ApiKeyFields\n    }\n  }\n": types.ApiKeysDocument,
    "\n  query ApiKeyClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n": types.ApiKeyClusterOptionsDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actorLabel\n    actorUserId\n    actorApiKeyId\n    entityType\n    entityId\n    outcome\n    sourceIp\n    userAgent\n    before\n    after\n  }\n": types.AuditEntryFieldsFragmentDoc,
    "\n  query AuditEntries($filter: AuditFilter, $first: Int!, $after: String) {\n    auditEntries(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AuditEntryFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AuditEntriesDocument,
    "\n  subscription AuditEntryAdded($filter: AuditFilter) {\n    auditEntryAdded(filter: $filter) {\n      ...AuditEntryFields\n    }\n  }\n": types.AuditEntryAddedDocument,
    "\n  query Viewer {\n    me {\n      authMethod\n      permissions\n      scopes\n      user {\n        id\n        email\n        name\n        role\n        active\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query SiteInfo {\n    siteInfo {\n      siteName\n    }\n  }\n": types.SiteInfoDocument,
    "\n  fragment ClusterGroupFields on ClusterGroup {\n    id\n    name\n    description\n    clusterCount\n    createdAt\n    updatedAt\n  }\n": types.ClusterGroupFieldsFragmentDoc,
    "\n  fragment ClusterFields on Cluster {\n    id\n    name\n    description\n    tags\n    createdAt\n    updatedAt\n    group {\n      id\n      name\n    }\n  }\n": types.ClusterFieldsFragmentDoc,
    "\n  query Clusters($filter: ClusterFilter) {\n    clusters(filter: $filter) {\n      ...ClusterFields\n    }\n  }\n": types.ClustersDocument,
    "\n  query Cluster($id: ID!) {\n    cluster(id: $id) {\n      ...ClusterFields\n    }\n  }\n": types.ClusterDocument,
    "\n  query ClusterGroups {\n    clusterGroups {\n      ...ClusterGroupFields\n    }\n  }\n": types.ClusterGroupsDocument,
    "\n  mutation CreateCluster($input: CreateClusterInput!) {\n    createCluster(input: $input) {\n      ...ClusterFields\n    }\n  }\n": types.CreateClusterDocument,
    "\n  mutation UpdateCluster($id: ID!, $input: UpdateClusterInput!) {\n    updateCluster(id: $id, input: $input) {\n      ...ClusterFields\n    }\n  }\n": types.UpdateClusterDocument,
    "\n  mutation DeleteCluster($id: ID!) {\n    deleteCluster(id: $id) {\n      id\n      name\n    }\n  }\n": types.DeleteClusterDocument,
    "\n  mutation CreateClusterGroup($input: ClusterGroupInput!) {\n    createClusterGroup(input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n": types.CreateClusterGroupDocument,
    "\n  mutation UpdateClusterGroup($id: ID!, $input: UpdateClusterGroupInput!) {\n    updateClusterGroup(id: $id, input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n": types.UpdateClusterGroupDocument,
    "\n  mutation DeleteClusterGroup($id: ID!) {\n    deleteClusterGroup(id: $id) {\n      id\n      name\n    }\n  }\n": types.DeleteClusterGroupDocument,
    "\n  query OrganisationSettings {\n    organisationSettings {\n      siteName\n      sessionTtlHours\n      updatedAt\n    }\n  }\n": types.OrganisationSettingsDocument,
    "\n  mutation UpdateOrganisationSettings($input: UpdateOrganisationSettingsInput!) {\n    updateOrganisationSettings(input: $input) {\n      siteName\n      sessionTtlHours\n      updatedAt\n    }\n  }\n": types.UpdateOrganisationSettingsDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    active\n    lastLoginAt\n    createdAt\n    updatedAt\n  }\n": types.UserFieldsFragmentDoc,
    "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n": types.UpdateUserDocument,
    "\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n      email\n    }\n  }\n": types.SetUserPasswordDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      updatedAt\n    }\n  }\n": types.ChangePasswordDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    status\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdAt\n    cluster {\n      id\n      name\n    }\n    owner {\n      id\n      email\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    status\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdAt\n    cluster {\n      id\n      name\n    }\n    owner {\n      id\n      email\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($all: Boolean!) {\n    apiKeys(all: $all) {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys($all: Boolean!) {\n    apiKeys(all: $all) {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeyClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query ApiKeyClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actorLabel\n    actorUserId\n    actorApiKeyId\n    entityType\n    entityId\n    outcome\n    sourceIp\n    userAgent\n    before\n    after\n  }\n"): (typeof documents)["\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actorLabel\n    actorUserId\n    actorApiKeyId\n    entityType\n    entityId\n    outcome\n    sourceIp\n    userAgent\n    before\n    after\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEntries($filter: AuditFilter, $first: Int!, $after: String) {\n    auditEntries(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AuditEntryFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEntries($filter: AuditFilter, $first: Int!, $after: String) {\n    auditEntries(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AuditEntryFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AuditEntryAdded($filter: AuditFilter) {\n    auditEntryAdded(filter: $filter) {\n      ...AuditEntryFields\n    }\n  }\n"): (typeof documents)["\n  subscription AuditEntryAdded($filter: AuditFilter) {\n    auditEntryAdded(filter: $filter) {\n      ...AuditEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      authMethod\n      permissions\n      scopes\n      user {\n        id\n        email\n        name\n        role\n        active\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      authMethod\n      permissions\n      scopes\n      user {\n        id\n        email\n        name\n        role\n        active\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteInfo {\n    siteInfo {\n      siteName\n    }\n  }\n"): (typeof documents)["\n  query SiteInfo {\n    siteInfo {\n      siteName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClusterGroupFields on ClusterGroup {\n    id\n    name\n    description\n    clusterCount\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment ClusterGroupFields on ClusterGroup {\n    id\n    name\n    description\n    clusterCount\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClusterFields on Cluster {\n    id\n    name\n    description\n    tags\n    createdAt\n    updatedAt\n    group {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ClusterFields on Cluster {\n    id\n    name\n    description\n    tags\n    createdAt\n    updatedAt\n    group {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Clusters($filter: ClusterFilter) {\n    clusters(filter: $filter) {\n      ...ClusterFields\n    }\n  }\n"): (typeof documents)["\n  query Clusters($filter: ClusterFilter) {\n    clusters(filter: $filter) {\n      ...ClusterFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Cluster($id: ID!) {\n    cluster(id: $id) {\n      ...ClusterFields\n    }\n  }\n"): (typeof documents)["\n  query Cluster($id: ID!) {\n    cluster(id: $id) {\n      ...ClusterFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClusterGroups {\n    clusterGroups {\n      ...ClusterGroupFields\n    }\n  }\n"): (typeof documents)["\n  query ClusterGroups {\n    clusterGroups {\n      ...ClusterGroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCluster($input: CreateClusterInput!) {\n    createCluster(input: $input) {\n      ...ClusterFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCluster($input: CreateClusterInput!) {\n    createCluster(input: $input) {\n      ...ClusterFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCluster($id: ID!, $input: UpdateClusterInput!) {\n    updateCluster(id: $id, input: $input) {\n      ...ClusterFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCluster($id: ID!, $input: UpdateClusterInput!) {\n    updateCluster(id: $id, input: $input) {\n      ...ClusterFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCluster($id: ID!) {\n    deleteCluster(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteCluster($id: ID!) {\n    deleteCluster(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateClusterGroup($input: ClusterGroupInput!) {\n    createClusterGroup(input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateClusterGroup($input: ClusterGroupInput!) {\n    createClusterGroup(input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateClusterGroup($id: ID!, $input: UpdateClusterGroupInput!) {\n    updateClusterGroup(id: $id, input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateClusterGroup($id: ID!, $input: UpdateClusterGroupInput!) {\n    updateClusterGroup(id: $id, input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteClusterGroup($id: ID!) {\n    deleteClusterGroup(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteClusterGroup($id: ID!) {\n    deleteClusterGroup(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganisationSettings {\n    organisationSettings {\n      siteName\n      sessionTtlHours\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query OrganisationSettings {\n    organisationSettings {\n      siteName\n      sessionTtlHours\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOrganisationSettings($input: UpdateOrganisationSettingsInput!) {\n    updateOrganisationSettings(input: $input) {\n      siteName\n      sessionTtlHours\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateOrganisationSettings($input: UpdateOrganisationSettingsInput!) {\n    updateOrganisationSettings(input: $input) {\n      siteName\n      sessionTtlHours\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    active\n    lastLoginAt\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    active\n    lastLoginAt\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n      email\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      updatedAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;