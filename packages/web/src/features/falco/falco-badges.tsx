import { Badge } from "../../components/badge";
import type { FalcoPriority } from "../../gql/graphql";
import { PRIORITY_LABELS } from "./falco-priorities";

/** A priority, coloured by how severe it is. */
export function PriorityBadge({ priority }: { priority: FalcoPriority }) {
  return (
    <span className={`badge falco-priority falco-priority--${priority}`} title={`Falco priority ${priority}`}>
      {PRIORITY_LABELS[priority]}
    </span>
  );
}

export function AnomalyBadge() {
  return (
    <Badge tone="accent" title="The first event of its rule, namespace and image within the cluster's anomaly window">
      Anomaly
    </Badge>
  );
}

export function SilencedBadge() {
  return (
    <Badge tone="neutral" title="A silence rule matched: the event is kept, but never notified">
      Silenced
    </Badge>
  );
}

/** The markers an event carries besides its priority, if any. */
export function EventMarkers({ anomaly, silenced }: { anomaly: boolean; silenced: boolean }) {
  if (!anomaly && !silenced) return null;
  return (
    <span className="badge-list">
      {anomaly ? <AnomalyBadge /> : null}
      {silenced ? <SilencedBadge /> : null}
    </span>
  );
}
