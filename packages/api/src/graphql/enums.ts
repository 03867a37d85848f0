import { registerEnumType } from "type-graphql";
import { ApiKeyScope, UserRole } from "../generated/prisma/enums.js";

registerEnumType(UserRole, {
  name: "UserRole",
  description: "super_admin: everything, including other super admins; admin: manage; read_only: view, request",
});
registerEnumType(ApiKeyScope, {
  name: "ApiKeyScope",
  description: "What an API key may be used for; a key never exceeds its owner's role",
});

export { ApiKeyScope, UserRole };
