import type { UserRole } from "../../gql/graphql";

export const PASSWORD_MIN = 12;

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters`;
  return null;
}

export const ROLE_DESCRIPTIONS: Record<UserRole, string> = {
  super_admin: "Everything, including managing other super admins.",
  admin: "Manages clusters, users, API keys and settings.",
  read_only: "Views everything and may request exceptions.",
};

/** The roles a viewer may hand out: only a super admin grants super admin. */
export function assignableRoles(viewerRole: UserRole): UserRole[] {
  return viewerRole === "super_admin" ? ["read_only", "admin", "super_admin"] : ["read_only", "admin"];
}
