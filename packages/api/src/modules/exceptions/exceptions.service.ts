import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { badInput, conflict, forbidden, notFound } from "../../common/errors.js";
import { actorLabel, assertCan, type Principal } from "../../common/principal.js";
import { parseInput } from "../../common/validation.js";
import { compileImagePattern, ImagePatternError } from "../../compliance/image-pattern.js";
import type { Database, Db } from "../../db/database.js";
import type { Exception, ExceptionComment, ExceptionEvent, Prisma } from "../../generated/prisma/client.js";
import type { AuditService } from "../audit/audit.service.js";
import type { VerdictsService } from "../compliance/verdicts.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { type ExceptionFilter, ExceptionsRepository } from "./exceptions.repository.js";

const uuid = z.uuid("must be an id");
const SEVERITY = z.enum(["negligible", "low", "medium", "high", "critical"]);
const namespaceName = z
  .string()
  .trim()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be Kubernetes namespace names")
  .max(63);

const fields = {
  type: z.enum(["policy", "override", "gatekeeper"]),
  title: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  reason: z.string().trim().max(5000, "must be at most 5000 characters"),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  allClusters: z.boolean(),
  clusterIds: z.array(uuid).max(1000),
  allNamespaces: z.boolean(),
  namespaces: z.array(namespaceName).max(500),
  allPolicies: z.boolean(),
  policyIds: z.array(uuid).max(1000),
  scannerId: uuid.nullable(),
  issueId: z
    .string()
    .trim()
    .max(200, "must be at most 200 characters")
    .regex(/^[^\s]*$/, "must not contain spaces")
    .nullable()
    .transform((v) => (v ? v : null)),
  imagePattern: z.string().trim().max(255, "must be at most 255 characters"),
  alternateSeverity: SEVERITY.nullable(),
};

const createSchema = z.object({
  type: fields.type.default("policy"),
  title: fields.title,
  reason: fields.reason.default(""),
  startsAt: fields.startsAt.optional(),
  endsAt: fields.endsAt.optional(),
  allClusters: fields.allClusters.default(true),
  clusterIds: fields.clusterIds.default([]),
  allNamespaces: fields.allNamespaces.default(true),
  namespaces: fields.namespaces.default([]),
  allPolicies: fields.allPolicies.default(true),
  policyIds: fields.policyIds.default([]),
  scannerId: fields.scannerId.optional(),
  issueId: fields.issueId.optional(),
  imagePattern: fields.imagePattern.default("*"),
  alternateSeverity: fields.alternateSeverity.optional(),
});
const updateSchema = z.object({ ...fields, status: z.enum(["active", "in_review", "inactive"]) }).partial();

export type ExceptionInputData = z.input<typeof createSchema>;
export type UpdateExceptionData = z.input<typeof updateSchema>;

type Stored = Omit<Prisma.ExceptionUncheckedCreateInput, "status" | "createdByLabel">;

const TRACKED = [
  "type",
  "status",
  "title",
  "reason",
  "startsAt",
  "endsAt",
  "allClusters",
  "clusterIds",
  "allNamespaces",
  "namespaces",
  "allPolicies",
  "policyIds",
  "scannerId",
  "issueId",
  "imagePattern",
  "alternateSeverity",
] as const;

export const exceptionSnapshot = (e: Exception) =>
  Object.fromEntries([["id", e.id], ["temporary", e.temporary], ...TRACKED.map((k) => [k, e[k]])]) as Record<
    string,
    unknown
  >;

function diff(before: Exception, after: Exception): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of TRACKED) {
    const a = JSON.stringify(before[key]);
    const b = JSON.stringify(after[key]);
    if (a !== b) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

export type ExceptionDetail = { exception: Exception; comments: ExceptionComment[]; events: ExceptionEvent[] };

/**
 * Exceptions and their review workflow. Anyone who may request one gets it in review; only
 * administrators create active ones, approve, reject and edit. Every change is kept in the
 * exception's history, audited, and recomputes the verdicts it can affect.
 */
export class ExceptionsService {
  readonly repository = new ExceptionsRepository();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly verdicts: VerdictsService,
    private readonly notifications: NotificationsService,
    private readonly now: () => Date,
  ) {}

  async list(principal: Principal, filter: ExceptionFilter): Promise<Exception[]> {
    assertCan(principal, "exception:read");
    return this.repository.list(this.db.prisma, filter);
  }

  async get(principal: Principal, id: string): Promise<Exception> {
    assertCan(principal, "exception:read");
    return this.findOrThrow(this.db.prisma, id);
  }

  /** For field resolvers under objects the caller may already read. */
  findManyByIds(ids: readonly string[]): Promise<Exception[]> {
    return this.repository.findManyByIds(this.db.prisma, ids);
  }

  async comments(principal: Principal, id: string): Promise<ExceptionComment[]> {
    assertCan(principal, "exception:read");
    return this.repository.comments(this.db.prisma, id);
  }

  async events(principal: Principal, id: string): Promise<ExceptionEvent[]> {
    assertCan(principal, "exception:read");
    return this.repository.events(this.db.prisma, id);
  }

  /** Anyone allowed to request: the exception starts in review and administrators are emailed. */
  async request(actor: Actor, raw: ExceptionInputData): Promise<Exception> {
    assertCan(actor.principal, "exception:request");
    return this.createWithStatus(actor, raw, "in_review");
  }

  /** Administrators: an active exception straight away. */
  async create(actor: Actor, raw: ExceptionInputData): Promise<Exception> {
    assertCan(actor.principal, "exception:write");
    return this.createWithStatus(actor, raw, "active");
  }

  async update(actor: Actor, id: string, raw: UpdateExceptionData): Promise<Exception> {
    assertCan(actor.principal, "exception:write");
    const input = parseInput(updateSchema, raw);
    return this.change(actor, id, "edited", (before) => {
      const merged = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      return this.normalise(merged, merged.status);
    });
  }

  async approve(actor: Actor, id: string, comment?: string | null): Promise<Exception> {
    assertCan(actor.principal, "exception:write");
    return this.change(
      actor,
      id,
      "approved",
      (before) => {
        if (before.status !== "in_review")
          throw conflict(`Only exceptions in review can be approved; this one is ${before.status}`);
        return { status: "active" };
      },
      comment,
    );
  }

  async reject(actor: Actor, id: string, comment?: string | null): Promise<Exception> {
    assertCan(actor.principal, "exception:write");
    return this.change(
      actor,
      id,
      "rejected",
      (before) => {
        if (before.status !== "in_review")
          throw conflict(`Only exceptions in review can be rejected; this one is ${before.status}`);
        return { status: "inactive" };
      },
      comment,
    );
  }

  async delete(actor: Actor, id: string): Promise<Exception> {
    assertCan(actor.principal, "exception:write");
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.findOrThrow(tx, id);
      await this.repository.delete(tx, id);
      await this.audit.record(tx, afterCommit, actor, {
        action: "exception.delete",
        entityType: "exception",
        entityId: id,
        before: exceptionSnapshot(before),
      });
      if (before.status === "active") await this.verdicts.recompute(tx, afterCommit, {});
      return before;
    });
  }

  async comment(actor: Actor, id: string, rawBody: string): Promise<ExceptionComment> {
    assertCan(actor.principal, "exception:request");
    const principal = actor.principal;
    const body = rawBody.trim();
    if (!body) throw badInput("A comment must not be empty", { field: "body" });
    if (body.length > 5000) throw badInput("A comment must be at most 5000 characters", { field: "body" });
    return this.db.transaction(async (tx, afterCommit) => {
      const exception = await this.findOrThrow(tx, id);
      const comment = await this.repository.addComment(tx, {
        exceptionId: id,
        authorId: principal.userId,
        authorLabel: actorLabel(principal),
        body,
      });
      await this.repository.addEvent(tx, {
        exceptionId: id,
        action: "commented",
        actorUserId: principal.userId,
        actorLabel: actorLabel(principal),
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "exception.comment",
        entityType: "exception",
        entityId: id,
        after: { commentId: comment.id },
      });
      const participants = await this.participants(tx, exception, principal.userId);
      await this.notifications.enqueue(tx, afterCommit, {
        kind: "exception.comment",
        to: participants,
        subject: `New comment on exception "${exception.title}"`,
        text: `${actorLabel(principal)} wrote:\n\n${body}\n\n${this.notifications.link(`/exceptions/${id}`)}`,
      });
      return comment;
    });
  }

  /** Background: exceptions past their end become inactive. Returns how many. */
  async expire(): Promise<number> {
    const now = this.now();
    return this.db.transaction(async (tx, afterCommit) => {
      const expired = await this.repository.expired(tx, now);
      for (const exception of expired) {
        const after = await this.repository.update(tx, exception.id, { status: "inactive" });
        await this.repository.addEvent(tx, {
          exceptionId: exception.id,
          action: "expired",
          actorUserId: null,
          actorLabel: "system",
        });
        await this.audit.record(
          tx,
          afterCommit,
          { principal: { kind: "anonymous" }, sourceIp: null, userAgent: null, system: true },
          {
            action: "exception.expire",
            entityType: "exception",
            entityId: exception.id,
            before: exceptionSnapshot(exception),
            after: exceptionSnapshot(after),
          },
        );
      }
      if (expired.length) await this.verdicts.recompute(tx, afterCommit, {});
      return expired.length;
    });
  }

  /** Background: creators and administrators are reminded `days` before an exception ends. */
  async remind(days: number): Promise<number> {
    if (days <= 0) return 0;
    const now = this.now();
    return this.db.transaction(async (tx, afterCommit) => {
      const ending = await this.repository.endingSoon(tx, now, new Date(now.getTime() + days * 86_400_000));
      const admins = await this.notifications.adminEmails(tx);
      for (const exception of ending) {
        const creator = exception.createdById ? await this.repository.userEmail(tx, exception.createdById) : null;
        await this.notifications.enqueue(tx, afterCommit, {
          kind: "exception.reminder",
          to: [...admins, ...(creator ? [creator] : [])],
          subject: `Exception "${exception.title}" ends on ${exception.endsAt!.toISOString().slice(0, 10)}`,
          text: [
            `The exception "${exception.title}" ends on ${exception.endsAt!.toISOString().slice(0, 10)}.`,
            "After that, the findings it covers count against their policies again.",
            "",
            this.notifications.link(`/exceptions/${exception.id}`),
          ].join("\n"),
        });
        await this.repository.update(tx, exception.id, { reminderSentAt: now });
        await this.repository.addEvent(tx, {
          exceptionId: exception.id,
          action: "reminded",
          actorUserId: null,
          actorLabel: "system",
        });
      }
      return ending.length;
    });
  }

  private async createWithStatus(
    actor: Actor,
    raw: ExceptionInputData,
    status: "active" | "in_review",
  ): Promise<Exception> {
    const principal = actor.principal;
    if (principal.kind === "anonymous") throw forbidden();
    const input = parseInput(createSchema, raw);
    const data = this.normalise(
      {
        ...input,
        startsAt: input.startsAt ?? this.now(),
        endsAt: input.endsAt ?? null,
        scannerId: input.scannerId ?? null,
        issueId: input.issueId ?? null,
        alternateSeverity: input.alternateSeverity ?? null,
      },
      status,
    );
    return this.db.transaction(async (tx, afterCommit) => {
      await this.assertReferences(tx, data);
      const exception = await this.repository.create(tx, {
        ...data,
        status,
        createdById: principal.userId,
        createdByLabel: actorLabel(principal),
      });
      await this.repository.addEvent(tx, {
        exceptionId: exception.id,
        action: status === "in_review" ? "requested" : "created",
        actorUserId: principal.userId,
        actorLabel: actorLabel(principal),
        changes: exceptionSnapshot(exception) as Prisma.InputJsonValue,
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: status === "in_review" ? "exception.request" : "exception.create",
        entityType: "exception",
        entityId: exception.id,
        after: exceptionSnapshot(exception),
      });
      const admins = (await this.notifications.adminEmails(tx)).filter((email) => email !== principal.email);
      await this.notifications.enqueue(tx, afterCommit, {
        kind: status === "in_review" ? "exception.requested" : "exception.created",
        to: admins,
        subject:
          status === "in_review" ? `Exception request: ${exception.title}` : `Exception created: ${exception.title}`,
        text: [
          status === "in_review"
            ? `${actorLabel(principal)} asks for an exception. It is in review until an administrator approves or rejects it.`
            : `${actorLabel(principal)} created an active exception.`,
          "",
          `Title: ${exception.title}`,
          `Issue: ${exception.issueId ?? "every issue"}`,
          `Images: ${exception.imagePattern}`,
          `From ${exception.startsAt.toISOString().slice(0, 10)}${exception.endsAt ? ` until ${exception.endsAt.toISOString().slice(0, 10)}` : ", no end date"}`,
          exception.reason ? `Reason: ${exception.reason}` : "",
          "",
          this.notifications.link(`/exceptions/${exception.id}`),
        ]
          .filter((line, i, all) => line !== "" || all[i - 1] !== "")
          .join("\n"),
      });
      if (status === "active") await this.verdicts.recompute(tx, afterCommit, {});
      return exception;
    });
  }

  /** Applies a change, records it in history and audit, emails the creator, recomputes verdicts. */
  private async change(
    actor: Actor,
    id: string,
    action: "edited" | "approved" | "rejected",
    compute: (before: Exception) => Partial<Stored> & { status?: Exception["status"] },
    comment?: string | null,
  ): Promise<Exception> {
    const principal = actor.principal;
    if (principal.kind === "anonymous") throw forbidden();
    return this.db.transaction(async (tx, afterCommit) => {
      const before = await this.findOrThrow(tx, id);
      const data = compute(before);
      await this.assertReferences(tx, { ...before, ...data });
      const after = await this.repository.update(tx, id, data);
      const changes = diff(before, after);
      await this.repository.addEvent(tx, {
        exceptionId: id,
        action,
        actorUserId: principal.userId,
        actorLabel: actorLabel(principal),
        changes: changes as Prisma.InputJsonValue,
      });
      if (comment?.trim()) {
        await this.repository.addComment(tx, {
          exceptionId: id,
          authorId: principal.userId,
          authorLabel: actorLabel(principal),
          body: comment.trim(),
        });
      }
      await this.audit.record(tx, afterCommit, actor, {
        action:
          action === "edited" ? "exception.update" : action === "approved" ? "exception.approve" : "exception.reject",
        entityType: "exception",
        entityId: id,
        before: exceptionSnapshot(before),
        after: exceptionSnapshot(after),
      });
      if (action !== "edited" && before.createdById && before.createdById !== principal.userId) {
        const creator = await this.repository.userEmail(tx, before.createdById);
        await this.notifications.enqueue(tx, afterCommit, {
          kind: `exception.${action}`,
          to: creator ? [creator] : [],
          subject: `Your exception request was ${action}: ${after.title}`,
          text: [
            `${actorLabel(principal)} ${action} the exception "${after.title}".`,
            comment?.trim() ? `\n${comment.trim()}\n` : "",
            this.notifications.link(`/exceptions/${id}`),
          ].join("\n"),
        });
      }
      if (before.status === "active" || after.status === "active") await this.verdicts.recompute(tx, afterCommit, {});
      return after;
    });
  }

  /** Cross-field rules shared by create and update; returns the fields to store. */
  private normalise(
    input: {
      type: Exception["type"];
      title: string;
      reason: string;
      startsAt: Date;
      endsAt: Date | null;
      allClusters: boolean;
      clusterIds: string[];
      allNamespaces: boolean;
      namespaces: string[];
      allPolicies: boolean;
      policyIds: string[];
      scannerId: string | null;
      issueId: string | null;
      imagePattern: string;
      alternateSeverity: Exception["alternateSeverity"];
    },
    status: Exception["status"],
  ): Stored & { status: Exception["status"] } {
    if (input.endsAt && input.endsAt <= input.startsAt)
      throw badInput("endsAt must be after startsAt", { field: "endsAt" });
    if (input.type === "override" && !input.alternateSeverity) {
      throw badInput("An override exception needs an alternate severity", { field: "alternateSeverity" });
    }
    if (!input.allClusters && !input.clusterIds.length) {
      throw badInput("Choose at least one cluster, or all clusters", { field: "clusterIds" });
    }
    if (!input.allNamespaces && !input.namespaces.length) {
      throw badInput("Choose at least one namespace, or all namespaces", { field: "namespaces" });
    }
    if (!input.allPolicies && !input.policyIds.length) {
      throw badInput("Choose at least one policy, or all policies", { field: "policyIds" });
    }
    const imagePattern = input.imagePattern || "*";
    try {
      compileImagePattern(imagePattern);
    } catch (error) {
      if (error instanceof ImagePatternError)
        throw badInput(`imagePattern ${error.message}`, { field: "imagePattern" });
      throw error;
    }
    return {
      type: input.type,
      status,
      title: input.title,
      reason: input.reason,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      allClusters: input.allClusters,
      clusterIds: input.allClusters ? [] : [...new Set(input.clusterIds)],
      allNamespaces: input.allNamespaces,
      namespaces: input.allNamespaces ? [] : [...new Set(input.namespaces)],
      allPolicies: input.allPolicies,
      policyIds: input.allPolicies ? [] : [...new Set(input.policyIds)],
      scannerId: input.scannerId,
      issueId: input.issueId,
      imagePattern,
      alternateSeverity: input.type === "override" ? input.alternateSeverity : null,
    };
  }

  private async assertReferences(db: Db, data: Pick<Stored, "clusterIds" | "policyIds" | "scannerId">): Promise<void> {
    const check = async (table: "cluster" | "policy" | "scanner", ids: string[], field: string) => {
      if (ids.length && (await this.repository.countExisting(db, table, ids)) !== ids.length) {
        throw badInput(`${field} names a ${table} that does not exist`, { field });
      }
    };
    await check("cluster", (data.clusterIds as string[] | undefined) ?? [], "clusterIds");
    await check("policy", (data.policyIds as string[] | undefined) ?? [], "policyIds");
    await check("scanner", data.scannerId ? [data.scannerId] : [], "scannerId");
  }

  private async findOrThrow(db: Db, id: string): Promise<Exception> {
    const exception = uuid.safeParse(id).success ? await this.repository.findById(db, id) : null;
    if (!exception) throw notFound("Exception");
    return exception;
  }

  /** The creator and everyone who commented, but not the author of the new comment. */
  private async participants(db: Db, exception: Exception, exceptUserId: string): Promise<string[]> {
    const ids = new Set<string>();
    if (exception.createdById) ids.add(exception.createdById);
    for (const c of await this.repository.comments(db, exception.id)) if (c.authorId) ids.add(c.authorId);
    ids.delete(exceptUserId);
    const emails = await Promise.all([...ids].map((id) => this.repository.userEmail(db, id)));
    return emails.filter((e): e is string => Boolean(e));
  }
}
