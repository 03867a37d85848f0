import { useSubscription } from "@apollo/client/react";
import { useEffect, useRef } from "react";
import type { VerdictChangedSubscription } from "../../gql/graphql";
import { VerdictChangedDocument } from "./images.graphql";

export type VerdictChange = VerdictChangedSubscription["verdictChanged"];

/** How long to gather changes before acting on them: one exception can change many verdicts at once. */
export const VERDICT_SETTLE_MS = 400;

/**
 * Calls `onChanges` with the verdicts that changed (for a cluster, an image, or everything),
 * gathering changes that arrive together into one call.
 */
export function useVerdictChanges(
  variables: { clusterId?: string | null; imageId?: string | null },
  onChanges: (changes: VerdictChange[]) => void,
  { skip = false, settleMs = VERDICT_SETTLE_MS }: { skip?: boolean; settleMs?: number } = {},
) {
  const callback = useRef(onChanges);
  callback.current = onChanges;
  const pending = useRef<VerdictChange[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  return useSubscription(VerdictChangedDocument, {
    variables: {
      clusterId: variables.clusterId || null,
      imageId: variables.imageId || null,
    },
    skip,
    onData: ({ data }) => {
      const change = data.data?.verdictChanged;
      if (!change) return;
      pending.current.push(change);
      if (timer.current !== undefined) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        const changes = pending.current;
        pending.current = [];
        callback.current(changes);
      }, settleMs);
    },
  });
}
