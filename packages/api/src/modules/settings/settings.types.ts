import { Field, InputType, Int, ObjectType } from "type-graphql";
import { DateTime } from "../../graphql/scalars.js";

@ObjectType()
export class OrganisationSettings {
  @Field(() => String)
  siteName!: string;

  @Field(() => Int, { description: "A session ends after this many hours without activity" })
  sessionTtlHours!: number;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@InputType()
export class UpdateOrganisationSettingsInput {
  @Field(() => String, { nullable: true })
  siteName?: string;

  @Field(() => Int, { nullable: true })
  sessionTtlHours?: number;
}

@ObjectType({ description: "What anyone may know before signing in" })
export class SiteInfo {
  @Field(() => String)
  siteName!: string;
}
