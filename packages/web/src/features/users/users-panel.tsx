import { useState } from "react";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { type Column, DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { useNotify } from "../../components/notices";
import { SectionHeader } from "../../components/page-header";
import type { UserFieldsFragment } from "../../gql/graphql";
import { formatDateTime, formatRelative, ROLE_LABELS } from "../../lib/format";
import { hasPermission, useViewer } from "../auth/viewer";
import { useUpdateUser, useUsers } from "./use-users";
import { CreateUserDialog, EditUserDialog, SetPasswordDialog } from "./user-dialogs";
import { assignableRoles } from "./user-rules";

type Action = { kind: "edit" | "password" | "toggle"; user: UserFieldsFragment } | { kind: "create" };

export function UsersPanel() {
  const viewer = useViewer();
  const canWrite = hasPermission(viewer, "user:write");
  const viewerRole = viewer.user.role;
  const roles = assignableRoles(viewerRole);
  const { data, error, refetch } = useUsers();
  const [action, setAction] = useState<Action | null>(null);
  const [updateUser] = useUpdateUser();
  const notify = useNotify();
  const users = data?.users ?? [];

  /** A non-super-admin cannot touch a super admin, so those rows offer nothing. */
  const manageable = (user: UserFieldsFragment) =>
    canWrite && (user.role !== "super_admin" || viewerRole === "super_admin");

  const columns: Column<UserFieldsFragment>[] = [
    {
      key: "user",
      header: "User",
      cell: (user) => (
        <span className="stacked-cell">
          <span className="stacked-cell__primary">
            {user.name}
            {user.id === viewer.user.id ? <Badge tone="info">You</Badge> : null}
          </span>
          <span className="stacked-cell__secondary">{user.email}</span>
        </span>
      ),
    },
    {
      key: "role",
      header: "Role",
      cell: (user) => (
        <Badge tone={user.role === "super_admin" ? "accent" : user.role === "admin" ? "info" : "neutral"}>
          {ROLE_LABELS[user.role]}
        </Badge>
      ),
    },
    {
      key: "active",
      header: "Status",
      cell: (user) => (user.active ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Deactivated</Badge>),
    },
    {
      key: "lastLogin",
      header: "Last sign-in",
      className: "table__cell--nowrap",
      cell: (user) => (
        <span title={formatDateTime(user.lastLoginAt, "Never signed in")}>{formatRelative(user.lastLoginAt)}</span>
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      key: "actions",
      header: "Actions",
      hiddenHeader: true,
      className: "table__cell--actions",
      cell: (user) =>
        manageable(user) ? (
          <div className="row-actions">
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setAction({ kind: "edit", user })}
              aria-label={`Edit ${user.email}`}
            >
              Edit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setAction({ kind: "password", user })}
              aria-label={`Set password for ${user.email}`}
            >
              Set password
            </Button>
            {user.id !== viewer.user.id ? (
              <Button
                size="sm"
                variant="ghost"
                className={user.active ? "button--danger-text" : undefined}
                onClick={() => setAction({ kind: "toggle", user })}
                aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.email}`}
              >
                {user.active ? "Deactivate" : "Reactivate"}
              </Button>
            ) : null}
          </div>
        ) : null,
    });
  }

  let body;
  if (data === undefined && error)
    body = <ErrorBanner title="Users could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (data === undefined) body = <LoadingState label="Loading users…" />;
  else if (!users.length) body = <EmptyState title="No users yet" icon={icons.users} />;
  else
    body = (
      <DataTable
        caption="Users"
        columns={columns}
        rows={users}
        rowKey={(user) => user.id}
        rowClassName={(user) => (user.active ? undefined : "table__row--muted")}
      />
    );

  const toggling = action?.kind === "toggle" ? action.user : null;

  return (
    <section className="card">
      <SectionHeader
        title="Users"
        description="People who can sign in to Bulwark, and what their role lets them do."
        actions={
          canWrite ? (
            <Button variant="primary" icon={icons.plus} onClick={() => setAction({ kind: "create" })}>
              New user
            </Button>
          ) : undefined
        }
      />
      {body}
      {action?.kind === "create" ? <CreateUserDialog roles={roles} onClose={() => setAction(null)} /> : null}
      {action?.kind === "edit" ? (
        <EditUserDialog
          user={action.user}
          roles={roles}
          isSelf={action.user.id === viewer.user.id}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action?.kind === "password" ? <SetPasswordDialog user={action.user} onClose={() => setAction(null)} /> : null}
      <ConfirmDialog
        open={toggling !== null}
        title={toggling?.active ? `Deactivate ${toggling.email}?` : `Reactivate ${toggling?.email ?? ""}?`}
        confirmLabel={toggling?.active ? "Deactivate user" : "Reactivate user"}
        tone={toggling?.active ? "danger" : "primary"}
        onCancel={() => setAction(null)}
        onConfirm={async () => {
          if (!toggling) return;
          await updateUser({ variables: { id: toggling.id, input: { active: !toggling.active } } });
          notify(toggling.active ? `${toggling.email} deactivated` : `${toggling.email} reactivated`);
          setAction(null);
        }}
      >
        {toggling?.active ? (
          <p>
            <strong>{toggling.email}</strong> is signed out everywhere at once and cannot sign in, and their API keys
            stop working, until someone reactivates them.
          </p>
        ) : (
          <p>
            <strong>{toggling?.email}</strong> can sign in again with their existing password, and their API keys work
            again.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
