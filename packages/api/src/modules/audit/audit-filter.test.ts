import { describe, expect, it } from "vitest";
import type { AuditEntryEvent } from "../../pubsub/pubsub.js";
import { matchesAuditFilter } from "./audit-filter.js";

const entry: AuditEntryEvent = {
  id: "1",
  at: "2026-05-01T10:00:00.000Z",
  action: "cluster.update",
  outcome: "success",
  actorUserId: "u1",
  actorApiKeyId: null,
  actorLabel: "a@example.com",
  entityType: "cluster",
  entityId: "c1",
  before: null,
  after: null,
  sourceIp: null,
  userAgent: null,
};

describe("matchesAuditFilter", () => {
  it("matches everything with an empty filter", () => {
    expect(matchesAuditFilter(entry, {})).toBe(true);
  });

  it("applies each field", () => {
    expect(matchesAuditFilter(entry, { action: "cluster.update" })).toBe(true);
    expect(matchesAuditFilter(entry, { action: "cluster.create" })).toBe(false);
    expect(matchesAuditFilter(entry, { actionPrefix: "cluster." })).toBe(true);
    expect(matchesAuditFilter(entry, { actionPrefix: "user." })).toBe(false);
    expect(matchesAuditFilter(entry, { entityType: "user" })).toBe(false);
    expect(matchesAuditFilter(entry, { entityId: "c1", actorUserId: "u1" })).toBe(true);
    expect(matchesAuditFilter(entry, { actorUserId: "u2" })).toBe(false);
    expect(matchesAuditFilter(entry, { outcome: "failure" })).toBe(false);
  });

  it("treats since as inclusive and until as exclusive", () => {
    const at = new Date(entry.at);
    expect(matchesAuditFilter(entry, { since: at })).toBe(true);
    expect(matchesAuditFilter(entry, { until: at })).toBe(false);
    expect(matchesAuditFilter(entry, { until: new Date(at.getTime() + 1) })).toBe(true);
  });
});
