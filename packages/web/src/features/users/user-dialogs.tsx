import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { Dialog } from "../../components/dialog";
import { FormError, SelectField, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import type { UserFieldsFragment, UserRole } from "../../gql/graphql";
import { ROLE_LABELS } from "../../lib/format";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { useCreateUser, useSetUserPassword, useUpdateUser } from "./use-users";
import { PASSWORD_MIN, ROLE_DESCRIPTIONS, passwordProblem } from "./user-rules";

function generalMessage(problem: Problem | null, fields: string[]): string | null {
  if (!problem) return null;
  return fields.some((field) => problem.fieldErrors[field]) ? null : problem.message;
}

function RoleOptions({ roles }: { roles: UserRole[] }) {
  return (
    <>
      {roles.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </>
  );
}

export function CreateUserDialog({ roles, onClose }: { roles: UserRole[]; onClose: () => void }) {
  const [values, setValues] = useState({ email: "", name: "", role: "read_only" as UserRole, password: "" });
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [createUser, { loading }] = useCreateUser();
  const notify = useNotify();
  const localPassword = checked ? passwordProblem(values.password) : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (passwordProblem(values.password) || !values.email.trim() || !values.name.trim()) return;
    setProblem(null);
    try {
      await createUser({ variables: { input: { ...values, email: values.email.trim(), name: values.name.trim() } } });
      notify(`User ${values.email.trim()} created`);
      onClose();
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  return (
    <Dialog
      open
      title="New user"
      onClose={loading ? undefined : onClose}
      footer={
        <>
          <Button onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" form="create-user-form" variant="primary" loading={loading}>
            Create user
          </Button>
        </>
      }
    >
      <form id="create-user-form" className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={generalMessage(problem, ["email", "name", "role", "password"])} />
        <TextField
          label="Email"
          type="email"
          required
          autoComplete="off"
          value={values.email}
          onChange={(event) => setValues({ ...values, email: event.target.value })}
          error={(checked && !values.email.trim() ? "Enter an email address" : null) ?? problem?.fieldErrors.email}
        />
        <TextField
          label="Name"
          required
          autoComplete="off"
          value={values.name}
          onChange={(event) => setValues({ ...values, name: event.target.value })}
          error={(checked && !values.name.trim() ? "Enter a name" : null) ?? problem?.fieldErrors.name}
        />
        <SelectField
          label="Role"
          value={values.role}
          onChange={(event) => setValues({ ...values, role: event.target.value as UserRole })}
          hint={ROLE_DESCRIPTIONS[values.role]}
          error={problem?.fieldErrors.role}
        >
          <RoleOptions roles={roles} />
        </SelectField>
        <TextField
          label="Initial password"
          type="password"
          required
          autoComplete="new-password"
          value={values.password}
          onChange={(event) => setValues({ ...values, password: event.target.value })}
          hint={`At least ${PASSWORD_MIN} characters. Share it privately; they can change it under Settings → Account.`}
          error={localPassword ?? problem?.fieldErrors.password}
        />
      </form>
    </Dialog>
  );
}

type EditUserDialogProps = { user: UserFieldsFragment; roles: UserRole[]; isSelf: boolean; onClose: () => void };

export function EditUserDialog({ user, roles, isSelf, onClose }: EditUserDialogProps) {
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<UserRole>(user.role);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [updateUser, { loading }] = useUpdateUser();
  const notify = useNotify();
  const roleChoices = roles.includes(user.role) ? roles : [...roles, user.role];

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
      await updateUser({
        variables: { id: user.id, input: { name: name.trim(), ...(role !== user.role ? { role } : {}) } },
      });
      notify(`User ${user.email} saved`);
      onClose();
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  return (
    <Dialog
      open
      title={`Edit ${user.email}`}
      onClose={loading ? undefined : onClose}
      footer={
        <>
          <Button onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" form="edit-user-form" variant="primary" loading={loading}>
            Save changes
          </Button>
        </>
      }
    >
      <form id="edit-user-form" className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={generalMessage(problem, ["name", "role"])} />
        <TextField
          label="Name"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={problem?.fieldErrors.name}
        />
        <SelectField
          label="Role"
          value={role}
          disabled={isSelf}
          onChange={(event) => setRole(event.target.value as UserRole)}
          hint={isSelf ? "You cannot change your own role; another administrator can." : ROLE_DESCRIPTIONS[role]}
          error={problem?.fieldErrors.role}
        >
          <RoleOptions roles={roleChoices} />
        </SelectField>
      </form>
    </Dialog>
  );
}

export function SetPasswordDialog({ user, onClose }: { user: UserFieldsFragment; onClose: () => void }) {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [setUserPassword, { loading }] = useSetUserPassword();
  const notify = useNotify();
  const local = checked ? passwordProblem(password) : null;
  const mismatch = checked && confirm !== password ? "The passwords do not match" : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (passwordProblem(password) || confirm !== password) return;
    setProblem(null);
    try {
      await setUserPassword({ variables: { id: user.id, password } });
      notify(`Password set for ${user.email}; their sessions have ended`);
      onClose();
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  return (
    <Dialog
      open
      title={`Set password for ${user.email}`}
      description="They are signed out everywhere and sign in again with the new password."
      onClose={loading ? undefined : onClose}
      size="sm"
      footer={
        <>
          <Button onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" form="set-password-form" variant="primary" loading={loading}>
            Set password
          </Button>
        </>
      }
    >
      <form id="set-password-form" className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={generalMessage(problem, ["password"])} />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          hint={`At least ${PASSWORD_MIN} characters.`}
          error={local ?? problem?.fieldErrors.password}
        />
        <TextField
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
          error={mismatch}
        />
      </form>
    </Dialog>
  );
}
