import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { permissionsOf } from "../../common/principal.js";
import type { GraphQLContext } from "../../graphql/context.js";
import { LoginResult, Viewer } from "./auth.types.js";

@Resolver()
export class AuthResolver {
  @Query(() => Viewer, { nullable: true, description: "The signed-in user or API key; null when anonymous" })
  async me(@Ctx() ctx: GraphQLContext): Promise<Viewer | null> {
    const principal = ctx.principal;
    if (principal.kind === "anonymous") return null;
    const user = await ctx.services.users.get(principal, principal.userId);
    return {
      user,
      authMethod: principal.kind === "user" ? "session" : "api_key",
      scopes: principal.kind === "api_key" ? principal.scopes : null,
      permissions: [...permissionsOf(principal)].sort(),
    };
  }

  @Mutation(() => LoginResult, { description: "Signs in with email and password; sets the session cookie" })
  async login(
    @Arg("email", () => String) email: string,
    @Arg("password", () => String) password: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<LoginResult> {
    const result = await ctx.services.auth.login(ctx.actor, email, password);
    ctx.cookies?.setSession(result.token, result.expiresAt);
    return { user: result.user };
  }

  @Mutation(() => Boolean, { description: "Ends the current session" })
  async logout(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    await ctx.services.auth.logout(ctx.actor);
    ctx.cookies?.clearSession();
    return true;
  }
}
