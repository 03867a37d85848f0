import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../graphql/context.js";
import {
  Cluster,
  ClusterFilter,
  ClusterGroup,
  ClusterGroupInput,
  CreateClusterInput,
  UpdateClusterGroupInput,
  UpdateClusterInput,
} from "./clusters.types.js";

@Resolver(() => Cluster)
export class ClustersResolver {
  @Query(() => [Cluster])
  clusters(
    @Arg("filter", () => ClusterFilter, { nullable: true }) filter: ClusterFilter | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.clusters.list(ctx.principal, { groupId: filter?.groupId, search: filter?.search });
  }

  @Query(() => Cluster)
  cluster(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.clusters.get(ctx.principal, id);
  }

  @Mutation(() => Cluster)
  createCluster(@Arg("input", () => CreateClusterInput) input: CreateClusterInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.clusters.create(ctx.actor, input);
  }

  @Mutation(() => Cluster)
  updateCluster(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateClusterInput) input: UpdateClusterInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.clusters.update(ctx.actor, id, input);
  }

  @Mutation(() => Cluster, { description: "Deletes a cluster; API keys bound to it are deleted with it" })
  deleteCluster(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.clusters.delete(ctx.actor, id);
  }

  @FieldResolver(() => ClusterGroup, { nullable: true })
  group(@Root() cluster: Cluster, @Ctx() ctx: GraphQLContext) {
    return cluster.groupId ? ctx.loaders.clusterGroupById.load(cluster.groupId) : null;
  }
}

@Resolver(() => ClusterGroup)
export class ClusterGroupsResolver {
  @Query(() => [ClusterGroup])
  clusterGroups(@Ctx() ctx: GraphQLContext) {
    return ctx.services.clusters.listGroups(ctx.principal);
  }

  @Mutation(() => ClusterGroup)
  createClusterGroup(@Arg("input", () => ClusterGroupInput) input: ClusterGroupInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.clusters.createGroup(ctx.actor, input);
  }

  @Mutation(() => ClusterGroup)
  updateClusterGroup(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateClusterGroupInput) input: UpdateClusterGroupInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.clusters.updateGroup(ctx.actor, id, input);
  }

  @FieldResolver(() => Int, { description: "How many clusters the group holds" })
  clusterCount(@Root() group: ClusterGroup, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.clusterCountByGroup.load(group.id);
  }

  @Mutation(() => ClusterGroup, { description: "Deletes an empty cluster group" })
  deleteClusterGroup(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.clusters.deleteGroup(ctx.actor, id);
  }
}
