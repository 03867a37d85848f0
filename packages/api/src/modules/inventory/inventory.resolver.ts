import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../graphql/context.js";
import { Cluster } from "../clusters/clusters.types.js";
import { ImageVerdict, Image, type VerdictReason } from "../images/images.types.js";
import { KubeContainer, KubeNamespace, KubePodConnection } from "./inventory.types.js";

@Resolver(() => Cluster)
export class ClusterInventoryResolver {
  @FieldResolver(() => [KubeNamespace], { description: "Namespaces as the agent last saw them" })
  namespaces(@Root() cluster: Cluster, @Ctx() ctx: GraphQLContext) {
    return ctx.services.inventory.namespaces(ctx.principal, cluster.id);
  }

  @FieldResolver(() => KubePodConnection)
  async pods(
    @Root() cluster: Cluster,
    @Arg("namespace", () => String, { nullable: true }) namespace: string | null,
    @Arg("first", () => Int, { defaultValue: 100 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<KubePodConnection> {
    const page = await ctx.services.inventory.pods(
      ctx.principal,
      cluster.id,
      namespace ?? undefined,
      first,
      after ?? null,
    );
    return {
      nodes: page.rows.map((pod) => ({
        ...pod,
        containers: pod.containers.map((c) => ({ ...c, clusterId: cluster.id })),
      })),
      totalCount: page.total,
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    };
  }
}

@Resolver(() => KubeContainer)
export class KubeContainersResolver {
  @FieldResolver(() => Image, { nullable: true, description: "The scanned image it runs; null until scanned" })
  image(@Root() container: KubeContainer, @Ctx() ctx: GraphQLContext) {
    return container.imageId ? ctx.loaders.imageById.load(container.imageId) : null;
  }

  @FieldResolver(() => ImageVerdict, { nullable: true, description: "The image's verdict in this cluster" })
  async verdict(@Root() container: KubeContainer, @Ctx() ctx: GraphQLContext): Promise<ImageVerdict | null> {
    if (!container.imageId) return null;
    const stored = await ctx.loaders.verdictByPair.load(`${container.imageId}/${container.clusterId}`);
    if (!stored) return null;
    return {
      imageId: container.imageId,
      clusterId: container.clusterId,
      status: stored.status,
      reasons: stored.reasons as VerdictReason[],
      computedAt: stored.computedAt,
    };
  }
}
