import { useParams } from "react-router";
import { RequirePermission } from "../app/require-permission";
import { ImageDetail } from "../features/images/image-detail";

export function ImageDetailPage() {
  const { id = "" } = useParams();
  return (
    <RequirePermission permission="image:read">
      <ImageDetail key={id} id={id} />
    </RequirePermission>
  );
}
