import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { badInput, conflict, notFound } from "../../common/errors.js";
import { assertCan, type Principal } from "../../common/principal.js";
import { parseInput } from "../../common/validation.js";
import type { Database, Db } from "../../db/database.js";
import type { Scanner } from "../../generated/prisma/client.js";
import type { AuditService } from "../audit/audit.service.js";
import type { VerdictsService } from "../compliance/verdicts.service.js";
import { type PolicyWithRelations, PoliciesRepository } from "./policies.repository.js";
import { thresholdsFromJson, thresholdsSchema } from "./thresholds.js";

const uuid = z.uuid("must be an id");
const name = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");
const days = (max: number) =>
  z.number().int("must be a whole number").min(0, "must be 0 or more").max(max, `must be at most ${max}`);

const scannerSchema = z.object({
  name: name.default("Trivy"),
  type: z.enum(["trivy"]).default("trivy"),
  active: z.boolean().default(true),
  required: z.boolean().default(true),
  thresholds: thresholdsSchema,
});
const updateScannerSchema = z.object({
  name: name.optional(),
  active: z.boolean().optional(),
  required: z.boolean().optional(),
  thresholds: thresholdsSchema.optional(),
});

const policySchema = z.object({
  name,
  description: z.string().trim().max(2000).default(""),
  active: z.boolean().default(true),
  enforced: z.boolean().default(true),
  allClusters: z.boolean().default(true),
  clusterIds: z.array(uuid).max(1000).default([]),
  rescanPeriodDays: days(365).min(1, "must be at least 1").default(7),
  graceDays: days(365).default(0),
  scanners: z.array(scannerSchema).max(10).default([]),
});
const updatePolicySchema = policySchema.omit({ scanners: true }).partial();

export type CreatePolicyInput = z.input<typeof policySchema>;
export type UpdatePolicyInput = z.input<typeof updatePolicySchema>;
export type ScannerInputData = z.input<typeof scannerSchema>;
export type UpdateScannerInput = z.input<typeof updateScannerSchema>;

const policySnapshot = (p: PolicyWithRelations) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  active: p.active,
  enforced: p.enforced,
  allClusters: p.allClusters,
  clusterIds: p.clusters.map((c) => c.clusterId),
  rescanPeriodDays: p.rescanPeriodDays,
  graceDays: p.graceDays,
});
const scannerSnapshot = (s: Scanner) => ({
  id: s.id,
  policyId: s.policyId,
  name: s.name,
  type: s.type,
  active: s.active,
  required: s.required,
  thresholds: thresholdsFromJson(s.thresholds),
});

/** Policies and their scanners. Every change recomputes the verdicts it can affect before it returns. */
export class PoliciesService {
  readonly repository = new PoliciesRepository();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly verdicts: VerdictsService,
  ) {}

  async list(principal: Principal): Promise<PolicyWithRelations[]> {
    assertCan(principal, "policy:read");
    return this.repository.list(this.db.prisma);
  }

  async get(principal: Principal, id: string): Promise<PolicyWithRelations> {
    assertCan(principal, "policy:read");
    return this.findOrThrow(this.db.prisma, id);
  }

  findManyByIds(ids: readonly string[]): Promise<PolicyWithRelations[]> {
    return this.repository.findManyByIds(this.db.prisma, ids);
  }

  findScannersByIds(ids: readonly string[]): Promise<Scanner[]> {
    return this.repository.findScannersByIds(this.db.prisma, ids);
  }

  async create(actor: Actor, raw: CreatePolicyInput): Promise<PolicyWithRelations> {
    assertCan(actor.principal, "policy:write");
    const input = parseInput(policySchema, raw);
    this.assertUniqueScannerNames(input.scanners.map((s) => s.name));
    return this.db.transaction(async (tx, afterCommit) => {
      if (await this.repository.findByName(tx, input.name)) {
        throw conflict(`A policy named ${input.name} already exists`, { field: "name" });
      }
      await this.assertClusters(tx, input.allClusters, input.clusterIds);
      const { scanners, clusterIds, ...fields } = input;
      const created = await this.repository.create(tx, fields, input.allClusters ? [] : clusterIds);
      for (const scanner of scanners) await this.repository.createScanner(tx, { ...scanner, policyId: created.id });
      const policy = await this.findOrThrow(tx, created.id);
      await this.audit.record(tx, afterCommit, actor, {
        action: "policy.create",
        entityType: "policy",
        entityId: policy.id,
        after: { ...policySnapshot(policy), scanners: policy.scanners.map(scannerSnapshot) },
      });
      await this.verdicts.recompute(tx, afterCommit, {});
      return policy;
    });
  }

  async update(actor: Actor, id: string, raw: UpdatePolicyInput): Promise<PolicyWithRelations> {
    assertCan(actor.principal, "policy:write");
    const input = parseInput(updatePolicySchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.findOrThrow(tx, id);
      if (input.name && input.name !== before.name && (await this.repository.findByName(tx, input.name))) {
        throw conflict(`A policy named ${input.name} already exists`, { field: "name" });
      }
      const allClusters = input.allClusters ?? before.allClusters;
      const clusterIds = input.clusterIds ?? before.clusters.map((c) => c.clusterId);
      await this.assertClusters(tx, allClusters, clusterIds);
      const { clusterIds: _ignored, ...fields } = input;
      const policy = await this.repository.update(
        tx,
        id,
        fields,
        input.clusterIds !== undefined || input.allClusters !== undefined ? (allClusters ? [] : clusterIds) : undefined,
      );
      await this.audit.record(tx, afterCommit, actor, {
        action: "policy.update",
        entityType: "policy",
        entityId: id,
        before: policySnapshot(before),
        after: policySnapshot(policy),
      });
      await this.verdicts.recompute(tx, afterCommit, {});
      return policy;
    });
  }

  async delete(actor: Actor, id: string): Promise<PolicyWithRelations> {
    assertCan(actor.principal, "policy:write");
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.findOrThrow(tx, id);
      await this.repository.delete(tx, id);
      await this.audit.record(tx, afterCommit, actor, {
        action: "policy.delete",
        entityType: "policy",
        entityId: id,
        before: { ...policySnapshot(before), scanners: before.scanners.map(scannerSnapshot) },
      });
      await this.verdicts.recompute(tx, afterCommit, {});
      return before;
    });
  }

  async addScanner(actor: Actor, policyId: string, raw: ScannerInputData): Promise<Scanner> {
    assertCan(actor.principal, "policy:write");
    const input = parseInput(scannerSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      const policy = await this.findOrThrow(tx, policyId);
      this.assertUniqueScannerNames([...policy.scanners.map((s) => s.name), input.name]);
      const scanner = await this.repository.createScanner(tx, { ...input, policyId });
      await this.audit.record(tx, afterCommit, actor, {
        action: "scanner.create",
        entityType: "scanner",
        entityId: scanner.id,
        after: scannerSnapshot(scanner),
      });
      await this.verdicts.recompute(tx, afterCommit, {});
      return scanner;
    });
  }

  async updateScanner(actor: Actor, id: string, raw: UpdateScannerInput): Promise<Scanner> {
    assertCan(actor.principal, "policy:write");
    const input = parseInput(updateScannerSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.findScannerOrThrow(tx, id);
      if (
        input.name &&
        input.name !== before.name &&
        (await this.repository.findScannerByName(tx, before.policyId, input.name))
      ) {
        throw conflict(`This policy already has a scanner named ${input.name}`, { field: "name" });
      }
      const scanner = await this.repository.updateScanner(tx, id, input);
      await this.audit.record(tx, afterCommit, actor, {
        action: "scanner.update",
        entityType: "scanner",
        entityId: id,
        before: scannerSnapshot(before),
        after: scannerSnapshot(scanner),
      });
      await this.verdicts.recompute(tx, afterCommit, {});
      return scanner;
    });
  }

  async deleteScanner(actor: Actor, id: string): Promise<Scanner> {
    assertCan(actor.principal, "policy:write");
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.findScannerOrThrow(tx, id);
      await this.repository.deleteScanner(tx, id);
      await this.audit.record(tx, afterCommit, actor, {
        action: "scanner.delete",
        entityType: "scanner",
        entityId: id,
        before: scannerSnapshot(before),
      });
      await this.verdicts.recompute(tx, afterCommit, {});
      return before;
    });
  }

  private async findOrThrow(db: Db, id: string): Promise<PolicyWithRelations> {
    const policy = uuid.safeParse(id).success ? await this.repository.findById(db, id) : null;
    if (!policy) throw notFound("Policy");
    return policy;
  }

  private async findScannerOrThrow(db: Db, id: string): Promise<Scanner> {
    const scanner = uuid.safeParse(id).success ? await this.repository.findScanner(db, id) : null;
    if (!scanner) throw notFound("Scanner");
    return scanner;
  }

  private async assertClusters(db: Db, allClusters: boolean, clusterIds: string[]): Promise<void> {
    if (allClusters) return;
    if (!clusterIds.length)
      throw badInput("Choose at least one cluster, or apply the policy to all clusters", { field: "clusterIds" });
    const unique = [...new Set(clusterIds)];
    if ((await this.repository.countExistingClusters(db, unique)) !== unique.length) {
      throw badInput("clusterIds names a cluster that does not exist", { field: "clusterIds" });
    }
  }

  private assertUniqueScannerNames(names: string[]): void {
    if (new Set(names).size !== names.length)
      throw badInput("Scanner names must be unique within a policy", { field: "scanners" });
  }
}
