import { RequirePermission } from "../app/require-permission";
import { PoliciesOverview } from "../features/policies/policies-overview";

export function PoliciesPage() {
  return (
    <RequirePermission permission="policy:read">
      <PoliciesOverview />
    </RequirePermission>
  );
}
