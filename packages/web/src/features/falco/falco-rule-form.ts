import type { FalcoRuleAction, FalcoRuleFieldsFragment, FalcoRuleInput } from "../../gql/graphql";
import { endsAtFromDay, isValidDay, lastDayOfEndsAt, todayUtc } from "../exceptions/exception-dates";

export type FalcoRuleFormValues = {
  name: string;
  action: FalcoRuleAction;
  rulePattern: string;
  imagePattern: string;
  allNamespaces: boolean;
  namespaces: string[];
  allClusters: boolean;
  clusterIds: string[];
  /** The last day the rule applies (UTC), YYYY-MM-DD; empty for no end. */
  endDay: string;
};

export type FalcoRuleFormField = keyof FalcoRuleFormValues;

export const NAME_MAX = 100;
export const PATTERN_MAX = 500;
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const ACTION_OPTIONS: ReadonlyArray<{ value: FalcoRuleAction; title: string; description: string }> = [
  {
    value: "silence",
    title: "Silence",
    description: "Keep matching events, marked silenced, but never email about them.",
  },
  {
    value: "ignore",
    title: "Ignore",
    description: "Drop matching events: they are not stored at all, and cannot be seen later.",
  },
];

export const ACTION_LABELS: Record<FalcoRuleAction, string> = { ignore: "Ignore", silence: "Silence" };

export function emptyFalcoRuleValues(): FalcoRuleFormValues {
  return {
    name: "",
    action: "silence",
    rulePattern: "",
    imagePattern: "",
    allNamespaces: true,
    namespaces: [],
    allClusters: true,
    clusterIds: [],
    endDay: "",
  };
}

export function valuesFromFalcoRule(rule: FalcoRuleFieldsFragment): FalcoRuleFormValues {
  return {
    name: rule.name,
    action: rule.action,
    rulePattern: rule.rulePattern ?? "",
    imagePattern: rule.imagePattern ?? "",
    allNamespaces: rule.namespaces.length === 0,
    namespaces: [...rule.namespaces],
    allClusters: rule.clusterIds.length === 0,
    clusterIds: [...rule.clusterIds],
    endDay: rule.endsAt ? lastDayOfEndsAt(rule.endsAt) : "",
  };
}

/** Whether the rule would match every event of every cluster. */
export function matchesEverything(values: FalcoRuleFormValues): boolean {
  const anyPattern = (pattern: string) => !pattern.trim() || /^\*+$/.test(pattern.trim());
  return (
    anyPattern(values.rulePattern) &&
    anyPattern(values.imagePattern) &&
    (values.allNamespaces || !values.namespaces.length) &&
    (values.allClusters || !values.clusterIds.length)
  );
}

/**
 * The form's own checks. `original` is the rule being edited: its end may stay in the past (an
 * ended rule can be renamed), but a new or changed end must be today or later.
 */
export function validateFalcoRule(
  values: FalcoRuleFormValues,
  original: FalcoRuleFieldsFragment | null = null,
  today: string = todayUtc(),
): Partial<Record<FalcoRuleFormField, string>> {
  const problems: Partial<Record<FalcoRuleFormField, string>> = {};
  const name = values.name.trim();
  if (!name) problems.name = "Enter a name";
  else if (name.length > NAME_MAX) problems.name = `Use at most ${NAME_MAX} characters`;
  if (values.rulePattern.trim().length > PATTERN_MAX) problems.rulePattern = `Use at most ${PATTERN_MAX} characters`;
  if (values.imagePattern.trim().length > PATTERN_MAX) problems.imagePattern = `Use at most ${PATTERN_MAX} characters`;
  if (!values.allNamespaces) {
    const bad = values.namespaces.find((namespace) => namespace.length > 63 || !NAMESPACE_NAME.test(namespace));
    if (bad)
      problems.namespaces = `"${bad}" is not a namespace name: lower-case letters, digits and dashes, up to 63 characters`;
    else if (!values.namespaces.length) problems.namespaces = "Add a namespace, or choose all namespaces";
  }
  if (!values.allClusters && !values.clusterIds.length) problems.clusterIds = "Choose a cluster, or all clusters";
  if (values.endDay) {
    const unchanged = original?.endsAt ? lastDayOfEndsAt(original.endsAt) === values.endDay : false;
    if (!isValidDay(values.endDay)) problems.endDay = "Enter a date";
    else if (!unchanged && values.endDay < today) problems.endDay = "Choose today or a later day";
  }
  if (values.action === "ignore" && !problems.rulePattern && matchesEverything(values)) {
    problems.rulePattern =
      "An ignore rule that matches everything would drop every event: give a rule, an image, namespaces or clusters";
  }
  return problems;
}

function pattern(value: string): string | null {
  return value.trim() || null;
}

/** The input for the values; an unchanged end keeps the rule's exact end. */
export function toFalcoRuleInput(
  values: FalcoRuleFormValues,
  original: FalcoRuleFieldsFragment | null = null,
): FalcoRuleInput {
  let endsAt: string | null = null;
  if (values.endDay) {
    endsAt =
      original?.endsAt && lastDayOfEndsAt(original.endsAt) === values.endDay
        ? original.endsAt
        : endsAtFromDay(values.endDay);
  }
  return {
    name: values.name.trim(),
    action: values.action,
    rulePattern: pattern(values.rulePattern),
    imagePattern: pattern(values.imagePattern),
    namespaces: values.allNamespaces ? [] : values.namespaces,
    clusterIds: values.allClusters ? [] : values.clusterIds,
    endsAt,
  };
}
