import { AREAS } from "../app/areas";
import { EmptyState } from "../components/empty-state";
import { PageHeader } from "../components/page-header";
import { NotFoundPage } from "./not-found-page";

/** An area whose data Bulwark does not collect yet: what it will show, and that it is empty. */
export function AreaPage({ path }: { path: string }) {
  const area = AREAS.find((item) => item.path === path);
  if (!area) return <NotFoundPage />;
  return (
    <div className="page">
      <PageHeader title={area.label} description={area.summary} />
      <div className="card">
        <EmptyState title={`No ${area.label.toLowerCase()} data yet`} icon={area.icon}>
          <p>{area.source}</p>
          <p className="muted">Nothing is shown here until real data arrives; Bulwark never shows sample data.</p>
        </EmptyState>
      </div>
    </div>
  );
}
