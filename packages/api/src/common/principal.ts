import type { ApiKeyScope, UserRole } from "../generated/prisma/enums.js";
import { forbidden, unauthenticated } from "./errors.js";

/**
 * Everything the api can be asked to do, named by domain. Roles and API-key scopes both map to
 * permissions; a key acts with the permissions its scopes grant *and* its owner's role allows.
 */
export const PERMISSIONS = [
  "cluster:read",
  "cluster:write",
  "user:read",
  "user:write",
  "api_key:own",
  "api_key:any",
  "audit:read",
  "settings:read",
  "settings:write",
  "image:read",
  "scan:submit",
  "scan_queue:read",
  "scan_queue:write",
  "registry:read",
  "registry:write",
  "policy:read",
  "policy:write",
  "exception:read",
  "exception:request",
  "exception:write",
  "agent:report",
  "falco:read",
  "falco:write",
  "falco:ingest",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** What anyone signed in may see. */
const READ: Permission[] = [
  "cluster:read",
  "settings:read",
  "image:read",
  "scan_queue:read",
  "registry:read",
  "policy:read",
  "exception:read",
  "falco:read",
];

export const ROLE_PERMISSIONS: Record<UserRole, ReadonlySet<Permission>> = {
  // Read-only users may ask for an exception (it always starts in review) but never grant one.
  read_only: new Set<Permission>([...READ, "api_key:own", "exception:request"]),
  admin: new Set<Permission>([
    ...READ,
    "cluster:write",
    "user:read",
    "user:write",
    "api_key:own",
    "api_key:any",
    "audit:read",
    "settings:write",
    "scan:submit",
    "scan_queue:write",
    "registry:write",
    "policy:write",
    "exception:request",
    "exception:write",
    "agent:report",
    "falco:write",
    "falco:ingest",
  ]),
  super_admin: new Set<Permission>(PERMISSIONS),
};

/** What each API-key scope permits (always within the owner's role). */
export const SCOPE_PERMISSIONS: Record<ApiKeyScope, ReadonlySet<Permission>> = {
  read: new Set<Permission>([...READ]),
  admin: new Set<Permission>(PERMISSIONS),
  agent: new Set<Permission>(["cluster:read", "image:read", "scan:submit", "scan_queue:read", "agent:report"]),
  ci_scan: new Set<Permission>(["scan:submit"]),
  falco_ingest: new Set<Permission>(["falco:ingest"]),
  kube_bench: new Set<Permission>([]),
  kube_hunter: new Set<Permission>([]),
};

export type UserPrincipal = {
  kind: "user";
  userId: string;
  email: string;
  role: UserRole;
  sessionId: string;
};

export type ApiKeyPrincipal = {
  kind: "api_key";
  userId: string;
  email: string;
  role: UserRole;
  apiKeyId: string;
  apiKeyName: string;
  scopes: ApiKeyScope[];
  /** When set, the key may only see and act on this cluster. */
  clusterId: string | null;
};

export type Principal = UserPrincipal | ApiKeyPrincipal | { kind: "anonymous" };

export const ANONYMOUS: Principal = { kind: "anonymous" };

export const SYSTEM_ACTOR = "system";

export function permissionsOf(principal: Principal): Set<Permission> {
  if (principal.kind === "anonymous") return new Set();
  const byRole = ROLE_PERMISSIONS[principal.role];
  if (principal.kind === "user") return new Set(byRole);
  const byScopes = new Set<Permission>(principal.scopes.flatMap((scope) => [...SCOPE_PERMISSIONS[scope]]));
  return new Set([...byRole].filter((permission) => byScopes.has(permission)));
}

/** Whether `permission` is in permissionsOf(principal), without building the set (it is asked per request). */
export function can(principal: Principal, permission: Permission): boolean {
  if (principal.kind === "anonymous") return false;
  if (!ROLE_PERMISSIONS[principal.role].has(permission)) return false;
  return principal.kind === "user" || principal.scopes.some((scope) => SCOPE_PERMISSIONS[scope].has(permission));
}

/** Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN for callers lacking the permission. */
export function assertCan(
  principal: Principal,
  permission: Permission,
): asserts principal is UserPrincipal | ApiKeyPrincipal {
  if (principal.kind === "anonymous") throw unauthenticated();
  if (!can(principal, permission)) {
    throw forbidden(
      principal.kind === "api_key"
        ? `This API key is not allowed to do this (needs ${permission}; key scopes: ${principal.scopes.join(", ")})`
        : `Your role (${principal.role}) is not allowed to do this (needs ${permission})`,
    );
  }
}

export function assertAuthenticated(principal: Principal): asserts principal is UserPrincipal | ApiKeyPrincipal {
  if (principal.kind === "anonymous") throw unauthenticated();
}

export function actorLabel(principal: Principal): string {
  switch (principal.kind) {
    case "anonymous":
      return "anonymous";
    case "user":
      return principal.email;
    case "api_key":
      return `${principal.email} (API key "${principal.apiKeyName}")`;
  }
}

export const ROLE_RANK: Record<UserRole, number> = { read_only: 0, admin: 1, super_admin: 2 };
