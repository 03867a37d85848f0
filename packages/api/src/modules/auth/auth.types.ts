import { Field, ObjectType } from "type-graphql";
import { ApiKeyScope } from "../../graphql/enums.js";
import { User } from "../users/users.types.js";

@ObjectType({ description: "Who the caller is and what they may do" })
export class Viewer {
  @Field(() => User)
  user!: User;

  @Field(() => String, { description: "session or api_key" })
  authMethod!: "session" | "api_key";

  @Field(() => [ApiKeyScope], { nullable: true, description: "Scopes of the API key in use" })
  scopes!: ApiKeyScope[] | null;

  @Field(() => [String], { description: "Permissions, e.g. cluster:write; the UI hides what is not allowed" })
  permissions!: string[];
}

@ObjectType()
export class LoginResult {
  @Field(() => User)
  user!: User;
}
