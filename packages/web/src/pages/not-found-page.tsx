import { Link } from "react-router";
import { EmptyState } from "../components/empty-state";

export function NotFoundPage() {
  return (
    <div className="page">
      <div className="card">
        <EmptyState title="Page not found" action={<Link to="/clusters">Go to clusters</Link>}>
          <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        </EmptyState>
      </div>
    </div>
  );
}
