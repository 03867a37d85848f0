import { describe, expect, it } from "vitest";
import {
  compareSeverities,
  emptyCounts,
  fromTrivySeverity,
  isSeverity,
  SEVERITIES_HIGH_TO_LOW,
  severityRank,
} from "./severity.js";
import { SEVERITIES, type Severity } from "./types.js";

describe("severity order", () => {
  it.each<[Severity, number]>([
    ["negligible", 0],
    ["low", 1],
    ["medium", 2],
    ["high", 3],
    ["critical", 4],
  ])("ranks %s at %i", (severity, rank) => {
    expect(severityRank(severity)).toBe(rank);
    expect(SEVERITIES[rank]).toBe(severity);
  });

  it("sorts lowest first, or highest first with the arguments swapped", () => {
    const mixed: Severity[] = ["medium", "critical", "negligible", "high", "low", "medium"];
    expect([...mixed].sort(compareSeverities)).toEqual(["negligible", "low", "medium", "medium", "high", "critical"]);
    expect([...mixed].sort((a, b) => compareSeverities(b, a))).toEqual([
      "critical",
      "high",
      "medium",
      "medium",
      "low",
      "negligible",
    ]);
    expect(compareSeverities("high", "high")).toBe(0);
  });

  it("lists severities highest first", () => {
    expect(SEVERITIES_HIGH_TO_LOW).toEqual(["critical", "high", "medium", "low", "negligible"]);
  });

  it.each<[unknown, boolean]>([
    ["critical", true],
    ["negligible", true],
    ["CRITICAL", false],
    ["unknown", false],
    ["toString", false],
    [3, false],
    [null, false],
  ])("isSeverity(%j) is %s", (value, expected) => {
    expect(isSeverity(value)).toBe(expected);
  });
});

describe("fromTrivySeverity", () => {
  it.each<[string, Severity]>([
    ["CRITICAL", "critical"],
    ["HIGH", "high"],
    ["MEDIUM", "medium"],
    ["LOW", "low"],
    ["UNKNOWN", "negligible"],
    ["critical", "critical"],
    ["High", "high"],
    [" medium ", "medium"],
    ["", "negligible"],
    ["NEGLIGIBLE", "negligible"],
    ["SEVERE", "negligible"],
    ["CONSTRUCTOR", "negligible"],
    ["__proto__", "negligible"],
  ])("maps %j to %s", (input, expected) => {
    expect(fromTrivySeverity(input)).toBe(expected);
  });
});

describe("emptyCounts", () => {
  it("gives a zero for every severity, in a new object each time", () => {
    const counts = emptyCounts();
    expect(counts).toEqual({ negligible: 0, low: 0, medium: 0, high: 0, critical: 0 });
    counts.high = 3;
    expect(emptyCounts().high).toBe(0);
  });
});
