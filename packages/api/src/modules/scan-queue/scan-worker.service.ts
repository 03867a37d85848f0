import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { conflict, notFound } from "../../common/errors.js";
import { parseInput } from "../../common/validation.js";
import { parseImageReference } from "../../compliance/image-reference.js";
import type { Database } from "../../db/database.js";
import type { ScanJob } from "../../generated/prisma/client.js";
import type { AgentService } from "../agent/agent.service.js";
import type { AuditService } from "../audit/audit.service.js";
import type { SubmissionResult, TrivyIngestService } from "../images/trivy-ingest.service.js";
import type { RegistriesService } from "../registries/registries.service.js";
import type { ScanQueueService } from "./scan-queue.service.js";

const claimSchema = z.object({
  workerId: z.string().trim().min(1).max(200),
  limit: z.number().int().min(1).max(20),
  leaseSeconds: z.number().int().min(30).max(3600),
});
const completeSchema = z.object({ jobId: z.uuid(), workerId: z.string().trim().min(1).max(200), report: z.unknown() });
const failSchema = z.object({
  jobId: z.uuid(),
  workerId: z.string().trim().min(1).max(200),
  error: z.string().trim().min(1).max(10_000),
});

export type ClaimedJob = ScanJob & { credentials: { username: string; password: string } | null };

/**
 * The agents' scan workers: they claim jobs their cluster asked for, run the scanner, and send the
 * report or the scanner's error. Registry credentials travel only with a job, for its registry.
 */
export class ScanWorkerService {
  constructor(
    private readonly db: Database,
    private readonly agent: AgentService,
    private readonly audit: AuditService,
    private readonly scanQueue: ScanQueueService,
    private readonly registries: RegistriesService,
    private readonly trivy: TrivyIngestService,
  ) {}

  async claim(actor: Actor, raw: z.input<typeof claimSchema>): Promise<ClaimedJob[]> {
    const { cluster } = await this.agent.agentCluster(actor.principal);
    const input = parseInput(claimSchema, raw);
    const jobs = await this.scanQueue.claim(input.workerId, input.limit, input.leaseSeconds, cluster.id);
    if (jobs.length) {
      await this.audit.recordNow(actor, {
        action: "scan_job.claim",
        entityType: "cluster",
        entityId: cluster.id,
        after: {
          workerId: input.workerId,
          jobs: jobs.map((j) => ({ id: j.id, reference: j.reference, attempt: j.attempts })),
        },
      });
    }
    return Promise.all(
      jobs.map(async (job) => {
        let registry: string | null;
        try {
          registry = parseImageReference(job.reference).registry;
        } catch {
          registry = null;
        }
        return {
          ...job,
          credentials: registry ? await this.registries.credentialsFor(this.db.prisma, registry) : null,
        };
      }),
    );
  }

  async complete(actor: Actor, raw: z.input<typeof completeSchema>): Promise<SubmissionResult> {
    const { cluster } = await this.agent.agentCluster(actor.principal);
    const input = parseInput(completeSchema, raw);
    const job = await this.claimedBy(input.jobId, input.workerId, cluster.id);
    const clusters = await this.clustersOf(job, cluster);
    return this.trivy.ingest(actor, { clusters, reference: job.reference, report: input.report });
  }

  async fail(actor: Actor, raw: z.input<typeof failSchema>): Promise<ScanJob> {
    const { cluster } = await this.agent.agentCluster(actor.principal);
    const input = parseInput(failSchema, raw);
    await this.claimedBy(input.jobId, input.workerId, cluster.id);
    const job = await this.scanQueue.fail(input.jobId, input.workerId, input.error);
    await this.audit.recordNow(actor, {
      action: "scan_job.fail",
      entityType: "scan_job",
      entityId: job.id,
      after: { reference: job.reference, status: job.status, attempts: job.attempts, error: input.error.slice(0, 500) },
    });
    return job;
  }

  private async claimedBy(jobId: string, workerId: string, clusterId: string): Promise<ScanJob> {
    const job = await this.scanQueue.findById(jobId);
    if (!job || !job.clusterIds.includes(clusterId)) throw notFound("Scan job");
    if (job.status !== "claimed" || job.claimedBy !== workerId) {
      throw conflict(
        `This scan job is ${job.status === "claimed" ? "claimed by another worker" : job.status}; it may have been retried after its lease expired`,
      );
    }
    return job;
  }

  /** The clusters the job was for (the reporting agent's first, so its verdict is returned). */
  private async clustersOf(job: ScanJob, own: { id: string; name: string }) {
    const others = job.clusterIds.filter((id) => id !== own.id);
    const rows = await Promise.all(others.map((id) => this.agent.repository.findCluster(this.db.prisma, id)));
    return [own, ...rows.filter((c): c is NonNullable<typeof c> => Boolean(c))] as Parameters<
      TrivyIngestService["ingest"]
    >[1]["clusters"];
  }
}
