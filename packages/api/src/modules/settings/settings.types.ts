import { Field, InputType, Int, ObjectType } from "type-graphql";
import { DateTime } from "../../graphql/scalars.js";

@ObjectType()
export class OrganisationSettings {
  @Field(() => String)
  siteName!: string;

  @Field(() => Int, { description: "A session ends after this many hours without activity" })
  sessionTtlHours!: number;

  @Field(() => Int, {
    description: "Exception creators and admins are reminded this many days before an exception ends; 0 = never",
  })
  exceptionReminderDays!: number;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@InputType()
export class UpdateOrganisationSettingsInput {
  @Field(() => String, { nullable: true })
  siteName?: string;

  @Field(() => Int, { nullable: true })
  sessionTtlHours?: number;

  @Field(() => Int, { nullable: true })
  exceptionReminderDays?: number;
}

@ObjectType({ description: "What anyone may know before signing in" })
export class SiteInfo {
  @Field(() => String)
  siteName!: string;
}
