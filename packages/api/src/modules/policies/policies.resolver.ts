import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../graphql/context.js";
import { Cluster } from "../clusters/clusters.types.js";
import {
  CreatePolicyInput,
  Policy,
  Scanner,
  ScannerInput,
  Thresholds,
  UpdatePolicyInput,
  UpdateScannerInput,
} from "./policies.types.js";
import { thresholdsFromJson } from "./thresholds.js";

@Resolver(() => Policy)
export class PoliciesResolver {
  @Query(() => [Policy])
  policies(@Ctx() ctx: GraphQLContext) {
    return ctx.services.policies.list(ctx.principal);
  }

  @Query(() => Policy)
  policy(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.policies.get(ctx.principal, id);
  }

  @Mutation(() => Policy)
  createPolicy(@Arg("input", () => CreatePolicyInput) input: CreatePolicyInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.policies.create(ctx.actor, input);
  }

  @Mutation(() => Policy)
  updatePolicy(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdatePolicyInput) input: UpdatePolicyInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.policies.update(ctx.actor, id, input);
  }

  @Mutation(() => Policy, { description: "Deletes a policy and its scanners; verdicts are recomputed" })
  deletePolicy(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.policies.delete(ctx.actor, id);
  }

  @Mutation(() => Scanner)
  addScanner(
    @Arg("policyId", () => ID) policyId: string,
    @Arg("input", () => ScannerInput) input: ScannerInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.policies.addScanner(ctx.actor, policyId, input);
  }

  @Mutation(() => Scanner)
  updateScanner(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateScannerInput) input: UpdateScannerInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.policies.updateScanner(ctx.actor, id, input);
  }

  @Mutation(() => Scanner)
  deleteScanner(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.policies.deleteScanner(ctx.actor, id);
  }

  @FieldResolver(() => [Cluster], { description: "The clusters it applies to when not all" })
  async clusters(@Root() policy: Policy, @Ctx() ctx: GraphQLContext) {
    const clusters = await Promise.all(policy.clusters.map((c) => ctx.loaders.clusterById.load(c.clusterId)));
    return clusters.filter(Boolean);
  }
}

@Resolver(() => Scanner)
export class ScannersResolver {
  @FieldResolver(() => Thresholds)
  thresholds(@Root() scanner: Scanner): Thresholds {
    return thresholdsFromJson(scanner.thresholds);
  }
}
