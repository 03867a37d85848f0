import { describe, expect, it } from "vitest";
import { aFalcoRule } from "../../test/builders";
import {
  emptyFalcoRuleValues,
  matchesEverything,
  toFalcoRuleInput,
  validateFalcoRule,
  valuesFromFalcoRule,
} from "./falco-rule-form";

const TODAY = "2026-11-27";

describe("validateFalcoRule", () => {
  it("needs a name, real namespaces and a choice of clusters", () => {
    const values = { ...emptyFalcoRuleValues(), rulePattern: "x", allNamespaces: false, allClusters: false };
    expect(validateFalcoRule(values, null, TODAY)).toEqual({
      name: "Enter a name",
      namespaces: "Add a namespace, or choose all namespaces",
      clusterIds: "Choose a cluster, or all clusters",
    });
    expect(
      validateFalcoRule({ ...values, name: "n", namespaces: ["Kube_System"], clusterIds: ["c-1"] }, null, TODAY)
        .namespaces,
    ).toMatch(/"Kube_System" is not a namespace name/);
  });

  it("refuses an ignore rule that would drop every event, and lets a silence rule through", () => {
    const everything = { ...emptyFalcoRuleValues(), name: "Everything", rulePattern: "*" };
    expect(matchesEverything(everything)).toBe(true);
    expect(validateFalcoRule({ ...everything, action: "ignore" }, null, TODAY).rulePattern).toMatch(/drop every event/);
    expect(validateFalcoRule({ ...everything, action: "silence" }, null, TODAY)).toEqual({});
    expect(validateFalcoRule({ ...everything, action: "ignore", imagePattern: "nginx*" }, null, TODAY)).toEqual({});
  });

  it("wants a new end today or later, and keeps an ended rule's own end", () => {
    const values = { ...emptyFalcoRuleValues(), name: "n", rulePattern: "x", endDay: "2026-11-26" };
    expect(validateFalcoRule(values, null, TODAY).endDay).toBe("Choose today or a later day");
    expect(validateFalcoRule({ ...values, endDay: TODAY }, null, TODAY)).toEqual({});
    const ended = aFalcoRule({ endsAt: "2026-11-27T00:00:00.000Z", active: false });
    expect(validateFalcoRule(valuesFromFalcoRule(ended), ended, TODAY)).toEqual({});
  });
});

describe("toFalcoRuleInput", () => {
  it("sends empty lists for all namespaces and clusters, null for empty patterns and no end", () => {
    expect(
      toFalcoRuleInput({ ...emptyFalcoRuleValues(), name: " Noise ", imagePattern: "nginx*", namespaces: ["x"] }),
    ).toEqual({
      name: "Noise",
      action: "silence",
      rulePattern: null,
      imagePattern: "nginx*",
      namespaces: [],
      clusterIds: [],
      endsAt: null,
    });
  });

  it("ends after the last day (UTC), and keeps an unchanged end exactly", () => {
    const values = { ...emptyFalcoRuleValues(), name: "n", endDay: "2026-12-31" };
    expect(toFalcoRuleInput(values).endsAt).toBe("2027-01-01T00:00:00.000Z");
    const rule = aFalcoRule({ endsAt: "2026-12-31T15:30:00.000Z" });
    expect(toFalcoRuleInput(valuesFromFalcoRule(rule), rule).endsAt).toBe("2026-12-31T15:30:00.000Z");
  });
});
