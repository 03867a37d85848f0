import { describe, expect, it } from "vitest";
import { priorityTotals, timelineWindow, toPriorityBuckets } from "./falco-timeline";

const NOW = Date.parse("2026-11-27T12:34:56.000Z");

describe("timelineWindow", () => {
  it("ends with the current hour, 24 hourly buckets back", () => {
    const period = timelineWindow("24h", NOW);
    expect(period.since).toBe("2026-11-26T13:00:00.000Z");
    expect(period.bucketMinutes).toBe(60);
    expect(period.starts).toHaveLength(24);
    expect(new Date(period.starts.at(-1) ?? 0).toISOString()).toBe("2026-11-27T12:00:00.000Z");
  });

  it("ends with today (UTC), 14 daily buckets back", () => {
    const period = timelineWindow("14d", NOW);
    expect(period.since).toBe("2026-11-14T00:00:00.000Z");
    expect(period.bucketMinutes).toBe(1440);
    expect(period.starts).toHaveLength(14);
  });
});

describe("toPriorityBuckets", () => {
  it("puts each count in its bucket and leaves the rest at zero", () => {
    const period = timelineWindow("24h", NOW);
    const buckets = toPriorityBuckets(
      [
        { bucketStart: "2026-11-27T12:00:00.000Z", priority: "critical", count: 2 },
        { bucketStart: "2026-11-27T12:00:00.000Z", priority: "notice", count: 5 },
        { bucketStart: "2026-11-26T13:00:00.000Z", priority: "warning", count: 1 },
        // Outside the window: left out.
        { bucketStart: "2026-11-25T13:00:00.000Z", priority: "warning", count: 9 },
      ],
      period,
    );
    expect(buckets[23]).toMatchObject({ total: 7, counts: { critical: 2, notice: 5, warning: 0 } });
    expect(buckets[0]).toMatchObject({ total: 1, counts: { warning: 1 } });
    expect(buckets.slice(1, 23).every((bucket) => bucket.total === 0)).toBe(true);
    expect(priorityTotals(buckets)).toMatchObject({ critical: 2, notice: 5, warning: 1, debug: 0 });
  });
});
