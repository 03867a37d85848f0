import type {
  ApiKeyFieldsFragment,
  AuditEntryFieldsFragment,
  ClusterFieldsFragment,
  ClusterGroupFieldsFragment,
  UserFieldsFragment,
} from "../gql/graphql";
import type { Permission, Viewer } from "../features/auth/viewer";

/** Objects as the API returns them (with __typename, which the cache adds to every selection). */
type Typed<T, N extends string> = T & { __typename: N };

const ADMIN_PERMISSIONS: Permission[] = [
  "api_key:any",
  "api_key:own",
  "audit:read",
  "cluster:read",
  "cluster:write",
  "settings:read",
  "settings:write",
  "user:read",
  "user:write",
];
const READ_ONLY_PERMISSIONS: Permission[] = ["api_key:own", "cluster:read", "settings:read"];

export function aViewer(
  overrides: { role?: "super_admin" | "admin" | "read_only"; permissions?: Permission[] } = {},
): Viewer {
  const role = overrides.role ?? "admin";
  const permissions = overrides.permissions ?? (role === "read_only" ? READ_ONLY_PERMISSIONS : ADMIN_PERMISSIONS);
  const viewer = {
    __typename: "Viewer" as const,
    authMethod: "session",
    permissions,
    scopes: null,
    user: {
      __typename: "User" as const,
      id: "u-self",
      email: role === "read_only" ? "reader@example.com" : "ada@example.com",
      name: role === "read_only" ? "Rita Reader" : "Ada Admin",
      role,
      active: true,
      createdAt: "2026-01-02T10:00:00.000Z",
      lastLoginAt: "2026-11-20T08:00:00.000Z",
    },
  };
  return viewer;
}

export function aGroup(
  overrides: Partial<ClusterGroupFieldsFragment> = {},
): Typed<ClusterGroupFieldsFragment, "ClusterGroup"> {
  return {
    __typename: "ClusterGroup",
    id: "g-1",
    name: "production",
    description: "",
    clusterCount: 0,
    createdAt: "2026-03-01T09:00:00.000Z",
    updatedAt: "2026-03-01T09:00:00.000Z",
    ...overrides,
  };
}

export function aCluster(overrides: Partial<ClusterFieldsFragment> = {}): Typed<ClusterFieldsFragment, "Cluster"> {
  return {
    __typename: "Cluster",
    id: "c-1",
    name: "prod-eu-1",
    description: "Primary EU cluster",
    tags: ["env=prod"],
    createdAt: "2026-03-02T09:00:00.000Z",
    updatedAt: "2026-03-02T09:00:00.000Z",
    group: null,
    ...overrides,
  };
}

export function aUser(overrides: Partial<UserFieldsFragment> = {}): Typed<UserFieldsFragment, "User"> {
  return {
    __typename: "User",
    id: "u-2",
    email: "bob@example.com",
    name: "Bob",
    role: "read_only",
    active: true,
    lastLoginAt: null,
    createdAt: "2026-03-02T09:00:00.000Z",
    updatedAt: "2026-03-02T09:00:00.000Z",
    ...overrides,
  };
}

export function anApiKey(overrides: Partial<ApiKeyFieldsFragment> = {}) {
  return {
    __typename: "ApiKey" as const,
    id: "k-1",
    name: "prod agent",
    prefix: "bwk_abcd1234",
    scopes: ["agent" as const],
    status: "active",
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
    createdAt: "2026-03-02T09:00:00.000Z",
    cluster: null,
    owner: { __typename: "User" as const, id: "u-self", email: "ada@example.com", name: "Ada Admin" },
    ...overrides,
  };
}

export function anAuditEntry(
  overrides: Partial<AuditEntryFieldsFragment> = {},
): Typed<AuditEntryFieldsFragment, "AuditEntry"> {
  return {
    __typename: "AuditEntry",
    id: "a-1",
    at: "2026-11-20T08:00:00.000Z",
    action: "auth.login",
    actorLabel: "ada@example.com",
    actorUserId: "u-self",
    actorApiKeyId: null,
    entityType: "user",
    entityId: "u-self",
    outcome: "success",
    sourceIp: "10.0.0.1",
    userAgent: "Mozilla/5.0",
    before: null,
    after: null,
    ...overrides,
  };
}
