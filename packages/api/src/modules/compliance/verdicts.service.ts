import type { Actor } from "../../common/actor.js";
import { systemActor } from "../../common/actor.js";
import { notFound } from "../../common/errors.js";
import { assertCan, type Principal } from "../../common/principal.js";
import { createComplianceEngine } from "../../compliance/engine.js";
import type { EvaluationSubject, ScanInput, TemporaryExceptionCandidate, Verdict } from "../../compliance/types.js";
import type { Database, Db } from "../../db/database.js";
import type { BulwarkPubSub, VerdictChangedEvent } from "../../pubsub/pubsub.js";
import type { AuditService } from "../audit/audit.service.js";
import { ExceptionsRepository } from "../exceptions/exceptions.repository.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { PoliciesRepository } from "../policies/policies.repository.js";
import { toExceptionInput, toPolicyInput } from "./mapping.js";
import { type PairRow, type VerdictRow, VerdictsRepository } from "./verdicts.repository.js";

export type RecomputeScope = {
  /** Only these images (default: every image in every cluster). */
  imageIds?: readonly string[];
  /** Grant temporary exceptions for new failures (only when a new scan arrives). */
  grantTemporaryExceptions?: boolean;
  /** Who caused it, for the audit entries of temporary exceptions. */
  actor?: Actor;
};

const DAY_MS = 86_400_000;
const pairKey = (imageId: string, clusterId: string) => `${imageId}/${clusterId}`;

/**
 * Keeps verdicts current: every change to scans, policies, scanners or exceptions recomputes the
 * affected verdicts inside its own transaction, so no reader ever sees a stale one.
 */
export class VerdictsService {
  readonly repository = new VerdictsRepository();
  private readonly policies = new PoliciesRepository();
  private readonly exceptions = new ExceptionsRepository();

  constructor(
    private readonly db: Database,
    private readonly pubsub: BulwarkPubSub,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly now: () => Date,
  ) {}

  /** Recomputes, stores and announces verdicts. Returns the engine's result per image/cluster pair. */
  async recompute(tx: Db, afterCommit: (cb: () => void) => void, scope: RecomputeScope): Promise<Map<string, Verdict>> {
    const now = this.now();
    const pairs = await this.repository.pairs(tx, scope.imageIds);
    const subjects = await this.subjects(tx, pairs);
    const policies = (await this.policies.list(tx)).map(toPolicyInput);
    let engine = createComplianceEngine({
      policies,
      exceptions: (await this.exceptions.activeForImages(tx)).map(toExceptionInput),
      now,
    });
    const evaluateAll = () =>
      new Map(subjects.map((s) => [pairKey(s.imageId, s.subject.clusterId), engine.evaluate(s.subject)]));
    let results = evaluateAll();

    if (scope.grantTemporaryExceptions) {
      const candidates = [...results.values()].flatMap((v) => v.temporaryExceptionCandidates);
      const granted = await this.grantTemporaryExceptions(
        tx,
        afterCommit,
        candidates,
        scope.actor ?? systemActor(),
        now,
      );
      if (granted > 0) {
        engine = createComplianceEngine({
          policies,
          exceptions: (await this.exceptions.activeForImages(tx)).map(toExceptionInput),
          now,
        });
        results = evaluateAll();
      }
    }

    const before = new Map(
      (await this.repository.existing(tx, scope.imageIds)).map((v) => [
        `${pairKey(v.imageId, v.clusterId)}/${v.namespace}`,
        v,
      ]),
    );
    const changed: VerdictRow[] = [];
    const events: VerdictChangedEvent[] = [];
    for (const { imageId, subject } of subjects) {
      const key = pairKey(imageId, subject.clusterId);
      const verdict = results.get(key)!;
      const previous = before.get(`${key}/`);
      const row: VerdictRow = {
        imageId,
        clusterId: subject.clusterId,
        namespace: "",
        status: verdict.status,
        reasons: verdict.reasons,
        scanId: subject.scans.trivy?.id ?? null,
        computedAt: now,
      };
      if (
        previous &&
        previous.status === row.status &&
        previous.scanId === row.scanId &&
        JSON.stringify(previous.reasons) === JSON.stringify(row.reasons)
      ) {
        continue;
      }
      changed.push(row);
      events.push({
        imageId: row.imageId,
        clusterId: row.clusterId,
        namespace: "",
        status: row.status,
        previousStatus: previous?.status ?? null,
        scanId: row.scanId,
        computedAt: now.toISOString(),
      });
    }
    await this.repository.upsert(tx, changed);
    await this.repository.deleteOrphans(tx, scope.imageIds);
    if (events.length) afterCommit(() => events.forEach((event) => this.pubsub.publish("VERDICT_CHANGED", event)));
    // Admission snapshots: the images in scope of each cluster, or everything when all were recomputed
    // (a policy or exception changed, which can also change namespace-level verdicts).
    const at = now.toISOString();
    if (scope.imageIds) {
      const byCluster = new Map<string, Set<string>>();
      for (const pair of pairs)
        byCluster.set(pair.clusterId, (byCluster.get(pair.clusterId) ?? new Set()).add(pair.imageId));
      afterCommit(() => {
        for (const [clusterId, ids] of byCluster)
          this.pubsub.publish("ADMISSION_CHANGED", { clusterId, imageIds: [...ids], at });
      });
    } else {
      afterCommit(() => this.pubsub.publish("ADMISSION_CHANGED", { clusterId: "*", imageIds: [], at }));
    }
    return results;
  }

  /** The verdict of one image in one cluster, computed now, with per-finding detail. */
  async explain(principal: Principal, imageId: string, clusterId: string): Promise<Verdict> {
    assertCan(principal, "image:read");
    const pairs = (await this.repository.pairs(this.db.prisma, [imageId])).filter((p) => p.clusterId === clusterId);
    if (!pairs.length) throw notFound("Image in this cluster");
    const [entry] = await this.subjects(this.db.prisma, pairs);
    const engine = createComplianceEngine({
      policies: (await this.policies.list(this.db.prisma)).map(toPolicyInput),
      exceptions: (await this.exceptions.activeForImages(this.db.prisma)).map(toExceptionInput),
      now: this.now(),
    });
    return engine.evaluate(entry!.subject);
  }

  /**
   * Verdicts for the cluster's images in particular namespaces (where namespace-scoped exceptions
   * can make them differ from the cluster-level verdict), computed now.
   */
  async namespaceVerdicts(
    db: Db,
    clusterId: string,
    namespaces: string[],
    imageIds?: readonly string[],
  ): Promise<Array<{ imageId: string; namespace: string; verdict: Verdict }>> {
    if (!namespaces.length) return [];
    const pairs = (await this.repository.pairs(db, imageIds)).filter((p) => p.clusterId === clusterId);
    if (!pairs.length) return [];
    const subjects = await this.subjects(db, pairs);
    const engine = createComplianceEngine({
      policies: (await this.policies.list(db)).map(toPolicyInput),
      exceptions: (await this.exceptions.activeForImages(db)).map(toExceptionInput),
      now: this.now(),
    });
    return subjects.flatMap(({ imageId, subject }) =>
      namespaces.map((namespace) => ({ imageId, namespace, verdict: engine.evaluate({ ...subject, namespace }) })),
    );
  }

  /** Stored verdicts for pairs given as "imageId/clusterId" keys. */
  async storedFor(keys: readonly string[]): Promise<Map<string, VerdictRow>> {
    const pairs = keys.map((key) => {
      const [imageId = "", clusterId = ""] = key.split("/");
      return { imageId, clusterId };
    });
    const rows = pairs.length ? await this.repository.forPairs(this.db.prisma, pairs) : [];
    return new Map(rows.map((row) => [pairKey(row.imageId, row.clusterId), row]));
  }

  subscribe(principal: Principal): AsyncIterable<VerdictChangedEvent> {
    assertCan(principal, "image:read");
    return this.pubsub.subscribe("VERDICT_CHANGED");
  }

  private async subjects(db: Db, pairs: PairRow[]): Promise<Array<{ imageId: string; subject: EvaluationSubject }>> {
    const imageIds = [...new Set(pairs.map((p) => p.imageId))];
    const scans = await this.repository.latestScans(db, imageIds);
    const findings = await this.repository.findings(
      db,
      scans.filter((s) => s.status === "succeeded").map((s) => s.id),
    );
    const findingsByScan = new Map<string, ScanInput["findings"]>();
    for (const f of findings) {
      const list = findingsByScan.get(f.scanId) ?? [];
      list.push({
        id: f.id,
        issueId: f.vulnerabilityId,
        packageName: f.packageName,
        severity: f.severity,
        fixable: f.fixable,
      });
      findingsByScan.set(f.scanId, list);
    }
    const scanByImage = new Map(
      scans.map((s) => [
        s.imageId,
        {
          id: s.id,
          scanner: "trivy" as const,
          status: s.status,
          error: s.error,
          findings: findingsByScan.get(s.id) ?? [],
        },
      ]),
    );
    return pairs.map((pair) => {
      const scan = scanByImage.get(pair.imageId);
      return {
        imageId: pair.imageId,
        subject: {
          image: { registry: pair.registry, repository: pair.repository, digest: pair.digest, tag: pair.tag },
          clusterId: pair.clusterId,
          namespace: null,
          scans: scan ? { trivy: scan } : {},
        },
      };
    });
  }

  /**
   * Creates an active temporary exception for each new failure under a policy with grace days,
   * unless one was ever created for that policy + issue + repository. Admins are emailed.
   */
  private async grantTemporaryExceptions(
    tx: Db,
    afterCommit: (cb: () => void) => void,
    candidates: TemporaryExceptionCandidate[],
    actor: Actor,
    now: Date,
  ): Promise<number> {
    const seen = new Set<string>();
    let granted = 0;
    for (const c of candidates) {
      const key = [c.policyId, c.issueId.toUpperCase(), c.registry, c.repository].join("|");
      if (seen.has(key)) continue;
      seen.add(key);
      const grantKey = {
        policyId: c.policyId,
        issueId: c.issueId.toUpperCase(),
        registry: c.registry,
        repository: c.repository,
      };
      if (await this.exceptions.grantExists(tx, grantKey)) continue;
      const repository = `${c.registry}/${c.repository}`;
      const endsAt = new Date(now.getTime() + c.graceDays * DAY_MS);
      const exception = await this.exceptions.create(tx, {
        type: "policy",
        status: "active",
        title: `Temporary exception for ${c.issueId} in ${repository}`,
        reason: `Granted automatically when a new scan found ${c.issueId}: the policy allows ${c.graceDays} day${c.graceDays === 1 ? "" : "s"} to fix it.`,
        startsAt: now,
        endsAt,
        allPolicies: false,
        policyIds: [c.policyId],
        issueId: c.issueId,
        imagePattern: repository,
        temporary: true,
        createdByLabel: "system",
      });
      await this.exceptions.addGrant(tx, { ...grantKey, exceptionId: exception.id });
      await this.exceptions.addEvent(tx, {
        exceptionId: exception.id,
        action: "created",
        actorUserId: null,
        actorLabel: "system",
        changes: { temporary: true },
      });
      await this.audit.record(
        tx,
        afterCommit,
        { ...actor, system: true },
        {
          action: "exception.create_temporary",
          entityType: "exception",
          entityId: exception.id,
          after: { id: exception.id, issueId: c.issueId, imagePattern: repository, policyId: c.policyId, endsAt },
        },
      );
      await this.notifications.enqueue(tx, afterCommit, {
        kind: "exception.temporary",
        to: await this.notifications.adminEmails(tx),
        subject: `Temporary exception for ${c.issueId} in ${repository}`,
        text: [
          `A new scan of ${repository} found ${c.issueId}, which its policy does not allow.`,
          `Bulwark granted a temporary exception until ${endsAt.toISOString().slice(0, 10)} (${c.graceDays} days of grace).`,
          "",
          `Review it: ${this.notifications.link(`/exceptions/${exception.id}`)}`,
        ].join("\n"),
      });
      granted += 1;
    }
    return granted;
  }
}
