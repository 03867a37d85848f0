import { useParams } from "react-router";
import { RequirePermission } from "../app/require-permission";
import { ExceptionDetail } from "../features/exceptions/exception-detail";

export function ExceptionDetailPage() {
  const { id = "" } = useParams();
  return (
    <RequirePermission permission="exception:read">
      <ExceptionDetail key={id} id={id} />
    </RequirePermission>
  );
}
