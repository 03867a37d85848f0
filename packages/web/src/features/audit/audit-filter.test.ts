import { describe, expect, it } from "vitest";
import { anAuditEntry } from "../../test/builders";
import { matchesAuditFilter, toAuditFilter } from "./audit-filter";

describe("toAuditFilter", () => {
  it("drops empty values and trims the prefix", () => {
    expect(toAuditFilter({ actionPrefix: "  ", outcome: "" })).toEqual({});
    expect(toAuditFilter({ actionPrefix: " cluster. ", outcome: "failure" })).toEqual({
      actionPrefix: "cluster.",
      outcome: "failure",
    });
  });
});

describe("matchesAuditFilter", () => {
  const entry = anAuditEntry({
    action: "cluster.update",
    outcome: "success",
    entityType: "cluster",
    at: "2026-11-20T08:00:00.000Z",
  });

  it("matches everything with no filter", () => {
    expect(matchesAuditFilter(entry, {})).toBe(true);
  });

  it("applies the action prefix and the exact action", () => {
    expect(matchesAuditFilter(entry, { actionPrefix: "cluster." })).toBe(true);
    expect(matchesAuditFilter(entry, { actionPrefix: "user." })).toBe(false);
    expect(matchesAuditFilter(entry, { action: "cluster.update" })).toBe(true);
    expect(matchesAuditFilter(entry, { action: "cluster" })).toBe(false);
  });

  it("applies outcome, entity and time bounds", () => {
    expect(matchesAuditFilter(entry, { outcome: "failure" })).toBe(false);
    expect(matchesAuditFilter(entry, { entityType: "user" })).toBe(false);
    expect(matchesAuditFilter(entry, { since: "2026-11-21T00:00:00.000Z" })).toBe(false);
    expect(matchesAuditFilter(entry, { until: "2026-11-21T00:00:00.000Z" })).toBe(true);
  });
});
