import type {
  AdmissionMode,
  AdmissionSettingsFieldsFragment,
  AdmissionSettingsInput,
  StaleSnapshotAction,
  UnscannedImageAction,
  WebhookFailurePolicy,
} from "../../gql/graphql";

export type AdmissionSettingsValues = {
  enforcementEnabled: boolean;
  mode: AdmissionMode;
  unscannedImages: UnscannedImageAction;
  exemptNamespaces: string[];
  /** As typed; checked and turned into a number on save. */
  staleSnapshotSeconds: string;
  staleSnapshotAction: StaleSnapshotAction;
  failurePolicy: WebhookFailurePolicy;
};

export type AdmissionSettingsField = keyof AdmissionSettingsValues;

/** The namespaces the agent installs into and Kubernetes runs its own pods in: exempt by default. */
export const AGENT_NAMESPACE_DEFAULT = "bulwark";
export const SYSTEM_NAMESPACE = "kube-system";

export const STALE_SECONDS_MIN = 60;
export const STALE_SECONDS_MAX = 86_400;

const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function toValues(settings: AdmissionSettingsFieldsFragment): AdmissionSettingsValues {
  return {
    enforcementEnabled: settings.enforcementEnabled,
    mode: settings.mode,
    unscannedImages: settings.unscannedImages,
    exemptNamespaces: [...settings.exemptNamespaces],
    staleSnapshotSeconds: String(settings.staleSnapshotSeconds),
    staleSnapshotAction: settings.staleSnapshotAction,
    failurePolicy: settings.failurePolicy,
  };
}

function sameNamespaces(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((name, index) => name === right[index]);
}

/** The form's own checks, the same rules the api applies; each problem belongs to one field. */
export function settingsProblems(values: AdmissionSettingsValues): Partial<Record<AdmissionSettingsField, string>> {
  const problems: Partial<Record<AdmissionSettingsField, string>> = {};
  const seconds = values.staleSnapshotSeconds.trim();
  const number = Number(seconds);
  if (!seconds || !Number.isInteger(number)) problems.staleSnapshotSeconds = "Enter a whole number of seconds";
  else if (number < STALE_SECONDS_MIN || number > STALE_SECONDS_MAX)
    problems.staleSnapshotSeconds = `Use ${STALE_SECONDS_MIN} to ${STALE_SECONDS_MAX} seconds (a day)`;
  const bad = values.exemptNamespaces.find((name) => name.length > 63 || !NAMESPACE_NAME.test(name));
  if (bad) {
    problems.exemptNamespaces = `"${bad}" is not a namespace name: lower-case letters, digits and dashes, up to 63 characters`;
  } else if (values.exemptNamespaces.length > 200) {
    problems.exemptNamespaces = "Exempt at most 200 namespaces";
  }
  return problems;
}

/**
 * Only what differs from the saved settings, so a save never overwrites a setting someone else
 * changed meanwhile. Call it with values that passed `settingsProblems`.
 */
export function changedSettings(
  saved: AdmissionSettingsFieldsFragment,
  values: AdmissionSettingsValues,
): AdmissionSettingsInput {
  const input: AdmissionSettingsInput = {};
  if (values.enforcementEnabled !== saved.enforcementEnabled) input.enforcementEnabled = values.enforcementEnabled;
  if (values.mode !== saved.mode) input.mode = values.mode;
  if (values.unscannedImages !== saved.unscannedImages) input.unscannedImages = values.unscannedImages;
  if (!sameNamespaces(values.exemptNamespaces, saved.exemptNamespaces))
    input.exemptNamespaces = values.exemptNamespaces;
  const seconds = Number(values.staleSnapshotSeconds.trim());
  if (values.staleSnapshotSeconds.trim() && seconds !== saved.staleSnapshotSeconds)
    input.staleSnapshotSeconds = seconds;
  if (values.staleSnapshotAction !== saved.staleSnapshotAction) input.staleSnapshotAction = values.staleSnapshotAction;
  if (values.failurePolicy !== saved.failurePolicy) input.failurePolicy = values.failurePolicy;
  return input;
}

export type RiskyChange = "enable-enforcement" | "fail-closed";

/** Changes that can stop pods from starting, which the form asks about before saving. */
export function riskyChanges(input: AdmissionSettingsInput): RiskyChange[] {
  const risky: RiskyChange[] = [];
  if (input.enforcementEnabled === true) risky.push("enable-enforcement");
  if (input.failurePolicy === "Fail") risky.push("fail-closed");
  return risky;
}

/** Namespaces that should stay exempt and are not: the webhook would then check its own pods or the system's. */
export function missingExemptions(namespaces: readonly string[]): string[] {
  return [AGENT_NAMESPACE_DEFAULT, SYSTEM_NAMESPACE].filter((name) => !namespaces.includes(name));
}

export const MODE_OPTIONS: ReadonlyArray<{ value: AdmissionMode; title: string; description: string }> = [
  {
    value: "deny",
    title: "Deny",
    description: "Refuse pods and workloads with a non-compliant image. The message names each image and why.",
  },
  {
    value: "warn",
    title: "Warn",
    description: "Admit them, with a warning that kubectl shows to whoever applied them, and record the decision here.",
  },
];

export const UNSCANNED_OPTIONS: ReadonlyArray<{ value: UnscannedImageAction; title: string; description: string }> = [
  {
    value: "deny",
    title: "Deny",
    description:
      "Refuse images Bulwark has never scanned, saying so. A high-priority scan is queued, so a retry soon after can pass.",
  },
  {
    value: "allow",
    title: "Allow",
    description: "Admit them. A high-priority scan is queued and its verdict counts from then on.",
  },
];

export const FAILURE_POLICY_OPTIONS: ReadonlyArray<{
  value: WebhookFailurePolicy;
  title: string;
  description: string;
}> = [
  {
    value: "Ignore",
    title: "Ignore (fail open)",
    description: "When the webhook cannot answer, Kubernetes admits the request unchecked. Recommended.",
  },
  {
    value: "Fail",
    title: "Fail (fail closed)",
    description:
      "When the webhook cannot answer, Kubernetes refuses the request: while it is down, no pod can be created in the namespaces it checks.",
  },
];
