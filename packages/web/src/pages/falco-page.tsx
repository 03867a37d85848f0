import { RequirePermission } from "../app/require-permission";
import { FalcoOverview } from "../features/falco/falco-overview";

export function FalcoPage() {
  return (
    <RequirePermission permission="falco:read">
      <FalcoOverview />
    </RequirePermission>
  );
}
