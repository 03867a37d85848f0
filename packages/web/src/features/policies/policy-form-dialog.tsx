import { useQuery } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { CheckboxList } from "../../components/checkbox-list";
import { Dialog } from "../../components/dialog";
import { Field, FormError, TextAreaField, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import type { PolicyFieldsFragment } from "../../gql/graphql";
import { focusFirstInvalid } from "../../lib/focus-invalid";
import { pathErrorsOf, type Problem, toProblem } from "../../lib/graphql-errors";
import { ClusterOptionsDocument } from "../clusters/clusters.graphql";
import { thresholdErrorsFrom } from "./scanner-form-dialog";
import { ThresholdFields } from "./threshold-fields";
import { defaultThresholdValues, type ThresholdValues, thresholdProblems, thresholdsToInput } from "./thresholds";
import { useSavePolicy } from "./use-policies";

type Values = {
  name: string;
  description: string;
  active: boolean;
  enforced: boolean;
  allClusters: boolean;
  clusterIds: string[];
  rescanPeriodDays: string;
  graceDays: string;
};

function initialValues(policy: PolicyFieldsFragment | null | undefined): Values {
  return {
    name: policy?.name ?? "",
    description: policy?.description ?? "",
    active: policy?.active ?? true,
    enforced: policy?.enforced ?? true,
    allClusters: policy?.allClusters ?? true,
    clusterIds: policy?.clusters.map((cluster) => cluster.id) ?? [],
    rescanPeriodDays: String(policy?.rescanPeriodDays ?? 7),
    graceDays: String(policy?.graceDays ?? 0),
  };
}

function daysProblem(value: string, min: number, max: number): string | null {
  const text = value.trim();
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    return `Enter a whole number of days from ${min} to ${max}`;
  return null;
}

type PolicyFormDialogProps = {
  /** The policy to edit; without it the dialog creates one, with its first scanner. */
  policy?: PolicyFieldsFragment | null;
  onClose: () => void;
};

export function PolicyFormDialog({ policy, onClose }: PolicyFormDialogProps) {
  const [values, setValues] = useState<Values>(() => initialValues(policy));
  const [withScanner, setWithScanner] = useState(true);
  const [thresholds, setThresholds] = useState<ThresholdValues>(defaultThresholdValues);
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [serverPaths, setServerPaths] = useState<Record<string, string>>({});
  const clusters = useQuery(ClusterOptionsDocument).data?.clusters ?? [];
  const { create, update, saving } = useSavePolicy();
  const notify = useNotify();
  const creating = !policy;

  const local = {
    name: checked && !values.name.trim() ? "Enter a name" : null,
    clusterIds: checked && !values.allClusters && !values.clusterIds.length ? "Choose at least one cluster" : null,
    rescanPeriodDays: checked ? daysProblem(values.rescanPeriodDays, 1, 365) : null,
    graceDays: checked ? daysProblem(values.graceDays, 0, 365) : null,
  };
  const scannerErrors = {
    ...thresholdErrorsFrom(serverPaths, "scanners.0.thresholds."),
    ...(checked && creating && withScanner ? thresholdProblems(thresholds) : {}),
  };
  const fieldError = (key: keyof Values) =>
    (key in local ? local[key as keyof typeof local] : null) ?? problem?.fieldErrors[key];
  const knownFields = ["name", "description", "clusterIds", "rescanPeriodDays", "graceDays", "scanners"];
  const general = problem && !knownFields.some((field) => problem.fieldErrors[field]) ? problem.message : null;

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    const invalid =
      !values.name.trim() ||
      (!values.allClusters && !values.clusterIds.length) ||
      daysProblem(values.rescanPeriodDays, 1, 365) ||
      daysProblem(values.graceDays, 0, 365) ||
      (creating && withScanner && Object.keys(thresholdProblems(thresholds)).length);
    if (invalid) {
      focusFirstInvalid("policy-form");
      return;
    }
    setProblem(null);
    setServerPaths({});
    const input = {
      name: values.name.trim(),
      description: values.description.trim(),
      active: values.active,
      enforced: values.enforced,
      allClusters: values.allClusters,
      clusterIds: values.allClusters ? [] : values.clusterIds,
      rescanPeriodDays: Number(values.rescanPeriodDays),
      graceDays: Number(values.graceDays),
    };
    try {
      if (policy) {
        await update({ variables: { id: policy.id, input } });
        notify(`Policy ${input.name} saved`);
      } else {
        await create({
          variables: {
            input: {
              ...input,
              scanners: withScanner
                ? [
                    {
                      name: "Trivy",
                      type: "trivy",
                      active: true,
                      required: true,
                      thresholds: thresholdsToInput(thresholds),
                    },
                  ]
                : [],
            },
          },
        });
        notify(`Policy ${input.name} created`);
      }
      onClose();
    } catch (caught) {
      setProblem(toProblem(caught));
      setServerPaths(pathErrorsOf(caught));
    }
  };

  return (
    <Dialog
      open
      title={policy ? `Edit policy ${policy.name}` : "New policy"}
      description="Every change recomputes the verdicts of the clusters the policy covers."
      onClose={saving ? undefined : onClose}
      closeOnBackdrop={false}
      size="lg"
      footer={
        <>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" form="policy-form" variant="primary" loading={saving}>
            {policy ? "Save policy" : "Create policy"}
          </Button>
        </>
      }
    >
      <form id="policy-form" className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={general} />
        <TextField
          label="Name"
          required
          maxLength={100}
          value={values.name}
          onChange={(event) => set("name", event.target.value)}
          error={fieldError("name")}
        />
        <TextAreaField
          label="Description"
          maxLength={2000}
          value={values.description}
          onChange={(event) => set("description", event.target.value)}
          error={fieldError("description")}
        />
        <fieldset className="fieldset">
          <legend className="field__label">Mode</legend>
          <div className="radio-cards radio-cards--two">
            <label className={`radio-card${values.enforced ? " radio-card--checked" : ""}`}>
              <input type="radio" name="policy-mode" checked={values.enforced} onChange={() => set("enforced", true)} />
              <span className="radio-card__title">Enforced: blocks</span>
              <span className="radio-card__description">
                An image that fails it is non-compliant, and admission refuses it.
              </span>
            </label>
            <label className={`radio-card${!values.enforced ? " radio-card--checked" : ""}`}>
              <input
                type="radio"
                name="policy-mode"
                checked={!values.enforced}
                onChange={() => set("enforced", false)}
              />
              <span className="radio-card__title">Advisory: reports only</span>
              <span className="radio-card__description">Failures are shown as reasons but never block.</span>
            </label>
          </div>
        </fieldset>
        <label className="switch">
          <input type="checkbox" checked={values.active} onChange={(event) => set("active", event.target.checked)} />
          <span>Active: an inactive policy is kept but judges nothing</span>
        </label>
        <div className="scope-choice">
          <label className="switch scope-choice__all">
            <input
              type="checkbox"
              checked={values.allClusters}
              onChange={(event) => set("allClusters", event.target.checked)}
            />
            <span>All clusters, including clusters added later</span>
          </label>
          {values.allClusters ? null : (
            <Field label="Clusters" error={fieldError("clusterIds")}>
              {(control) => (
                <CheckboxList
                  {...control}
                  label="Clusters"
                  options={clusters.map((cluster) => ({ value: cluster.id, label: cluster.name }))}
                  value={values.clusterIds}
                  onChange={(ids) => set("clusterIds", ids)}
                  empty="There are no clusters yet."
                />
              )}
            </Field>
          )}
        </div>
        <div className="form__row">
          <TextField
            label="Rescan every (days)"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            step={1}
            value={values.rescanPeriodDays}
            onChange={(event) => set("rescanPeriodDays", event.target.value)}
            hint="Images scanned longer ago than this are queued for a new scan."
            error={fieldError("rescanPeriodDays")}
          />
          <TextField
            label="Grace days"
            type="number"
            inputMode="numeric"
            min={0}
            max={365}
            step={1}
            value={values.graceDays}
            onChange={(event) => set("graceDays", event.target.value)}
            hint="New problems in an enforced policy get a temporary exception for this many days. 0: none."
            error={fieldError("graceDays")}
          />
        </div>
        {creating ? (
          <fieldset className="fieldset form-section">
            <legend className="form-section__title">Scanner</legend>
            <label className="switch">
              <input type="checkbox" checked={withScanner} onChange={(event) => setWithScanner(event.target.checked)} />
              <span>Start with a required Trivy scanner (more can be added later)</span>
            </label>
            {withScanner ? (
              <ThresholdFields values={thresholds} onChange={setThresholds} errors={scannerErrors} />
            ) : null}
          </fieldset>
        ) : null}
      </form>
    </Dialog>
  );
}
