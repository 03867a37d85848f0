import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { Dialog } from "../../components/dialog";
import { Field, FormError, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import { TagInput } from "../../components/tag-input";
import type { RegistryFieldsFragment } from "../../gql/graphql";
import { focusFirstInvalid } from "../../lib/focus-invalid";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { type RegistryFormValues, registryValues, toCreateRegistryInput, toUpdateRegistryInput } from "./registry-form";
import { useSaveRegistry } from "./use-registries";

type RegistryFormDialogProps = {
  /** The registry to edit; without it the dialog adds one. */
  registry?: RegistryFieldsFragment | null;
  onClose: () => void;
};

export function RegistryFormDialog({ registry, onClose }: RegistryFormDialogProps) {
  const [values, setValues] = useState<RegistryFormValues>(() => registryValues(registry));
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const { create, update, saving } = useSaveRegistry();
  const notify = useNotify();
  const set = <K extends keyof RegistryFormValues>(key: K, value: RegistryFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const nameError = checked && !values.name.trim() ? "Enter a name" : null;
  const hostError = checked && !values.hostname.trim() ? "Enter the registry's host name" : null;
  const fieldError = (key: string) => problem?.fieldErrors[key];
  const known = ["name", "hostname", "aliases", "username", "password"];
  const general = problem && !known.some((key) => problem.fieldErrors[key]) ? problem.message : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!values.name.trim() || !values.hostname.trim()) {
      focusFirstInvalid("registry-form");
      return;
    }
    setProblem(null);
    try {
      if (registry) {
        await update({ variables: { id: registry.id, input: toUpdateRegistryInput(values) } });
        notify(`Registry ${values.name.trim()} saved`);
      } else {
        await create({ variables: { input: toCreateRegistryInput(values) } });
        notify(`Registry ${values.name.trim()} added`);
      }
      onClose();
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  return (
    <Dialog
      open
      title={registry ? `Edit registry ${registry.name}` : "New registry"}
      description="Credentials let the scanner pull private images; aliases are other names for the same registry."
      onClose={saving ? undefined : onClose}
      footer={
        <>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" form="registry-form" variant="primary" loading={saving}>
            {registry ? "Save registry" : "Add registry"}
          </Button>
        </>
      }
    >
      <form id="registry-form" className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={general} />
        <TextField
          label="Name"
          required
          maxLength={100}
          value={values.name}
          onChange={(event) => set("name", event.target.value)}
          error={nameError ?? fieldError("name")}
        />
        <TextField
          label="Host name"
          required
          className="mono-field"
          spellCheck={false}
          autoComplete="off"
          placeholder="registry.example.com:5000"
          value={values.hostname}
          onChange={(event) => set("hostname", event.target.value)}
          hint="As it appears in image references, with the port if it has one."
          error={hostError ?? fieldError("hostname")}
        />
        <Field
          label="Aliases"
          hint="Mirrors and other DNS names of this registry; images referred to by them count as this registry's."
          error={fieldError("aliases")}
        >
          {(control) => (
            <TagInput
              {...control}
              value={values.aliases}
              onChange={(aliases) => set("aliases", aliases)}
              placeholder="mirror.example.com"
            />
          )}
        </Field>
        <div className="form__row">
          <TextField
            label="Username"
            autoComplete="off"
            value={values.username}
            onChange={(event) => set("username", event.target.value)}
            error={fieldError("username")}
          />
          <TextField
            label="Password or token"
            type="password"
            autoComplete="new-password"
            value={values.password}
            disabled={values.removePassword}
            placeholder={registry?.hasPassword ? "Stored; leave empty to keep" : ""}
            onChange={(event) => set("password", event.target.value)}
            hint={
              registry?.hasPassword
                ? "Stored encrypted; never shown. Leave empty to keep the stored one; type a new one to replace it."
                : "Stored encrypted; never shown again."
            }
            error={fieldError("password")}
          />
        </div>
        {registry?.hasPassword ? (
          <label className="switch">
            <input
              type="checkbox"
              checked={values.removePassword}
              onChange={(event) =>
                setValues((current) => ({ ...current, removePassword: event.target.checked, password: "" }))
              }
            />
            <span>Remove the stored password</span>
          </label>
        ) : null}
      </form>
    </Dialog>
  );
}
