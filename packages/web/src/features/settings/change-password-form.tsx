import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { FormError, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { ChangePasswordDocument } from "../users/users.graphql";
import { PASSWORD_MIN, passwordProblem } from "../users/user-rules";

export function ChangePasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [changePassword, { loading }] = useMutation(ChangePasswordDocument);
  const notify = useNotify();

  const currentError = checked && !current ? "Enter your current password" : null;
  const nextError = checked ? passwordProblem(next) : null;
  const confirmError = checked && confirm !== next ? "The new passwords do not match" : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!current || passwordProblem(next) || confirm !== next) return;
    setProblem(null);
    try {
      await changePassword({ variables: { currentPassword: current, newPassword: next } });
      setCurrent("");
      setNext("");
      setConfirm("");
      setChecked(false);
      notify("Password changed. Your other sessions have been signed out.");
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  const general = problem && !Object.keys(problem.fieldErrors).length ? problem.message : null;

  return (
    <form
      className="form form--narrow"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Change password"
    >
      <FormError message={general} />
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(event) => setCurrent(event.target.value)}
        error={currentError ?? problem?.fieldErrors.currentPassword}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        value={next}
        onChange={(event) => setNext(event.target.value)}
        hint={`At least ${PASSWORD_MIN} characters. A passphrase of a few unrelated words works well.`}
        error={nextError ?? problem?.fieldErrors.newPassword}
      />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(event) => setConfirm(event.target.value)}
        error={confirmError}
      />
      <div className="form__actions">
        <Button type="submit" variant="primary" loading={loading}>
          Change password
        </Button>
      </div>
    </form>
  );
}
