import { useParams } from "react-router";
import { RequirePermission } from "../app/require-permission";
import { ClusterDetail, type ClusterSection } from "../features/clusters/cluster-detail";

export function ClusterDetailPage({ section = "overview" }: { section?: ClusterSection }) {
  const { id = "" } = useParams();
  return (
    <RequirePermission permission="cluster:read">
      <ClusterDetail key={id} id={id} section={section} />
    </RequirePermission>
  );
}
