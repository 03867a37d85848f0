import { Link } from "react-router";
import { Badge } from "../../components/badge";
import { type Column, DataTable } from "../../components/data-table";
import type { ClusterPodsQuery } from "../../gql/graphql";
import { formatDateTime, formatRelative } from "../../lib/format";
import { imagePath } from "../images/images-table";
import { reasonsSummary } from "../images/verdict";
import { VerdictBadge } from "../images/verdict-badge";
import { ContainerKindBadge } from "./container-kind-badge";
import { phaseTone } from "./workload-labels";

export type Pod = ClusterPodsQuery["cluster"]["pods"]["nodes"][number];
export type PodContainer = Pod["containers"][number];

function ContainerVerdict({ container }: { container: PodContainer }) {
  if (!container.image) {
    return (
      <span className="pod-container__verdict">
        <Badge
          tone="neutral"
          title="Bulwark has not scanned this image yet; a scan is queued when the agent reports it."
        >
          Not scanned yet
        </Badge>
      </span>
    );
  }
  const status = container.verdict?.status;
  const reasons = reasonsSummary(container.verdict?.reasons ?? [], 1);
  const advisory = status === "compliant";
  return (
    <span className="pod-container__verdict">
      <VerdictBadge status={status} />
      {reasons ? (
        <span
          className={`pod-container__reason${advisory ? " muted" : ""}`}
          title={advisory ? "Advisory policies or report-only scanners: reported, never blocking" : undefined}
        >
          {advisory ? `Advisory: ${reasons}` : reasons}
        </span>
      ) : null}
    </span>
  );
}

/** The order containers run in: init containers first, then the app, then any added for debugging. */
const KIND_ORDER: Record<PodContainer["kind"], number> = { init: 0, app: 1, ephemeral: 2 };

/** Every container of a pod, init and ephemeral included, with the image it runs and its verdict. */
export function PodContainers({ pod, clusterId }: { pod: Pod; clusterId: string }) {
  if (!pod.containers.length) return <span className="muted">No containers reported</span>;
  const containers = [...pod.containers].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return (
    <ul className="pod-containers" aria-label={`Containers of ${pod.name}`}>
      {containers.map((container) => (
        <li key={`${container.kind}/${container.name}`} className="pod-container" data-testid="pod-container">
          <span className="pod-container__kind">
            <ContainerKindBadge kind={container.kind} />
          </span>
          <span className="pod-container__image">
            <span className="pod-container__name">{container.name}</span>
            {container.image ? (
              <Link
                to={imagePath(container.image.id, clusterId)}
                className="pod-container__link"
                title={container.canonicalReference ?? container.imageReference}
              >
                {container.imageReference}
              </Link>
            ) : (
              <code className="pod-container__reference" title={container.canonicalReference ?? undefined}>
                {container.imageReference}
              </code>
            )}
          </span>
          <ContainerVerdict container={container} />
        </li>
      ))}
    </ul>
  );
}

type PodsTableProps = {
  pods: readonly Pod[];
  clusterId: string;
  /** Leave out the namespace under each name when the list shows one namespace only. */
  showNamespace: boolean;
};

export function PodsTable({ pods, clusterId, showNamespace }: PodsTableProps) {
  const columns: Column<Pod>[] = [
    {
      key: "pod",
      header: "Pod",
      className: "pods-table__pod",
      cell: (pod) => (
        <span className="stacked-cell">
          <span className="stacked-cell__primary pods-table__name" title={pod.name}>
            {pod.name}
          </span>
          {showNamespace ? <span className="stacked-cell__secondary">{pod.namespace}</span> : null}
        </span>
      ),
    },
    {
      key: "workload",
      header: "Workload",
      cell: (pod) =>
        pod.ownerKind || pod.ownerName ? (
          <span className="stacked-cell">
            <span>{pod.ownerName ?? "—"}</span>
            <span className="stacked-cell__secondary">{pod.ownerKind ?? "—"}</span>
          </span>
        ) : (
          <span className="muted" title="Created directly, not by a workload">
            Bare pod
          </span>
        ),
    },
    {
      key: "phase",
      header: "Phase",
      cell: (pod) => (
        <span className="stacked-cell">
          <span>
            <Badge tone={phaseTone(pod.phase)}>{pod.phase ?? "Unknown"}</Badge>
          </span>
          <span className="stacked-cell__secondary" title={`Reported ${formatDateTime(pod.lastSeenAt)}`}>
            seen {formatRelative(pod.lastSeenAt)}
          </span>
        </span>
      ),
    },
    {
      key: "node",
      header: "Node",
      cell: (pod) => (pod.nodeName ? <span className="mono">{pod.nodeName}</span> : <span className="muted">—</span>),
    },
    {
      key: "containers",
      header: "Containers and images",
      className: "pods-table__containers",
      cell: (pod) => <PodContainers pod={pod} clusterId={clusterId} />,
    },
  ];
  return (
    <DataTable
      caption="Pods"
      columns={columns}
      rows={pods}
      rowKey={(pod) => pod.id}
      rowClassName={() => "pods-table__row"}
    />
  );
}
