import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import type { SecretBox } from "../../common/crypto.js";
import { conflict, notFound } from "../../common/errors.js";
import { assertCan, type Principal } from "../../common/principal.js";
import { parseInput } from "../../common/validation.js";
import type { Database, Db } from "../../db/database.js";
import type { Registry } from "../../generated/prisma/client.js";
import type { AuditService } from "../audit/audit.service.js";
import { type RegistryData, RegistriesRepository } from "./registries.repository.js";

/** A registry host: a DNS name or IP with an optional port, lower-cased. */
const host = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(localhost|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+|\[[0-9a-f:]+\])(:\d{1,5})?$/,
    "must be a host name with an optional port, e.g. registry.example.com:5000",
  );

const baseSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  hostname: host,
  aliases: z
    .array(host)
    .max(20, "at most 20 aliases")
    .transform((values) => [...new Set(values)]),
  username: z.string().trim().max(500).nullish(),
  /** Write-only. Absent = keep; null or "" = remove. */
  password: z.string().max(10_000).nullish(),
});
const createSchema = baseSchema.extend({ aliases: baseSchema.shape.aliases.default([]) });
const updateSchema = baseSchema.partial();

export type CreateRegistryInput = z.input<typeof createSchema>;
export type UpdateRegistryInput = z.input<typeof updateSchema>;

/** Audit snapshots say whether a password is set, never what it is. */
const snapshot = (r: Registry) => ({
  id: r.id,
  name: r.name,
  hostname: r.hostname,
  aliases: r.aliases,
  username: r.username,
  hasPassword: r.passwordSealed !== null,
});

export class RegistriesService {
  readonly repository = new RegistriesRepository();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
  ) {}

  async list(principal: Principal): Promise<Registry[]> {
    assertCan(principal, "registry:read");
    return this.repository.list(this.db.prisma);
  }

  /** Credentials for pulling from a registry, for the scanner (used by the agent's scan worker). */
  async credentialsFor(db: Db, registryHost: string): Promise<{ username: string; password: string } | null> {
    const [registry] = await this.repository.findByHosts(db, [registryHost]);
    if (!registry?.username || !registry.passwordSealed) return null;
    return { username: registry.username, password: this.secrets.decrypt(registry.passwordSealed) };
  }

  /** Alias host → canonical hostname, for normalising image references. */
  async aliasMap(db: Db): Promise<Array<{ hostname: string; aliases: string[] }>> {
    const rows = await this.repository.list(db);
    return rows.filter((r) => r.aliases.length).map((r) => ({ hostname: r.hostname, aliases: r.aliases }));
  }

  async create(actor: Actor, raw: CreateRegistryInput): Promise<Registry> {
    assertCan(actor.principal, "registry:write");
    const input = parseInput(createSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      await this.assertUnique(tx, input.name, [input.hostname, ...input.aliases], null);
      const registry = await this.repository.create(tx, {
        name: input.name,
        hostname: input.hostname,
        aliases: input.aliases.filter((alias) => alias !== input.hostname),
        username: input.username || null,
        passwordSealed: input.password ? this.secrets.encrypt(input.password) : null,
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "registry.create",
        entityType: "registry",
        entityId: registry.id,
        after: snapshot(registry),
      });
      return registry;
    });
  }

  async update(actor: Actor, id: string, raw: UpdateRegistryInput): Promise<Registry> {
    assertCan(actor.principal, "registry:write");
    const input = parseInput(updateSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.findOrThrow(tx, id);
      const hostname = input.hostname ?? before.hostname;
      const aliases = (input.aliases ?? before.aliases).filter((alias) => alias !== hostname);
      await this.assertUnique(tx, input.name ?? before.name, [hostname, ...aliases], id);
      const data: Partial<RegistryData> = { hostname, aliases };
      if (input.name !== undefined) data.name = input.name;
      if (input.username !== undefined) data.username = input.username || null;
      if (input.password !== undefined)
        data.passwordSealed = input.password ? this.secrets.encrypt(input.password) : null;
      const registry = await this.repository.update(tx, id, data);
      await this.audit.record(tx, afterCommit, actor, {
        action: "registry.update",
        entityType: "registry",
        entityId: id,
        before: snapshot(before),
        after: { ...snapshot(registry), passwordReplaced: input.password !== undefined },
      });
      return registry;
    });
  }

  async delete(actor: Actor, id: string): Promise<Registry> {
    assertCan(actor.principal, "registry:write");
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.findOrThrow(tx, id);
      const deleted = await this.repository.delete(tx, id);
      await this.audit.record(tx, afterCommit, actor, {
        action: "registry.delete",
        entityType: "registry",
        entityId: id,
        before: snapshot(before),
      });
      return deleted;
    });
  }

  private async findOrThrow(db: Db, id: string): Promise<Registry> {
    const registry = z.uuid().safeParse(id).success ? await this.repository.findById(db, id) : null;
    if (!registry) throw notFound("Registry");
    return registry;
  }

  private async assertUnique(db: Db, name: string, hosts: string[], exceptId: string | null): Promise<void> {
    const named = await this.repository.findByName(db, name);
    if (named && named.id !== exceptId) throw conflict(`A registry named ${name} already exists`, { field: "name" });
    const clash = (await this.repository.findByHosts(db, hosts)).find((r) => r.id !== exceptId);
    if (clash) {
      throw conflict(`Registry ${clash.name} already uses one of these host names`, { field: "hostname" });
    }
  }
}
