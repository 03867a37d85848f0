import type { ReactNode } from "react";
import { EmptyState } from "../components/empty-state";
import { type Permission, useCan } from "../features/auth/viewer";

/** Shows its children only to viewers with the permission; others learn why they see nothing. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  if (allowed) return <>{children}</>;
  return (
    <div className="card">
      <EmptyState title="You do not have access to this page">
        <p>
          It needs the <code>{permission}</code> permission, which your role does not include. Ask an administrator if
          you need it.
        </p>
      </EmptyState>
    </div>
  );
}
