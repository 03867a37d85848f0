import { describe, expect, it } from "vitest";
import { redact } from "./redact.js";

describe("redact", () => {
  it("drops secret-looking keys at any depth and serialises dates and bigints", () => {
    const at = new Date("2026-01-02T03:04:05.000Z");
    expect(
      redact({
        name: "x",
        password: "p",
        passwordHash: "h",
        keyHash: "k",
        nested: { clientSecret: "s", token: "t", ok: [1, { bindCredential: "c", at }] },
        id: 5n,
      }),
    ).toEqual({ name: "x", nested: { ok: [1, { at: "2026-01-02T03:04:05.000Z" }] }, id: "5" });
  });

  it("keeps null and primitives", () => {
    expect(redact(null)).toBeNull();
    expect(redact(undefined)).toBeNull();
    expect(redact("text")).toBe("text");
  });
});
