import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type GraphQLClient, ROOT_EMAIL, startTestApp, type TestApp } from "../harness.js";

const CREATE = `mutation($i: CreateUserInput!) { createUser(input: $i) { id email role active } }`;
const UPDATE = `mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { id role active name } }`;

let t: TestApp;
let root: GraphQLClient;
let rootId: string;

beforeAll(async () => {
  t = await startTestApp();
  root = await t.root();
  rootId = (await root.ok<{ me: { user: { id: string } } }>(`{ me { user { id } } }`)).me.user.id;
});
afterAll(() => t?.close());

describe("users", () => {
  it("are created with a normalised email and an argon2id hash, and audited without the hash", async () => {
    const data = await root.ok<{ createUser: { id: string; email: string; role: string; active: boolean } }>(CREATE, {
      i: { email: " New.Person@Example.com ", name: "New Person", role: "read_only", password: "a-long-password-1" },
    });
    expect(data.createUser).toMatchObject({ email: "new.person@example.com", role: "read_only", active: true });
    const row = await t.app.services.db.prisma.user.findUnique({ where: { id: data.createUser.id } });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await root.ok<{
      auditEntries: { nodes: Array<{ after: Record<string, unknown>; actorLabel: string }> };
    }>(
      `query($id: String!) { auditEntries(filter: { action: "user.create", entityId: $id }) { nodes { after actorLabel } } }`,
      { id: data.createUser.id },
    );
    expect(audit.auditEntries.nodes[0]?.actorLabel).toBe(ROOT_EMAIL);
    expect(audit.auditEntries.nodes[0]?.after).toMatchObject({ email: "new.person@example.com", role: "read_only" });
    expect(JSON.stringify(audit.auditEntries.nodes[0]?.after)).not.toMatch(/argon2|password/i);
  });

  it("reject a duplicate email, a bad email and a short password, changing nothing", async () => {
    const before = (await root.ok<{ users: unknown[] }>(`{ users { id } }`)).users.length;
    const dup = await root.fails(CREATE, {
      i: { email: ROOT_EMAIL, name: "X", role: "admin", password: "a-long-password-1" },
    });
    expect(dup).toMatchObject({ extensions: { code: "CONFLICT", details: { field: "email" } } });
    const bad = await root.fails(CREATE, {
      i: { email: "not-an-email", name: "X", role: "admin", password: "a-long-password-1" },
    });
    expect(bad).toMatchObject({ message: "email must be an email address", extensions: { code: "BAD_USER_INPUT" } });
    const short = await root.fails(CREATE, {
      i: { email: "short@example.com", name: "X", role: "admin", password: "short" },
    });
    expect(short.extensions?.details?.field).toBe("password");
    expect((await root.ok<{ users: unknown[] }>(`{ users { id } }`)).users.length).toBe(before);
  });

  it("cannot be made super admins by an admin, and admins cannot touch super admins", async () => {
    const admin = await build.user(root, "admin");
    const denied = await admin.client.fails(CREATE, {
      i: { email: "sa@example.com", name: "SA", role: "super_admin", password: "a-long-password-1" },
    });
    expect(denied.extensions?.code).toBe("FORBIDDEN");
    const readOnly = await build.user(root, "read_only");
    const promote = await admin.client.fails(UPDATE, { id: readOnly.id, i: { role: "super_admin" } });
    expect(promote.extensions?.code).toBe("FORBIDDEN");
    const demoteRoot = await admin.client.fails(UPDATE, { id: rootId, i: { active: false } });
    expect(demoteRoot.extensions?.code).toBe("FORBIDDEN");
    // An admin may still manage ordinary users.
    const changed = await admin.client.ok<{ updateUser: { role: string } }>(UPDATE, {
      id: readOnly.id,
      i: { role: "admin" },
    });
    expect(changed.updateUser.role).toBe("admin");
  });

  it("refuse changes to your own role or activity", async () => {
    const self = await root.fails(UPDATE, { id: rootId, i: { role: "admin" } });
    expect(self).toMatchObject({ message: "You cannot change your own role", extensions: { code: "FORBIDDEN" } });
    const off = await root.fails(UPDATE, { id: rootId, i: { active: false } });
    expect(off.message).toBe("You cannot deactivate your own account");
  });

  it("keep one active super admin when two demote each other at once", async () => {
    const a = await build.user(root, "super_admin");
    const b = await build.user(root, "super_admin");
    // Leave a and b as the only active super admins.
    await a.client.ok(UPDATE, { id: rootId, i: { role: "admin" } });
    const results = await Promise.all([
      a.client.request(UPDATE, { id: b.id, i: { role: "admin" } }),
      b.client.request(UPDATE, { id: a.id, i: { role: "admin" } }),
    ]);
    const errors = results.map((r) => r.errors?.[0]).filter(Boolean);
    expect(errors).toHaveLength(1);
    // Refused either because the loser was already demoted, or because it would remove the last one.
    expect(["CONFLICT", "FORBIDDEN"]).toContain(errors[0]?.extensions?.code);
    expect(await t.app.services.db.prisma.user.count({ where: { role: "super_admin", active: true } })).toBe(1);
    const survivor = results[0]?.errors ? b : a;
    await survivor.client.ok(UPDATE, { id: rootId, i: { role: "super_admin" } });
  });

  it("refuse to remove the last active super admin even for a request that began before a demotion", async () => {
    const a = await build.user(root, "super_admin");
    const b = await build.user(root, "super_admin");
    // Make a and b the only active super admins.
    await t.app.services.db.prisma.user.updateMany({
      where: { role: "super_admin", id: { notIn: [a.id, b.id] } },
      data: { role: "admin" },
    });
    // Both requests authenticated while a and b were super admins; they then run one after the other.
    const token = (c: typeof a.client) => decodeURIComponent(c.cookie!.split("=")[1]!);
    const actorA = {
      principal: await t.app.services.auth.principalForSession(token(a.client)),
      sourceIp: null,
      userAgent: null,
    };
    const actorB = {
      principal: await t.app.services.auth.principalForSession(token(b.client)),
      sourceIp: null,
      userAgent: null,
    };
    await t.app.services.users.update(actorA, b.id, { role: "admin" });
    const refused = await t.app.services.users.update(actorB, a.id, { role: "admin" }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: "CONFLICT",
      message: "Bulwark needs at least one active super admin; promote another user first",
    });
    expect(await t.app.services.db.prisma.user.count({ where: { role: "super_admin", active: true } })).toBe(1);
    await a.client.ok(UPDATE, { id: rootId, i: { role: "super_admin" } });
  });

  it("deactivation ends sessions; reactivation lets the user sign in again", async () => {
    const user = await build.user(root, "read_only");
    await root.ok(UPDATE, { id: user.id, i: { active: false } });
    expect((await user.client.ok<{ me: null }>(`{ me { user { id } } }`)).me).toBeNull();
    await root.ok(UPDATE, { id: user.id, i: { active: true } });
    const again = t.client();
    await again.login(user.email, user.password);
  });

  it("admins set another user's password, ending their sessions", async () => {
    const user = await build.user(root, "read_only");
    await root.ok(`mutation($id: ID!) { setUserPassword(id: $id, password: "reset-password-123") { id } }`, {
      id: user.id,
    });
    expect((await user.client.ok<{ me: null }>(`{ me { user { id } } }`)).me).toBeNull();
    await t.client().login(user.email, "reset-password-123");
  });
});
