import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ScanJobStatus } from "../../graphql/enums.js";
import type { GraphQLContext } from "../../graphql/context.js";
import { Image } from "../images/images.types.js";
import { ScanJob, ScanQueueCounts } from "./scan-queue.types.js";

@Resolver(() => ScanJob)
export class ScanQueueResolver {
  @Query(() => [ScanJob], { description: "Waiting and running jobs first, by priority" })
  scanJobs(
    @Arg("statuses", () => [ScanJobStatus], { nullable: true }) statuses: ScanJobStatus[] | undefined,
    @Arg("first", () => Int, { defaultValue: 100 }) first: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.scanQueue.list(ctx.principal, statuses?.length ? statuses : undefined, first);
  }

  @Query(() => ScanQueueCounts)
  scanQueueCounts(@Ctx() ctx: GraphQLContext) {
    return ctx.services.scanQueue.counts(ctx.principal);
  }

  @Mutation(() => ScanJob, { description: "Queue a scan of an image (or raise the priority of the one waiting)" })
  requestRescan(@Arg("imageId", () => ID) imageId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.scanQueue.requestRescan(ctx.actor, imageId);
  }

  @Mutation(() => ScanJob, { description: "Queue a failed job again with fresh attempts" })
  retryScanJob(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.scanQueue.retry(ctx.actor, id);
  }

  @FieldResolver(() => Image, { nullable: true })
  image(@Root() job: ScanJob, @Ctx() ctx: GraphQLContext) {
    return job.imageId ? ctx.loaders.imageById.load(job.imageId) : null;
  }
}
