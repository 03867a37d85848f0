import { act, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConnectionStatusContext, createConnectionStatusStore } from "../app/connection-status";
import { CATCH_UP_DELAY_MS, useCatchUpWhenLive } from "./use-catch-up";

function Probe({ catchUp }: { catchUp: () => Promise<unknown> }) {
  useCatchUpWhenLive(catchUp);
  return null;
}

describe("useCatchUpWhenLive", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("reads again a moment after the socket is live, and after every reconnection", () => {
    const store = createConnectionStatusStore("connecting");
    const catchUp = vi.fn(() => Promise.resolve());
    render(
      <ConnectionStatusContext.Provider value={store}>
        <Probe catchUp={catchUp} />
      </ConnectionStatusContext.Provider>,
    );
    act(() => {
      vi.advanceTimersByTime(5 * CATCH_UP_DELAY_MS);
    });
    expect(catchUp).not.toHaveBeenCalled();

    act(() => {
      store.set("live");
    });
    act(() => {
      vi.advanceTimersByTime(CATCH_UP_DELAY_MS - 1);
    });
    expect(catchUp).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(catchUp).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(10 * CATCH_UP_DELAY_MS);
    });
    expect(catchUp).toHaveBeenCalledTimes(1);

    act(() => {
      store.set("reconnecting");
    });
    act(() => {
      store.set("live");
    });
    act(() => {
      vi.advanceTimersByTime(CATCH_UP_DELAY_MS);
    });
    expect(catchUp).toHaveBeenCalledTimes(2);
  });

  it("does not read when the socket drops before the moment has passed, and survives a failed read", () => {
    const store = createConnectionStatusStore("live");
    const catchUp = vi.fn(() => Promise.reject(new Error("network down")));
    render(
      <ConnectionStatusContext.Provider value={store}>
        <Probe catchUp={catchUp} />
      </ConnectionStatusContext.Provider>,
    );
    act(() => {
      store.set("reconnecting");
    });
    act(() => {
      vi.advanceTimersByTime(2 * CATCH_UP_DELAY_MS);
    });
    expect(catchUp).not.toHaveBeenCalled();
    act(() => {
      store.set("live");
    });
    act(() => {
      vi.advanceTimersByTime(CATCH_UP_DELAY_MS);
    });
    expect(catchUp).toHaveBeenCalledTimes(1);
  });
});
