import { Badge } from "../../components/badge";
import type { ContainerKind } from "../../gql/graphql";
import { CONTAINER_KIND_DESCRIPTIONS, CONTAINER_KIND_LABELS, CONTAINER_KIND_TONES } from "./workload-labels";

/** Whether a container is an app, init or ephemeral container. */
export function ContainerKindBadge({ kind }: { kind: ContainerKind }) {
  return (
    <Badge tone={CONTAINER_KIND_TONES[kind]} title={CONTAINER_KIND_DESCRIPTIONS[kind]}>
      {CONTAINER_KIND_LABELS[kind]}
    </Badge>
  );
}
