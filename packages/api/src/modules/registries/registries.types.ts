import { Field, ID, InputType, ObjectType } from "type-graphql";
import { DateTime } from "../../graphql/scalars.js";

@ObjectType({ description: "A container registry. Its password is stored encrypted and never returned." })
export class Registry {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "e.g. registry.example.com:5000" })
  hostname!: string;

  @Field(() => [String], { description: "Other host names that mean this registry" })
  aliases!: string[];

  @Field(() => String, { nullable: true })
  username!: string | null;

  passwordSealed!: string | null;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@InputType()
export class CreateRegistryInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  hostname!: string;

  @Field(() => [String], { nullable: true })
  aliases?: string[];

  @Field(() => String, { nullable: true })
  username?: string | null;

  @Field(() => String, { nullable: true, description: "Write-only" })
  password?: string | null;
}

@InputType()
export class UpdateRegistryInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  hostname?: string;

  @Field(() => [String], { nullable: true })
  aliases?: string[];

  @Field(() => String, { nullable: true })
  username?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Write-only: a new password replaces the old; an empty string removes it; absent keeps it",
  })
  password?: string | null;
}
