import { describe, expect, it } from "vitest";
import {
  type ApiKeyPrincipal,
  assertCan,
  can,
  PERMISSIONS,
  permissionsOf,
  ROLE_PERMISSIONS,
  SCOPE_PERMISSIONS,
  type UserPrincipal,
} from "./principal.js";

const user = (role: UserPrincipal["role"]): UserPrincipal => ({
  kind: "user",
  userId: "u",
  email: "u@x",
  role,
  sessionId: "s",
});
const key = (role: ApiKeyPrincipal["role"], scopes: ApiKeyPrincipal["scopes"]): ApiKeyPrincipal => ({
  kind: "api_key",
  userId: "u",
  email: "u@x",
  role,
  apiKeyId: "k",
  apiKeyName: "ci",
  scopes,
  clusterId: null,
});

describe("permissions", () => {
  it("grow with the role", () => {
    expect(can(user("read_only"), "cluster:read")).toBe(true);
    expect(can(user("read_only"), "cluster:write")).toBe(false);
    expect(can(user("admin"), "cluster:write")).toBe(true);
    expect(can(user("admin"), "audit:read")).toBe(true);
    expect([...permissionsOf(user("super_admin"))].sort()).toEqual([...PERMISSIONS].sort());
    expect(permissionsOf(user("read_only")).has("audit:read")).toBe(false);
  });

  it("of a key never exceed its owner's role", () => {
    expect(can(key("read_only", ["admin"]), "cluster:write")).toBe(false);
    expect(can(key("admin", ["admin"]), "cluster:write")).toBe(true);
    expect(can(key("super_admin", ["read"]), "cluster:write")).toBe(false);
    expect(can(key("super_admin", ["read"]), "cluster:read")).toBe(true);
    expect(can(key("super_admin", ["falco_ingest"]), "cluster:read")).toBe(false);
  });

  it("for Falco: everyone reads, administrators write, the falco_ingest scope only sends events", () => {
    expect(can(user("read_only"), "falco:read")).toBe(true);
    expect(can(user("read_only"), "falco:write")).toBe(false);
    expect(can(user("read_only"), "falco:ingest")).toBe(false);
    expect(can(user("admin"), "falco:write")).toBe(true);
    expect([...permissionsOf(key("admin", ["falco_ingest"]))]).toEqual(["falco:ingest"]);
    expect(can(key("admin", ["read"]), "falco:read")).toBe(true);
    expect(can(key("admin", ["read"]), "falco:ingest")).toBe(false);
    expect(can(key("admin", ["agent"]), "falco:read")).toBe(false);
    expect(can(key("read_only", ["falco_ingest"]), "falco:ingest")).toBe(false);
  });

  it("answer can() exactly as permissionsOf() lists, for every role, scope set and permission", () => {
    const roles = Object.keys(ROLE_PERMISSIONS) as Array<UserPrincipal["role"]>;
    const scopes = Object.keys(SCOPE_PERMISSIONS) as ApiKeyPrincipal["scopes"];
    const scopeSets: Array<ApiKeyPrincipal["scopes"]> = [[], ...scopes.map((s) => [s]), scopes, ["read", "agent"]];
    const principals = [
      { kind: "anonymous" as const },
      ...roles.map(user),
      ...roles.flatMap((role) => scopeSets.map((set) => key(role, set))),
    ];
    let granted = 0;
    for (const principal of principals) {
      const listed = permissionsOf(principal);
      for (const permission of PERMISSIONS) {
        expect(can(principal, permission), `${JSON.stringify(principal)} ${permission}`).toBe(listed.has(permission));
        if (listed.has(permission)) granted++;
      }
    }
    expect(granted).toBeGreaterThan(0);
  });

  it("refuse anonymous callers as unauthenticated and others as forbidden", () => {
    expect(() => assertCan({ kind: "anonymous" }, "cluster:read")).toThrow(
      expect.objectContaining({ code: "UNAUTHENTICATED" }),
    );
    expect(() => assertCan(user("read_only"), "cluster:write")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => assertCan(key("admin", ["read"]), "cluster:write")).toThrow(/key scopes: read/);
  });
});
