import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root, Subscription } from "type-graphql";
import { agentStatus } from "../agent/agent.service.js";
import type { GraphQLContext } from "../../graphql/context.js";
import type { AdmissionEventAddedEvent } from "../../pubsub/pubsub.js";
import { Cluster } from "../clusters/clusters.types.js";
import { settingsOf } from "./admission.service.js";
import {
  AdmissionEvent,
  AdmissionEventConnection,
  AdmissionEventFilter,
  AdmissionImageOutcome,
  AdmissionSettings,
  AdmissionSettingsInput,
} from "./admission.types.js";
import type { Cluster as ClusterRow } from "../../generated/prisma/client.js";

const toEvent = (e: AdmissionEventAddedEvent): AdmissionEvent => ({
  ...e,
  at: new Date(e.at),
  images: (e.images ?? []) as AdmissionImageOutcome[],
});

@Resolver(() => Cluster)
export class ClusterAdmissionResolver {
  @FieldResolver(() => String, { description: "connected (heartbeat within 90 s), disconnected or never_connected" })
  agentStatus(@Root() cluster: Cluster, @Ctx() ctx: GraphQLContext): string {
    return agentStatus(cluster, ctx.services.clock());
  }

  @FieldResolver(() => AdmissionSettings)
  admissionSettings(@Root() cluster: Cluster): AdmissionSettings {
    return settingsOf(cluster as unknown as ClusterRow);
  }

  @FieldResolver(() => AdmissionEventConnection, { description: "The webhook's decisions, newest first" })
  async admissionEvents(
    @Root() cluster: Cluster,
    @Arg("filter", () => AdmissionEventFilter, { nullable: true }) eventFilter: AdmissionEventFilter | undefined,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AdmissionEventConnection> {
    const page = await ctx.services.admission.events(
      ctx.principal,
      cluster.id,
      eventFilter ?? {},
      first,
      after ?? null,
    );
    return { nodes: page.events.map(toEvent), pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
  }

  @Mutation(() => Cluster, { description: "Change how the cluster's webhook decides" })
  updateClusterAdmissionSettings(
    @Arg("clusterId", () => ID) clusterId: string,
    @Arg("input", () => AdmissionSettingsInput) input: AdmissionSettingsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.admission.updateSettings(ctx.actor, clusterId, input);
  }

  @Subscription(() => AdmissionEvent, {
    description: "A cluster's admission decisions as they arrive",
    subscribe: ({ context, args }) =>
      (context as GraphQLContext).services.admission.subscribeEvents(
        (context as GraphQLContext).principal,
        (args as { clusterId: string }).clusterId,
      ),
  })
  admissionEventAdded(
    @Root() event: AdmissionEventAddedEvent,
    @Arg("clusterId", () => ID) _clusterId: string,
  ): AdmissionEvent {
    return toEvent(event);
  }
}
