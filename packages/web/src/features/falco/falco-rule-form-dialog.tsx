import { useQuery } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { CheckboxList } from "../../components/checkbox-list";
import { Dialog } from "../../components/dialog";
import { FormError, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import { RadioCards } from "../../components/radio-cards";
import { ScopeChoice } from "../../components/scope-choice";
import { TagInput } from "../../components/tag-input";
import type { FalcoRuleFieldsFragment } from "../../gql/graphql";
import { focusFirstInvalid } from "../../lib/focus-invalid";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { ClusterOptionsDocument } from "../clusters/clusters.graphql";
import { todayUtc } from "../exceptions/exception-dates";
import {
  ACTION_OPTIONS,
  emptyFalcoRuleValues,
  type FalcoRuleFormField,
  type FalcoRuleFormValues,
  matchesEverything,
  NAME_MAX,
  toFalcoRuleInput,
  validateFalcoRule,
  valuesFromFalcoRule,
} from "./falco-rule-form";
import { useSaveFalcoRule } from "./use-falco";

const FORM_ID = "falco-rule-form";

type FalcoRuleFormDialogProps = {
  /** The rule to edit; without it the dialog creates one. */
  rule?: FalcoRuleFieldsFragment | null;
  /** Values to start a new rule from, e.g. an event's rule and image. */
  initial?: Partial<FalcoRuleFormValues>;
  onClose: () => void;
};

/** Creates or edits a rule that ignores or silences the Falco events it matches. */
export function FalcoRuleFormDialog({ rule = null, initial, onClose }: FalcoRuleFormDialogProps) {
  const [values, setValues] = useState<FalcoRuleFormValues>(() =>
    rule ? valuesFromFalcoRule(rule) : { ...emptyFalcoRuleValues(), ...initial },
  );
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const { create, update, saving } = useSaveFalcoRule();
  const clusters = useQuery(ClusterOptionsDocument).data?.clusters ?? [];
  const notify = useNotify();

  const local = checked ? validateFalcoRule(values, rule) : {};
  const serverErrors: Partial<Record<FalcoRuleFormField, string>> = {};
  for (const [field, message] of Object.entries(problem?.fieldErrors ?? {})) {
    const formField = field === "endsAt" ? "endDay" : field;
    if (formField in values) serverErrors[formField as FalcoRuleFormField] = message;
  }
  const errorOf = (field: FalcoRuleFormField) => local[field] ?? serverErrors[field];
  const general = problem && !Object.keys(serverErrors).length ? problem.message : null;

  const set = <K extends FalcoRuleFormField>(key: K, value: FalcoRuleFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setProblem(null);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(validateFalcoRule(values, rule)).length) {
      focusFirstInvalid(FORM_ID);
      return;
    }
    setProblem(null);
    try {
      const input = toFalcoRuleInput(values, rule);
      if (rule) {
        await update(rule.id, input);
        notify(`Rule ${input.name} saved`);
      } else {
        await create(input);
        notify(`Rule ${input.name} created`);
      }
      onClose();
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  return (
    <Dialog
      open
      title={rule ? `Edit rule ${rule.name}` : "New rule"}
      description="A rule applies to events that arrive from now on; events already stored keep their state."
      onClose={saving ? undefined : onClose}
      closeOnBackdrop={false}
      size="lg"
      footer={
        <>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} variant="primary" loading={saving}>
            {rule ? "Save rule" : "Create rule"}
          </Button>
        </>
      }
    >
      <form id={FORM_ID} className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={general} />
        <TextField
          label="Name"
          required
          maxLength={NAME_MAX}
          value={values.name}
          onChange={(event) => set("name", event.target.value)}
          hint="Says why, e.g. “Shells in the CI runners are expected”."
          error={errorOf("name")}
        />
        <RadioCards
          legend="Action"
          options={ACTION_OPTIONS}
          value={values.action}
          onChange={(action) => set("action", action)}
          error={errorOf("action")}
        />
        <fieldset className="fieldset form-section">
          <legend className="form-section__title">Matches</legend>
          <p className="field__hint">
            An event matches when every part below covers it. Patterns are globs: <code>*</code> matches anything, and
            case does not matter.
          </p>
          <div className="form__row">
            <TextField
              label="Falco rule"
              className="mono-field"
              spellCheck={false}
              autoComplete="off"
              placeholder="Terminal shell in container"
              value={values.rulePattern}
              onChange={(event) => set("rulePattern", event.target.value)}
              hint="The whole rule name, or a pattern such as *shell*. Empty: every rule."
              error={errorOf("rulePattern")}
            />
            <TextField
              label="Image"
              className="mono-field"
              spellCheck={false}
              autoComplete="off"
              placeholder="ghcr.io/acme/ci-runner:*"
              value={values.imagePattern}
              onChange={(event) => set("imagePattern", event.target.value)}
              hint="Repository and tag as Falco reports them. Events without an image never match a pattern. Empty: any image."
              error={errorOf("imagePattern")}
            />
          </div>
          <ScopeChoice
            label="Namespaces"
            allLabel="All namespaces"
            all={values.allNamespaces}
            onAll={(all) => set("allNamespaces", all)}
            hint="Press Enter or type a comma after each name."
            error={errorOf("namespaces")}
          >
            {(control) => (
              <TagInput
                {...control}
                value={values.namespaces}
                onChange={(namespaces) => set("namespaces", namespaces)}
                placeholder="kube-system, monitoring"
              />
            )}
          </ScopeChoice>
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
          {values.action === "silence" && matchesEverything(values) ? (
            <p className="notice-inline" role="status">
              This rule matches every event of every cluster: nothing will be emailed about any event.
            </p>
          ) : null}
        </fieldset>
        <TextField
          label="Last day"
          type="date"
          value={values.endDay}
          min={todayUtc()}
          onChange={(event) => set("endDay", event.target.value)}
          hint="The rule applies until and including this day (UTC), then ends. Leave empty for no end."
          error={errorOf("endDay")}
          className="form__field--narrow"
        />
      </form>
    </Dialog>
  );
}
