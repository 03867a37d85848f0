import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../graphql/context.js";
import { OrganisationSettings, SiteInfo, UpdateOrganisationSettingsInput } from "./settings.types.js";

@Resolver(() => OrganisationSettings)
export class SettingsResolver {
  @Query(() => SiteInfo, { description: "Public: shown on the sign-in page" })
  async siteInfo(@Ctx() ctx: GraphQLContext): Promise<SiteInfo> {
    const settings = await ctx.services.settings.current();
    return { siteName: settings.siteName };
  }

  @Query(() => OrganisationSettings)
  organisationSettings(@Ctx() ctx: GraphQLContext) {
    return ctx.services.settings.get(ctx.principal);
  }

  @Mutation(() => OrganisationSettings)
  updateOrganisationSettings(
    @Arg("input", () => UpdateOrganisationSettingsInput) input: UpdateOrganisationSettingsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.settings.update(ctx.actor, input);
  }
}
