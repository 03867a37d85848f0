import { useParams } from "react-router";
import { RequirePermission } from "../app/require-permission";
import { FalcoInstall } from "../features/falco/falco-install";

export function FalcoInstallPage() {
  const { id = "" } = useParams();
  return (
    <RequirePermission permission="falco:write">
      <RequirePermission permission="api_key:own">
        <FalcoInstall key={id} id={id} />
      </RequirePermission>
    </RequirePermission>
  );
}
