import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../graphql/context.js";
import { CreateRegistryInput, Registry, UpdateRegistryInput } from "./registries.types.js";

@Resolver(() => Registry)
export class RegistriesResolver {
  @Query(() => [Registry])
  registries(@Ctx() ctx: GraphQLContext) {
    return ctx.services.registries.list(ctx.principal);
  }

  @Mutation(() => Registry)
  createRegistry(@Arg("input", () => CreateRegistryInput) input: CreateRegistryInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.registries.create(ctx.actor, input);
  }

  @Mutation(() => Registry)
  updateRegistry(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateRegistryInput) input: UpdateRegistryInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.registries.update(ctx.actor, id, input);
  }

  @Mutation(() => Registry)
  deleteRegistry(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.registries.delete(ctx.actor, id);
  }

  @FieldResolver(() => Boolean, { description: "Whether a password is stored" })
  hasPassword(@Root() registry: Registry): boolean {
    return registry.passwordSealed !== null;
  }
}
