import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../graphql/context.js";
import { Cluster } from "../clusters/clusters.types.js";
import { User } from "../users/users.types.js";
import { ApiKey, CreateApiKeyInput, CreatedApiKey } from "./api-keys.types.js";

@Resolver(() => ApiKey)
export class ApiKeysResolver {
  @Query(() => [ApiKey], { description: "Your API keys; with all: true, every key (administrators)" })
  apiKeys(@Arg("all", () => Boolean, { defaultValue: false }) all: boolean, @Ctx() ctx: GraphQLContext) {
    return ctx.services.apiKeys.list(ctx.principal, all);
  }

  @Mutation(() => CreatedApiKey)
  createApiKey(@Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.apiKeys.create(ctx.actor, input);
  }

  @Mutation(() => ApiKey)
  revokeApiKey(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.apiKeys.revoke(ctx.actor, id);
  }

  @FieldResolver(() => String, { description: "active, revoked or expired" })
  status(@Root() key: ApiKey): string {
    if (key.revokedAt) return "revoked";
    if (key.expiresAt && key.expiresAt <= new Date()) return "expired";
    return "active";
  }

  @FieldResolver(() => User, { nullable: true, description: "The key's owner; it acts with their role" })
  owner(@Root() key: ApiKey, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.userById.load(key.userId);
  }

  @FieldResolver(() => Cluster, { nullable: true })
  cluster(@Root() key: ApiKey, @Ctx() ctx: GraphQLContext) {
    return key.clusterId ? ctx.loaders.clusterById.load(key.clusterId) : null;
  }
}
