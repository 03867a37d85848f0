import { Badge } from "../../components/badge";
import type { ExceptionStatus } from "../../gql/graphql";
import { STATUS_DESCRIPTIONS, STATUS_LABELS, STATUS_TONES, timing } from "./exception-labels";

/** The status, and for active exceptions whether their dates have begun or passed. */
export function ExceptionStatusBadge({
  exception,
}: {
  exception: { status: ExceptionStatus; startsAt: string; endsAt?: string | null };
}) {
  const when = exception.status === "active" ? timing(exception) : "current";
  return (
    <span className="badge-list">
      <Badge tone={STATUS_TONES[exception.status]} title={STATUS_DESCRIPTIONS[exception.status]}>
        {STATUS_LABELS[exception.status]}
      </Badge>
      {when === "scheduled" ? (
        <Badge tone="info" title="Its first day has not come yet">
          Scheduled
        </Badge>
      ) : null}
      {when === "ended" ? (
        <Badge tone="neutral" title="Its last day has passed; it no longer counts">
          Ended
        </Badge>
      ) : null}
    </span>
  );
}

export function TemporaryBadge() {
  return (
    <Badge tone="accent" title="Granted automatically for a policy's grace period">
      Temporary
    </Badge>
  );
}
