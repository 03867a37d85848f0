import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AdmissionEventInput } from "../api/contract.js";
import { EventBatcher } from "./event-batcher.js";
import { memoryLogger } from "./test-logger.js";

const event = (n: number): AdmissionEventInput => ({
  at: "2026-03-01T12:00:00.000Z",
  requestUid: `uid-${n}`,
  operation: "CREATE",
  kind: "Pod",
  namespace: "default",
  name: `pod-${n}`,
  userName: null,
  decision: "allowed",
  enforced: true,
  mode: "deny",
  message: "admitted: 1 compliant",
  images: [],
});

describe("EventBatcher", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-03-01T12:00:00.000Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(options: { fail?: () => boolean; maxBuffered?: number } = {}) {
    const batches: string[][] = [];
    const { logger, lines } = memoryLogger();
    const batcher = new EventBatcher({
      logger,
      maxBuffered: options.maxBuffered ?? 10_000,
      send: async (events) => {
        if (options.fail?.()) throw new Error("connection refused");
        batches.push(events.map((e) => e.requestUid));
      },
    });
    return { batcher, batches, lines };
  }

  it("sends every second, and at once when 100 events wait, in batches of 100 at most", async () => {
    const { batcher, batches } = setup();
    for (let i = 0; i < 3; i++) batcher.add(event(i));
    await vi.advanceTimersByTimeAsync(999);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([["uid-0", "uid-1", "uid-2"]]);

    // a full batch goes at once, and with it whatever arrives meanwhile, 100 at most per call
    for (let i = 0; i < 250; i++) batcher.add(event(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(batches.slice(1).map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batcher.stats()).toMatchObject({ buffered: 0, sent: 253, dropped: 0 });
    await batcher.close();
  });

  it("keeps the events while the api is down and retries with backoff, in order", async () => {
    let down = true;
    const { batcher, batches, lines } = setup({ fail: () => down });
    batcher.add(event(1));
    await vi.advanceTimersByTimeAsync(1_000);
    batcher.add(event(2));
    // first retry after 1 s, then 2 s
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    const failures = lines.filter(
      (l) => l.msg === "cannot send admission events to the api; keeping them and retrying",
    );
    expect(failures.map((l) => [l.buffered, l.retryInMs])).toEqual([
      [1, 1_000],
      [2, 2_000],
    ]);
    down = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(batches).toEqual([["uid-1", "uid-2"]]);
    expect(lines.some((l) => l.msg === "admission events reach the api again")).toBe(true);
    await batcher.close();
  });

  it("bounds the buffer, dropping the oldest with one log line per burst", async () => {
    let down = true;
    const { batcher, batches, lines } = setup({ fail: () => down, maxBuffered: 150 });
    for (let i = 0; i < 120; i++) batcher.add(event(i)); // 100 are tried at once and fail
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 120; i < 200; i++) batcher.add(event(i));
    expect(batcher.stats()).toMatchObject({ buffered: 150, dropped: 50 });
    const drops = lines.filter((l) => l.msg === "admission event buffer full; dropped the oldest events");
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({ dropped: 1, maxBuffered: 150 });
    down = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(batches.flat()[0]).toBe("uid-50");
    expect(batches.flat()).toHaveLength(150);
    await batcher.close();
  });

  it("sends what is left when it closes, even during a backoff", async () => {
    let down = true;
    const { batcher, batches } = setup({ fail: () => down });
    batcher.add(event(1));
    await vi.advanceTimersByTimeAsync(1_000);
    down = false;
    await batcher.close();
    expect(batches).toEqual([["uid-1"]]);
  });
});
