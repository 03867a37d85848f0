import { useParams } from "react-router";
import { RequirePermission } from "../app/require-permission";
import { ClusterDetail, type ClusterSection } from "../features/clusters/cluster-detail";

export function ClusterDetailPage({ section = "overview" }: { section?: ClusterSection }) {
  const { id = "" } = useParams();
  const detail = <ClusterDetail key={id} id={id} section={section} />;
  return (
    <RequirePermission permission="cluster:read">
      {section === "falco" || section === "falco-settings" ? (
        <RequirePermission permission="falco:read">{detail}</RequirePermission>
      ) : (
        detail
      )}
    </RequirePermission>
  );
}
