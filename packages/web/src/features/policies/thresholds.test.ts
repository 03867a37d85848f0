import { describe, expect, it } from "vitest";
import {
  emptyThresholdValues,
  summariseThresholds,
  thresholdProblems,
  thresholdsToInput,
  thresholdValuesFrom,
} from "./thresholds";

const none = { critical: null, high: null, medium: null, low: null, negligible: null };

describe("thresholds", () => {
  it("turns empty fields into null (no limit) and filled ones into numbers, 0 included", () => {
    const values = emptyThresholdValues();
    values.fixable.critical = "0";
    values.fixable.high = " 3 ";
    values.unfixable.negligible = "12";
    expect(thresholdsToInput(values)).toEqual({
      fixable: { ...none, critical: 0, high: 3 },
      unfixable: { ...none, negligible: 12 },
    });
  });

  it("reads stored limits back as text, null as an empty field", () => {
    const values = thresholdValuesFrom({ fixable: { ...none, critical: 0 }, unfixable: { ...none, low: 5 } });
    expect(values.fixable.critical).toBe("0");
    expect(values.fixable.high).toBe("");
    expect(values.unfixable.low).toBe("5");
  });

  it("accepts whole numbers from 0 only", () => {
    const values = emptyThresholdValues();
    values.fixable.high = "-1";
    values.unfixable.medium = "1.5";
    values.unfixable.low = "7";
    expect(thresholdProblems(values)).toEqual({
      "fixable.high": "Enter a whole number from 0, or leave empty",
      "unfixable.medium": "Enter a whole number from 0, or leave empty",
    });
  });

  it("summarises only the limits that are set", () => {
    expect(summariseThresholds({ fixable: { ...none, critical: 0, high: 0 }, unfixable: none })).toEqual([
      "Fixable: critical ≤ 0, high ≤ 0",
    ]);
    expect(summariseThresholds({ fixable: none, unfixable: none })).toEqual(["No limits: always passes"]);
  });
});
