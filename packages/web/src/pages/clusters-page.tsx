import { RequirePermission } from "../app/require-permission";
import { ClustersOverview } from "../features/clusters/clusters-overview";

export function ClustersPage() {
  return (
    <RequirePermission permission="cluster:read">
      <ClustersOverview />
    </RequirePermission>
  );
}
