import { Field, ID, InputType, ObjectType } from "type-graphql";
import { PageInfo } from "../../graphql/pagination.js";
import { DateTime, JSONScalar } from "../../graphql/scalars.js";
import type { AuditEntryEvent } from "../../pubsub/pubsub.js";

@ObjectType({ description: "One change or security event: who did what to which entity, when and from where" })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTime)
  at!: Date;

  @Field(() => String, { description: "e.g. cluster.create, user.update, auth.login" })
  action!: string;

  @Field(() => String, { description: "success or failure" })
  outcome!: string;

  @Field(() => String, { description: "The user's email, the API key, or system" })
  actorLabel!: string;

  @Field(() => ID, { nullable: true })
  actorUserId!: string | null;

  @Field(() => ID, { nullable: true })
  actorApiKeyId!: string | null;

  @Field(() => String, { nullable: true })
  entityType!: string | null;

  @Field(() => String, { nullable: true })
  entityId!: string | null;

  @Field(() => JSONScalar, { nullable: true, description: "The entity before the change, without secrets" })
  before!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: "The entity after the change, without secrets" })
  after!: unknown;

  @Field(() => String, { nullable: true })
  sourceIp!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;
}

export function auditEntryFromEvent(event: AuditEntryEvent): AuditEntry {
  return { ...event, at: new Date(event.at) };
}

@ObjectType()
export class AuditEntryConnection {
  @Field(() => [AuditEntry])
  nodes!: AuditEntry[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class AuditFilter {
  @Field(() => String, { nullable: true, description: "Exact action, e.g. cluster.create" })
  action?: string;

  @Field(() => String, { nullable: true, description: "Action prefix, e.g. cluster. for every cluster change" })
  actionPrefix?: string;

  @Field(() => String, { nullable: true })
  entityType?: string;

  @Field(() => String, { nullable: true })
  entityId?: string;

  @Field(() => ID, { nullable: true })
  actorUserId?: string;

  @Field(() => String, { nullable: true, description: "success or failure" })
  outcome?: "success" | "failure";

  @Field(() => DateTime, { nullable: true })
  since?: Date;

  @Field(() => DateTime, { nullable: true })
  until?: Date;
}
