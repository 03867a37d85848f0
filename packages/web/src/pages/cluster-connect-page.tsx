import { useParams } from "react-router";
import { RequirePermission } from "../app/require-permission";
import { ConnectCluster } from "../features/agent/connect-cluster";

export function ClusterConnectPage() {
  const { id = "" } = useParams();
  return (
    <RequirePermission permission="cluster:write">
      <RequirePermission permission="api_key:own">
        <ConnectCluster key={id} id={id} />
      </RequirePermission>
    </RequirePermission>
  );
}
