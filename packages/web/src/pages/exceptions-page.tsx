import { RequirePermission } from "../app/require-permission";
import { ExceptionsOverview } from "../features/exceptions/exceptions-overview";

export function ExceptionsPage() {
  return (
    <RequirePermission permission="exception:read">
      <ExceptionsOverview />
    </RequirePermission>
  );
}
