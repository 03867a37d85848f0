import { describe, expect, it } from "vitest";
import {
  dayOfStartsAt,
  endsAtFromDay,
  formatEnd,
  isDayOnOrAfter,
  lastDayOfEndsAt,
  startsAtFromDay,
} from "./exception-dates";
import { emptyExceptionValues, toExceptionInput, validateException } from "./exception-form";

describe("exception dates", () => {
  it("start at 00:00 UTC of the first day", () => {
    expect(startsAtFromDay("2026-12-01")).toBe("2026-12-01T00:00:00.000Z");
  });

  it("end at 00:00 UTC of the day after the last day, so the last day is included", () => {
    expect(endsAtFromDay("2026-12-31")).toBe("2027-01-01T00:00:00.000Z");
    expect(endsAtFromDay("2028-02-28")).toBe("2028-02-29T00:00:00.000Z");
    expect(endsAtFromDay("2026-03-28")).toBe("2026-03-29T00:00:00.000Z");
  });

  it("read back as the days that were chosen", () => {
    expect(dayOfStartsAt("2026-12-01T00:00:00.000Z")).toBe("2026-12-01");
    expect(lastDayOfEndsAt("2027-01-01T00:00:00.000Z")).toBe("2026-12-31");
    expect(formatEnd("2027-01-01T00:00:00.000Z")).toMatch(/^until and including .*31.*2026$/);
    expect(formatEnd(null)).toBe("no end date");
  });

  it("refuse days that do not exist, and an end before the start", () => {
    expect(startsAtFromDay("2026-02-31")).toBeNull();
    expect(endsAtFromDay("31/12/2026")).toBeNull();
    expect(isDayOnOrAfter("2026-12-01", "2026-12-01")).toBe(true);
    expect(isDayOnOrAfter("2026-11-30", "2026-12-01")).toBe(false);
    expect(
      validateException({ ...emptyExceptionValues(), title: "x", startDay: "2026-12-02", endDay: "2026-12-01" }),
    ).toEqual({ endDay: "The last day cannot be before the first day" });
  });

  it("keep the stored times when an edit leaves the days as they were", () => {
    const original = { startsAt: "2026-11-27T13:31:54.115Z", endsAt: "2026-12-04T13:31:54.115Z" };
    const values = { ...emptyExceptionValues(), title: "Temporary", startDay: "2026-11-27", endDay: "2026-12-04" };
    expect(toExceptionInput(values, original)).toMatchObject(original);
    expect(toExceptionInput({ ...values, endDay: "2026-12-10" }, original)).toMatchObject({
      startsAt: original.startsAt,
      endsAt: "2026-12-11T00:00:00.000Z",
    });
  });
});
