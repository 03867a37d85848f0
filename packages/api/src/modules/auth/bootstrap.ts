import { randomToken, sha256Hex } from "../../common/crypto.js";
import { systemActor } from "../../common/actor.js";
import type { Database } from "../../db/database.js";
import { advisoryXactLock, LOCKS } from "../../db/locks.js";
import { ApiKeysRepository } from "../api-keys/api-keys.repository.js";
import { apiKeySnapshot } from "../api-keys/api-keys.service.js";
import type { AuditService } from "../audit/audit.service.js";
import { SettingsRepository } from "../settings/settings.repository.js";
import { hashPassword } from "../users/password.js";
import { UsersRepository } from "../users/users.repository.js";
import { userSnapshot } from "../users/users.service.js";

export const DEFAULT_ADMIN_EMAIL = "admin@bulwark.local";

export type BootstrapOptions = {
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  bootstrapApiKey: string | undefined;
};

export type BootstrapResult = {
  /** Set on the start that created the first user. The password only when Bulwark generated it. */
  createdAdmin: { email: string; generatedPassword: string | null } | null;
  bootstrapKey: "created" | "restored" | "present" | null;
};

/**
 * Start-up work that must happen once per installation, safe when several replicas start at once:
 * the settings row, the first super admin, and the bootstrap API key.
 */
export async function bootstrap(
  db: Database,
  audit: AuditService,
  options: BootstrapOptions,
): Promise<BootstrapResult> {
  const users = new UsersRepository();
  const apiKeys = new ApiKeysRepository();
  const settings = new SettingsRepository();
  const actor = systemActor();

  return db.transaction(async (tx, afterCommit) => {
    await advisoryXactLock(tx, LOCKS.bootstrap);
    await settings.get(tx);
    const result: BootstrapResult = { createdAdmin: null, bootstrapKey: null };

    if ((await users.count(tx)) === 0) {
      const email = options.adminEmail ?? DEFAULT_ADMIN_EMAIL;
      const generatedPassword = options.adminPassword ? null : randomToken(15);
      const passwordHash = await hashPassword(options.adminPassword ?? generatedPassword ?? "");
      const admin = await users.create(tx, { email, name: "Administrator", role: "super_admin", passwordHash });
      await audit.record(tx, afterCommit, actor, {
        action: "user.create",
        entityType: "user",
        entityId: admin.id,
        after: { ...userSnapshot(admin), reason: "first start" },
      });
      result.createdAdmin = { email, generatedPassword };
    }

    if (options.bootstrapApiKey) {
      const keyHash = sha256Hex(options.bootstrapApiKey);
      const existing = await apiKeys.findByHash(tx, keyHash);
      if (!existing) {
        const owner = await users.firstActiveSuperAdmin(tx);
        if (!owner) throw new Error("BULWARK_BOOTSTRAP_API_KEY is set but there is no active super admin to own it");
        const key = await apiKeys.create(tx, {
          name: "bootstrap",
          prefix: `${options.bootstrapApiKey.slice(0, 4)}…`,
          keyHash,
          scopes: ["admin"],
          userId: owner.id,
          clusterId: null,
          expiresAt: null,
        });
        await audit.record(tx, afterCommit, actor, {
          action: "api_key.create",
          entityType: "api_key",
          entityId: key.id,
          after: { ...apiKeySnapshot(key), reason: "BULWARK_BOOTSTRAP_API_KEY" },
        });
        result.bootstrapKey = "created";
      } else if (existing.revokedAt || !existing.scopes.includes("admin") || existing.expiresAt) {
        const key = await apiKeys.update(tx, existing.id, {
          revokedAt: null,
          scopes: [...new Set([...existing.scopes, "admin" as const])],
          expiresAt: null,
        });
        await audit.record(tx, afterCommit, actor, {
          action: "api_key.restore",
          entityType: "api_key",
          entityId: key.id,
          before: apiKeySnapshot(existing),
          after: { ...apiKeySnapshot(key), reason: "BULWARK_BOOTSTRAP_API_KEY" },
        });
        result.bootstrapKey = "restored";
      } else {
        result.bootstrapKey = "present";
      }
    }
    return result;
  });
}
