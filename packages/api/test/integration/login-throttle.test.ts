import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../harness.js";

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email } } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe("sign-in throttling per address", () => {
  it("blocks an address after twenty failures across many accounts", async () => {
    for (let i = 0; i < 20; i += 1) {
      const error = await t.client().fails(LOGIN, { e: `spray-${i}@example.com`, p: "guess-password-1" });
      expect(error.extensions?.code).toBe("UNAUTHENTICATED");
    }
    const blocked = await t.client().fails(LOGIN, { e: "another@example.com", p: "guess-password-1" });
    expect(blocked.extensions?.code).toBe("RATE_LIMITED");
    const throttled = await t.app.services.db.prisma.auditEntry.count({ where: { action: "auth.login_throttled" } });
    expect(throttled).toBe(1);
  });
});
