import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  admissionImage,
  admissionRequest,
  admissionSettings,
  admissionSnapshot,
  compliant,
  nonCompliant,
  podSpec,
} from "./admission.builders.js";
import { decide } from "./decide.js";
import { InMemoryAdmissionApi } from "./in-memory-admission-api.js";
import { SnapshotStore } from "./snapshot-store.js";
import { memoryLogger } from "./test-logger.js";

const START = new Date("2026-03-01T12:00:00.000Z");

function setup(options: { refreshSeconds?: number; staleSnapshotSeconds?: number } = {}) {
  const api = new InMemoryAdmissionApi(
    admissionSnapshot({
      settings: admissionSettings({ staleSnapshotSeconds: options.staleSnapshotSeconds ?? 600 }),
      images: [
        admissionImage({ imageId: "nginx", repository: "library/nginx", tags: ["1.25"], verdicts: [nonCompliant()] }),
        admissionImage({ imageId: "redis", repository: "library/redis", tags: ["7"] }),
      ],
    }),
  );
  const { logger, lines } = memoryLogger();
  const store = new SnapshotStore({ api, logger, refreshSeconds: options.refreshSeconds ?? 60 });
  return { api, store, lines };
}

/** What the store would decide now for a pod running `image` in the default namespace. */
function decision(store: SnapshotStore, image: string) {
  const view = store.view();
  if (view === null) throw new Error("the store is not ready");
  return decide({
    request: admissionRequest("Pod", podSpec({ containers: [{ name: "c", image }] })),
    index: view.index,
    now: new Date(),
    snapshotAgeSeconds: view.ageSeconds,
  });
}

describe("SnapshotStore", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is ready only once the first full load has succeeded", async () => {
    const { api, store, lines } = setup();
    expect(store.isReady()).toBe(false);
    expect(store.view()).toBeNull();
    store.start();
    await store.ready;
    expect(store.isReady()).toBe(true);
    expect(store.view()?.index.size).toBe(2);
    expect(api.calls.full).toBe(1);
    expect(lines.find((l) => l.msg === "admission snapshot loaded; ready to decide")).toMatchObject({
      kind: "full",
      cluster: "production",
      images: 2,
    });
    store.stop();
  });

  it("keeps retrying the first load with backoff while the api is down", async () => {
    const { api, store, lines } = setup();
    api.down();
    store.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.isReady()).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000);
    const failures = lines.filter(
      (l) => l.msg === "cannot load the admission snapshot from the api; not ready until it loads",
    );
    expect(failures.map((l) => l.retryInMs)).toEqual([1_000, 2_000, 4_000, 8_000]);
    api.up();
    await vi.advanceTimersByTimeAsync(8_000);
    expect(store.isReady()).toBe(true);
    store.stop();
  });

  it("applies a partial refresh: replaces the announced images and removes those the api no longer returns", async () => {
    const { api, store } = setup();
    store.start();
    await store.ready;
    expect(decision(store, "nginx:1.25").response.allowed).toBe(false);

    api.putImages([
      admissionImage({ imageId: "nginx", repository: "library/nginx", tags: ["1.25"], verdicts: [compliant()] }),
      admissionImage({ imageId: "new", repository: "acme/new", tags: ["1"] }),
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.calls).toMatchObject({ full: 1, partial: 1 });
    expect(decision(store, "nginx:1.25").response.allowed).toBe(true);
    expect(decision(store, "acme/new:1").event.images[0]?.status).toBe("compliant");

    api.removeImages(["redis"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.view()?.index.image("redis")).toBeUndefined();
    expect(decision(store, "redis:7").event.images[0]?.status).toBe("unscanned");
    expect(store.view()?.index.size).toBe(2);
    store.stop();
  });

  it("reloads everything when a change names no images (settings, policies)", async () => {
    const { api, store, lines } = setup();
    store.start();
    await store.ready;
    api.updateSettings({ mode: "warn", enforcementEnabled: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(api.calls.full).toBe(2);
    expect(store.view()?.index.settings.mode).toBe("warn");
    expect(decision(store, "nginx:1.25").event.decision).toBe("warned");
    expect(lines.find((l) => l.msg === "admission settings changed")?.settings).toMatchObject({ enforcement: "warn" });
    store.stop();
  });

  it("refreshes in full periodically, within a third of the stale limit", async () => {
    const { api, store } = setup({ refreshSeconds: 300, staleSnapshotSeconds: 60 });
    store.start();
    await store.ready;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(api.calls.full).toBe(2);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(api.calls.full).toBe(3);
    expect(store.view()?.ageSeconds).toBe(0);
    store.stop();
  });

  it("counts the snapshot's age from the last full refresh; partial refreshes do not reset it", async () => {
    const { api, store } = setup({ refreshSeconds: 120, staleSnapshotSeconds: 3600 });
    store.start();
    await store.ready;
    await vi.advanceTimersByTimeAsync(50_000);
    api.putImages([admissionImage({ imageId: "x", repository: "acme/x" })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.view()?.ageSeconds).toBe(50);
    await vi.advanceTimersByTimeAsync(70_000);
    expect(store.view()?.ageSeconds).toBe(0);
    store.stop();
  });

  it("keeps deciding from the last snapshot while the api is down, and goes stale", async () => {
    const { api, store, lines } = setup({ refreshSeconds: 60, staleSnapshotSeconds: 600 });
    store.start();
    await store.ready;
    api.down();
    await vi.advanceTimersByTimeAsync(300_000);
    // still decides from what it has
    expect(decision(store, "nginx:1.25").response.allowed).toBe(false);
    expect(decision(store, "redis:7").response.allowed).toBe(true);
    expect(store.view()?.ageSeconds).toBe(300);
    const warning = lines.find(
      (l) => l.msg === "cannot refresh the admission snapshot from the api; deciding from the last snapshot",
    );
    expect(warning).toMatchObject({ err: "the Bulwark api cannot be reached", lastFullRefreshAt: START.toISOString() });
    expect(lines.some((l) => l.msg.startsWith("admission change subscription lost"))).toBe(true);
    expect(store.status()).toMatchObject({
      ready: true,
      subscribed: false,
      lastError: "the Bulwark api cannot be reached",
    });

    // past the stale limit, the stale setting (allow by default) takes over
    await vi.advanceTimersByTimeAsync(400_000);
    const stale = decision(store, "nginx:1.25");
    expect(stale.response.allowed).toBe(true);
    expect(stale.response.warnings?.[0]).toMatch(/compliance snapshot is stale \(last refreshed 11m40s ago/);

    // the api returns: a full reload, resubscribed, fresh again, and changes flow again
    api.up();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(store.view()?.ageSeconds).toBeLessThan(30);
    expect(store.status()).toMatchObject({ subscribed: true, consecutiveFailures: 0, lastError: null });
    expect(lines.some((l) => l.msg === "admission snapshot refreshed; the api is reachable again")).toBe(true);
    api.putImages([admissionImage({ imageId: "nginx", repository: "library/nginx", tags: ["1.25"] })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(decision(store, "nginx:1.25").response.allowed).toBe(true);
    store.stop();
  });

  it("retries a failed partial refresh as a full reload", async () => {
    const { api, store } = setup();
    store.start();
    await store.ready;
    const snapshot = vi.spyOn(api, "snapshot");
    snapshot.mockRejectedValueOnce(new Error("connection reset"));
    api.putImages([admissionImage({ imageId: "nginx", repository: "library/nginx", tags: ["1.25"] })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(decision(store, "nginx:1.25").response.allowed).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(snapshot.mock.calls.at(-1)).toEqual([]);
    expect(decision(store, "nginx:1.25").response.allowed).toBe(true);
    store.stop();
  });

  it("never calls the api when asked for the current snapshot", async () => {
    const { api, store } = setup();
    store.start();
    await store.ready;
    const calls = { ...api.calls };
    for (let i = 0; i < 100; i++) decision(store, "nginx:1.25");
    expect(api.calls).toEqual(calls);
    store.stop();
  });
});
