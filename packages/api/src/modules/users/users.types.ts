import { Field, ID, InputType, ObjectType } from "type-graphql";
import { DateTime } from "../../graphql/scalars.js";
import { UserRole } from "../../graphql/enums.js";

@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => UserRole)
  role!: UserRole;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => DateTime, { nullable: true })
  lastLoginAt!: Date | null;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@InputType()
export class CreateUserInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => UserRole)
  role!: UserRole;

  @Field(() => String, { description: "At least 12 characters" })
  password!: string;
}

@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => UserRole, { nullable: true })
  role?: UserRole;

  @Field(() => Boolean, { nullable: true, description: "false deactivates the user and ends their sessions" })
  active?: boolean;
}
