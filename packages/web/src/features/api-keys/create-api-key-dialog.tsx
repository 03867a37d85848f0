import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { Dialog } from "../../components/dialog";
import { FormError, SelectField, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import type { ApiKeyScope } from "../../gql/graphql";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { useViewer } from "../auth/viewer";
import { ApiKeySecretPanel } from "./api-key-secret-panel";
import { allowedScopes, SCOPES } from "./api-key-scopes";
import { useApiKeyClusterOptions, useCreateApiKey } from "./use-api-keys";

function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A key set to expire on a day stays valid until the end of that day, local time. */
export function expiryFromDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T23:59:59`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function CreateApiKeyDialog({ onClose }: { onClose: () => void }) {
  const viewer = useViewer();
  const allowed = allowedScopes(viewer.user.role);
  const readOnly = viewer.user.role === "read_only";
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(readOnly ? ["read"] : []);
  const [clusterId, setClusterId] = useState("");
  const [expires, setExpires] = useState("");
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [createApiKey, { loading }] = useCreateApiKey();
  const clusters = useApiKeyClusterOptions().data?.clusters ?? [];
  const notify = useNotify();

  const nameError = checked && !name.trim() ? "Enter a name, e.g. the cluster or pipeline that will use it" : null;
  const scopesError = checked && !scopes.length ? "Choose at least one scope" : null;
  const expiresAt = expires ? expiryFromDate(expires) : null;
  const expiresError =
    checked && expires && (!expiresAt || expiresAt.getTime() <= Date.now()) ? "Choose a date in the future" : null;

  const toggleScope = (scope: ApiKeyScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((item) => item !== scope)));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!name.trim() || !scopes.length || (expires && (!expiresAt || expiresAt.getTime() <= Date.now()))) return;
    setProblem(null);
    try {
      const result = await createApiKey({
        variables: {
          input: {
            name: name.trim(),
            scopes: SCOPES.map((info) => info.scope).filter((scope) => scopes.includes(scope)),
            clusterId: clusterId || null,
            expiresAt: expiresAt ? expiresAt.toISOString() : null,
          },
        },
      });
      const payload = result.data?.createApiKey;
      if (payload) {
        setCreated({ name: payload.apiKey.name, secret: payload.secret });
        notify(`API key ${payload.apiKey.name} created`);
      }
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  if (created) {
    return (
      <Dialog
        open
        title="API key created"
        onClose={onClose}
        closeOnBackdrop={false}
        footer={
          <Button variant="primary" onClick={onClose}>
            I have copied the key
          </Button>
        }
      >
        <ApiKeySecretPanel name={created.name} secret={created.secret} />
      </Dialog>
    );
  }

  const general = problem && !Object.keys(problem.fieldErrors).length ? problem.message : null;

  return (
    <Dialog
      open
      title="New API key"
      description="Keys let agents, pipelines and tools call Bulwark. A key acts with your role, limited to its scopes."
      onClose={loading ? undefined : onClose}
      size="lg"
      footer={
        <>
          <Button onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" form="create-api-key-form" variant="primary" loading={loading}>
            Create key
          </Button>
        </>
      }
    >
      <form id="create-api-key-form" className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={general} />
        <TextField
          label="Name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="prod-eu-1 agent"
          error={nameError ?? problem?.fieldErrors.name}
        />
        <fieldset className="fieldset" aria-describedby={readOnly ? "scope-readonly-note" : undefined}>
          <legend className="field__label">Scopes</legend>
          {readOnly ? (
            <p className="field__hint" id="scope-readonly-note">
              Your role is read-only, and a key never does more than its owner, so your keys can have the read scope
              only.
            </p>
          ) : null}
          <ul className="scope-list">
            {SCOPES.map((info) => {
              const enabled = allowed.has(info.scope);
              return (
                <li key={info.scope} className={`scope-option${enabled ? "" : " scope-option--disabled"}`}>
                  <label>
                    <input
                      type="checkbox"
                      checked={scopes.includes(info.scope)}
                      disabled={!enabled}
                      onChange={(event) => toggleScope(info.scope, event.target.checked)}
                    />
                    <span className="scope-option__name mono">{info.label}</span>
                    <span className="scope-option__description">{info.description}</span>
                  </label>
                </li>
              );
            })}
          </ul>
          {(scopesError ?? problem?.fieldErrors.scopes) ? (
            <p className="field__error">{scopesError ?? problem?.fieldErrors.scopes}</p>
          ) : null}
        </fieldset>
        <div className="form__row">
          <SelectField
            label="Cluster"
            value={clusterId}
            onChange={(event) => setClusterId(event.target.value)}
            hint="A bound key sees and acts on this cluster only."
            error={problem?.fieldErrors.clusterId}
          >
            <option value="">Any cluster</option>
            {clusters.map((cluster) => (
              <option key={cluster.id} value={cluster.id}>
                {cluster.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Expires"
            type="date"
            value={expires}
            min={localDate(new Date())}
            onChange={(event) => setExpires(event.target.value)}
            hint="Optional. Valid until the end of that day."
            error={expiresError ?? problem?.fieldErrors.expiresAt}
          />
        </div>
      </form>
    </Dialog>
  );
}
