import { useParams } from "react-router";
import { RequirePermission } from "../app/require-permission";
import { ClusterDetail } from "../features/clusters/cluster-detail";

export function ClusterDetailPage() {
  const { id = "" } = useParams();
  return (
    <RequirePermission permission="cluster:read">
      <ClusterDetail key={id} id={id} />
    </RequirePermission>
  );
}
