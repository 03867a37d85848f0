import { useParams } from "react-router";
import { RequirePermission } from "../app/require-permission";
import { FalcoEventDetail } from "../features/falco/falco-event-detail";

export function FalcoEventPage() {
  const { id = "" } = useParams();
  return (
    <RequirePermission permission="falco:read">
      <FalcoEventDetail key={id} id={id} />
    </RequirePermission>
  );
}
