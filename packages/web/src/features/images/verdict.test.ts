import { describe, expect, it } from "vitest";
import { aVerdictReason } from "../../test/builders";
import { reasonsSummary, reasonSummary } from "./verdict";

describe("reasonSummary", () => {
  it("says how many findings of which kind broke which limit", () => {
    expect(reasonSummary(aVerdictReason({ count: 2, fixable: true, severity: "high", limit: 0 }))).toBe(
      "2 fixable high > 0",
    );
    expect(reasonSummary(aVerdictReason({ count: 4, fixable: false, severity: "medium", limit: 3 }))).toBe(
      "4 unfixable medium > 3",
    );
  });

  it("lists blocking and worse reasons first, then says how many more", () => {
    const reasons = [
      aVerdictReason({ severity: "medium", count: 5, limit: 0, blocking: false }),
      aVerdictReason({ severity: "high", count: 2, limit: 0 }),
      aVerdictReason({ severity: "critical", count: 1, limit: 0 }),
    ];
    expect(reasonsSummary(reasons)).toBe("1 fixable critical > 0; 2 fixable high > 0; +1 more");
  });
});
