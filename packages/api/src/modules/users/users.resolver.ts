import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../graphql/context.js";
import { CreateUserInput, UpdateUserInput, User } from "./users.types.js";

@Resolver(() => User)
export class UsersResolver {
  @Query(() => [User], { description: "Every user (administrators)" })
  users(@Ctx() ctx: GraphQLContext) {
    return ctx.services.users.list(ctx.principal);
  }

  @Query(() => User)
  user(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.users.get(ctx.principal, id);
  }

  @Mutation(() => User)
  createUser(@Arg("input", () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.users.create(ctx.actor, input);
  }

  @Mutation(() => User, { description: "Rename, change role, deactivate or reactivate a user" })
  updateUser(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateUserInput) input: UpdateUserInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.users.update(ctx.actor, id, input);
  }

  @Mutation(() => User, { description: "Set another user's password; their sessions end" })
  setUserPassword(
    @Arg("id", () => ID) id: string,
    @Arg("password", () => String) password: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.users.setPassword(ctx.actor, id, password);
  }

  @Mutation(() => User, { description: "Change your own password; your other sessions end" })
  changePassword(
    @Arg("currentPassword", () => String) currentPassword: string,
    @Arg("newPassword", () => String) newPassword: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.users.changeOwnPassword(ctx.actor, currentPassword, newPassword);
  }
}
