import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { filter, pipe } from "@graphql-yoga/subscription";
import { familiarName } from "../../compliance/image-reference.js";
import { emptyCounts } from "../../compliance/severity.js";
import type { Verdict } from "../../compliance/types.js";
import type { GraphQLContext } from "../../graphql/context.js";
import type { VerdictChangedEvent } from "../../pubsub/pubsub.js";
import { Cluster } from "../clusters/clusters.types.js";
import { Exception } from "../exceptions/exceptions.types.js";
import {
  ClusterImage,
  ComplianceExplanation,
  ComplianceSummary,
  Finding,
  FindingCounts,
  FindingTreatment,
  Image,
  ImageConnection,
  ImageFilter,
  ImageVerdict,
  Scan,
  ScanSubmission,
  SubmitTrivyReportInput,
  VerdictChange,
  VerdictReason,
} from "./images.types.js";

export function toExplanation(verdict: Verdict): ComplianceExplanation {
  return {
    status: verdict.status,
    reasons: verdict.reasons,
    policies: verdict.policies,
    findings: verdict.findings,
  };
}

function counts(summary: unknown): FindingCounts {
  const value = (summary ?? {}) as Partial<FindingCounts>;
  return { fixable: { ...emptyCounts(), ...value.fixable }, unfixable: { ...emptyCounts(), ...value.unfixable } };
}

@Resolver(() => Image)
export class ImagesResolver {
  @Query(() => ImageConnection, { description: "One row per image per cluster, non-compliant first" })
  async images(
    @Arg("filter", () => ImageFilter, { nullable: true }) imageFilter: ImageFilter | undefined,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ImageConnection> {
    const { clusterId, ...rest } = imageFilter ?? {};
    const page = await ctx.services.images.list(
      ctx.principal,
      { ...rest, clusterIds: clusterId ? [clusterId] : undefined },
      first,
      after ?? null,
    );
    return {
      nodes: page.rows.map((row) => ({
        clusterId: row.clusterId,
        imageId: row.imageId,
        tag: row.tag,
        running: row.running,
        firstSeenAt: row.firstSeenAt,
        lastSeenAt: row.lastSeenAt,
        summary: row.summary,
      })),
      totalCount: page.total,
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    };
  }

  @Query(() => Image)
  image(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.images.get(ctx.principal, id);
  }

  @Query(() => Image, {
    nullable: true,
    description:
      "The image a reference names (nginx:1.25, ghcr.io/org/app@sha256:…): a tag resolves to the digest of its latest scan; null when never scanned",
  })
  imageByReference(@Arg("reference", () => String) reference: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.images.byReference(ctx.principal, reference);
  }

  @Query(() => String, { description: "The images list as CSV" })
  imagesCsv(
    @Arg("filter", () => ImageFilter, { nullable: true }) imageFilter: ImageFilter | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { clusterId, ...rest } = imageFilter ?? {};
    return ctx.services.images.imagesCsv(ctx.principal, { ...rest, clusterIds: clusterId ? [clusterId] : undefined });
  }

  @Query(() => String, {
    description: "An image's findings (latest scan) as CSV; with a cluster, how each was treated there",
  })
  imageFindingsCsv(
    @Arg("imageId", () => ID) imageId: string,
    @Arg("clusterId", () => ID, { nullable: true }) clusterId: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.images.findingsCsv(ctx.principal, imageId, clusterId ?? null);
  }

  @Query(() => ComplianceSummary)
  async complianceSummary(
    @Arg("clusterId", () => ID) clusterId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ComplianceSummary> {
    const summary = await ctx.services.images.summary(ctx.principal, clusterId);
    return {
      clusterId,
      total: summary.total,
      byVerdict: {
        compliant: summary.byVerdict.compliant,
        nonCompliant: summary.byVerdict.non_compliant,
        unscanned: summary.byVerdict.unscanned,
        scanFailed: summary.byVerdict.scan_failed,
      },
      bySeverity: summary.bySeverity,
    };
  }

  @Mutation(() => ScanSubmission, {
    description: "Submit a Trivy JSON report for an image in a cluster; returns the image's verdict there",
  })
  async submitTrivyReport(
    @Arg("input", () => SubmitTrivyReportInput) input: SubmitTrivyReportInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ScanSubmission> {
    const result = await ctx.services.trivy.submit(ctx.actor, input);
    return {
      image: result.image,
      scan: result.scan,
      clusterId: result.cluster.id,
      verdict: toExplanation(result.verdict),
    };
  }

  @Subscription(() => VerdictChange, {
    description: "Verdicts as they change, optionally for one cluster or image",
    subscribe: ({ context, args }) => {
      const ctx = context as GraphQLContext;
      const { clusterId, imageId } = args as { clusterId?: string | null; imageId?: string | null };
      const bound = ctx.principal.kind === "api_key" ? ctx.principal.clusterId : null;
      return pipe(
        ctx.services.verdicts.subscribe(ctx.principal),
        filter(
          (e: VerdictChangedEvent) =>
            (!clusterId || e.clusterId === clusterId) &&
            (!imageId || e.imageId === imageId) &&
            (!bound || e.clusterId === bound),
        ),
      );
    },
  })
  verdictChanged(
    @Root() event: VerdictChangedEvent,
    @Arg("clusterId", () => ID, { nullable: true }) _clusterId?: string,
    @Arg("imageId", () => ID, { nullable: true }) _imageId?: string,
  ): VerdictChange {
    return { ...event, computedAt: new Date(event.computedAt) };
  }

  @FieldResolver(() => String, { description: "Short name as Docker shows it, e.g. nginx or bitnami/redis" })
  name(@Root() image: Image): string {
    return familiarName(image.registry, image.repository);
  }

  @FieldResolver(() => String, { description: "registry/repository@digest" })
  reference(@Root() image: Image): string {
    return `${image.registry}/${image.repository}@${image.digest}`;
  }

  @FieldResolver(() => [String], { description: "Tags last seen pointing at this digest" })
  async tags(@Root() image: Image, @Ctx() ctx: GraphQLContext) {
    return (await ctx.services.images.tags(image.id)).map((t) => t.tag);
  }

  @FieldResolver(() => Scan, { nullable: true })
  latestScan(@Root() image: Image, @Ctx() ctx: GraphQLContext) {
    return image.latestScanId ? ctx.loaders.scanById.load(image.latestScanId) : null;
  }

  @FieldResolver(() => [Scan], { description: "Newest first" })
  scans(
    @Root() image: Image,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.images.scans(image.id, first);
  }

  @FieldResolver(() => [ClusterImage], { description: "The clusters that know this image" })
  async clusters(@Root() image: Image, @Ctx() ctx: GraphQLContext): Promise<ClusterImage[]> {
    const rows = await ctx.services.images.clustersOf(ctx.principal, image.id);
    return rows.map((row) => ({ ...row, summary: null }));
  }

  @FieldResolver(() => ComplianceExplanation, {
    description: "The verdict in a cluster, computed now, with every finding explained",
  })
  async compliance(@Root() image: Image, @Arg("clusterId", () => ID) clusterId: string, @Ctx() ctx: GraphQLContext) {
    return toExplanation(await ctx.services.verdicts.explain(ctx.principal, image.id, clusterId));
  }
}

@Resolver(() => ClusterImage)
export class ClusterImagesResolver {
  @FieldResolver(() => Cluster)
  cluster(@Root() row: ClusterImage, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.clusterById.load(row.clusterId);
  }

  @FieldResolver(() => Image)
  image(@Root() row: ClusterImage, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.imageById.load(row.imageId);
  }

  @FieldResolver(() => ImageVerdict, { nullable: true, description: "null until the first verdict is computed" })
  async verdict(@Root() row: ClusterImage, @Ctx() ctx: GraphQLContext): Promise<ImageVerdict | null> {
    const stored = await ctx.loaders.verdictByPair.load(`${row.imageId}/${row.clusterId}`);
    if (!stored) return null;
    return {
      imageId: row.imageId,
      clusterId: row.clusterId,
      status: stored.status,
      reasons: stored.reasons as VerdictReason[],
      computedAt: stored.computedAt,
    };
  }

  @FieldResolver(() => FindingCounts, { description: "Findings of the latest scan, before exceptions" })
  async counts(@Root() row: ClusterImage, @Ctx() ctx: GraphQLContext): Promise<FindingCounts> {
    if (row.summary) return counts(row.summary);
    const image = await ctx.loaders.imageById.load(row.imageId);
    const scan = image?.latestScanId ? await ctx.loaders.scanById.load(image.latestScanId) : null;
    return counts(scan?.summary);
  }
}

@Resolver(() => Scan)
export class ScansResolver {
  @FieldResolver(() => FindingCounts, { description: "Findings per severity, before exceptions" })
  counts(@Root() scan: Scan): FindingCounts {
    return counts(scan.summary);
  }

  @FieldResolver(() => [Finding])
  findings(@Root() scan: Scan, @Ctx() ctx: GraphQLContext) {
    return ctx.services.images
      .findings(scan.id)
      .then((rows) => rows.map((f) => ({ ...f, issueId: f.vulnerabilityId })));
  }
}

@Resolver(() => FindingTreatment)
export class FindingTreatmentsResolver {
  @FieldResolver(() => Exception, { nullable: true, description: "The policy exception that excluded it" })
  excludedBy(@Root() treatment: FindingTreatment, @Ctx() ctx: GraphQLContext) {
    return treatment.excludedBy ? ctx.loaders.exceptionById.load(treatment.excludedBy) : null;
  }

  @FieldResolver(() => Exception, { nullable: true, description: "The override exception that changed its severity" })
  overriddenBy(@Root() treatment: FindingTreatment, @Ctx() ctx: GraphQLContext) {
    return treatment.overriddenBy ? ctx.loaders.exceptionById.load(treatment.overriddenBy) : null;
  }
}

@Resolver(() => ScanSubmission)
export class ScanSubmissionsResolver {
  @FieldResolver(() => Cluster)
  cluster(@Root() submission: ScanSubmission, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.clusterById.load(submission.clusterId);
  }
}

@Resolver(() => ComplianceSummary)
export class ComplianceSummariesResolver {
  @FieldResolver(() => Cluster, { nullable: true })
  cluster(@Root() summary: ComplianceSummary, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.clusterById.load(summary.clusterId);
  }
}

@Resolver(() => ImageVerdict)
export class ImageVerdictsResolver {
  @FieldResolver(() => Cluster, { nullable: true })
  cluster(@Root() verdict: ImageVerdict, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.clusterById.load(verdict.clusterId);
  }
}
