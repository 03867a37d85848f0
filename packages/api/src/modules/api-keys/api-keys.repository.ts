import type { Db } from "../../db/database.js";
import type { ApiKey, ApiKeyScope, User } from "../../generated/prisma/client.js";

export class ApiKeysRepository {
  findByHash(db: Db, keyHash: string): Promise<(ApiKey & { user: User }) | null> {
    return db.apiKey.findUnique({ where: { keyHash }, include: { user: true } });
  }

  findById(db: Db, id: string): Promise<ApiKey | null> {
    return db.apiKey.findUnique({ where: { id } });
  }

  list(db: Db, userId: string | null): Promise<ApiKey[]> {
    return db.apiKey.findMany({
      where: userId ? { userId } : {},
      orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    });
  }

  create(
    db: Db,
    data: {
      name: string;
      prefix: string;
      keyHash: string;
      scopes: ApiKeyScope[];
      userId: string;
      clusterId: string | null;
      expiresAt: Date | null;
    },
  ): Promise<ApiKey> {
    return db.apiKey.create({ data });
  }

  update(
    db: Db,
    id: string,
    data: { revokedAt?: Date | null; scopes?: ApiKeyScope[]; expiresAt?: Date | null },
  ): Promise<ApiKey> {
    return db.apiKey.update({ where: { id }, data });
  }

  touch(db: Db, id: string, at: Date): Promise<unknown> {
    return db.apiKey.updateMany({ where: { id }, data: { lastUsedAt: at } });
  }
}
