import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { type Column, DataTable } from "../../components/data-table";
import { Dialog } from "../../components/dialog";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { FormError, TextAreaField, TextField } from "../../components/form-field";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { useNotify } from "../../components/notices";
import { SectionHeader } from "../../components/page-header";
import type { ClusterGroupFieldsFragment } from "../../gql/graphql";
import { formatDate } from "../../lib/format";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { useClusterGroups, useDeleteClusterGroup, useSaveClusterGroup } from "./use-clusters";

type Editing = { group: ClusterGroupFieldsFragment | null };

function GroupFormDialog({ group, onClose }: { group: ClusterGroupFieldsFragment | null; onClose: () => void }) {
  const [name, setName] = useState(group?.name ?? "");
  const [description, setDescription] = useState(group?.description ?? "");
  const [problem, setProblem] = useState<Problem | null>(null);
  const { create, update, saving } = useSaveClusterGroup();
  const notify = useNotify();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) {
      setProblem({
        code: "BAD_USER_INPUT",
        message: "Enter a name",
        field: "name",
        fieldErrors: { name: "Enter a name" },
      });
      return;
    }
    setProblem(null);
    try {
      const input = { name: name.trim(), description: description.trim() };
      const saved = group ? await update(group.id, input) : await create(input);
      notify(group ? `Group ${saved?.name ?? name} saved` : `Group ${saved?.name ?? name} created`);
      onClose();
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  return (
    <Dialog
      open
      title={group ? `Rename group ${group.name}` : "New cluster group"}
      onClose={saving ? undefined : onClose}
      size="sm"
      footer={
        <>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" form="cluster-group-form" variant="primary" loading={saving}>
            {group ? "Save group" : "Create group"}
          </Button>
        </>
      }
    >
      <form id="cluster-group-form" className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={problem && !Object.keys(problem.fieldErrors).length ? problem.message : null} />
        <TextField
          label="Name"
          required
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
          error={problem?.fieldErrors.name}
        />
        <TextAreaField
          label="Description"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          error={problem?.fieldErrors.description}
        />
      </form>
    </Dialog>
  );
}

export function ClusterGroupsPanel({ canWrite }: { canWrite: boolean }) {
  const { data, loading, error, refetch } = useClusterGroups();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<ClusterGroupFieldsFragment | null>(null);
  const deleteGroup = useDeleteClusterGroup();
  const notify = useNotify();
  const groups = data?.clusterGroups ?? [];

  const columns: Column<ClusterGroupFieldsFragment>[] = [
    { key: "name", header: "Name", cell: (group) => <strong>{group.name}</strong> },
    {
      key: "description",
      header: "Description",
      className: "table__cell--wide",
      cell: (group) => group.description || <span className="muted">—</span>,
    },
    {
      key: "clusters",
      header: "Clusters",
      className: "table__cell--nowrap",
      cell: (group) => group.clusterCount,
    },
    {
      key: "created",
      header: "Created",
      className: "table__cell--nowrap",
      cell: (group) => formatDate(group.createdAt),
    },
  ];
  if (canWrite) {
    columns.push({
      key: "actions",
      header: "Actions",
      hiddenHeader: true,
      className: "table__cell--actions",
      cell: (group) => (
        <div className="row-actions">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setEditing({ group })}
            aria-label={`Rename group ${group.name}`}
          >
            Rename
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="button--danger-text"
            onClick={() => setDeleting(group)}
            aria-label={`Delete group ${group.name}`}
          >
            Delete
          </Button>
        </div>
      ),
    });
  }

  let body;
  if (data === undefined && loading) body = <LoadingState label="Loading cluster groups…" />;
  else if (data === undefined && error) body = <ErrorBanner error={error} onRetry={() => void refetch()} />;
  else if (!groups.length)
    body = (
      <EmptyState
        title="No cluster groups yet"
        icon={icons.clusters}
        action={
          canWrite ? (
            <Button icon={icons.plus} onClick={() => setEditing({ group: null })}>
              New group
            </Button>
          ) : undefined
        }
      >
        <p>Groups gather clusters that belong together, such as an environment or a team, so you can filter by them.</p>
      </EmptyState>
    );
  else body = <DataTable caption="Cluster groups" columns={columns} rows={groups} rowKey={(group) => group.id} />;

  return (
    <section className="card" aria-labelledby="cluster-groups-heading">
      <SectionHeader
        title={<span id="cluster-groups-heading">Cluster groups</span>}
        description="Group clusters by environment, region or team."
        actions={
          canWrite && groups.length ? (
            <Button size="sm" icon={icons.plus} onClick={() => setEditing({ group: null })}>
              New group
            </Button>
          ) : undefined
        }
      />
      {body}
      {editing ? (
        <GroupFormDialog key={editing.group?.id ?? "new"} group={editing.group} onClose={() => setEditing(null)} />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete group ${deleting?.name ?? ""}?`}
        confirmLabel="Delete group"
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await deleteGroup(deleting.id);
          notify(`Group ${deleting.name} deleted`);
          setDeleting(null);
        }}
      >
        <p>
          This deletes the group <strong>{deleting?.name}</strong>. Only an empty group can be deleted: move its
          clusters to another group first.
        </p>
      </ConfirmDialog>
    </section>
  );
}
