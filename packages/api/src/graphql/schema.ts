import "reflect-metadata";
import "./enums.js";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { ApiKeysResolver } from "../modules/api-keys/api-keys.resolver.js";
import { AuditResolver } from "../modules/audit/audit.resolver.js";
import { AuthResolver } from "../modules/auth/auth.resolver.js";
import { ClusterGroupsResolver, ClustersResolver } from "../modules/clusters/clusters.resolver.js";
import { SettingsResolver } from "../modules/settings/settings.resolver.js";
import { UsersResolver } from "../modules/users/users.resolver.js";
import { ExceptionsResolver } from "../modules/exceptions/exceptions.resolver.js";
import {
  ClusterImagesResolver,
  ComplianceSummariesResolver,
  FindingTreatmentsResolver,
  ImagesResolver,
  ImageVerdictsResolver,
  ScanSubmissionsResolver,
  ScansResolver,
} from "../modules/images/images.resolver.js";
import { PoliciesResolver, ScannersResolver } from "../modules/policies/policies.resolver.js";
import { RegistriesResolver } from "../modules/registries/registries.resolver.js";
import { ScanQueueResolver } from "../modules/scan-queue/scan-queue.resolver.js";
import { AgentResolver } from "../modules/agent/agent.resolver.js";
import { ClusterAdmissionResolver } from "../modules/admission/admission.resolver.js";
import { ClusterInventoryResolver, KubeContainersResolver } from "../modules/inventory/inventory.resolver.js";
import { FalcoEventsResolver, FalcoRulesResolver } from "../modules/falco/falco.resolver.js";
import type { BulwarkPubSub } from "../pubsub/pubsub.js";

export const RESOLVERS = [
  AuthResolver,
  UsersResolver,
  ApiKeysResolver,
  AuditResolver,
  ClustersResolver,
  ClusterGroupsResolver,
  SettingsResolver,
  RegistriesResolver,
  PoliciesResolver,
  ScannersResolver,
  ExceptionsResolver,
  ImagesResolver,
  ClusterImagesResolver,
  ScansResolver,
  FindingTreatmentsResolver,
  ScanSubmissionsResolver,
  ComplianceSummariesResolver,
  ImageVerdictsResolver,
  ScanQueueResolver,
  AgentResolver,
  ClusterAdmissionResolver,
  ClusterInventoryResolver,
  KubeContainersResolver,
  FalcoEventsResolver,
  FalcoRulesResolver,
] as const;

/**
 * The one schema. Subscriptions use the given PubSub; `emitSchema` passes an inert one.
 * Authorization happens in services; resolvers only pass the caller along.
 */
export async function createSchema(pubSub: Pick<BulwarkPubSub, "publish" | "subscribe">): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    pubSub,
    validate: false,
  });
  // Live Falco events reach `falcoEventAdded` already as the field returns them (FalcoService.subscribe
  // checks, filters and shapes them when subscribing and per event). Resolving the field as the event
  // itself skips type-graphql's per-call work (argument conversion), paid per event per subscriber.
  const falcoEventAdded = schema.getSubscriptionType()?.getFields().falcoEventAdded;
  if (falcoEventAdded) falcoEventAdded.resolve = (event: unknown) => event;
  return schema;
}

export async function printBulwarkSchema(): Promise<string> {
  const inert = {
    publish: () => {},
    subscribe: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) }),
  };
  const schema = await createSchema(inert as never);
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
