import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { badInput, conflict, notFound } from "../../common/errors.js";
import { assertCan, type Principal } from "../../common/principal.js";
import { parseInput } from "../../common/validation.js";
import type { Database, Db } from "../../db/database.js";
import type { Cluster, ClusterGroup } from "../../generated/prisma/client.js";
import type { AuditService } from "../audit/audit.service.js";
import { type ClusterFilter, ClustersRepository } from "./clusters.repository.js";

/** DNS-label-like names: they end up in URLs, Helm values and agent flags. */
const clusterName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(63, "must be at most 63 characters")
  .regex(
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    "must be lower-case letters, digits and dashes, starting and ending with a letter or digit",
  );
const description = z.string().trim().max(2000, "must be at most 2000 characters");
const tags = z
  .array(
    z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(63, "must be at most 63 characters")
      .regex(/^[A-Za-z0-9._:/=-]+$/, "may contain letters, digits and . _ : / = -"),
  )
  .max(50, "at most 50 tags")
  .transform((values) => [...new Set(values)]);
const uuid = z.uuid("must be an id");

const createClusterSchema = z.object({
  name: clusterName,
  description: description.default(""),
  tags: tags.default([]),
  groupId: uuid.nullish(),
});
const updateClusterSchema = z.object({
  name: clusterName.optional(),
  description: description.optional(),
  tags: tags.optional(),
  groupId: uuid.nullish(),
});
const groupSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  description: description.default(""),
});
const updateGroupSchema = z.object({ name: groupSchema.shape.name.optional(), description: description.optional() });

export type CreateClusterInput = z.input<typeof createClusterSchema>;
export type UpdateClusterInput = z.input<typeof updateClusterSchema>;
export type ClusterGroupInput = z.input<typeof groupSchema>;
export type UpdateClusterGroupInput = z.input<typeof updateGroupSchema>;

const clusterSnapshot = (c: Cluster) => ({
  id: c.id,
  name: c.name,
  description: c.description,
  tags: c.tags,
  groupId: c.groupId,
});
const groupSnapshot = (g: ClusterGroup) => ({ id: g.id, name: g.name, description: g.description });

export class ClustersService {
  readonly repository = new ClustersRepository();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, filter: ClusterFilter): Promise<Cluster[]> {
    assertCan(principal, "cluster:read");
    // A cluster-bound API key sees only its own cluster.
    const onlyId = principal.kind === "api_key" && principal.clusterId ? principal.clusterId : undefined;
    return this.repository.list(this.db.prisma, { ...filter, onlyId });
  }

  async get(principal: Principal, id: string): Promise<Cluster> {
    assertCan(principal, "cluster:read");
    if (principal.kind === "api_key" && principal.clusterId && principal.clusterId !== id) throw notFound("Cluster");
    const cluster = await this.repository.findById(this.db.prisma, parseInput(uuid, id));
    if (!cluster) throw notFound("Cluster");
    return cluster;
  }

  async create(actor: Actor, raw: CreateClusterInput): Promise<Cluster> {
    assertCan(actor.principal, "cluster:write");
    const input = parseInput(createClusterSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      if (await this.repository.findByName(tx, input.name)) {
        throw conflict(`A cluster named ${input.name} already exists`, { field: "name" });
      }
      if (input.groupId) await this.requireGroup(tx, input.groupId);
      const cluster = await this.repository.create(tx, {
        name: input.name,
        description: input.description,
        tags: input.tags,
        groupId: input.groupId ?? null,
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "cluster.create",
        entityType: "cluster",
        entityId: cluster.id,
        after: clusterSnapshot(cluster),
      });
      return cluster;
    });
  }

  async update(actor: Actor, id: string, raw: UpdateClusterInput): Promise<Cluster> {
    assertCan(actor.principal, "cluster:write");
    const input = parseInput(updateClusterSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.repository.findById(tx, parseInput(uuid, id));
      if (!before) throw notFound("Cluster");
      if (input.name && input.name !== before.name && (await this.repository.findByName(tx, input.name))) {
        throw conflict(`A cluster named ${input.name} already exists`, { field: "name" });
      }
      if (input.groupId) await this.requireGroup(tx, input.groupId);
      const cluster = await this.repository.update(tx, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
        ...(input.groupId !== undefined ? { groupId: input.groupId } : {}),
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "cluster.update",
        entityType: "cluster",
        entityId: id,
        before: clusterSnapshot(before),
        after: clusterSnapshot(cluster),
      });
      return cluster;
    });
  }

  async delete(actor: Actor, id: string): Promise<Cluster> {
    assertCan(actor.principal, "cluster:write");
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.repository.findById(tx, parseInput(uuid, id));
      if (!before) throw notFound("Cluster");
      const deleted = await this.repository.delete(tx, id);
      await this.audit.record(tx, afterCommit, actor, {
        action: "cluster.delete",
        entityType: "cluster",
        entityId: id,
        before: clusterSnapshot(before),
      });
      return deleted;
    });
  }

  async listGroups(principal: Principal): Promise<ClusterGroup[]> {
    assertCan(principal, "cluster:read");
    return this.repository.listGroups(this.db.prisma);
  }

  findManyByIds(ids: readonly string[]): Promise<Cluster[]> {
    return this.repository.findManyByIds(this.db.prisma, ids);
  }

  /** Clusters per group, for the groups list (no permission check: used under a readable group). */
  countByGroup(groupIds: readonly string[]): Promise<Map<string, number>> {
    return this.repository.countByGroup(this.db.prisma, groupIds);
  }

  findGroupsByIds(ids: readonly string[]): Promise<ClusterGroup[]> {
    return this.repository.findGroupsByIds(this.db.prisma, ids);
  }

  async createGroup(actor: Actor, raw: ClusterGroupInput): Promise<ClusterGroup> {
    assertCan(actor.principal, "cluster:write");
    const input = parseInput(groupSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      if (await this.repository.findGroupByName(tx, input.name)) {
        throw conflict(`A cluster group named ${input.name} already exists`, { field: "name" });
      }
      const group = await this.repository.createGroup(tx, input);
      await this.audit.record(tx, afterCommit, actor, {
        action: "cluster_group.create",
        entityType: "cluster_group",
        entityId: group.id,
        after: groupSnapshot(group),
      });
      return group;
    });
  }

  async updateGroup(actor: Actor, id: string, raw: UpdateClusterGroupInput): Promise<ClusterGroup> {
    assertCan(actor.principal, "cluster:write");
    const input = parseInput(updateGroupSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.repository.findGroupById(tx, parseInput(uuid, id));
      if (!before) throw notFound("Cluster group");
      if (input.name && input.name !== before.name && (await this.repository.findGroupByName(tx, input.name))) {
        throw conflict(`A cluster group named ${input.name} already exists`, { field: "name" });
      }
      const group = await this.repository.updateGroup(tx, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "cluster_group.update",
        entityType: "cluster_group",
        entityId: id,
        before: groupSnapshot(before),
        after: groupSnapshot(group),
      });
      return group;
    });
  }

  async deleteGroup(actor: Actor, id: string): Promise<ClusterGroup> {
    assertCan(actor.principal, "cluster:write");
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.repository.findGroupById(tx, parseInput(uuid, id));
      if (!before) throw notFound("Cluster group");
      const members = await this.repository.countClustersInGroup(tx, id);
      if (members > 0) {
        throw conflict(
          `Cluster group ${before.name} still holds ${members} cluster${members === 1 ? "" : "s"}; move or delete them first`,
        );
      }
      const group = await this.repository.deleteGroup(tx, id);
      await this.audit.record(tx, afterCommit, actor, {
        action: "cluster_group.delete",
        entityType: "cluster_group",
        entityId: id,
        before: groupSnapshot(before),
      });
      return group;
    });
  }

  private async requireGroup(db: Db, groupId: string): Promise<void> {
    if (!(await this.repository.findGroupById(db, groupId))) {
      throw badInput("groupId does not name an existing cluster group", { field: "groupId" });
    }
  }
}
