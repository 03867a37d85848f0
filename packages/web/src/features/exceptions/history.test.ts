import { describe, expect, it } from "vitest";
import { changeLines } from "./history";

describe("changeLines", () => {
  it("describes an edit field by field, with names for ids", () => {
    const lines = changeLines(
      {
        status: { from: "in_review", to: "active" },
        clusterIds: { from: [], to: ["c-1"] },
        issueId: { from: null, to: "CVE-1" },
      },
      new Map([["c-1", "prod-eu-1"]]),
    );
    expect(lines).toEqual([
      { field: "status", label: "Status", from: "In review", to: "Active" },
      { field: "clusterIds", label: "Clusters", from: "none", to: "prod-eu-1" },
      { field: "issueId", label: "Issue id", from: "—", to: "CVE-1" },
    ]);
  });

  it("has nothing to say about a snapshot or an empty event", () => {
    expect(changeLines({ id: "e-1", title: "A snapshot", status: "in_review" })).toEqual([]);
    expect(changeLines(null)).toEqual([]);
  });
});
