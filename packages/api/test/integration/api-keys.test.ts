import { sha256Hex } from "../../src/common/crypto.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type GraphQLClient, startTestApp, type TestApp } from "../harness.js";

const CREATE = `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id name prefix scopes status owner { email } cluster { name } } } }`;
const LIST = `query($all: Boolean!) { apiKeys(all: $all) { id status owner { email } } }`;

let t: TestApp;
let root: GraphQLClient;

beforeAll(async () => {
  t = await startTestApp();
  root = await t.root();
});
afterAll(() => t?.close());

describe("API keys", () => {
  it("are shown once and stored only as a hash", async () => {
    const cluster = await build.cluster(root);
    const data = await root.ok<{
      createApiKey: {
        secret: string;
        apiKey: { id: string; prefix: string; scopes: string[]; status: string; cluster: { name: string } };
      };
    }>(CREATE, { i: { name: "agent prod", scopes: ["agent", "agent"], clusterId: cluster.id } });
    const { secret, apiKey } = data.createApiKey;
    expect(secret).toMatch(/^bwk_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey).toMatchObject({ scopes: ["agent"], status: "active", cluster: { name: cluster.name } });
    const row = await t.app.services.db.prisma.apiKey.findUnique({ where: { id: apiKey.id } });
    expect(row?.keyHash).toBe(sha256Hex(secret));
    const dump = JSON.stringify(await t.app.services.db.prisma.apiKey.findMany());
    expect(dump).not.toContain(secret);
    const entries = await t.app.services.db.prisma.auditEntry.findMany();
    const audit = JSON.stringify(entries, (_key, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
    expect(audit).not.toContain(secret);
    expect(audit).not.toContain(row!.keyHash);
  });

  it("validate scopes, expiry and cluster binding", async () => {
    const noScope = await root.fails(CREATE, { i: { name: "x", scopes: [] } });
    expect(noScope.message).toBe("scopes choose at least one scope");
    const past = await root.fails(CREATE, { i: { name: "x", scopes: ["read"], expiresAt: "2020-01-01T00:00:00Z" } });
    expect(past.extensions?.details?.field).toBe("expiresAt");
    const cluster = await root.fails(CREATE, {
      i: { name: "x", scopes: ["read"], clusterId: "3f1d5c3e-0000-4000-8000-000000000000" },
    });
    expect(cluster.extensions?.details?.field).toBe("clusterId");
    const badScope = await root.request(CREATE, { i: { name: "x", scopes: ["root"] } });
    expect(badScope.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("read-only users create read keys only and see only their own", async () => {
    const viewer = await build.user(root, "read_only");
    const denied = await viewer.client.fails(CREATE, { i: { name: "x", scopes: ["agent"] } });
    expect(denied).toMatchObject({
      message: "Read-only users can create keys with the read scope only",
      extensions: { code: "FORBIDDEN", details: { field: "scopes" } },
    });
    const own = await build.apiKey(viewer.client, ["read"]);
    const mine = await viewer.client.ok<{ apiKeys: Array<{ id: string }> }>(LIST, { all: false });
    expect(mine.apiKeys.map((k) => k.id)).toEqual([own.id]);
    const all = await viewer.client.fails(LIST, { all: true });
    expect(all.extensions?.code).toBe("FORBIDDEN");
    const everything = await root.ok<{ apiKeys: Array<{ id: string; owner: { email: string } }> }>(LIST, { all: true });
    expect(everything.apiKeys.find((k) => k.id === own.id)?.owner.email).toBe(viewer.email);
  });

  it("are revoked by their owner or an admin, not by other users", async () => {
    const a = await build.user(root, "read_only");
    const b = await build.user(root, "read_only");
    const key = await build.apiKey(a.client, ["read"]);
    const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { id status revokedAt } }`;
    expect((await b.client.fails(REVOKE, { id: key.id })).extensions?.code).toBe("NOT_FOUND");
    const revoked = await root.ok<{ revokeApiKey: { status: string } }>(REVOKE, { id: key.id });
    expect(revoked.revokeApiKey.status).toBe("revoked");
    expect((await a.client.fails(REVOKE, { id: key.id })).message).toBe("This API key is already revoked");
  });

  it("act with no more than their owner's role", async () => {
    const viewer = await build.user(root, "read_only");
    // A read_only user's read key cannot write.
    const key = await build.apiKey(viewer.client, ["read"]);
    const res = await t
      .client()
      .withApiKey(key.secret)
      .fails(`mutation { createCluster(input: { name: "nope" }) { id } }`);
    expect(res.extensions?.code).toBe("FORBIDDEN");
    // An admin key of an admin can.
    const adminKey = await build.apiKey(root, ["admin"]);
    await t.client().withApiKey(adminKey.secret).ok(`mutation { createCluster(input: { name: "via-key" }) { id } }`);
    const entry = await root.ok<{ auditEntries: { nodes: Array<{ actorLabel: string; actorApiKeyId: string }> } }>(
      `{ auditEntries(filter: { action: "cluster.create" }, first: 1) { nodes { actorLabel actorApiKeyId } } }`,
    );
    expect(entry.auditEntries.nodes[0]).toMatchObject({ actorApiKeyId: adminKey.id });
    expect(entry.auditEntries.nodes[0]?.actorLabel).toMatch(/API key "key-\d+"/);
  });
});
