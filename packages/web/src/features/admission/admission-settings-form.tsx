import { type FormEvent, useEffect, useState } from "react";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { Field, FormError, SelectField, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import { SectionHeader } from "../../components/page-header";
import { type Option, RadioCards } from "../../components/radio-cards";
import { TagInput } from "../../components/tag-input";
import type { AdmissionSettingsFieldsFragment, AdmissionSettingsInput } from "../../gql/graphql";
import { focusFirstInvalid } from "../../lib/focus-invalid";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { useCan } from "../auth/viewer";
import {
  type AdmissionSettingsField,
  type AdmissionSettingsValues,
  changedSettings,
  FAILURE_POLICY_OPTIONS,
  missingExemptions,
  MODE_OPTIONS,
  type RiskyChange,
  riskyChanges,
  settingsProblems,
  STALE_SECONDS_MAX,
  STALE_SECONDS_MIN,
  toValues,
  UNSCANNED_OPTIONS,
} from "./admission-settings";
import { useUpdateAdmissionSettings } from "./use-admission";

type ClusterWithSettings = { id: string; name: string; admissionSettings: AdmissionSettingsFieldsFragment };

const FORM_ID = "admission-settings-form";

const ENFORCEMENT_OPTIONS: ReadonlyArray<Option<"off" | "on">> = [
  {
    value: "off",
    title: "Off: record only",
    description: "Every request is admitted. What would have been refused is recorded as Would deny.",
  },
  {
    value: "on",
    title: "On: enforce",
    description: "Decisions take effect, as the mode below says.",
  },
];

/** The state of enforcement in a word, for the section's header. */
export function EnforcementBadge({ settings }: { settings: AdmissionSettingsFieldsFragment }) {
  if (!settings.enforcementEnabled) {
    return (
      <Badge tone="neutral" title="Everything is admitted; what would have been denied is recorded">
        Not enforcing
      </Badge>
    );
  }
  return settings.mode === "deny" ? (
    <Badge tone="success" title="Non-compliant images are refused">
      Enforcing: deny
    </Badge>
  ) : (
    <Badge tone="info" title="Non-compliant images are admitted with a warning">
      Enforcing: warn
    </Badge>
  );
}

function ConfirmMessage({
  risky,
  clusterName,
  values,
}: {
  risky: RiskyChange[];
  clusterName: string;
  values: AdmissionSettingsValues;
}) {
  return (
    <>
      {risky.includes("enable-enforcement") ? (
        values.mode === "deny" ? (
          <p>
            From now on, pods and workloads in <strong>{clusterName}</strong> whose images are non-compliant will be{" "}
            <strong>refused</strong>
            {values.unscannedImages === "deny" ? ", and so will images Bulwark has never scanned" : ""}. Deployments
            that scale up or restart with such an image will not get their new pods. Check the decisions marked Would
            deny first to see what would be refused.
          </p>
        ) : (
          <p>
            From now on, pods and workloads in <strong>{clusterName}</strong> whose images are non-compliant are
            admitted with a warning that kubectl shows to whoever applied them. Nothing is refused in warn mode.
          </p>
        )
      ) : null}
      {risky.includes("fail-closed") ? (
        <p>
          With failure policy <strong>Fail</strong>, whenever the webhook is down, unreachable or too slow, Kubernetes
          refuses every pod creation it would have checked, in every namespace that is not exempt, until the webhook
          answers again. Keep kube-system and the agent's own namespace exempt.
        </p>
      ) : null}
    </>
  );
}

function confirmWording(risky: RiskyChange[], clusterName: string): { title: string; label: string } {
  if (risky.length > 1) return { title: `Enforce and fail closed in ${clusterName}?`, label: "Save changes" };
  if (risky[0] === "fail-closed")
    return { title: `Switch ${clusterName} to failure policy Fail?`, label: "Switch to Fail" };
  return { title: `Turn on enforcement in ${clusterName}?`, label: "Turn on enforcement" };
}

/**
 * How a cluster's admission webhook decides. Saving sends only the settings that changed, and asks
 * first before turning enforcement on or switching to failure policy Fail.
 */
export function AdmissionSettingsForm({ cluster }: { cluster: ClusterWithSettings }) {
  const canWrite = useCan("cluster:write");
  const notify = useNotify();
  const { update, saving } = useUpdateAdmissionSettings();
  const [saved, setSaved] = useState(cluster.admissionSettings);
  const [values, setValues] = useState(() => toValues(cluster.admissionSettings));
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirming, setConfirming] = useState<{ input: AdmissionSettingsInput; risky: RiskyChange[] } | null>(null);

  const changes = changedSettings(saved, values);
  const changeCount = Object.keys(changes).length;
  const dirty = changeCount > 0;

  // Settings changed elsewhere are taken up while nothing here is being edited.
  const incoming = cluster.admissionSettings;
  useEffect(() => {
    if (!dirty) {
      setSaved(incoming);
      setValues(toValues(incoming));
    }
    // Only a new answer from the server resets the form, not an edit here.
  }, [incoming]);

  const clientProblems = checked ? settingsProblems(values) : {};
  const fieldError = (field: AdmissionSettingsField) => clientProblems[field] ?? problem?.fieldErrors[field];
  const general = problem && !Object.keys(problem.fieldErrors).length ? problem.message : null;

  const set = <K extends AdmissionSettingsField>(key: K, value: AdmissionSettingsValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (problem?.fieldErrors[key]) {
      setProblem((current) => {
        if (!current) return current;
        const { [key]: _cleared, ...rest } = current.fieldErrors;
        return { ...current, fieldErrors: rest };
      });
    }
  };

  const save = async (input: AdmissionSettingsInput) => {
    setProblem(null);
    try {
      const result = await update(cluster.id, input);
      if (result) {
        setSaved(result.admissionSettings);
        setValues(toValues(result.admissionSettings));
      }
      setChecked(false);
      notify(`Admission settings of ${cluster.name} saved`);
    } catch (caught) {
      setProblem(toProblem(caught));
      focusFirstInvalid(FORM_ID);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(settingsProblems(values)).length) {
      focusFirstInvalid(FORM_ID);
      return;
    }
    const input = changedSettings(saved, values);
    if (!Object.keys(input).length) return;
    const risky = riskyChanges(input);
    if (risky.length) setConfirming({ input, risky });
    else void save(input);
  };

  const discard = () => {
    setValues(toValues(saved));
    setProblem(null);
    setChecked(false);
  };

  const missing = missingExemptions(values.exemptNamespaces);
  const wording = confirming ? confirmWording(confirming.risky, cluster.name) : null;

  return (
    <section className="card" aria-labelledby="admission-settings-title">
      <SectionHeader
        title={<span id="admission-settings-title">Admission settings</span>}
        description={`How the webhook in ${cluster.name} decides. It checks every container of new pods and workloads, init and ephemeral included, and picks up changes within seconds.`}
        actions={<EnforcementBadge settings={saved} />}
      />
      {canWrite ? null : (
        <p className="field__hint admission-form__read-only">
          You can see these settings; changing them needs the <code>cluster:write</code> permission.
        </p>
      )}
      <form id={FORM_ID} className="form admission-form" onSubmit={submit} noValidate>
        <FormError message={general} />
        <fieldset className="fieldset admission-form__fields" disabled={!canWrite || saving}>
          <RadioCards
            legend="Enforcement"
            options={ENFORCEMENT_OPTIONS}
            value={values.enforcementEnabled ? "on" : "off"}
            onChange={(value) => set("enforcementEnabled", value === "on")}
            error={fieldError("enforcementEnabled")}
          />
          <RadioCards
            legend="Mode: what happens to a non-compliant image"
            options={MODE_OPTIONS}
            value={values.mode}
            onChange={(value) => set("mode", value)}
            error={fieldError("mode")}
          />
          <RadioCards
            legend="Images never scanned"
            options={UNSCANNED_OPTIONS}
            value={values.unscannedImages}
            onChange={(value) => set("unscannedImages", value)}
            error={fieldError("unscannedImages")}
          />
          <Field
            label="Exempt namespaces"
            error={fieldError("exemptNamespaces")}
            hint={
              <>
                Pods here are always admitted and never checked. Keep the agent's own namespace (<code>bulwark</code>{" "}
                unless you installed it elsewhere) and <code>kube-system</code> in the list, so the webhook never blocks
                itself or Kubernetes' own components. Press Enter or type a comma after each name.
              </>
            }
          >
            {(control) => (
              <TagInput
                {...control}
                value={values.exemptNamespaces}
                onChange={(namespaces) => set("exemptNamespaces", namespaces)}
                placeholder="kube-system, bulwark"
                disabled={!canWrite || saving}
              />
            )}
          </Field>
          {missing.length ? (
            <p className="notice-inline" role="status">
              {missing.map((name, index) => (
                <span key={name}>
                  {index ? " and " : ""}
                  <code>{name}</code>
                </span>
              ))}{" "}
              {missing.length > 1 ? "are" : "is"} not exempt: the webhook would then check{" "}
              {missing.length > 1 ? "their" : "its"} pods too.
              {missing.includes("kube-system")
                ? " With failure policy Fail, a webhook outage could then stop Kubernetes' own components."
                : ""}
            </p>
          ) : null}
          <div className="form__row">
            <TextField
              label="Snapshot is stale after (seconds)"
              type="number"
              inputMode="numeric"
              min={STALE_SECONDS_MIN}
              max={STALE_SECONDS_MAX}
              step={1}
              value={values.staleSnapshotSeconds}
              onChange={(event) => set("staleSnapshotSeconds", event.target.value)}
              hint={`The webhook decides from a local copy of the verdicts, kept fresh over a live connection. ${STALE_SECONDS_MIN} to ${STALE_SECONDS_MAX}.`}
              error={fieldError("staleSnapshotSeconds")}
            />
            <SelectField
              label="Then"
              value={values.staleSnapshotAction}
              onChange={(event) => set("staleSnapshotAction", event.target.value === "deny" ? "deny" : "allow")}
              hint="What the webhook does while its copy is older than that, e.g. when Bulwark is unreachable."
              error={fieldError("staleSnapshotAction")}
            >
              <option value="allow">Allow: admit, and record the decision</option>
              <option value="deny">Deny: refuse until the copy is fresh again</option>
            </SelectField>
          </div>
          <RadioCards
            legend="Failure policy: when the webhook cannot answer"
            hint="Kubernetes applies it when the webhook is down, unreachable or slower than 3 seconds."
            options={FAILURE_POLICY_OPTIONS}
            value={values.failurePolicy}
            onChange={(value) => set("failurePolicy", value)}
            error={fieldError("failurePolicy")}
          />
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
        title={wording?.title ?? ""}
        confirmLabel={wording?.label ?? "Save changes"}
        tone={confirming?.risky.includes("fail-closed") ? "danger" : "primary"}
        onCancel={() => setConfirming(null)}
        onConfirm={async () => {
          if (!confirming) return;
          const { input } = confirming;
          setConfirming(null);
          await save(input);
        }}
      >
        {confirming ? <ConfirmMessage risky={confirming.risky} clusterName={cluster.name} values={values} /> : null}
      </ConfirmDialog>
    </section>
  );
}
