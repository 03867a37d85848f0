import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { CheckboxList } from "../../components/checkbox-list";
import { Dialog } from "../../components/dialog";
import { FormError, SelectField, TextAreaField, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import { ScopeChoice } from "../../components/scope-choice";
import { TagInput } from "../../components/tag-input";
import type { ExceptionFieldsFragment, ExceptionStatus, Severity } from "../../gql/graphql";
import { focusFirstInvalid } from "../../lib/focus-invalid";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { SEVERITIES, SEVERITY_LABELS } from "../../lib/severity";
import { todayUtc } from "./exception-dates";
import {
  emptyExceptionValues,
  type ExceptionFormField,
  type ExceptionFormValues,
  SERVER_FIELDS,
  toExceptionInput,
  toUpdateExceptionInput,
  validateException,
  valuesFromException,
} from "./exception-form";
import { EXCEPTION_STATUSES, EXCEPTION_TYPES, STATUS_LABELS, TYPE_DESCRIPTIONS, TYPE_LABELS } from "./exception-labels";
import { useExceptionScopeOptions, useSaveException } from "./use-exceptions";

/**
 * request: anyone with exception:request; it starts in review.
 * create: administrators; it is active at once.
 * edit: administrators; every field, including the status.
 */
export type ExceptionFormMode = "request" | "create" | "edit";

type ExceptionFormDialogProps = {
  mode: ExceptionFormMode;
  /** The exception to edit (edit mode). */
  exception?: ExceptionFieldsFragment | null;
  /** Values to start from (request and create), e.g. from a finding. */
  initial?: Partial<ExceptionFormValues>;
  onClose: () => void;
  onSaved?: (exception: ExceptionFieldsFragment) => void;
};

const TITLES: Record<ExceptionFormMode, string> = {
  request: "Request an exception",
  create: "New exception",
  edit: "Edit exception",
};

const SUBMIT_LABELS: Record<ExceptionFormMode, string> = {
  request: "Send request",
  create: "Create exception",
  edit: "Save changes",
};

const DESCRIPTIONS: Record<ExceptionFormMode, string> = {
  request:
    "An administrator reviews the request; it counts only once approved. You are told when it is approved or rejected.",
  create: "The exception is active at once, within its dates, and verdicts are recomputed.",
  edit: "Verdicts are recomputed when an active exception changes.",
};

export function ExceptionFormDialog({ mode, exception, initial, onClose, onSaved }: ExceptionFormDialogProps) {
  const [values, setValues] = useState<ExceptionFormValues>(() =>
    exception ? valuesFromException(exception) : { ...emptyExceptionValues(), ...initial },
  );
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const { saving, request, create, update } = useSaveException();
  const options = useExceptionScopeOptions().data;
  const notify = useNotify();

  const local = checked ? validateException(values) : {};
  const serverErrors: Partial<Record<ExceptionFormField, string>> = {};
  for (const [field, message] of Object.entries(problem?.fieldErrors ?? {})) {
    const formField = SERVER_FIELDS[field] ?? (field in values ? (field as ExceptionFormField) : null);
    if (formField) serverErrors[formField] = message;
  }
  const errorOf = (field: ExceptionFormField) => local[field] ?? serverErrors[field];
  const general = problem && !Object.keys(serverErrors).length ? problem.message : null;

  const set = <K extends ExceptionFormField>(key: K, value: ExceptionFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setProblem(null);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(validateException(values)).length) {
      focusFirstInvalid("exception-form");
      return;
    }
    setProblem(null);
    try {
      let saved: ExceptionFieldsFragment | undefined;
      if (mode === "edit" && exception) {
        const result = await update({
          variables: { id: exception.id, input: toUpdateExceptionInput(values, exception) },
        });
        saved = result.data?.updateException;
      } else if (mode === "create") {
        saved = (await create({ variables: { input: toExceptionInput(values) } })).data?.createException;
      } else {
        saved = (await request({ variables: { input: toExceptionInput(values) } })).data?.requestException;
      }
      if (saved) {
        notify(
          mode === "request"
            ? `Exception requested: ${saved.title}. An administrator will review it.`
            : mode === "create"
              ? `Exception ${saved.title} created`
              : `Exception ${saved.title} saved`,
        );
        onSaved?.(saved);
      }
      onClose();
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  const clusters = options?.clusters ?? [];
  const policies = options?.policies ?? [];
  const scannerChoices = policies.filter((policy) => policy.scanners.length);

  return (
    <Dialog
      open
      title={mode === "edit" && exception ? `Edit exception ${exception.title}` : TITLES[mode]}
      description={DESCRIPTIONS[mode]}
      onClose={saving ? undefined : onClose}
      closeOnBackdrop={false}
      size="lg"
      footer={
        <>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" form="exception-form" variant="primary" loading={saving}>
            {SUBMIT_LABELS[mode]}
          </Button>
        </>
      }
    >
      <form id="exception-form" className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={general} />
        <fieldset className="fieldset">
          <legend className="field__label">Type</legend>
          <div className="radio-cards">
            {EXCEPTION_TYPES.map((type) => (
              <label key={type} className={`radio-card${values.type === type ? " radio-card--checked" : ""}`}>
                <input
                  type="radio"
                  name="exception-type"
                  value={type}
                  checked={values.type === type}
                  onChange={() => set("type", type)}
                />
                <span className="radio-card__title">{TYPE_LABELS[type]}</span>
                <span className="radio-card__description">{TYPE_DESCRIPTIONS[type]}</span>
              </label>
            ))}
          </div>
          {errorOf("type") ? <p className="field__error">{errorOf("type")}</p> : null}
        </fieldset>
        {values.type === "override" ? (
          <SelectField
            label="Count matching findings as"
            required
            value={values.alternateSeverity}
            onChange={(event) => set("alternateSeverity", event.target.value as Severity | "")}
            hint="Their fixability does not change. An override can lower a severity or raise it."
            error={errorOf("alternateSeverity")}
          >
            <option value="">Choose a severity</option>
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {SEVERITY_LABELS[severity]}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          label="Title"
          required
          maxLength={200}
          value={values.title}
          onChange={(event) => set("title", event.target.value)}
          error={errorOf("title")}
        />
        <TextAreaField
          label="Reason"
          value={values.reason}
          maxLength={5000}
          onChange={(event) => set("reason", event.target.value)}
          hint="Why the exception is needed and what is being done about the issue. Reviewers read this."
          error={errorOf("reason")}
        />
        <div className="form__row">
          <TextField
            label="First day"
            type="date"
            required
            value={values.startDay}
            onChange={(event) => set("startDay", event.target.value)}
            hint="From 00:00 UTC that day."
            error={errorOf("startDay")}
          />
          <TextField
            label="Last day"
            type="date"
            value={values.endDay}
            min={values.startDay || todayUtc()}
            onChange={(event) => set("endDay", event.target.value)}
            hint="It holds until and including this day (UTC). Leave empty for no end."
            error={errorOf("endDay")}
          />
        </div>
        {mode === "edit" ? (
          <SelectField
            label="Status"
            value={values.status}
            onChange={(event) => set("status", event.target.value as ExceptionStatus)}
            error={errorOf("status")}
          >
            {EXCEPTION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </SelectField>
        ) : null}

        <fieldset className="fieldset form-section">
          <legend className="form-section__title">Scope</legend>
          <p className="field__hint">A finding is matched only when every part of the scope covers it.</p>
          <div className="form__row">
            <TextField
              label="Issue id"
              className="mono-field"
              value={values.issueId}
              spellCheck={false}
              placeholder="CVE-2024-3094"
              onChange={(event) => set("issueId", event.target.value)}
              hint="Empty: every issue."
              error={errorOf("issueId")}
            />
            <TextField
              label="Image pattern"
              className="mono-field"
              value={values.imagePattern}
              spellCheck={false}
              onChange={(event) => set("imagePattern", event.target.value)}
              hint={
                <>
                  A glob on registry/repository[:tag]: <code>*</code> matches anything, <code>?</code> one character.{" "}
                  <code>*</code> alone: every image.
                </>
              }
              error={errorOf("imagePattern")}
            />
          </div>
          <ScopeChoice
            label="Clusters"
            allLabel="All clusters"
            all={values.allClusters}
            onAll={(all) => set("allClusters", all)}
            error={errorOf("clusterIds")}
          >
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
          </ScopeChoice>
          <ScopeChoice
            label="Namespaces"
            allLabel="All namespaces"
            all={values.allNamespaces}
            onAll={(all) => set("allNamespaces", all)}
            hint="A cluster's own verdict for an image counts only exceptions for all namespaces; admission decisions count the listed ones."
            error={errorOf("namespaces")}
          >
            {(control) => (
              <TagInput
                {...control}
                value={values.namespaces}
                onChange={(namespaces) => set("namespaces", namespaces)}
                placeholder="payments, web"
              />
            )}
          </ScopeChoice>
          <ScopeChoice
            label="Policies"
            allLabel="All policies"
            all={values.allPolicies}
            onAll={(all) => set("allPolicies", all)}
            error={errorOf("policyIds")}
          >
            {(control) => (
              <CheckboxList
                {...control}
                label="Policies"
                options={policies.map((policy) => ({ value: policy.id, label: policy.name }))}
                value={values.policyIds}
                onChange={(ids) => set("policyIds", ids)}
                empty="There are no policies yet."
              />
            )}
          </ScopeChoice>
          <SelectField
            label="Scanner"
            value={values.scannerId}
            onChange={(event) => set("scannerId", event.target.value)}
            error={errorOf("scannerId")}
          >
            <option value="">Every scanner</option>
            {scannerChoices.map((policy) => (
              <optgroup key={policy.id} label={policy.name}>
                {policy.scanners.map((scanner) => (
                  <option key={scanner.id} value={scanner.id}>
                    {scanner.name} ({policy.name})
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </fieldset>
      </form>
    </Dialog>
  );
}
