import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { FalcoPriority, FalcoRecipients, FalcoRuleAction, FalcoSummaryFrequency } from "../../graphql/enums.js";
import { PageInfo } from "../../graphql/pagination.js";
import { DateTime, JSONScalar } from "../../graphql/scalars.js";

@ObjectType({ description: "One Falco alert, as falcosidekick delivered it" })
export class FalcoEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clusterId!: string;

  @Field(() => String)
  clusterName!: string;

  @Field(() => String, { nullable: true })
  uuid!: string | null;

  @Field(() => DateTime)
  time!: Date;

  @Field(() => DateTime)
  receivedAt!: Date;

  @Field(() => FalcoPriority)
  priority!: FalcoPriority;

  @Field(() => String)
  rule!: string;

  @Field(() => String, { nullable: true })
  source!: string | null;

  @Field(() => String)
  output!: string;

  @Field(() => String, { nullable: true })
  hostname!: string | null;

  @Field(() => String, { nullable: true })
  namespace!: string | null;

  @Field(() => String, { nullable: true })
  pod!: string | null;

  @Field(() => String, { nullable: true })
  container!: string | null;

  @Field(() => String, { nullable: true })
  image!: string | null;

  @Field(() => String, { nullable: true })
  process!: string | null;

  @Field(() => String, { nullable: true })
  commandLine!: string | null;

  @Field(() => String, { nullable: true })
  user!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => String)
  signature!: string;

  @Field(() => Boolean)
  anomaly!: boolean;

  @Field(() => Boolean)
  silenced!: boolean;

  @Field(() => JSONScalar)
  outputFields!: unknown;
}

@ObjectType()
export class FalcoEventConnection {
  @Field(() => [FalcoEvent])
  nodes!: FalcoEvent[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class FalcoEventFilter {
  @Field(() => ID, { nullable: true })
  clusterId?: string | null;

  @Field(() => DateTime, { nullable: true })
  since?: Date | null;

  @Field(() => DateTime, { nullable: true })
  until?: Date | null;

  @Field(() => FalcoPriority, { nullable: true, description: "At or above this priority" })
  minPriority?: FalcoPriority | null;

  @Field(() => String, { nullable: true, description: "Substring of the rule name, case-insensitive" })
  rule?: string | null;

  @Field(() => String, { nullable: true })
  namespace?: string | null;

  @Field(() => String, { nullable: true, description: "Substring, case-insensitive" })
  pod?: string | null;

  @Field(() => String, { nullable: true, description: "Substring, case-insensitive" })
  image?: string | null;

  @Field(() => Boolean, { nullable: true })
  anomalyOnly?: boolean | null;

  @Field(() => String, { nullable: true })
  signature?: string | null;
}

@ObjectType()
export class FalcoDayCount {
  @Field(() => String)
  day!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class FalcoPriorityCount {
  @Field(() => DateTime)
  bucketStart!: Date;

  @Field(() => FalcoPriority)
  priority!: FalcoPriority;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class FalcoRule {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => FalcoRuleAction)
  action!: FalcoRuleAction;

  @Field(() => String, { nullable: true })
  rulePattern!: string | null;

  @Field(() => String, { nullable: true })
  imagePattern!: string | null;

  @Field(() => [String])
  namespaces!: string[];

  @Field(() => [ID])
  clusterIds!: string[];

  @Field(() => DateTime, { nullable: true })
  endsAt!: Date | null;

  @Field(() => Boolean)
  builtIn!: boolean;

  @Field(() => String, { nullable: true })
  createdBy!: string | null;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@InputType()
export class FalcoRuleInput {
  @Field(() => String)
  name!: string;

  @Field(() => FalcoRuleAction)
  action!: FalcoRuleAction;

  @Field(() => String, { nullable: true })
  rulePattern?: string | null;

  @Field(() => String, { nullable: true })
  imagePattern?: string | null;

  @Field(() => [String], { nullable: true })
  namespaces?: string[] | null;

  @Field(() => [ID], { nullable: true })
  clusterIds?: string[] | null;

  @Field(() => DateTime, { nullable: true })
  endsAt?: Date | null;
}

@ObjectType()
export class FalcoSettings {
  @Field(() => ID)
  clusterId!: string;

  @Field(() => FalcoPriority)
  minimumPriority!: FalcoPriority;

  @Field(() => Int)
  retentionDays!: number;

  @Field(() => Int)
  anomalyWindowDays!: number;

  @Field(() => Boolean)
  notifyAnomalies!: boolean;

  @Field(() => FalcoPriority)
  notifyMinPriority!: FalcoPriority;

  @Field(() => FalcoRecipients)
  recipients!: FalcoRecipients;

  @Field(() => [String])
  addresses!: string[];

  @Field(() => FalcoSummaryFrequency)
  summary!: FalcoSummaryFrequency;

  @Field(() => DateTime, { nullable: true })
  lastSummaryAt!: Date | null;
}

@InputType()
export class FalcoSettingsInput {
  @Field(() => FalcoPriority, { nullable: true })
  minimumPriority?: FalcoPriority | null;

  @Field(() => Int, { nullable: true })
  retentionDays?: number | null;

  @Field(() => Int, { nullable: true })
  anomalyWindowDays?: number | null;

  @Field(() => Boolean, { nullable: true })
  notifyAnomalies?: boolean | null;

  @Field(() => FalcoPriority, { nullable: true })
  notifyMinPriority?: FalcoPriority | null;

  @Field(() => FalcoRecipients, { nullable: true })
  recipients?: FalcoRecipients | null;

  @Field(() => [String], { nullable: true })
  addresses?: string[] | null;

  @Field(() => FalcoSummaryFrequency, { nullable: true })
  summary?: FalcoSummaryFrequency | null;
}
