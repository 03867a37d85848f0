import { describe, expect, it } from "vitest";
import { aFalcoEvent } from "../../test/builders";
import {
  EMPTY_FALCO_FILTER,
  isFalcoFiltered,
  matchesFalcoFilter,
  readFalcoFilter,
  toFalcoEventFilter,
  writeFalcoFilter,
} from "./falco-filter";

const NOW = Date.parse("2026-11-27T12:00:00.000Z");

describe("the address of the filters", () => {
  it("round-trips every filter and leaves the defaults out", () => {
    const values = {
      range: "24h" as const,
      minPriority: "warning" as const,
      rule: "shell",
      namespace: "shop",
      pod: "web",
      image: "nginx",
      anomalyOnly: true,
      signature: "abc",
    };
    const params = writeFalcoFilter(values);
    expect(params.toString()).toBe(
      "range=24h&priority=warning&rule=shell&namespace=shop&pod=web&image=nginx&signature=abc&anomalies=yes",
    );
    expect(readFalcoFilter(params)).toEqual(values);
    expect(writeFalcoFilter(EMPTY_FALCO_FILTER).toString()).toBe("");
    expect(isFalcoFiltered(EMPTY_FALCO_FILTER)).toBe(false);
  });

  it("ignores values it does not know", () => {
    expect(readFalcoFilter(new URLSearchParams("range=5y&priority=loud&anomalies=1"))).toEqual(EMPTY_FALCO_FILTER);
  });
});

describe("toFalcoEventFilter", () => {
  it("counts the range back from the moment given and trims what was typed", () => {
    expect(
      toFalcoEventFilter("c-1", { ...EMPTY_FALCO_FILTER, range: "1h", rule: "  shell ", minPriority: "error" }, NOW),
    ).toEqual({ clusterId: "c-1", since: "2026-11-27T11:00:00.000Z", rule: "shell", minPriority: "error" });
    expect(toFalcoEventFilter("c-1", EMPTY_FALCO_FILTER, NOW)).toEqual({ clusterId: "c-1" });
  });
});

describe("matchesFalcoFilter", () => {
  const event = aFalcoEvent({ priority: "warning", time: "2026-11-27T11:30:00.000Z" });

  it("applies the server's rules: priority at least, parts of names, exact namespace", () => {
    expect(matchesFalcoFilter(event, { clusterId: "c-1" })).toBe(true);
    expect(matchesFalcoFilter(event, { clusterId: "c-2" })).toBe(false);
    expect(matchesFalcoFilter(event, { minPriority: "warning" })).toBe(true);
    expect(matchesFalcoFilter(event, { minPriority: "notice" })).toBe(true);
    expect(matchesFalcoFilter(event, { minPriority: "error" })).toBe(false);
    expect(matchesFalcoFilter(event, { rule: "SHELL" })).toBe(true);
    expect(matchesFalcoFilter(event, { pod: "5d9" })).toBe(true);
    expect(matchesFalcoFilter(event, { image: "NGINX" })).toBe(true);
    expect(matchesFalcoFilter(event, { image: "redis" })).toBe(false);
    expect(matchesFalcoFilter(event, { namespace: "sho" })).toBe(false);
    expect(matchesFalcoFilter(event, { namespace: "shop" })).toBe(true);
    expect(matchesFalcoFilter(event, { anomalyOnly: true })).toBe(false);
    expect(matchesFalcoFilter({ ...event, anomaly: true }, { anomalyOnly: true })).toBe(true);
    expect(matchesFalcoFilter(event, { signature: "other" })).toBe(false);
  });

  it("keeps to the time range", () => {
    expect(matchesFalcoFilter(event, { since: "2026-11-27T11:00:00.000Z" })).toBe(true);
    expect(matchesFalcoFilter(event, { since: "2026-11-27T11:45:00.000Z" })).toBe(false);
    expect(matchesFalcoFilter(event, { until: "2026-11-27T11:30:00.000Z" })).toBe(false);
  });

  it("never matches a part of a name the event does not have", () => {
    expect(matchesFalcoFilter({ ...event, pod: null, image: null }, { pod: "web" })).toBe(false);
    expect(matchesFalcoFilter({ ...event, pod: null, image: null }, { image: "nginx" })).toBe(false);
  });
});
