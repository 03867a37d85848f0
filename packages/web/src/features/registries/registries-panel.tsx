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
import type { RegistryFieldsFragment } from "../../gql/graphql";
import { formatDate } from "../../lib/format";
import { useCan } from "../auth/viewer";
import { RegistryFormDialog } from "./registry-form-dialog";
import { useDeleteRegistry, useRegistries } from "./use-registries";

type Action =
  { kind: "edit"; registry: RegistryFieldsFragment | null } | { kind: "delete"; registry: RegistryFieldsFragment };

export function RegistriesPanel() {
  const canWrite = useCan("registry:write");
  const { data, error, refetch } = useRegistries();
  const [action, setAction] = useState<Action | null>(null);
  const deleteRegistry = useDeleteRegistry();
  const notify = useNotify();
  const registries = data?.registries ?? [];

  const columns: Column<RegistryFieldsFragment>[] = [
    {
      key: "name",
      header: "Registry",
      cell: (registry) => (
        <span className="stacked-cell">
          <span className="stacked-cell__primary">{registry.name}</span>
          <code className="stacked-cell__secondary mono">{registry.hostname}</code>
        </span>
      ),
    },
    {
      key: "aliases",
      header: "Aliases",
      cell: (registry) =>
        registry.aliases.length ? (
          <ul className="tag-list" aria-label="Aliases">
            {registry.aliases.map((alias) => (
              <li key={alias} className="chip chip--static">
                {alias}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: "credentials",
      header: "Credentials",
      cell: (registry) => (
        <span className="badge-list">
          {registry.username ? (
            <span className="mono">{registry.username}</span>
          ) : (
            <span className="muted">No username</span>
          )}
          {registry.hasPassword ? (
            <Badge tone="success" title="Stored encrypted; never shown">
              Password stored
            </Badge>
          ) : (
            <Badge tone="neutral">No password</Badge>
          )}
        </span>
      ),
    },
    {
      key: "updated",
      header: "Changed",
      className: "table__cell--nowrap",
      cell: (registry) => formatDate(registry.updatedAt),
    },
  ];
  if (canWrite) {
    columns.push({
      key: "actions",
      header: "Actions",
      hiddenHeader: true,
      className: "table__cell--actions",
      cell: (registry) => (
        <div className="row-actions">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setAction({ kind: "edit", registry })}
            aria-label={`Edit registry ${registry.name}`}
          >
            Edit
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="button--danger-text"
            onClick={() => setAction({ kind: "delete", registry })}
            aria-label={`Delete registry ${registry.name}`}
          >
            Delete
          </Button>
        </div>
      ),
    });
  }

  const newRegistry = canWrite ? (
    <Button variant="primary" icon={icons.plus} onClick={() => setAction({ kind: "edit", registry: null })}>
      New registry
    </Button>
  ) : undefined;

  let body;
  if (data === undefined && error)
    body = <ErrorBanner title="Registries could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (data === undefined) body = <LoadingState label="Loading registries…" />;
  else if (!registries.length)
    body = (
      <EmptyState title="No registries" icon={icons.images} action={newRegistry}>
        <p>Public images need nothing here. Add a registry to give the scanner credentials for private images.</p>
      </EmptyState>
    );
  else body = <DataTable caption="Registries" columns={columns} rows={registries} rowKey={(registry) => registry.id} />;

  const deleting = action?.kind === "delete" ? action.registry : null;

  return (
    <section className="card">
      <SectionHeader
        title="Registries"
        description="Container registries and their pull credentials. Passwords are stored encrypted and never shown."
        actions={newRegistry}
      />
      {body}
      {action?.kind === "edit" ? (
        <RegistryFormDialog
          key={action.registry?.id ?? "new"}
          registry={action.registry}
          onClose={() => setAction(null)}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete registry ${deleting?.name ?? ""}?`}
        confirmLabel="Delete registry"
        onCancel={() => setAction(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await deleteRegistry(deleting.id);
          notify(`Registry ${deleting.name} deleted`);
          setAction(null);
        }}
      >
        <p>
          <strong>{deleting?.name}</strong> ({deleting?.hostname}) and its stored credentials are deleted. Private
          images from it can no longer be pulled for scanning, and its aliases are no longer recognised.
        </p>
      </ConfirmDialog>
    </section>
  );
}
