import type { Db } from "../../db/database.js";
import type { Registry } from "../../generated/prisma/client.js";

export type RegistryData = {
  name: string;
  hostname: string;
  aliases: string[];
  username: string | null;
  passwordSealed: string | null;
};

export class RegistriesRepository {
  list(db: Db): Promise<Registry[]> {
    return db.registry.findMany({ orderBy: { name: "asc" } });
  }

  findById(db: Db, id: string): Promise<Registry | null> {
    return db.registry.findUnique({ where: { id } });
  }

  /** Registries that use any of these host names as hostname or alias. */
  findByHosts(db: Db, hosts: string[]): Promise<Registry[]> {
    return db.registry.findMany({ where: { OR: [{ hostname: { in: hosts } }, { aliases: { hasSome: hosts } }] } });
  }

  findByName(db: Db, name: string): Promise<Registry | null> {
    return db.registry.findUnique({ where: { name } });
  }

  create(db: Db, data: RegistryData): Promise<Registry> {
    return db.registry.create({ data });
  }

  update(db: Db, id: string, data: Partial<RegistryData>): Promise<Registry> {
    return db.registry.update({ where: { id }, data });
  }

  delete(db: Db, id: string): Promise<Registry> {
    return db.registry.delete({ where: { id } });
  }
}
