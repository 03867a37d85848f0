import { describe, expect, it } from "vitest";
import { aFalcoSettings } from "../../test/builders";
import { changedFalcoSettings, falcoSettingsProblems, shortensRetention, toSettingsValues } from "./falco-settings";

const saved = aFalcoSettings();

describe("changedFalcoSettings", () => {
  it("is empty when nothing changed, and holds only what differs, with days as numbers", () => {
    expect(changedFalcoSettings(saved, toSettingsValues(saved))).toEqual({});
    expect(
      changedFalcoSettings(saved, {
        ...toSettingsValues(saved),
        retentionDays: " 90 ",
        notifyAnomalies: true,
        recipients: "addresses",
        addresses: ["sec@example.com"],
      }),
    ).toEqual({ retentionDays: 90, notifyAnomalies: true, recipients: "addresses", addresses: ["sec@example.com"] });
  });
});

describe("falcoSettingsProblems", () => {
  it("checks days and addresses as the api does", () => {
    const values = toSettingsValues(saved);
    expect(falcoSettingsProblems(values)).toEqual({});
    expect(falcoSettingsProblems({ ...values, retentionDays: "0" }).retentionDays).toMatch(/1 to 3,650/);
    expect(falcoSettingsProblems({ ...values, anomalyWindowDays: "2.5" }).anomalyWindowDays).toMatch(/whole number/);
    expect(falcoSettingsProblems({ ...values, addresses: ["not-an-address"] }).addresses).toMatch(/not an email/);
    expect(
      falcoSettingsProblems({ ...values, recipients: "addresses", addresses: [], summary: "daily" }).addresses,
    ).toMatch(/at least one address/);
  });
});

describe("shortensRetention", () => {
  it("is true only when events would be deleted", () => {
    expect(shortensRetention(saved, { retentionDays: 7 })).toBe(true);
    expect(shortensRetention(saved, { retentionDays: 90 })).toBe(false);
    expect(shortensRetention(saved, { summary: "daily" })).toBe(false);
  });
});
