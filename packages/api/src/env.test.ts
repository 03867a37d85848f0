import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.js";

describe("parseEnv", () => {
  it("applies defaults for the embedded database", () => {
    const env = parseEnv({}, "/srv/app");
    expect(env.port).toBe(8080);
    expect(env.databaseUrl).toBeUndefined();
    expect(env.dataDir).toBe(path.resolve("/srv/app", ".data"));
    expect(env.secureCookies).toBe("auto");
  });

  it("lists every problem at once", () => {
    try {
      parseEnv({ PORT: "abc", DATABASE_URL: "mysql://x", BULWARK_ADMIN_PASSWORD: "short", REDIS_URL: "http://r" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems.join("\n");
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL must be a postgres/);
      expect(problems).toMatch(/BULWARK_ADMIN_PASSWORD must be at least 12/);
      expect(problems).toMatch(/REDIS_URL must be a redis/);
    }
  });

  it("requires a secret key with DATABASE_URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://localhost/db" })).toThrow(/BULWARK_SECRET_KEY is required/);
    const env = parseEnv({ DATABASE_URL: "postgres://localhost/db", BULWARK_SECRET_KEY: "x".repeat(32) });
    expect(env.databaseUrl).toBe("postgres://localhost/db");
  });

  it("treats empty values as unset and normalises the admin email", () => {
    const env = parseEnv({
      DATABASE_URL: "",
      BULWARK_ADMIN_EMAIL: "Admin@Example.COM",
      BULWARK_ALLOWED_ORIGINS: "https://a.example/, https://b.example",
    });
    expect(env.databaseUrl).toBeUndefined();
    expect(env.adminEmail).toBe("admin@example.com");
    expect(env.allowedOrigins).toEqual(["https://a.example", "https://b.example"]);
  });

  it("rejects a short bootstrap API key", () => {
    expect(() => parseEnv({ BULWARK_BOOTSTRAP_API_KEY: "short" })).toThrow(
      /BULWARK_BOOTSTRAP_API_KEY must be at least 32/,
    );
  });
});
