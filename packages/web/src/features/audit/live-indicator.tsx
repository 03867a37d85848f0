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

export function LiveIndicator({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`live-indicator live-indicator--${status}`} role="status" title={DESCRIPTIONS[status]}>
      <span className="live-indicator__dot" aria-hidden="true" />
      <span>{LABELS[status]}</span>
      <span className="visually-hidden">: {DESCRIPTIONS[status]}</span>
    </span>
  );
}
