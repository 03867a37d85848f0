import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { randomToken, sha256Hex } from "../../common/crypto.js";
import { badInput, conflict, DomainError, notFound } from "../../common/errors.js";
import { assertCan, can, type Principal } from "../../common/principal.js";
import { parseInput } from "../../common/validation.js";
import type { Database } from "../../db/database.js";
import type { ApiKey } from "../../generated/prisma/client.js";
import type { AuditService } from "../audit/audit.service.js";
import { ClustersRepository } from "../clusters/clusters.repository.js";
import { ApiKeysRepository } from "./api-keys.repository.js";

export const API_KEY_PREFIX = "bwk_";
const SCOPES = ["agent", "ci_scan", "falco_ingest", "kube_bench", "kube_hunter", "read", "admin"] as const;

const createSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  scopes: z
    .array(z.enum(SCOPES))
    .min(1, "choose at least one scope")
    .transform((values) => [...new Set(values)]),
  clusterId: z.uuid("must be an id").nullish(),
  expiresAt: z.date().nullish(),
});

export type CreateApiKeyInput = z.input<typeof createSchema>;

export const apiKeySnapshot = (key: ApiKey) => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  userId: key.userId,
  clusterId: key.clusterId,
  expiresAt: key.expiresAt,
  revokedAt: key.revokedAt,
});

/** A new key: `bwk_` and 32 random bytes. Only its sha256 is stored. */
export function generateApiKey(): { secret: string; prefix: string; keyHash: string } {
  const secret = `${API_KEY_PREFIX}${randomToken(32)}`;
  return { secret, prefix: secret.slice(0, API_KEY_PREFIX.length + 8), keyHash: sha256Hex(secret) };
}

export class ApiKeysService {
  readonly repository = new ApiKeysRepository();
  private readonly clusters = new ClustersRepository();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /** The caller's own keys; with `all`, every key (administrators). */
  async list(principal: Principal, all: boolean): Promise<ApiKey[]> {
    assertCan(principal, "api_key:own");
    if (all) assertCan(principal, "api_key:any");
    return this.repository.list(this.db.prisma, all ? null : principal.userId);
  }

  async create(actor: Actor, raw: CreateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
    assertCan(actor.principal, "api_key:own");
    const principal = actor.principal;
    const input = parseInput(createSchema, raw);
    if (principal.role === "read_only" && input.scopes.some((scope) => scope !== "read")) {
      throw new DomainError("FORBIDDEN", "Read-only users can create keys with the read scope only", {
        field: "scopes",
      });
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw badInput("expiresAt must be in the future", { field: "expiresAt" });
    }
    const { secret, prefix, keyHash } = generateApiKey();
    const apiKey = await this.db.transaction(async (tx, afterCommit) => {
      if (input.clusterId && !(await this.clusters.findById(tx, input.clusterId))) {
        throw badInput("clusterId does not name an existing cluster", { field: "clusterId" });
      }
      const created = await this.repository.create(tx, {
        name: input.name,
        prefix,
        keyHash,
        scopes: input.scopes,
        userId: principal.userId,
        clusterId: input.clusterId ?? null,
        expiresAt: input.expiresAt ?? null,
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "api_key.create",
        entityType: "api_key",
        entityId: created.id,
        after: apiKeySnapshot(created),
      });
      return created;
    });
    return { apiKey, secret };
  }

  async revoke(actor: Actor, id: string): Promise<ApiKey> {
    assertCan(actor.principal, "api_key:own");
    const principal = actor.principal;
    if (!z.uuid().safeParse(id).success) throw notFound("API key");
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.repository.findById(tx, id);
      // Someone else's key is reported as missing to callers who may not see it.
      if (!before || (before.userId !== principal.userId && !can(principal, "api_key:any"))) {
        throw notFound("API key");
      }
      if (before.revokedAt) throw conflict("This API key is already revoked");
      const revoked = await this.repository.update(tx, id, { revokedAt: new Date() });
      await this.audit.record(tx, afterCommit, actor, {
        action: "api_key.revoke",
        entityType: "api_key",
        entityId: id,
        before: apiKeySnapshot(before),
        after: apiKeySnapshot(revoked),
      });
      return revoked;
    });
  }
}
