import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { GraphQLContext } from "../../graphql/context.js";
import type { AdmissionChangedEvent } from "../../pubsub/pubsub.js";
import { AdmissionChange, AdmissionEventInput, AdmissionSnapshot } from "../admission/admission.types.js";
import { settingsOf } from "../admission/admission.service.js";
import { toExplanation } from "../images/images.resolver.js";
import { ScanSubmission } from "../images/images.types.js";
import { ScanJob } from "../scan-queue/scan-queue.types.js";
import {
  AgentHeartbeat,
  AgentHeartbeatInput,
  ClaimedScanJob,
  ClaimScanJobsInput,
  CompleteScanJobInput,
  FailScanJobInput,
  InventoryReportInput,
  InventoryReportResult,
} from "./agent.types.js";

/** The operations the cluster agent calls with its cluster-bound key. */
@Resolver()
export class AgentResolver {
  @Mutation(() => AgentHeartbeat, { description: "Agent: I am alive; returns the cluster's admission settings" })
  async agentHeartbeat(
    @Arg("input", () => AgentHeartbeatInput) input: AgentHeartbeatInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const cluster = await ctx.services.agent.heartbeat(ctx.actor, input);
    return {
      clusterId: cluster.id,
      clusterName: cluster.name,
      settings: settingsOf(cluster),
      serverTime: ctx.services.clock(),
    };
  }

  @Mutation(() => InventoryReportResult, { description: "Agent: namespaces and pods, in full or as changes" })
  reportInventory(@Arg("input", () => InventoryReportInput) input: InventoryReportInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.inventory.report(ctx.actor, input);
  }

  @Query(() => AdmissionSnapshot, { description: "Agent: what the webhook decides from (all images, or only these)" })
  admissionSnapshot(
    @Arg("imageIds", () => [ID], { nullable: true }) imageIds: string[] | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.admission.snapshot(ctx.principal, imageIds ?? undefined);
  }

  @Subscription(() => AdmissionChange, {
    description: "Agent: the snapshot of the key's cluster changed",
    subscribe: ({ context }) =>
      (context as GraphQLContext).services.admission.subscribeChanges((context as GraphQLContext).principal),
  })
  admissionChanged(@Root() event: AdmissionChangedEvent): AdmissionChange {
    return { ...event, at: new Date(event.at) };
  }

  @Mutation(() => Int, { description: "Agent: the webhook's decisions, in batches; returns how many were stored" })
  recordAdmissionEvents(
    @Arg("events", () => [AdmissionEventInput]) events: AdmissionEventInput[],
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.admission.recordEvents(
      ctx.actor,
      events.map((e) => ({ ...e, at: e.at.toISOString() })),
    );
  }

  @Mutation(() => [ClaimedScanJob], { description: "Agent: claim scan jobs this cluster asked for" })
  claimScanJobs(@Arg("input", () => ClaimScanJobsInput) input: ClaimScanJobsInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.scanWorker.claim(ctx.actor, input);
  }

  @Mutation(() => ScanSubmission, {
    description: "Agent: the report for a claimed job; returns the verdict in this cluster",
  })
  async completeScanJob(
    @Arg("input", () => CompleteScanJobInput) input: CompleteScanJobInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const result = await ctx.services.scanWorker.complete(ctx.actor, input);
    return {
      image: result.image,
      scan: result.scan,
      clusterId: result.cluster.id,
      verdict: toExplanation(result.verdict),
    };
  }

  @Mutation(() => ScanJob, { description: "Agent: a claimed job failed; it is retried until its attempts run out" })
  failScanJob(@Arg("input", () => FailScanJobInput) input: FailScanJobInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.scanWorker.fail(ctx.actor, input);
  }
}
