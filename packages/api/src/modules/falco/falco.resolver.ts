import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { GraphQLContext } from "../../graphql/context.js";
import { DateTime } from "../../graphql/scalars.js";
import {
  FalcoDayCount,
  FalcoEvent,
  FalcoEventConnection,
  FalcoEventFilter,
  FalcoPriorityCount,
  FalcoRule,
  FalcoRuleInput,
  FalcoSettings,
  FalcoSettingsInput,
} from "./falco.types.js";
import { encodeCursor } from "./falco.service.js";

@Resolver(() => FalcoEvent)
export class FalcoEventsResolver {
  @Query(() => FalcoEventConnection, { description: "Newest first (time desc, id desc); cursor pagination" })
  async falcoEvents(
    @Arg("filter", () => FalcoEventFilter, { nullable: true }) eventFilter: FalcoEventFilter | undefined,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FalcoEventConnection> {
    const page = await ctx.services.falco.events(ctx.principal, eventFilter, first, after ?? null);
    return { nodes: page.rows, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
  }

  @FieldResolver(() => String, {
    description: "Where a list that ends at this event continues: pass it as falcoEvents(after:)",
  })
  cursor(@Root() event: FalcoEvent): string {
    return encodeCursor(event);
  }

  @Query(() => FalcoEvent)
  falcoEvent(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.falco.event(ctx.principal, id);
  }

  @Query(() => [FalcoDayCount], { description: "The last `days` days ending today (UTC), zero-filled, oldest first" })
  falcoSignatureDays(
    @Arg("signature", () => String) signature: string,
    @Arg("days", () => Int, { defaultValue: 14 }) days: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.falco.signatureDays(ctx.principal, signature, days);
  }

  @Query(() => [FalcoEvent], { description: "Other events of the same signature, newest first" })
  falcoRelatedEvents(
    @Arg("id", () => ID) id: string,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.falco.related(ctx.principal, id, first);
  }

  @Query(() => [FalcoPriorityCount], { description: "Counts per priority per bucket (zero counts omitted)" })
  falcoPriorityTimeline(
    @Arg("clusterId", () => ID) clusterId: string,
    @Arg("since", () => DateTime) since: Date,
    @Arg("until", () => DateTime, { nullable: true }) until: Date | null,
    @Arg("bucketMinutes", () => Int, { defaultValue: 60 }) bucketMinutes: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.falco.priorityTimeline(ctx.principal, clusterId, since, until ?? null, bucketMinutes);
  }

  @Query(() => String)
  falcoEventsCsv(
    @Arg("filter", () => FalcoEventFilter, { nullable: true }) eventFilter: FalcoEventFilter | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.falco.eventsCsv(ctx.principal, eventFilter);
  }

  @Query(() => FalcoSettings)
  falcoSettings(@Arg("clusterId", () => ID) clusterId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.falco.settings(ctx.principal, clusterId);
  }

  @Mutation(() => FalcoSettings)
  updateFalcoSettings(
    @Arg("clusterId", () => ID) clusterId: string,
    @Arg("input", () => FalcoSettingsInput) input: FalcoSettingsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.falco.updateSettings(ctx.actor, clusterId, input);
  }

  @Subscription(() => FalcoEvent, {
    description: "New stored events matching the filter (same filter as falcoEvents)",
    subscribe: ({ context, args }) => {
      const ctx = context as GraphQLContext;
      return ctx.services.falco.subscribe(ctx.principal, (args as { filter?: FalcoEventFilter | null }).filter);
    },
  })
  // Declares the field; createSchema resolves it as the event itself (FalcoService.subscribe yields
  // events already in their GraphQL shape).
  falcoEventAdded(
    @Root() event: FalcoEvent,
    @Arg("filter", () => FalcoEventFilter, { nullable: true }) _filter?: FalcoEventFilter,
  ): FalcoEvent {
    return event;
  }
}

@Resolver(() => FalcoRule)
export class FalcoRulesResolver {
  @Query(() => [FalcoRule])
  falcoRules(@Ctx() ctx: GraphQLContext) {
    return ctx.services.falco.rules(ctx.principal);
  }

  @Mutation(() => FalcoRule)
  createFalcoRule(@Arg("input", () => FalcoRuleInput) input: FalcoRuleInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.falco.createRule(ctx.actor, input);
  }

  @Mutation(() => FalcoRule)
  updateFalcoRule(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => FalcoRuleInput) input: FalcoRuleInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.falco.updateRule(ctx.actor, id, input);
  }

  @Mutation(() => FalcoRule)
  deleteFalcoRule(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.falco.deleteRule(ctx.actor, id);
  }

  @FieldResolver(() => Boolean, { description: "False once endsAt has passed" })
  active(@Root() rule: FalcoRule, @Ctx() ctx: GraphQLContext): boolean {
    return ctx.services.falco.isActive(rule);
  }
}
