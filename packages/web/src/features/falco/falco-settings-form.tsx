import { type FormEvent, useEffect, useState } from "react";
import { Button } from "../../components/button";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { Field, FormError, SelectField, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import { SectionHeader } from "../../components/page-header";
import { RadioCards } from "../../components/radio-cards";
import { TagInput } from "../../components/tag-input";
import type { FalcoSettingsFieldsFragment, FalcoSettingsInput } from "../../gql/graphql";
import { focusFirstInvalid } from "../../lib/focus-invalid";
import { formatDateTime } from "../../lib/format";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { useCan } from "../auth/viewer";
import { FALCO_PRIORITIES, isFalcoPriority, PRIORITY_LABELS } from "./falco-priorities";
import {
  ANOMALY_WINDOW_DAYS,
  changedFalcoSettings,
  type FalcoSettingsField,
  type FalcoSettingsValues,
  falcoSettingsProblems,
  RECIPIENT_OPTIONS,
  RETENTION_DAYS,
  shortensRetention,
  SUMMARY_OPTIONS,
  toSettingsValues,
} from "./falco-settings";
import { useUpdateFalcoSettings } from "./use-falco";

const FORM_ID = "falco-settings-form";

function PriorityOptions({ everything }: { everything?: string }) {
  return (
    <>
      {FALCO_PRIORITIES.map((priority) => (
        <option key={priority} value={priority}>
          {priority === "debug" && everything ? everything : `${PRIORITY_LABELS[priority]} and above`}
        </option>
      ))}
    </>
  );
}

/**
 * What Bulwark keeps of a cluster's Falco events and whom it tells. Saving sends only what changed,
 * and asks first when a shorter retention would delete events.
 */
export function FalcoSettingsForm({
  cluster,
  settings,
}: {
  cluster: { id: string; name: string };
  settings: FalcoSettingsFieldsFragment;
}) {
  const canWrite = useCan("falco:write");
  const notify = useNotify();
  const { update, saving } = useUpdateFalcoSettings();
  const [saved, setSaved] = useState(settings);
  const [values, setValues] = useState(() => toSettingsValues(settings));
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirming, setConfirming] = useState<FalcoSettingsInput | null>(null);

  const changes = changedFalcoSettings(saved, values);
  const changeCount = Object.keys(changes).length;
  const dirty = changeCount > 0;

  // Settings changed elsewhere are taken up while nothing here is being edited.
  useEffect(() => {
    if (!dirty) {
      setSaved(settings);
      setValues(toSettingsValues(settings));
    }
    // Only a new answer from the server resets the form, not an edit here.
  }, [settings]);

  const clientProblems = checked ? falcoSettingsProblems(values) : {};
  const fieldError = (field: FalcoSettingsField) => clientProblems[field] ?? problem?.fieldErrors[field];
  const general = problem && !Object.keys(problem.fieldErrors).length ? problem.message : null;

  const set = <K extends FalcoSettingsField>(key: K, value: FalcoSettingsValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (problem) setProblem(null);
  };

  const save = async (input: FalcoSettingsInput) => {
    setProblem(null);
    try {
      const result = await update(cluster.id, input);
      if (result) {
        setSaved(result);
        setValues(toSettingsValues(result));
      }
      setChecked(false);
      notify(`Falco settings of ${cluster.name} saved`);
    } catch (caught) {
      setProblem(toProblem(caught));
      focusFirstInvalid(FORM_ID);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(falcoSettingsProblems(values)).length) {
      focusFirstInvalid(FORM_ID);
      return;
    }
    const input = changedFalcoSettings(saved, values);
    if (!Object.keys(input).length) return;
    if (shortensRetention(saved, input)) setConfirming(input);
    else void save(input);
  };

  const discard = () => {
    setValues(toSettingsValues(saved));
    setProblem(null);
    setChecked(false);
  };

  const sendsMail = values.notifyAnomalies || values.summary !== "none";

  return (
    <section className="card" aria-labelledby="falco-settings-title">
      <SectionHeader
        title={<span id="falco-settings-title">Falco settings</span>}
        description={`What Bulwark keeps of the events of ${cluster.name}, and whom it emails about them.`}
      />
      {canWrite ? null : (
        <p className="field__hint admission-form__read-only">
          You can see these settings; changing them needs the <code>falco:write</code> permission.
        </p>
      )}
      <form id={FORM_ID} className="form falco-settings-form" onSubmit={submit} noValidate>
        <FormError message={general} />
        <fieldset className="fieldset admission-form__fields" disabled={!canWrite || saving}>
          <fieldset className="fieldset form-section">
            <legend className="form-section__title">Storage</legend>
            <div className="form__row">
              <SelectField
                label="Keep events of priority"
                value={values.minimumPriority}
                onChange={(event) => {
                  if (isFalcoPriority(event.target.value)) set("minimumPriority", event.target.value);
                }}
                hint="Events below it are answered but not stored. Falcosidekick's own minimum priority filters before they are even sent."
                error={fieldError("minimumPriority")}
              >
                <PriorityOptions everything="Every priority" />
              </SelectField>
              <TextField
                label="Keep events for (days)"
                type="number"
                inputMode="numeric"
                min={RETENTION_DAYS.min}
                max={RETENTION_DAYS.max}
                step={1}
                value={values.retentionDays}
                onChange={(event) => set("retentionDays", event.target.value)}
                hint={`Older events are deleted every hour. ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max.toLocaleString()}.`}
                error={fieldError("retentionDays")}
              />
            </div>
          </fieldset>
          <fieldset className="fieldset form-section">
            <legend className="form-section__title">Anomalies</legend>
            <TextField
              label="Anomaly window (days)"
              type="number"
              inputMode="numeric"
              min={ANOMALY_WINDOW_DAYS.min}
              max={ANOMALY_WINDOW_DAYS.max}
              step={1}
              value={values.anomalyWindowDays}
              onChange={(event) => set("anomalyWindowDays", event.target.value)}
              hint={`An event is an anomaly when nothing with its rule, namespace and image happened in the cluster for this many days before it. ${ANOMALY_WINDOW_DAYS.min} to ${ANOMALY_WINDOW_DAYS.max}.`}
              error={fieldError("anomalyWindowDays")}
              className="form__field--narrow"
            />
            <label className="switch">
              <input
                type="checkbox"
                checked={values.notifyAnomalies}
                onChange={(event) => set("notifyAnomalies", event.target.checked)}
              />
              <span>Email about anomalies</span>
            </label>
            <SelectField
              label="Email anomalies of priority"
              value={values.notifyMinPriority}
              disabled={!values.notifyAnomalies}
              onChange={(event) => {
                if (isFalcoPriority(event.target.value)) set("notifyMinPriority", event.target.value);
              }}
              hint="At most one email per signature within the anomaly window; silenced events never cause one."
              error={fieldError("notifyMinPriority")}
              className="form__field--narrow"
            >
              <PriorityOptions />
            </SelectField>
          </fieldset>
          <fieldset className="fieldset form-section">
            <legend className="form-section__title">Summary email</legend>
            <RadioCards
              legend="How often"
              options={SUMMARY_OPTIONS}
              value={values.summary}
              onChange={(value) => set("summary", value)}
              error={fieldError("summary")}
              columns={3}
            />
            <p className="field__hint">
              {saved.lastSummaryAt
                ? `The last summary was sent ${formatDateTime(saved.lastSummaryAt)}.`
                : "No summary has been sent yet."}{" "}
              A period without events still gets one, saying so, so you know the emails work.
            </p>
          </fieldset>
          <fieldset className="fieldset form-section">
            <legend className="form-section__title">Recipients</legend>
            <RadioCards
              legend="Send the emails to"
              options={RECIPIENT_OPTIONS}
              value={values.recipients}
              onChange={(value) => set("recipients", value)}
              error={fieldError("recipients")}
            />
            {values.recipients === "addresses" ? (
              <Field
                label="Addresses"
                error={fieldError("addresses")}
                hint="Press Enter or type a comma after each address."
              >
                {(control) => (
                  <TagInput
                    {...control}
                    value={values.addresses}
                    onChange={(addresses) => set("addresses", addresses)}
                    placeholder="security@example.com"
                    disabled={!canWrite || saving}
                  />
                )}
              </Field>
            ) : null}
            {sendsMail ? null : (
              <p className="field__hint">Nothing is emailed while anomaly emails and the summary are both off.</p>
            )}
          </fieldset>
        </fieldset>
        {canWrite ? (
          <div className="form__actions">
            <Button type="submit" variant="primary" loading={saving} disabled={!dirty}>
              Save changes
            </Button>
            <Button onClick={discard} disabled={!dirty || saving}>
              Discard changes
            </Button>
            <span className="muted" role="status">
              {dirty ? `${changeCount} unsaved ${changeCount === 1 ? "change" : "changes"}` : ""}
            </span>
          </div>
        ) : null}
      </form>
      <ConfirmDialog
        open={confirming !== null}
        title={`Keep events of ${cluster.name} for ${confirming?.retentionDays ?? ""} days?`}
        confirmLabel="Shorten retention"
        onCancel={() => setConfirming(null)}
        onConfirm={async () => {
          if (!confirming) return;
          const input = confirming;
          setConfirming(null);
          await save(input);
        }}
      >
        <p>
          Events older than {confirming?.retentionDays ?? ""} days (they are kept {saved.retentionDays} days now) are
          deleted within the hour, and cannot be brought back.
        </p>
      </ConfirmDialog>
    </section>
  );
}
