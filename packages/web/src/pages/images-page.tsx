import { RequirePermission } from "../app/require-permission";
import { ImagesOverview } from "../features/images/images-overview";

export function ImagesPage() {
  return (
    <RequirePermission permission="image:read">
      <ImagesOverview />
    </RequirePermission>
  );
}
