import { describe, expect, it } from "vitest";
import { describeWait, LOGIN_WINDOW_MS, retryAfterMs } from "./login-rate-limit.js";

describe("retryAfterMs", () => {
  const now = new Date("2026-06-01T12:00:00Z");

  it("is zero under the limit", () => {
    expect(retryAfterMs({ count: 4, oldest: new Date(now.getTime() - 1000) }, 5, now)).toBe(0);
  });

  it("waits until the oldest failure leaves the window", () => {
    const oldest = new Date(now.getTime() - 5 * 60_000);
    expect(retryAfterMs({ count: 5, oldest }, 5, now)).toBe(LOGIN_WINDOW_MS - 5 * 60_000);
  });

  it("always waits at least a second once limited", () => {
    expect(retryAfterMs({ count: 9, oldest: new Date(now.getTime() - LOGIN_WINDOW_MS) }, 5, now)).toBe(1000);
  });

  it("describes the wait in minutes", () => {
    expect(describeWait(30_000)).toBe("a minute");
    expect(describeWait(10 * 60_000 + 1)).toBe("11 minutes");
  });
});
