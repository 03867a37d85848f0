import type { ConnectionStatus } from "../../app/connection-status";

const LABELS: Record<ConnectionStatus, string> = {
  idle: "Connecting…",
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Not live",
};

const DESCRIPTIONS: Record<ConnectionStatus, string> = {
  idle: "Opening the live feed",
  connecting: "Opening the live feed",
  live: "New entries appear at the top as they are written",
  reconnecting: "The live feed was interrupted; reconnecting",
  offline: "The live feed is not available; reload the page to try again",
};

/** The live feed's state; `liveDescription` says what "live" means on this page. */
export function LiveIndicator({ status, liveDescription }: { status: ConnectionStatus; liveDescription?: string }) {
  const description = status === "live" && liveDescription ? liveDescription : DESCRIPTIONS[status];
  return (
    <span className={`live-indicator live-indicator--${status}`} role="status" title={description}>
      <span className="live-indicator__dot" aria-hidden="true" />
      <span>{LABELS[status]}</span>
      <span className="visually-hidden">: {description}</span>
    </span>
  );
}
