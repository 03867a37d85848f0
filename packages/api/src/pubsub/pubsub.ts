import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub, type PubSub } from "@graphql-yoga/subscription";
import { Redis } from "ioredis";
import type { Logger } from "../logger.js";

/**
 * Every topic the api publishes, with its payload. Payloads are plain JSON (they cross Redis when
 * several replicas run): ids as strings, times as ISO strings.
 */
export type AuditEntryEvent = {
  id: string;
  at: string;
  action: string;
  outcome: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  actorLabel: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  sourceIp: string | null;
  userAgent: string | null;
};

/** An image's verdict in a cluster changed (or was computed for the first time). */
export type VerdictChangedEvent = {
  imageId: string;
  clusterId: string;
  namespace: string;
  status: "compliant" | "non_compliant" | "unscanned" | "scan_failed";
  previousStatus: "compliant" | "non_compliant" | "unscanned" | "scan_failed" | null;
  /** The scan the verdict was computed from (changes when a new scan arrived). */
  scanId: string | null;
  computedAt: string;
};

/** Something a cluster's admission snapshot depends on changed. */
export type AdmissionChangedEvent = {
  /** "*" = every cluster. */
  clusterId: string;
  /** Images whose entries changed; empty = reload everything. */
  imageIds: string[];
  at: string;
};

/** A cluster's webhook decided an admission request. */
export type AdmissionEventAddedEvent = {
  id: string;
  clusterId: string;
  at: string;
  requestUid: string;
  operation: string;
  kind: string;
  namespace: string;
  name: string;
  userName: string | null;
  decision: "allowed" | "denied" | "warned" | "would_deny";
  enforced: boolean;
  mode: "deny" | "warn";
  message: string;
  images: unknown;
};

/** A Falco event was stored (published as a list: the events one batch stored). */
export type FalcoEventAddedEvent = {
  id: string;
  clusterId: string;
  clusterName: string;
  uuid: string | null;
  time: string;
  receivedAt: string;
  priority: "emergency" | "alert" | "critical" | "error" | "warning" | "notice" | "informational" | "debug";
  rule: string;
  source: string | null;
  output: string;
  hostname: string | null;
  namespace: string | null;
  pod: string | null;
  container: string | null;
  image: string | null;
  process: string | null;
  commandLine: string | null;
  user: string | null;
  tags: string[];
  signature: string;
  anomaly: boolean;
  silenced: boolean;
  outputFields: Record<string, unknown>;
};

export type Topics = {
  AUDIT_ENTRY_ADDED: [AuditEntryEvent];
  VERDICT_CHANGED: [VerdictChangedEvent];
  ADMISSION_CHANGED: [AdmissionChangedEvent];
  ADMISSION_EVENT_ADDED: [AdmissionEventAddedEvent];
  FALCO_EVENTS_ADDED: [FalcoEventAddedEvent[]];
};

export type TopicName = keyof Topics;

export type BulwarkPubSub = PubSub<Topics> & { close(): Promise<void>; readonly backend: "memory" | "redis" };

/** In-process by default; Redis-backed when REDIS_URL is set so every replica sees every event. */
export function createBulwarkPubSub(redisUrl: string | undefined, logger: Logger): BulwarkPubSub {
  if (!redisUrl) {
    const pubsub = createPubSub<Topics>();
    return Object.assign(pubsub, { backend: "memory" as const, close: async () => {} });
  }
  const connect = (role: string) => {
    const client = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    client.on("error", (error: Error) => logger.warn({ err: error, role }, "redis connection error"));
    return client;
  };
  const publishClient = connect("publish");
  const subscribeClient = connect("subscribe");
  const pubsub = createPubSub<Topics>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
  return Object.assign(pubsub, {
    backend: "redis" as const,
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  });
}
