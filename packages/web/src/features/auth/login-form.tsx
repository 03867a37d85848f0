import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { FormError, TextField } from "../../components/form-field";
import { toProblem } from "../../lib/graphql-errors";
import { LoginDocument } from "./auth.graphql";

type LoginFormProps = {
  /** Runs after the server accepted the credentials and set the session cookie. */
  onSignedIn: () => Promise<unknown> | void;
};

export function LoginForm({ onSignedIn }: LoginFormProps) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [login, { loading }] = useMutation(LoginDocument);
  const busy = loading || finishing;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    try {
      await login({ variables: { email: email.trim(), password } });
    } catch (caught) {
      setError(toProblem(caught).message);
      return;
    }
    setFinishing(true);
    try {
      await onSignedIn();
    } catch (caught) {
      setError(toProblem(caught).message);
    } finally {
      setFinishing(false);
    }
  };

  return (
    <form className="login-form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy || undefined}>
      <FormError message={error} />
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        required
        autoFocus
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        disabled={busy}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        disabled={busy}
      />
      <Button
        type="submit"
        variant="primary"
        loading={busy}
        disabled={!email.trim() || !password}
        className="login-form__submit"
      >
        {busy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
