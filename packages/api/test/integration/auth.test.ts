import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type GraphQLClient, ROOT_EMAIL, ROOT_PASSWORD, startTestApp, type TestApp } from "../harness.js";

const ME = `{ me { authMethod permissions scopes user { email role } } }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email } } }`;

let t: TestApp;
let root: GraphQLClient;

beforeAll(async () => {
  t = await startTestApp();
  root = await t.root();
});
afterAll(() => t?.close());

describe("sign-in", () => {
  it("sets an httpOnly, SameSite session cookie and identifies the user", async () => {
    const client = t.client();
    const res = await client.request(LOGIN, { e: ROOT_EMAIL.toUpperCase(), p: ROOT_PASSWORD });
    expect(res.errors).toBeUndefined();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("bulwark_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // plain http in tests
    const me = await client.ok<{
      me: { authMethod: string; user: { email: string; role: string }; permissions: string[] };
    }>(ME);
    expect(me.me.authMethod).toBe("session");
    expect(me.me.user).toEqual({ email: ROOT_EMAIL, role: "super_admin" });
    expect(me.me.permissions).toContain("user:write");
  });

  it("stores only a hash of the session token", async () => {
    const client = t.client();
    await client.login(ROOT_EMAIL, ROOT_PASSWORD);
    const token = decodeURIComponent(client.cookie!.split("=")[1]!);
    const sessions = await t.app.services.db.prisma.session.findMany();
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.some((s) => s.tokenHash === token)).toBe(false);
  });

  it("answers null for anonymous callers and ignores an unknown cookie", async () => {
    const client = t.client();
    expect((await client.ok<{ me: null }>(ME)).me).toBeNull();
    client.cookie = "bulwark_session=not-a-session";
    expect((await client.ok<{ me: null }>(ME)).me).toBeNull();
  });

  it("gives the same message for an unknown email and a wrong password, and audits both", async () => {
    const wrong = await t.client().fails(LOGIN, { e: ROOT_EMAIL, p: "wrong-password-1" });
    const unknown = await t.client().fails(LOGIN, { e: "nobody@example.com", p: "wrong-password-1" });
    expect(wrong).toMatchObject({ message: "Email or password is incorrect", extensions: { code: "UNAUTHENTICATED" } });
    expect(unknown.message).toBe(wrong.message);
    const failures = await root.ok<{ auditEntries: { nodes: Array<{ actorLabel: string; outcome: string }> } }>(
      `{ auditEntries(filter: { action: "auth.login", outcome: "failure" }) { nodes { actorLabel outcome } } }`,
    );
    const labels = failures.auditEntries.nodes.map((n) => n.actorLabel);
    expect(labels).toContain("nobody@example.com");
    expect(labels).toContain(ROOT_EMAIL);
  });

  it("ends the session on logout", async () => {
    const client = t.client();
    await client.login(ROOT_EMAIL, ROOT_PASSWORD);
    const cookie = client.cookie!;
    await client.ok(`mutation { logout }`);
    expect(client.cookie).toBeUndefined();
    const replay = t.client();
    replay.cookie = cookie;
    expect((await replay.ok<{ me: null }>(ME)).me).toBeNull();
  });
});

describe("sign-in throttling", () => {
  it("locks an account after five failures, even with the right password", async () => {
    const victim = await build.user(root, "read_only");
    for (let i = 0; i < 5; i += 1) {
      const error = await t.client().fails(LOGIN, { e: victim.email, p: `wrong-${i}-password` });
      expect(error.extensions?.code).toBe("UNAUTHENTICATED");
    }
    const locked = await t.client().fails(LOGIN, { e: victim.email, p: victim.password });
    expect(locked.extensions?.code).toBe("RATE_LIMITED");
    expect(locked.message).toMatch(/Too many failed sign-in attempts\. Try again in \d+ minutes/);
    expect(locked.extensions?.details?.retryAfterSeconds).toBeGreaterThan(800);
    // Another account from the same address is not locked by it.
    const other = await build.user(root, "read_only");
    await t.client().login(other.email, other.password);
  });

  it("counts failures since the last successful sign-in", async () => {
    const user = await build.user(root, "read_only");
    for (let i = 0; i < 4; i += 1) await t.client().fails(LOGIN, { e: user.email, p: "wrong-password-x" });
    await t.client().login(user.email, user.password);
    for (let i = 0; i < 4; i += 1) await t.client().fails(LOGIN, { e: user.email, p: "wrong-password-y" });
    await t.client().login(user.email, user.password);
  });
});

describe("API keys as credentials", () => {
  it("are accepted as a Bearer token or an x-api-key header and record their last use", async () => {
    const key = await build.apiKey(root, ["read"]);
    for (const header of ["authorization", "x-api-key"] as const) {
      const client = t.client().withApiKey(key.secret, header);
      const me = await client.ok<{ me: { authMethod: string; scopes: string[]; permissions: string[] } }>(ME);
      expect(me.me.authMethod).toBe("api_key");
      expect(me.me.scopes).toEqual(["read"]);
      expect(me.me.permissions).toEqual([
        "cluster:read",
        "exception:read",
        "falco:read",
        "image:read",
        "policy:read",
        "registry:read",
        "scan_queue:read",
        "settings:read",
      ]);
    }
    const keys = await root.ok<{ apiKeys: Array<{ id: string; lastUsedAt: string | null }> }>(
      `{ apiKeys { id lastUsedAt } }`,
    );
    expect(keys.apiKeys.find((k) => k.id === key.id)?.lastUsedAt).not.toBeNull();
  });

  it("refuses an unknown, revoked or expired key with 401 and a clear message", async () => {
    const unknown = await t.client().withApiKey("bwk_unknown").request(ME);
    expect(unknown.status).toBe(401);
    expect(unknown.errors?.[0]).toMatchObject({
      message: "The API key is not valid",
      extensions: { code: "UNAUTHENTICATED" },
    });

    const key = await build.apiKey(root, ["read"]);
    await root.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: key.id });
    const revoked = await t.client().withApiKey(key.secret).request(ME);
    expect(revoked.status).toBe(401);
    expect(revoked.errors?.[0]?.message).toMatch(/was revoked/);

    const soon = await build.apiKey(root, ["read"], { expiresAt: new Date(Date.now() + 1500).toISOString() });
    await new Promise((r) => setTimeout(r, 1600));
    const expired = await t.client().withApiKey(soon.secret).request(ME);
    expect(expired.errors?.[0]?.message).toMatch(/has expired/);
  });

  it("stop working when their owner is deactivated, like the owner's sessions", async () => {
    const admin = await build.user(root, "admin");
    const key = await build.apiKey(admin.client, ["read"]);
    await root.ok(`mutation($id: ID!) { updateUser(id: $id, input: { active: false }) { active } }`, { id: admin.id });
    expect((await admin.client.ok<{ me: null }>(ME)).me).toBeNull();
    const res = await t.client().withApiKey(key.secret).request(ME);
    expect(res.errors?.[0]?.message).toMatch(/deactivated user/);
    const login = await t.client().fails(LOGIN, { e: admin.email, p: admin.password });
    expect(login.message).toMatch(/deactivated/);
  });
});

describe("passwords", () => {
  it("change ends the user's other sessions and needs the current password", async () => {
    const user = await build.user(root, "read_only");
    const second = t.client();
    await second.login(user.email, user.password);
    const wrong = await user.client.fails(
      `mutation { changePassword(currentPassword: "nope-nope-nope", newPassword: "another-password-1") { id } }`,
    );
    expect(wrong).toMatchObject({ extensions: { code: "BAD_USER_INPUT", details: { field: "currentPassword" } } });
    const short = await user.client.fails(
      `mutation($c: String!) { changePassword(currentPassword: $c, newPassword: "short") { id } }`,
      { c: user.password },
    );
    expect(short.message).toMatch(/at least 12 characters/);
    await user.client.ok(
      `mutation($c: String!) { changePassword(currentPassword: $c, newPassword: "another-password-1") { id } }`,
      {
        c: user.password,
      },
    );
    expect((await user.client.ok<{ me: { user: { email: string } } }>(ME)).me.user.email).toBe(user.email);
    expect((await second.ok<{ me: null }>(ME)).me).toBeNull();
    await t.client().login(user.email, "another-password-1");
  });
});
