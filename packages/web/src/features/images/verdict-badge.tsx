import { Badge } from "../../components/badge";
import type { VerdictStatus } from "../../gql/graphql";
import { VERDICT_DESCRIPTIONS, VERDICT_LABELS, VERDICT_TONES } from "./verdict";

/** A verdict's status; null is an image whose verdict has not been computed yet. */
export function VerdictBadge({ status }: { status: VerdictStatus | null | undefined }) {
  if (!status) {
    return (
      <Badge tone="neutral" title="The verdict is computed once the image's policies have been evaluated.">
        Pending
      </Badge>
    );
  }
  return (
    <Badge tone={VERDICT_TONES[status]} title={VERDICT_DESCRIPTIONS[status]}>
      {VERDICT_LABELS[status]}
    </Badge>
  );
}
