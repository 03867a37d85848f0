import { Arg, Ctx, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import type { GraphQLContext } from "../../graphql/context.js";
import type { AuditEntryEvent } from "../../pubsub/pubsub.js";
import { AuditEntry, AuditEntryConnection, AuditFilter, auditEntryFromEvent } from "./audit.types.js";

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: "Newest first" })
  async auditEntries(
    @Arg("filter", () => AuditFilter, { nullable: true }) filter: AuditFilter | undefined,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuditEntryConnection> {
    const page = await ctx.services.audit.list(ctx.principal, filter ?? {}, first, after ?? null);
    return {
      nodes: page.entries.map(auditEntryFromEvent),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    };
  }

  @Subscription(() => AuditEntry, {
    description: "Every new audit entry matching the filter, as it is written",
    subscribe: ({ context, args }) => {
      const ctx = context as GraphQLContext;
      return ctx.services.audit.subscribe(ctx.principal, (args as { filter?: AuditFilter }).filter ?? {});
    },
  })
  auditEntryAdded(
    @Root() event: AuditEntryEvent,
    @Arg("filter", () => AuditFilter, { nullable: true }) _filter?: AuditFilter,
  ): AuditEntry {
    return auditEntryFromEvent(event);
  }
}
