import { Field, ID, InputType, ObjectType } from "type-graphql";
import { DateTime } from "../../graphql/scalars.js";

@ObjectType()
export class ClusterGroup {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@ObjectType()
export class Cluster {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Unique; lower-case letters, digits and dashes" })
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => [String])
  tags!: string[];

  groupId!: string | null;

  @Field(() => String, { nullable: true, description: "The agent's version at its last heartbeat" })
  agentVersion!: string | null;

  @Field(() => String, { nullable: true })
  kubernetesVersion!: string | null;

  @Field(() => DateTime, { nullable: true, description: "The agent's last heartbeat; null = never connected" })
  agentLastSeenAt!: Date | null;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@InputType()
export class ClusterFilter {
  @Field(() => ID, { nullable: true })
  groupId?: string;

  @Field(() => String, { nullable: true, description: "Matches name, description or a whole tag" })
  search?: string;
}

@InputType()
export class CreateClusterInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => [String], { nullable: true })
  tags?: string[];

  @Field(() => ID, { nullable: true })
  groupId?: string | null;
}

@InputType()
export class UpdateClusterInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => [String], { nullable: true })
  tags?: string[];

  @Field(() => ID, { nullable: true, description: "null removes the cluster from its group" })
  groupId?: string | null;
}

@InputType()
export class ClusterGroupInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string;
}

@InputType()
export class UpdateClusterGroupInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  description?: string;
}
