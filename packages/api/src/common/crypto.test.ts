import { describe, expect, it } from "vitest";
import { constantTimeEqual, randomToken, SecretBox, sha256Hex } from "./crypto.js";

describe("SecretBox", () => {
  const box = new SecretBox("k".repeat(32));

  it("round-trips and never repeats a ciphertext", () => {
    const a = box.encrypt("registry-password");
    const b = box.encrypt("registry-password");
    expect(a).not.toBe(b);
    expect(a).not.toContain("registry-password");
    expect(box.decrypt(a)).toBe("registry-password");
  });

  it("refuses tampered ciphertext and a different key", () => {
    const sealed = box.encrypt("secret");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("other").toString("base64url");
    expect(() => box.decrypt(parts.join("."))).toThrow();
    expect(() => new SecretBox("j".repeat(32)).decrypt(sealed)).toThrow();
    expect(() => box.decrypt("plain")).toThrow(/not a sealed secret/);
  });

  it("requires a long key", () => {
    expect(() => new SecretBox("short")).toThrow();
  });
});

describe("tokens", () => {
  it("are URL-safe, random and hash deterministically", () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
  });
});
