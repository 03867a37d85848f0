import type { SecretBox } from "./common/crypto.js";
import type { Database } from "./db/database.js";
import type { Logger } from "./logger.js";
import { AdmissionService } from "./modules/admission/admission.service.js";
import { AgentService } from "./modules/agent/agent.service.js";
import { InventoryService } from "./modules/inventory/inventory.service.js";
import { ScanWorkerService } from "./modules/scan-queue/scan-worker.service.js";
import { ApiKeysService } from "./modules/api-keys/api-keys.service.js";
import { AuditService } from "./modules/audit/audit.service.js";
import { AuthService } from "./modules/auth/auth.service.js";
import { ClustersService } from "./modules/clusters/clusters.service.js";
import { VerdictsService } from "./modules/compliance/verdicts.service.js";
import { FalcoIngestService } from "./modules/falco/falco-ingest.service.js";
import { FalcoService } from "./modules/falco/falco.service.js";
import { FalcoTasksService } from "./modules/falco/falco-tasks.service.js";
import { ExceptionsService } from "./modules/exceptions/exceptions.service.js";
import { ImagesService } from "./modules/images/images.service.js";
import { TrivyIngestService } from "./modules/images/trivy-ingest.service.js";
import type { Mailer } from "./modules/notifications/mailer.js";
import { NotificationsService } from "./modules/notifications/notifications.service.js";
import { PoliciesService } from "./modules/policies/policies.service.js";
import { RegistriesService } from "./modules/registries/registries.service.js";
import { ScanQueueService } from "./modules/scan-queue/scan-queue.service.js";
import { SettingsService } from "./modules/settings/settings.service.js";
import { UsersService } from "./modules/users/users.service.js";
import type { BulwarkPubSub } from "./pubsub/pubsub.js";

export type ServiceOptions = {
  secrets: SecretBox;
  mailer: Mailer;
  publicUrl: string | undefined;
  /** The time; tests move it. */
  clock: () => Date;
};

/** Every service, wired once per process. */
export function createServices(db: Database, pubsub: BulwarkPubSub, logger: Logger, options: ServiceOptions) {
  const { clock } = options;
  const audit = new AuditService(db, pubsub);
  const settings = new SettingsService(db, audit);
  const notifications = new NotificationsService(db, options.mailer, logger, options.publicUrl, clock);
  const verdicts = new VerdictsService(db, pubsub, audit, notifications, clock);
  const registries = new RegistriesService(db, audit, options.secrets);
  const scanQueue = new ScanQueueService(db, audit, verdicts, logger, clock);
  const agent = new AgentService(db, audit, clock);
  const trivy = new TrivyIngestService(db, audit, verdicts, registries, scanQueue, clock);
  const falcoIngest = new FalcoIngestService(db, pubsub, notifications, logger, clock);
  return {
    db,
    pubsub,
    logger,
    clock,
    audit,
    settings,
    notifications,
    verdicts,
    registries,
    scanQueue,
    auth: new AuthService(db, audit, settings, clock),
    users: new UsersService(db, audit),
    apiKeys: new ApiKeysService(db, audit),
    clusters: new ClustersService(db, audit),
    policies: new PoliciesService(db, audit, verdicts),
    exceptions: new ExceptionsService(db, audit, verdicts, notifications, clock),
    images: new ImagesService(db, verdicts, registries),
    trivy,
    agent,
    inventory: new InventoryService(db, agent, audit, verdicts, registries, scanQueue, logger, clock),
    admission: new AdmissionService(db, pubsub, agent, audit, verdicts, registries, scanQueue, clock),
    scanWorker: new ScanWorkerService(db, agent, audit, scanQueue, registries, trivy),
    falcoIngest,
    falco: new FalcoService(db, pubsub, audit, clock, () => falcoIngest.forgetRulesAndSettings()),
    falcoTasks: new FalcoTasksService(db, notifications, logger, clock),
  };
}

export type Services = ReturnType<typeof createServices>;
