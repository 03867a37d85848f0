import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type GraphQLClient, startTestApp, type TestApp } from "../harness.js";

const CREATE = `mutation($i: CreateClusterInput!) { createCluster(input: $i) { id name description tags group { id name } } }`;
const UPDATE = `mutation($id: ID!, $i: UpdateClusterInput!) { updateCluster(id: $id, input: $i) { id name tags group { name } } }`;
const LIST = `query($f: ClusterFilter) { clusters(filter: $f) { id name } }`;

let t: TestApp;
let root: GraphQLClient;

beforeAll(async () => {
  t = await startTestApp();
  root = await t.root();
});
afterAll(() => t?.close());

async function auditFor(entityId: string) {
  const data = await root.ok<{ auditEntries: { nodes: Array<{ action: string; before: unknown; after: unknown }> } }>(
    `query($id: String!) { auditEntries(filter: { entityId: $id }) { nodes { action before after } } }`,
    { id: entityId },
  );
  return data.auditEntries.nodes;
}

describe("clusters", () => {
  it("are created, read, updated and deleted, each change audited with before and after", async () => {
    const group = (
      await root.ok<{ createClusterGroup: { id: string } }>(
        `mutation { createClusterGroup(input: { name: "production", description: "Prod" }) { id } }`,
      )
    ).createClusterGroup;
    const created = (
      await root.ok<{ createCluster: { id: string; tags: string[]; group: { name: string } } }>(CREATE, {
        i: { name: "prod-eu-1", description: "EU", tags: ["env=prod", "env=prod", "eu"], groupId: group.id },
      })
    ).createCluster;
    expect(created.tags).toEqual(["env=prod", "eu"]);
    expect(created.group.name).toBe("production");

    const fetched = await root.ok<{ cluster: { name: string } }>(`query($id: ID!) { cluster(id: $id) { name } }`, {
      id: created.id,
    });
    expect(fetched.cluster.name).toBe("prod-eu-1");

    const updated = await root.ok<{ updateCluster: { name: string; tags: string[]; group: null } }>(UPDATE, {
      id: created.id,
      i: { name: "prod-eu-2", tags: ["eu"], groupId: null },
    });
    expect(updated.updateCluster).toMatchObject({ name: "prod-eu-2", tags: ["eu"], group: null });

    await root.ok(`mutation($id: ID!) { deleteCluster(id: $id) { id } }`, { id: created.id });
    const gone = await root.fails(`query($id: ID!) { cluster(id: $id) { name } }`, { id: created.id });
    expect(gone).toMatchObject({ message: "Cluster was not found", extensions: { code: "NOT_FOUND" } });

    const entries = await auditFor(created.id);
    expect(entries.map((e) => e.action)).toEqual(["cluster.delete", "cluster.update", "cluster.create"]);
    expect(entries[1]).toMatchObject({
      before: { name: "prod-eu-1", groupId: group.id },
      after: { name: "prod-eu-2", groupId: null },
    });
  });

  it("reject invalid names, duplicate names and unknown groups with the field named", async () => {
    const bad = await root.fails(CREATE, { i: { name: "Prod_EU" } });
    expect(bad).toMatchObject({ extensions: { code: "BAD_USER_INPUT", details: { field: "name" } } });
    expect(bad.message).toMatch(/^name must be lower-case letters, digits and dashes/);
    const existing = await build.cluster(root);
    const dup = await root.fails(CREATE, { i: { name: existing.name } });
    expect(dup).toMatchObject({
      message: `A cluster named ${existing.name} already exists`,
      extensions: { code: "CONFLICT" },
    });
    const group = await root.fails(CREATE, {
      i: { name: "x-cluster", groupId: "3f1d5c3e-0000-4000-8000-000000000000" },
    });
    expect(group.extensions?.details?.field).toBe("groupId");
    const list = await root.ok<{ clusters: Array<{ name: string }> }>(LIST);
    expect(list.clusters.map((c) => c.name)).not.toContain("x-cluster");
  });

  it("are filtered by search and group", async () => {
    const g = (
      await root.ok<{ createClusterGroup: { id: string } }>(
        `mutation { createClusterGroup(input: { name: "staging" }) { id } }`,
      )
    ).createClusterGroup;
    const a = await build.cluster(root, { description: "Payments platform", groupId: g.id });
    const b = await build.cluster(root, { tags: ["team=search"] });
    const byText = await root.ok<{ clusters: Array<{ id: string }> }>(LIST, { f: { search: "PAYMENTS" } });
    expect(byText.clusters.map((c) => c.id)).toEqual([a.id]);
    const byTag = await root.ok<{ clusters: Array<{ id: string }> }>(LIST, { f: { search: "team=search" } });
    expect(byTag.clusters.map((c) => c.id)).toEqual([b.id]);
    const byGroup = await root.ok<{ clusters: Array<{ id: string }> }>(LIST, { f: { groupId: g.id } });
    expect(byGroup.clusters.map((c) => c.id)).toEqual([a.id]);
  });

  it("bound API keys see only their own cluster", async () => {
    const mine = await build.cluster(root);
    const other = await build.cluster(root);
    const key = await build.apiKey(root, ["read"], { clusterId: mine.id });
    const client = t.client().withApiKey(key.secret);
    const list = await client.ok<{ clusters: Array<{ id: string }> }>(LIST);
    expect(list.clusters.map((c) => c.id)).toEqual([mine.id]);
    const denied = await client.fails(`query($id: ID!) { cluster(id: $id) { id } }`, { id: other.id });
    expect(denied.extensions?.code).toBe("NOT_FOUND");
  });

  it("deleting a cluster removes the API keys bound to it", async () => {
    const cluster = await build.cluster(root);
    const key = await build.apiKey(root, ["agent"], { clusterId: cluster.id });
    await root.ok(`mutation($id: ID!) { deleteCluster(id: $id) { id } }`, { id: cluster.id });
    const res = await t.client().withApiKey(key.secret).request(`{ me { authMethod } }`);
    expect(res.status).toBe(401);
  });
});

describe("cluster groups", () => {
  it("cannot be deleted while they hold clusters, and names are unique", async () => {
    const g = (
      await root.ok<{ createClusterGroup: { id: string } }>(
        `mutation { createClusterGroup(input: { name: "edge" }) { id } }`,
      )
    ).createClusterGroup;
    const dup = await root.fails(`mutation { createClusterGroup(input: { name: "edge" }) { id } }`);
    expect(dup.extensions?.code).toBe("CONFLICT");
    const c = await build.cluster(root, { groupId: g.id });
    const counted = await root.ok<{ clusterGroups: Array<{ id: string; clusterCount: number }> }>(
      `{ clusterGroups { id clusterCount } }`,
    );
    expect(counted.clusterGroups.find((x) => x.id === g.id)?.clusterCount).toBe(1);
    const busy = await root.fails(`mutation($id: ID!) { deleteClusterGroup(id: $id) { id } }`, { id: g.id });
    expect(busy).toMatchObject({
      message: "Cluster group edge still holds 1 cluster; move or delete them first",
      extensions: { code: "CONFLICT" },
    });
    await root.ok(UPDATE, { id: c.id, i: { groupId: null } });
    await root.ok(`mutation($id: ID!) { updateClusterGroup(id: $id, input: { name: "edge-sites" }) { id } }`, {
      id: g.id,
    });
    await root.ok(`mutation($id: ID!) { deleteClusterGroup(id: $id) { id } }`, { id: g.id });
    const groups = await root.ok<{ clusterGroups: Array<{ id: string }> }>(`{ clusterGroups { id } }`);
    expect(groups.clusterGroups.map((x) => x.id)).not.toContain(g.id);
  });
});
