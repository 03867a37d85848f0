import { describe, expect, it } from "vitest";
import { redirectTarget } from "./redirect-target";

describe("redirectTarget", () => {
  it("returns to the page the user was headed to", () => {
    expect(redirectTarget("/settings/audit?x=1")).toBe("/settings/audit?x=1");
  });

  it("never leaves the app or loops back to sign-in", () => {
    expect(redirectTarget("https://evil.example")).toBe("/clusters");
    expect(redirectTarget("//evil.example/path")).toBe("/clusters");
    expect(redirectTarget("/\\evil.example")).toBe("/clusters");
    expect(redirectTarget("/login")).toBe("/clusters");
    expect(redirectTarget(undefined)).toBe("/clusters");
    expect(redirectTarget(42)).toBe("/clusters");
  });
});
