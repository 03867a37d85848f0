import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ApiKeyScope } from "../../graphql/enums.js";
import { DateTime } from "../../graphql/scalars.js";

@ObjectType()
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "The first characters of the key, to tell keys apart" })
  prefix!: string;

  @Field(() => [ApiKeyScope])
  scopes!: ApiKeyScope[];

  userId!: string;

  clusterId!: string | null;

  @Field(() => DateTime, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => DateTime)
  createdAt!: Date;
}

@ObjectType({ description: "A new key. The secret is shown this once and never again." })
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field(() => String)
  secret!: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String)
  name!: string;

  @Field(() => [ApiKeyScope])
  scopes!: ApiKeyScope[];

  @Field(() => ID, { nullable: true, description: "Bind the key to one cluster" })
  clusterId?: string | null;

  @Field(() => DateTime, { nullable: true })
  expiresAt?: Date | null;
}
