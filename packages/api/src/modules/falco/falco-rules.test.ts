import { describe, expect, it } from "vitest";
import { matchesFalcoFilter } from "./falco-filter.js";
import { decide, type FalcoRuleLike, matchesGlob, ruleMatches } from "./falco-rules.js";

const now = new Date("2026-06-01T12:00:00Z");
const rule = (overrides: Partial<FalcoRuleLike>): FalcoRuleLike => ({
  name: "r",
  action: "silence",
  rulePattern: null,
  imagePattern: null,
  namespaces: [],
  clusterIds: [],
  endsAt: null,
  ...overrides,
});
const event = { clusterId: "c1", rule: "Terminal shell in container", namespace: "payments", image: "nginx:1.25" };

describe("globs", () => {
  it.each([
    ["*", "anything", true],
    ["Terminal shell*", "Terminal shell in container", true],
    ["terminal SHELL in container", "Terminal shell in container", true],
    ["*shell*", "Terminal shell in container", true],
    ["*shell", "Terminal shell in container", false],
    ["nginx:*", "nginx:1.25", true],
    ["nginx", "nginx:1.25", false],
    ["docker.io/*/nginx:1.2?", "docker.io/library/nginx:1.2?", true],
    ["docker.io/*/nginx:1.2?", "docker.io/library/nginx:1.25", false],
    ["a*b*c", "aXXbYYc", true],
    ["a*b*c", "aXXcYYb", false],
    ["", "", true],
    ["", "x", false],
  ])("%s vs %s → %s", (pattern, text, expected) => {
    expect(matchesGlob(pattern, text)).toBe(expected);
  });

  it("stay fast on patterns with many stars", () => {
    expect(matchesGlob("*a*a*a*a*a*a*a*a*a*b", "a".repeat(5000))).toBe(false);
  });
});

describe("rule matching", () => {
  it("matches when every criterion set matches", () => {
    expect(ruleMatches(rule({ rulePattern: "terminal*" }), event, now)).toBe(true);
    expect(ruleMatches(rule({ rulePattern: "Write below*" }), event, now)).toBe(false);
    expect(ruleMatches(rule({ imagePattern: "nginx:*" }), event, now)).toBe(true);
    expect(ruleMatches(rule({ imagePattern: "redis*" }), event, now)).toBe(false);
    expect(ruleMatches(rule({ namespaces: ["payments", "web"] }), event, now)).toBe(true);
    expect(ruleMatches(rule({ namespaces: ["web"] }), event, now)).toBe(false);
    expect(ruleMatches(rule({ clusterIds: ["c1"] }), event, now)).toBe(true);
    expect(ruleMatches(rule({ clusterIds: ["c2"] }), event, now)).toBe(false);
    expect(ruleMatches(rule({ rulePattern: "terminal*", namespaces: ["web"] }), event, now)).toBe(false);
  });

  it("never matches an image pattern or namespaces against an event without them", () => {
    const bare = { ...event, image: null, namespace: null };
    expect(ruleMatches(rule({ imagePattern: "*" }), bare, now)).toBe(false);
    expect(ruleMatches(rule({ namespaces: ["payments"] }), bare, now)).toBe(false);
    expect(ruleMatches(rule({ rulePattern: "*" }), bare, now)).toBe(true);
  });

  it("stops at endsAt", () => {
    expect(ruleMatches(rule({ endsAt: new Date(now.getTime() + 1) }), event, now)).toBe(true);
    expect(ruleMatches(rule({ endsAt: now }), event, now)).toBe(false);
  });

  it("lets an ignore rule win over a silence rule", () => {
    const silence = rule({ name: "quiet", action: "silence" });
    const ignore = rule({ name: "drop", action: "ignore", namespaces: ["payments"] });
    expect(decide([silence, ignore], event, now)).toMatchObject({ action: "ignore", rule: { name: "drop" } });
    expect(decide([silence], event, now)).toMatchObject({ action: "silence", rule: { name: "quiet" } });
    expect(decide([rule({ clusterIds: ["c9"] })], event, now)).toEqual({ action: "keep" });
  });
});

describe("the event filter", () => {
  const stored = {
    clusterId: "c1",
    time: new Date("2026-06-01T10:00:00Z"),
    priority: "warning" as const,
    rule: "Terminal shell in container",
    namespace: "payments",
    pod: "checkout-7d9f",
    image: "ghcr.io/acme/checkout:1.4",
    anomaly: false,
    signature: "s1",
  };

  it("applies every condition", () => {
    expect(matchesFalcoFilter(stored, {})).toBe(true);
    expect(matchesFalcoFilter(stored, { clusterIds: ["c2"] })).toBe(false);
    expect(matchesFalcoFilter(stored, { since: stored.time })).toBe(true);
    expect(matchesFalcoFilter(stored, { until: stored.time })).toBe(false);
    expect(matchesFalcoFilter(stored, { minPriority: "warning" })).toBe(true);
    expect(matchesFalcoFilter(stored, { minPriority: "error" })).toBe(false);
    expect(matchesFalcoFilter(stored, { rule: "SHELL" })).toBe(true);
    expect(matchesFalcoFilter(stored, { namespace: "pay" })).toBe(false);
    expect(matchesFalcoFilter(stored, { pod: "CHECKOUT" })).toBe(true);
    expect(matchesFalcoFilter(stored, { image: "acme/checkout" })).toBe(true);
    expect(matchesFalcoFilter(stored, { anomalyOnly: true })).toBe(false);
    expect(matchesFalcoFilter(stored, { signature: "s2" })).toBe(false);
    expect(matchesFalcoFilter({ ...stored, pod: null }, { pod: "x" })).toBe(false);
  });
});
