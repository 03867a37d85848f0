import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../graphql/context.js";
import { Cluster } from "../clusters/clusters.types.js";
import { Policy, Scanner } from "../policies/policies.types.js";
import {
  Exception,
  ExceptionComment,
  ExceptionEvent,
  ExceptionFilter,
  ExceptionInput,
  UpdateExceptionInput,
} from "./exceptions.types.js";

/** Drops the nulls GraphQL sends for absent optional fields where the service means "unchanged". */
function present<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as T;
}

@Resolver(() => Exception)
export class ExceptionsResolver {
  @Query(() => [Exception], { description: "Newest first (at most 1000)" })
  exceptions(
    @Arg("filter", () => ExceptionFilter, { nullable: true }) filter: ExceptionFilter | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.exceptions.list(ctx.principal, filter ?? {});
  }

  @Query(() => Exception)
  exception(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.exceptions.get(ctx.principal, id);
  }

  @Mutation(() => Exception, {
    description: "Ask for an exception; it starts in review and administrators are emailed",
  })
  requestException(@Arg("input", () => ExceptionInput) input: ExceptionInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.exceptions.request(ctx.actor, present(input));
  }

  @Mutation(() => Exception, { description: "Administrators: create an active exception" })
  createException(@Arg("input", () => ExceptionInput) input: ExceptionInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.exceptions.create(ctx.actor, present(input));
  }

  @Mutation(() => Exception)
  updateException(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateExceptionInput) input: UpdateExceptionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.exceptions.update(ctx.actor, id, present(input));
  }

  @Mutation(() => Exception, { description: "in_review → active" })
  approveException(
    @Arg("id", () => ID) id: string,
    @Arg("comment", () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.exceptions.approve(ctx.actor, id, comment);
  }

  @Mutation(() => Exception, { description: "in_review → inactive" })
  rejectException(
    @Arg("id", () => ID) id: string,
    @Arg("comment", () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.exceptions.reject(ctx.actor, id, comment);
  }

  @Mutation(() => Exception)
  deleteException(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.exceptions.delete(ctx.actor, id);
  }

  @Mutation(() => ExceptionComment)
  commentOnException(
    @Arg("id", () => ID) id: string,
    @Arg("body", () => String) body: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.exceptions.comment(ctx.actor, id, body);
  }

  @FieldResolver(() => [ExceptionComment])
  comments(@Root() exception: Exception, @Ctx() ctx: GraphQLContext) {
    return ctx.services.exceptions.comments(ctx.principal, exception.id);
  }

  @FieldResolver(() => [ExceptionEvent], { description: "Every change, oldest first" })
  async history(@Root() exception: Exception, @Ctx() ctx: GraphQLContext) {
    const events = await ctx.services.exceptions.events(ctx.principal, exception.id);
    return events.map((e) => Object.assign(new ExceptionEvent(), e));
  }

  @FieldResolver(() => [Cluster])
  async clusters(@Root() exception: Exception, @Ctx() ctx: GraphQLContext) {
    return (await Promise.all(exception.clusterIds.map((id) => ctx.loaders.clusterById.load(id)))).filter(Boolean);
  }

  @FieldResolver(() => [Policy])
  async policies(@Root() exception: Exception, @Ctx() ctx: GraphQLContext) {
    return (await Promise.all(exception.policyIds.map((id) => ctx.loaders.policyById.load(id)))).filter(Boolean);
  }

  @FieldResolver(() => Scanner, { nullable: true, description: "null = every scanner" })
  scanner(@Root() exception: Exception, @Ctx() ctx: GraphQLContext) {
    return exception.scannerId ? ctx.loaders.scannerById.load(exception.scannerId) : null;
  }
}
