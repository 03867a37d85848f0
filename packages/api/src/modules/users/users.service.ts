import { z } from "zod";
import type { Actor } from "../../common/actor.js";
import { badInput, conflict, forbidden, notFound } from "../../common/errors.js";
import { assertAuthenticated, assertCan, type Principal } from "../../common/principal.js";
import { parseInput } from "../../common/validation.js";
import type { Database } from "../../db/database.js";
import type { User } from "../../generated/prisma/client.js";
import type { AuditService } from "../audit/audit.service.js";
import { SessionsRepository } from "../auth/sessions.repository.js";
import { hashPassword, passwordProblem, verifyPassword } from "./password.js";
import { UsersRepository } from "./users.repository.js";

export const userSnapshot = (user: User) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  active: user.active,
});

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.?[^\s@]*$/, "must be an email address");
const name = z.string().trim().min(1, "must not be empty").max(200);
const role = z.enum(["super_admin", "admin", "read_only"]);

const createUserSchema = z.object({ email, name, role, password: z.string() });
const updateUserSchema = z.object({ name: name.optional(), role: role.optional(), active: z.boolean().optional() });

export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;

const LAST_SUPER_ADMIN = "Bulwark needs at least one active super admin; promote another user first";

export class UsersService {
  readonly repository = new UsersRepository();
  private readonly sessions = new SessionsRepository();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal): Promise<User[]> {
    assertCan(principal, "user:read");
    return this.repository.list(this.db.prisma);
  }

  async get(principal: Principal, id: string): Promise<User> {
    assertAuthenticated(principal);
    if (principal.userId !== id) assertCan(principal, "user:read");
    const user = await this.repository.findById(this.db.prisma, id);
    if (!user) throw notFound("User");
    return user;
  }

  /** Loads users by id for field resolvers (owner of a key, actor of an entry). */
  findManyByIds(ids: readonly string[]): Promise<User[]> {
    return this.repository.findManyByIds(this.db.prisma, ids);
  }

  async create(actor: Actor, raw: CreateUserInput): Promise<User> {
    assertCan(actor.principal, "user:write");
    const input = parseInput(createUserSchema, raw);
    const problem = passwordProblem(input.password);
    if (problem) throw badInput(problem, { field: "password" });
    if (input.role === "super_admin" && actor.principal.role !== "super_admin") {
      throw forbidden("Only a super admin can create a super admin");
    }
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (tx, afterCommit) => {
      if (await this.repository.findByEmail(tx, input.email)) {
        throw conflict(`A user with email ${input.email} already exists`, { field: "email" });
      }
      const user = await this.repository.create(tx, {
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
      });
      await this.audit.record(tx, afterCommit, actor, {
        action: "user.create",
        entityType: "user",
        entityId: user.id,
        after: userSnapshot(user),
      });
      return user;
    });
  }

  async update(actor: Actor, id: string, raw: UpdateUserInput): Promise<User> {
    assertCan(actor.principal, "user:write");
    const principal = actor.principal;
    const input = parseInput(updateUserSchema, raw);
    return this.db.transaction(async (tx, afterCommit) => {
      await this.repository.lockUsers(tx);
      const before = await this.repository.findById(tx, id);
      if (!before) throw notFound("User");
      const touchesSuperAdmin = before.role === "super_admin" || input.role === "super_admin";
      if (touchesSuperAdmin && principal.role !== "super_admin") {
        throw forbidden("Only a super admin can change a super admin or grant that role");
      }
      if (principal.userId === id && input.role !== undefined && input.role !== before.role) {
        throw forbidden("You cannot change your own role");
      }
      if (principal.userId === id && input.active === false) {
        throw forbidden("You cannot deactivate your own account");
      }
      const losesSuperAdmin =
        before.role === "super_admin" &&
        before.active &&
        ((input.role !== undefined && input.role !== "super_admin") || input.active === false);
      if (losesSuperAdmin && (await this.repository.countActiveWithRole(tx, "super_admin")) <= 1) {
        throw conflict(LAST_SUPER_ADMIN);
      }
      const user = await this.repository.update(tx, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      });
      if (input.active === false) await this.sessions.deleteForUser(tx, id);
      await this.audit.record(tx, afterCommit, actor, {
        action: input.active === false && before.active ? "user.deactivate" : "user.update",
        entityType: "user",
        entityId: id,
        before: userSnapshot(before),
        after: userSnapshot(user),
      });
      return user;
    });
  }

  /** An admin sets a new password for someone else; their sessions end. */
  async setPassword(actor: Actor, id: string, password: string): Promise<User> {
    assertCan(actor.principal, "user:write");
    const principal = actor.principal;
    const problem = passwordProblem(password);
    if (problem) throw badInput(problem, { field: "password" });
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx, afterCommit) => {
      const user = await this.repository.findById(tx, id);
      if (!user) throw notFound("User");
      if (user.role === "super_admin" && principal.role !== "super_admin") {
        throw forbidden("Only a super admin can set a super admin's password");
      }
      const updated = await this.repository.update(tx, id, { passwordHash });
      await this.sessions.deleteForUser(tx, id);
      await this.audit.record(tx, afterCommit, actor, {
        action: "user.set_password",
        entityType: "user",
        entityId: id,
        after: userSnapshot(updated),
      });
      return updated;
    });
  }

  /** A signed-in user changes their own password; their other sessions end. */
  async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string): Promise<User> {
    const principal = actor.principal;
    if (principal.kind !== "user") {
      assertAuthenticated(principal);
      throw forbidden("Passwords are changed from a signed-in session, not with an API key");
    }
    const problem = passwordProblem(newPassword);
    if (problem) throw badInput(problem, { field: "newPassword" });
    const user = await this.repository.findById(this.db.prisma, principal.userId);
    if (!user) throw notFound("User");
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw badInput("The current password is incorrect", { field: "currentPassword" });
    }
    const passwordHash = await hashPassword(newPassword);
    return this.db.transaction(async (tx, afterCommit) => {
      const updated = await this.repository.update(tx, user.id, { passwordHash });
      await this.sessions.deleteForUser(tx, user.id, principal.sessionId);
      await this.audit.record(tx, afterCommit, actor, {
        action: "user.change_password",
        entityType: "user",
        entityId: user.id,
      });
      return updated;
    });
  }
}
