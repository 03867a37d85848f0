import { randomUUID } from "node:crypto";
import { sharedLookUp } from "../../common/shared-look-up.js";
import type { Database, Db, SqlTransaction } from "../../db/database.js";
import type { FalcoRule, FalcoSettings } from "../../generated/prisma/client.js";
import type { Logger } from "../../logger.js";
import type { BulwarkPubSub, FalcoEventAddedEvent } from "../../pubsub/pubsub.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { FalcoRepository, type NewFalcoEventRow, type SignatureRow, type SignatureUpdate } from "./falco.repository.js";
import { anomalyMail } from "./falco-mail.js";
import { type FalcoEventInput, falcoSignature } from "./falco-payload.js";
import { isAtLeast } from "./falco-priority.js";
import { decide } from "./falco-rules.js";
import { DAY_MS, type FalcoSettingsValues, settingsValues } from "./falco-settings.js";
import { GroupCommit, type GroupCommitOptions } from "./group-commit.js";

export type IngestCluster = { id: string; name: string };

/**
 * How long the ingest path reuses a cluster or API key look-up. Each batch checks its keys again,
 * so a key revoked (or expired, or whose owner was deactivated) is refused from its next event.
 */
export const INGEST_CACHE_MS = 10_000;

/**
 * How long a batch reuses the active rules and a cluster's settings read by an earlier batch. A change
 * made through this process is seen by the next batch; one made on another replica within this time.
 */
export const RULES_CACHE_MS = 1_000;

export type IngestOutcome =
  | { kind: "stored"; id: string; anomaly: boolean; silenced: boolean }
  | { kind: "below_minimum_priority" | "ignored"; reason: string }
  /** The cluster was deleted while the event waited for its batch. */
  | { kind: "cluster_gone" }
  /** The key was revoked, expired or lost its owner since it was looked up. */
  | { kind: "key_refused"; reason: string };

type Item = { cluster: IngestCluster; apiKeyId: string; event: FalcoEventInput; receivedAt: Date };

type Kept = {
  index: number;
  item: Item;
  settings: FalcoSettingsValues;
  row: NewFalcoEventRow;
  notify: boolean;
};

/**
 * The signature updates of a batch none of whose events is an anomaly, judged from the signatures as
 * read without a lock; null when a signature is new or some event would be an anomaly (then the batch
 * locks its signatures first and decides from what it locked: markAnomalies). A concurrent batch can
 * only move a signature's last sighting later, which keeps every event here ordinary, and its updates
 * are merged (earliest first sighting, latest last sighting), so deciding before locking is safe.
 */
function ordinaryUpdates(bySignature: Map<string, Kept[]>, seen: Map<string, SignatureRow>): SignatureUpdate[] | null {
  const updates: SignatureUpdate[] = [];
  for (const [signature, list] of bySignature) {
    const prior = seen.get(signature);
    if (!prior) return null;
    const windowMs = list[0]!.settings.anomalyWindowDays * DAY_MS;
    const times = list.map((k) => k.row.time.getTime()).sort((a, b) => a - b);
    // In time order, each event's last sighting is the prior one or an earlier event of the batch.
    let lastSeen = prior.lastSeenAt.getTime();
    for (const time of times) {
      if (lastSeen < time - windowMs) return null;
      lastSeen = Math.max(lastSeen, time);
    }
    updates.push({
      signature,
      firstSeenAt: new Date(Math.min(prior.firstSeenAt.getTime(), times[0]!)),
      lastSeenAt: new Date(Math.max(prior.lastSeenAt.getTime(), times[times.length - 1]!)),
      lastNotifiedAt: prior.lastNotifiedAt,
    });
  }
  return updates;
}

/** The kept events of a batch by signature, in batch order. */
function groupBySignature(kept: Kept[]): Map<string, Kept[]> {
  const bySignature = new Map<string, Kept[]>();
  for (const k of kept) {
    const list = bySignature.get(k.row.signature);
    if (list) list.push(k);
    else bySignature.set(k.row.signature, [k]);
  }
  return bySignature;
}

export const toFalcoEventAdded = (row: NewFalcoEventRow, clusterName: string): FalcoEventAddedEvent => ({
  ...row,
  clusterName,
  time: row.time.toISOString(),
  receivedAt: row.receivedAt.toISOString(),
});

/**
 * Falco events from falcosidekick: each request is validated by the route, then written by a
 * group-commit writer. Requests arriving together are decided (minimum priority, ignore and silence
 * rules, anomaly) and inserted together in one transaction; each is answered once it has committed.
 */
export class FalcoIngestService {
  readonly repository = new FalcoRepository();
  private readonly writer: GroupCommit<Item, IngestOutcome>;
  private readonly clusters = new Map<string, { cluster: IngestCluster; until: number }>();
  private readonly clusterLookUps = new Map<string, Promise<IngestCluster | null>>();
  /** Active rules and settings as last read, on the monotonic clock; `generation` drops reads begun before a change. */
  private rulesCache: { rules: FalcoRule[]; until: number } | null = null;
  private readonly settingsCache = new Map<string, { settings: FalcoSettings | undefined; until: number }>();
  private generation = 0;
  private readonly signatures = new Map<string, string>();
  /** Told the size of every committed batch (metrics). */
  onBatchCommitted: ((size: number) => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly pubsub: BulwarkPubSub,
    private readonly notifications: NotificationsService,
    private readonly logger: Logger,
    private readonly now: () => Date,
    // On PostgreSQL one batch is prepared while another is written (PGlite runs one transaction at a time).
    options: GroupCommitOptions = { windowMs: 2, maxBatch: 500, concurrency: db.kind === "postgres" ? 2 : 1 },
  ) {
    this.writer = new GroupCommit((items) => this.commit(items), options);
  }

  /**
   * The cluster events are sent for, remembered for a few seconds (one request per event). A cluster
   * deleted meanwhile is caught by the batch, which stores nothing for it.
   */
  async findCluster(id: string): Promise<IngestCluster | null> {
    const now = this.now().getTime();
    const hit = this.clusters.get(id);
    if (hit && hit.until > now) return hit.cluster;
    const cluster = await sharedLookUp(this.clusterLookUps, id, () => this.repository.findCluster(this.db.prisma, id));
    if (this.clusters.size >= 10_000) this.clusters.clear();
    if (cluster) this.clusters.set(id, { cluster, until: now + INGEST_CACHE_MS });
    else this.clusters.delete(id);
    return cluster;
  }

  /** falcoSignature, remembered: a cluster raises the same few signatures over and over. */
  private signatureOf(clusterId: string, rule: string, namespace: string | null, image: string | null): string {
    const key = `${clusterId}\n${rule}\n${namespace ?? ""}\n${image ?? ""}`;
    let signature = this.signatures.get(key);
    if (signature === undefined) {
      if (this.signatures.size >= 10_000) this.signatures.clear();
      signature = falcoSignature(clusterId, rule, namespace, image);
      this.signatures.set(key, signature);
    }
    return signature;
  }

  /** A rule or some cluster's settings changed: the next batch reads them again. */
  forgetRulesAndSettings(): void {
    this.generation++;
    this.rulesCache = null;
    this.settingsCache.clear();
  }

  private async activeRules(tx: Db, now: Date): Promise<FalcoRule[]> {
    const at = performance.now();
    if (this.rulesCache && this.rulesCache.until > at) return this.rulesCache.rules;
    const generation = this.generation;
    const rules = await this.repository.activeRules(tx, now);
    if (generation === this.generation) this.rulesCache = { rules, until: at + RULES_CACHE_MS };
    return rules;
  }

  private async settingsFor(tx: Db, clusterIds: string[]): Promise<Map<string, FalcoSettings | undefined>> {
    const at = performance.now();
    const found = new Map<string, FalcoSettings | undefined>();
    const missing: string[] = [];
    for (const id of clusterIds) {
      const hit = this.settingsCache.get(id);
      if (hit && hit.until > at) found.set(id, hit.settings);
      else missing.push(id);
    }
    if (!missing.length) return found;
    const generation = this.generation;
    const read = new Map((await this.repository.settingsFor(tx, missing)).map((s) => [s.clusterId, s]));
    const keep = generation === this.generation;
    if (keep && this.settingsCache.size >= 10_000) this.settingsCache.clear();
    for (const id of missing) {
      found.set(id, read.get(id));
      if (keep) this.settingsCache.set(id, { settings: read.get(id), until: at + RULES_CACHE_MS });
    }
    return found;
  }

  /** Resolves once the event's batch has committed (or rejects when the batch failed). */
  ingest(cluster: IngestCluster, apiKeyId: string, event: FalcoEventInput): Promise<IngestOutcome> {
    return this.writer.submit({ cluster, apiKeyId, event, receivedAt: this.now() });
  }

  /** Writes what is waiting (at shutdown, before the database closes). */
  drain(): Promise<void> {
    return this.writer.drain();
  }

  private async commit(items: Item[]): Promise<IngestOutcome[]> {
    // Rules and settings are read before the batch's transaction (usually from the cache).
    const rules = await this.activeRules(this.db.prisma, this.now());
    const stored = await this.settingsFor(this.db.prisma, [...new Set(items.map((i) => i.cluster.id))]);
    const outcomes = await this.db.sqlTransaction(async (tx, afterCommit) => {
      const now = this.now();
      // The keys and the batch's signatures as they stand, read together (not locked: see below).
      const signatures = items.map(({ cluster, event }) =>
        this.signatureOf(cluster.id, event.rule, event.namespace, event.image),
      );
      const [refusedKeys, seen] = await Promise.all([
        this.refusedKeys(tx, items, now),
        this.repository.readSignatures(tx, [...new Set(signatures)]),
      ]);
      const outcomes: IngestOutcome[] = new Array<IngestOutcome>(items.length);
      const kept: Kept[] = [];
      const settingsOf = new Map<string, FalcoSettingsValues>();
      items.forEach((item, index) => {
        const { event, cluster } = item;
        const refusal = refusedKeys.get(item.apiKeyId);
        if (refusal) {
          outcomes[index] = { kind: "key_refused", reason: refusal };
          return;
        }
        let settings = settingsOf.get(cluster.id);
        if (!settings) {
          settings = settingsValues(stored.get(cluster.id), cluster.id);
          settingsOf.set(cluster.id, settings);
        }
        if (!isAtLeast(event.priority, settings.minimumPriority)) {
          outcomes[index] = {
            kind: "below_minimum_priority",
            reason: `below the cluster's minimum priority ${settings.minimumPriority}`,
          };
          return;
        }
        const decision = decide(
          rules,
          { clusterId: cluster.id, rule: event.rule, namespace: event.namespace, image: event.image },
          now,
        );
        if (decision.action === "ignore") {
          outcomes[index] = { kind: "ignored", reason: `dropped by the ignore rule "${decision.rule.name}"` };
          return;
        }
        kept.push({
          index,
          item,
          settings,
          notify: false,
          row: {
            id: randomUUID(),
            clusterId: cluster.id,
            uuid: event.uuid,
            time: event.time,
            receivedAt: item.receivedAt,
            priority: event.priority,
            rule: event.rule,
            source: event.source,
            output: event.output,
            hostname: event.hostname,
            namespace: event.namespace,
            pod: event.pod,
            container: event.container,
            image: event.image,
            process: event.process,
            commandLine: event.commandLine,
            user: event.user,
            tags: event.tags,
            signature: signatures[index]!,
            anomaly: false,
            silenced: decision.action === "silence",
            outputFields: event.outputFields,
          },
        });
      });
      if (!kept.length) return outcomes;

      const rows = kept.map((k) => k.row);
      const bySignature = groupBySignature(kept);
      const ordinary = ordinaryUpdates(bySignature, seen);
      let inserted: Set<string>;
      if (ordinary) {
        // No event is an anomaly, and a concurrent batch can only make their signatures more recent:
        // lock them (in one order) and write, in one round trip.
        [, inserted] = await Promise.all([
          this.repository.lockSignatures(tx, [...bySignature.keys()]),
          this.repository.insertEvents(tx, rows, ordinary),
        ]);
      } else {
        inserted = await this.repository.insertEvents(tx, rows, await this.markAnomalies(tx, bySignature, now));
      }
      await this.sendAnomalyMails(
        tx,
        afterCommit,
        kept.filter((k) => k.notify && inserted.has(k.row.id)),
      );
      for (const k of kept) {
        outcomes[k.index] = inserted.has(k.row.id)
          ? { kind: "stored", id: k.row.id, anomaly: k.row.anomaly, silenced: k.row.silenced }
          : { kind: "cluster_gone" };
      }
      const published = kept.filter((k) => inserted.has(k.row.id));
      if (published.length) {
        afterCommit(() =>
          this.pubsub.publish(
            "FALCO_EVENTS_ADDED",
            published.map((k) => toFalcoEventAdded(k.row, k.item.cluster.name)),
          ),
        );
      }
      return outcomes;
    });
    this.onBatchCommitted?.(items.length);
    return outcomes;
  }

  /** Keys of the batch that may no longer be used, with the reason, read in the batch's transaction. */
  private async refusedKeys(tx: SqlTransaction, items: Item[], now: Date): Promise<Map<string, string>> {
    const ids = [...new Set(items.map((i) => i.apiKeyId))];
    const states = new Map((await this.repository.apiKeyStates(tx, ids)).map((k) => [k.id, k]));
    const refused = new Map<string, string>();
    for (const id of ids) {
      const key = states.get(id);
      if (!key) refused.set(id, "The API key is not valid");
      else if (key.revokedAt) refused.set(id, `The API key "${key.name}" was revoked`);
      else if (key.expiresAt && key.expiresAt <= now) refused.set(id, `The API key "${key.name}" has expired`);
      else if (!key.userActive) refused.set(id, `The API key "${key.name}" belongs to a deactivated user`);
    }
    return refused;
  }

  /**
   * An event is an anomaly when its signature had no event in the cluster's anomaly window before
   * it (see ordinaryUpdates for the batches where none is). Signatures are created or locked first, so concurrent batches (other replicas) see each
   * other's events in order. Returns the signature updates, written with the events.
   */
  private async markAnomalies(
    tx: SqlTransaction,
    bySignature: Map<string, Kept[]>,
    now: Date,
  ): Promise<SignatureUpdate[]> {
    const signatures = [...bySignature.keys()].sort();
    const times = (list: Kept[]) => list.map((k) => k.row.time.getTime());
    const created = await this.repository.insertNewSignatures(
      tx,
      signatures.map((signature): SignatureRow => {
        const list = bySignature.get(signature)!;
        const { row } = list[0]!;
        return {
          signature,
          clusterId: row.clusterId,
          rule: row.rule,
          namespace: row.namespace,
          image: row.image,
          firstSeenAt: new Date(Math.min(...times(list))),
          lastSeenAt: new Date(Math.max(...times(list))),
          lastNotifiedAt: null,
        };
      }),
    );
    const existing = await this.repository.lockSignatures(
      tx,
      signatures.filter((s) => !created.has(s)),
    );

    const updates: SignatureUpdate[] = [];
    for (const signature of signatures) {
      const list = [...bySignature.get(signature)!].sort(
        (a, b) => a.row.time.getTime() - b.row.time.getTime() || a.index - b.index,
      );
      const prior = existing.get(signature);
      const { settings } = list[0]!;
      const windowMs = settings.anomalyWindowDays * DAY_MS;
      let lastSeen = prior ? prior.lastSeenAt.getTime() : null;
      let lastNotified = prior?.lastNotifiedAt?.getTime() ?? null;
      let notified = false;
      for (const k of list) {
        const time = k.row.time.getTime();
        k.row.anomaly = lastSeen === null || lastSeen < time - windowMs;
        lastSeen = lastSeen === null ? time : Math.max(lastSeen, time);
        if (
          settings.notifyAnomalies &&
          k.row.anomaly &&
          !k.row.silenced &&
          isAtLeast(k.row.priority, settings.notifyMinPriority) &&
          (lastNotified === null || lastNotified < now.getTime() - windowMs)
        ) {
          k.notify = true;
          notified = true;
          lastNotified = now.getTime();
        }
      }
      if (prior || notified) {
        const firstSeen = Math.min(prior?.firstSeenAt.getTime() ?? Infinity, ...times(list));
        updates.push({
          signature,
          firstSeenAt: new Date(firstSeen),
          lastSeenAt: new Date(lastSeen!),
          lastNotifiedAt: lastNotified === null ? null : new Date(lastNotified),
        });
      }
    }
    return updates;
  }

  private async sendAnomalyMails(
    tx: SqlTransaction,
    afterCommit: (cb: () => void) => void,
    toNotify: Kept[],
  ): Promise<void> {
    if (!toNotify.length) return;
    let admins: string[] | null = null;
    for (const k of toNotify) {
      const to =
        k.settings.recipients === "addresses"
          ? k.settings.addresses
          : (admins ??= await this.notifications.adminEmailsInSql(tx));
      if (!to.length) {
        this.logger.warn({ cluster: k.item.cluster.id }, "a Falco anomaly has no one to email");
        continue;
      }
      const mail = anomalyMail(k.row, k.item.cluster.name, k.settings.anomalyWindowDays, (path) =>
        this.notifications.link(path),
      );
      await this.notifications.enqueueInSql(tx, afterCommit, { kind: "falco.anomaly", to, ...mail });
    }
  }
}
