import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { Dialog } from "../../components/dialog";
import { Field, FormError, SelectField, TextAreaField, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import { TagInput } from "../../components/tag-input";
import type { ClusterFieldsFragment, ClusterGroupFieldsFragment } from "../../gql/graphql";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { CLUSTER_NAME_MAX, clusterNameProblem, tagProblem } from "./cluster-rules";
import { useSaveCluster } from "./use-clusters";

/** Mount it when needed (with a key per cluster) so each opening starts from the saved values. */
type ClusterFormDialogProps = {
  open: boolean;
  /** The cluster to edit; without it the dialog creates one. */
  cluster?: ClusterFieldsFragment | null;
  groups: readonly ClusterGroupFieldsFragment[];
  onClose: () => void;
  onSaved?: (cluster: ClusterFieldsFragment) => void;
};

type Values = { name: string; description: string; tags: string[]; groupId: string };

function initialValues(cluster: ClusterFieldsFragment | null | undefined): Values {
  return {
    name: cluster?.name ?? "",
    description: cluster?.description ?? "",
    tags: cluster?.tags ? [...cluster.tags] : [],
    groupId: cluster?.group?.id ?? "",
  };
}

export function ClusterFormDialog({ open, cluster, groups, onClose, onSaved }: ClusterFormDialogProps) {
  const editing = Boolean(cluster);
  const [values, setValues] = useState<Values>(() => initialValues(cluster));
  const [touchedName, setTouchedName] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const { create, update, saving } = useSaveCluster();
  const notify = useNotify();

  const nameProblem = clusterNameProblem(values.name);
  const tagsProblem = tagProblem(values.tags);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (problem?.fieldErrors[key]) {
      setProblem((current) => {
        if (!current) return current;
        const { [key]: _cleared, ...rest } = current.fieldErrors;
        return { ...current, fieldErrors: rest };
      });
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouchedName(true);
    if (nameProblem || tagsProblem) return;
    setProblem(null);
    const input = {
      name: values.name.trim(),
      description: values.description.trim(),
      tags: values.tags,
      groupId: values.groupId || null,
    };
    try {
      const saved = cluster ? await update(cluster.id, input) : await create(input);
      if (saved) {
        notify(editing ? `Cluster ${saved.name} saved` : `Cluster ${saved.name} created`);
        onSaved?.(saved);
      }
      onClose();
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  const fieldError = (key: keyof Values) => problem?.fieldErrors[key];
  const generalError = problem && !Object.keys(problem.fieldErrors).length ? problem.message : null;

  return (
    <Dialog
      open={open}
      title={editing ? `Edit cluster ${cluster?.name ?? ""}` : "New cluster"}
      onClose={saving ? undefined : onClose}
      footer={
        <>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" form="cluster-form" variant="primary" loading={saving}>
            {editing ? "Save changes" : "Create cluster"}
          </Button>
        </>
      }
    >
      <form id="cluster-form" className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={generalError} />
        <TextField
          label="Name"
          required
          value={values.name}
          maxLength={CLUSTER_NAME_MAX + 10}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => set("name", event.target.value)}
          onBlur={() => setTouchedName(true)}
          hint="Lower-case letters, digits and dashes, up to 63 characters (e.g. prod-eu-1)."
          error={(touchedName ? nameProblem : null) ?? fieldError("name")}
        />
        <TextAreaField
          label="Description"
          value={values.description}
          onChange={(event) => set("description", event.target.value)}
          error={fieldError("description")}
        />
        <Field
          label="Tags"
          hint="Press Enter or type a comma after each tag."
          error={tagsProblem ?? fieldError("tags")}
        >
          {(control) => (
            <TagInput
              {...control}
              value={values.tags}
              onChange={(tags) => set("tags", tags)}
              placeholder="env=prod, team/payments"
            />
          )}
        </Field>
        <SelectField
          label="Group"
          value={values.groupId}
          onChange={(event) => set("groupId", event.target.value)}
          error={fieldError("groupId")}
        >
          <option value="">No group</option>
          {groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </SelectField>
      </form>
    </Dialog>
  );
}
