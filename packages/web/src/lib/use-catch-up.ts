import { useEffect, useRef } from "react";
import { useConnectionStatus } from "../app/connection-status";

/** How long after the socket is live the list is read again: time for the subscription to start. */
export const CATCH_UP_DELAY_MS = 1000;

/**
 * A live list reads its first page, then subscribes; whatever was written between the two, or while
 * the socket was reconnecting, would never arrive. Each time the socket is (again) live, this runs
 * `catchUp` once, a moment later, so the list can take in what it missed.
 */
export function useCatchUpWhenLive(catchUp: () => Promise<unknown>, delayMs = CATCH_UP_DELAY_MS): void {
  const status = useConnectionStatus();
  const latest = useRef(catchUp);
  latest.current = catchUp;
  useEffect(() => {
    if (status !== "live") return;
    const timer = setTimeout(() => {
      latest.current().catch(() => undefined);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [status, delayMs]);
}
