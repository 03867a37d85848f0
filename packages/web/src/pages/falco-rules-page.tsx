import { RequirePermission } from "../app/require-permission";
import { FalcoRules } from "../features/falco/falco-rules";

export function FalcoRulesPage() {
  return (
    <RequirePermission permission="falco:read">
      <FalcoRules />
    </RequirePermission>
  );
}
