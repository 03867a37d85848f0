import type { Database } from "./db/database.js";
import type { Logger } from "./logger.js";
import { ApiKeysService } from "./modules/api-keys/api-keys.service.js";
import { AuditService } from "./modules/audit/audit.service.js";
import { AuthService } from "./modules/auth/auth.service.js";
import { ClustersService } from "./modules/clusters/clusters.service.js";
import { SettingsService } from "./modules/settings/settings.service.js";
import { UsersService } from "./modules/users/users.service.js";
import type { BulwarkPubSub } from "./pubsub/pubsub.js";

/** Every service, wired once per process. */
export function createServices(db: Database, pubsub: BulwarkPubSub, logger: Logger) {
  const audit = new AuditService(db, pubsub);
  const settings = new SettingsService(db, audit);
  return {
    db,
    pubsub,
    logger,
    audit,
    settings,
    auth: new AuthService(db, audit, settings),
    users: new UsersService(db, audit),
    apiKeys: new ApiKeysService(db, audit),
    clusters: new ClustersService(db, audit),
  };
}

export type Services = ReturnType<typeof createServices>;
