import type { Db } from "../../db/database.js";
import { advisoryXactLock, LOCKS } from "../../db/locks.js";
import type { Prisma, User, UserRole } from "../../generated/prisma/client.js";

export class UsersRepository {
  findById(db: Db, id: string): Promise<User | null> {
    return db.user.findUnique({ where: { id } });
  }

  findByEmail(db: Db, email: string): Promise<User | null> {
    return db.user.findUnique({ where: { email: email.toLowerCase() } });
  }

  findManyByIds(db: Db, ids: readonly string[]): Promise<User[]> {
    return db.user.findMany({ where: { id: { in: [...ids] } } });
  }

  list(db: Db): Promise<User[]> {
    return db.user.findMany({ orderBy: [{ active: "desc" }, { email: "asc" }] });
  }

  count(db: Db): Promise<number> {
    return db.user.count();
  }

  countActiveWithRole(db: Db, role: UserRole): Promise<number> {
    return db.user.count({ where: { role, active: true } });
  }

  firstActiveSuperAdmin(db: Db): Promise<User | null> {
    return db.user.findFirst({ where: { role: "super_admin", active: true }, orderBy: { createdAt: "asc" } });
  }

  create(db: Db, data: Prisma.UserCreateInput): Promise<User> {
    return db.user.create({ data: { ...data, email: data.email.toLowerCase() } });
  }

  update(db: Db, id: string, data: Prisma.UserUpdateInput): Promise<User> {
    return db.user.update({ where: { id }, data });
  }

  /** Serialises changes that must keep at least one active super_admin. */
  async lockUsers(db: Db): Promise<void> {
    await advisoryXactLock(db, LOCKS.users);
  }
}
