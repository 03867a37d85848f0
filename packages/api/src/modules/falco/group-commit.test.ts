import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit.js";
import { duePeriod, startOfIsoWeek } from "./falco-tasks.service.js";

/** A commit function the test releases by hand, recording each batch. */
function controlled() {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const commit = (items: number[]) =>
    new Promise<string[]>((resolve) => {
      batches.push(items);
      releases.push(() => resolve(items.map((i) => `done ${i}`)));
    });
  return { batches, releases, commit };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe("group commit", () => {
  it("writes items submitted together in one batch and answers each", async () => {
    const { batches, releases, commit } = controlled();
    const writer = new GroupCommit(commit, { windowMs: 5, maxBatch: 100 });
    const answers = Promise.all([1, 2, 3].map((i) => writer.submit(i)));
    await tick(20);
    expect(batches).toEqual([[1, 2, 3]]);
    releases[0]!();
    expect(await answers).toEqual(["done 1", "done 2", "done 3"]);
  });

  it("collects what arrives while a batch is written into the next batch", async () => {
    const { batches, releases, commit } = controlled();
    const writer = new GroupCommit(commit, { windowMs: 1, maxBatch: 100 });
    const first = writer.submit(1);
    await tick(10);
    const later = [2, 3, 4].map((i) => writer.submit(i));
    await tick(10);
    expect(batches).toEqual([[1]]);
    releases[0]!();
    expect(await first).toBe("done 1");
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    releases[1]!();
    expect(await Promise.all(later)).toEqual(["done 2", "done 3", "done 4"]);
  });

  it("starts a full batch at once and caps its size", async () => {
    const { batches, releases, commit } = controlled();
    const writer = new GroupCommit(commit, { windowMs: 60_000, maxBatch: 2 });
    const answers = [1, 2, 3].map((i) => writer.submit(i));
    await tick();
    expect(batches).toEqual([[1, 2]]);
    releases[0]!();
    await answers[0];
    await tick();
    expect(batches).toEqual([[1, 2], [3]]);
    releases[1]!();
    expect(await Promise.all(answers)).toEqual(["done 1", "done 2", "done 3"]);
  });

  it("with a concurrency of two, writes a second batch while the first is written, and no third", async () => {
    const { batches, releases, commit } = controlled();
    const writer = new GroupCommit(commit, { windowMs: 1, maxBatch: 100, concurrency: 2 });
    const first = writer.submit(1);
    await tick(10);
    const second = [2, 3].map((i) => writer.submit(i));
    await tick(10);
    expect(batches).toEqual([[1], [2, 3]]);
    const third = [4, 5].map((i) => writer.submit(i));
    await tick(10);
    expect(batches).toHaveLength(2); // both slots are taken
    releases[1]!();
    expect(await Promise.all(second)).toEqual(["done 2", "done 3"]);
    await tick();
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
    releases[0]!();
    releases[2]!();
    expect(await first).toBe("done 1");
    expect(await Promise.all(third)).toEqual(["done 4", "done 5"]);
    await writer.drain();
  });

  it("starts full batches at once up to its concurrency", async () => {
    const { batches, releases, commit } = controlled();
    const writer = new GroupCommit(commit, { windowMs: 60_000, maxBatch: 2, concurrency: 2 });
    const answers = [1, 2, 3, 4, 5].map((i) => writer.submit(i));
    await tick();
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    releases[0]!();
    await answers[0];
    await tick();
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    releases[1]!();
    releases[2]!();
    expect(await Promise.all(answers)).toEqual(["done 1", "done 2", "done 3", "done 4", "done 5"]);
  });

  it("fails every item of a failed batch, and only those", async () => {
    let calls = 0;
    const writer = new GroupCommit<number, number>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error("database down");
        return items;
      },
      { windowMs: 1, maxBatch: 10 },
    );
    const failed = [1, 2].map((i) => writer.submit(i));
    await expect(Promise.all(failed)).rejects.toThrow("database down");
    await Promise.allSettled(failed);
    expect(await writer.submit(3)).toBe(3);
  });

  it("drains what waits", async () => {
    const writer = new GroupCommit<number, number>(async (items) => items, { windowMs: 60_000, maxBatch: 10 });
    const answer = writer.submit(7);
    await writer.drain();
    expect(await answer).toBe(7);
    expect(writer.pending).toBe(0);
  });
});

describe("summary periods", () => {
  const at = (iso: string) => new Date(iso);

  it("start weeks on Monday, UTC", () => {
    expect(startOfIsoWeek(at("2026-06-03T10:00:00Z")).toISOString()).toBe("2026-06-01T00:00:00.000Z");
    expect(startOfIsoWeek(at("2026-06-07T23:59:59Z")).toISOString()).toBe("2026-06-01T00:00:00.000Z");
    expect(startOfIsoWeek(at("2026-06-01T00:00:00Z")).toISOString()).toBe("2026-06-01T00:00:00.000Z");
  });

  it("are due once per day or week, covering the previous one", () => {
    const now = at("2026-06-03T00:05:00Z");
    expect(duePeriod("none", null, now)).toBeNull();
    expect(duePeriod("daily", null, now)).toEqual({
      frequency: "daily",
      from: at("2026-06-02T00:00:00Z"),
      to: at("2026-06-03T00:00:00Z"),
    });
    expect(duePeriod("daily", at("2026-06-02T23:59:00Z"), now)).not.toBeNull();
    expect(duePeriod("daily", at("2026-06-03T00:01:00Z"), now)).toBeNull();
    expect(duePeriod("weekly", null, now)).toEqual({
      frequency: "weekly",
      from: at("2026-05-25T00:00:00Z"),
      to: at("2026-06-01T00:00:00Z"),
    });
    expect(duePeriod("weekly", at("2026-06-01T00:05:00Z"), now)).toBeNull();
  });
});
