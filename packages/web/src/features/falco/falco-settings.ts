import type {
  FalcoPriority,
  FalcoRecipients,
  FalcoSettingsFieldsFragment,
  FalcoSettingsInput,
  FalcoSummaryFrequency,
} from "../../gql/graphql";

export type FalcoSettingsValues = {
  minimumPriority: FalcoPriority;
  /** As typed; checked and turned into numbers on save. */
  retentionDays: string;
  anomalyWindowDays: string;
  notifyAnomalies: boolean;
  notifyMinPriority: FalcoPriority;
  recipients: FalcoRecipients;
  addresses: string[];
  summary: FalcoSummaryFrequency;
};

export type FalcoSettingsField = keyof FalcoSettingsValues;

export const RETENTION_DAYS = { min: 1, max: 3650 } as const;
export const ANOMALY_WINDOW_DAYS = { min: 1, max: 365 } as const;
export const MAX_ADDRESSES = 50;

// Deliberately loose: one @, something on both sides, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function toSettingsValues(settings: FalcoSettingsFieldsFragment): FalcoSettingsValues {
  return {
    minimumPriority: settings.minimumPriority,
    retentionDays: String(settings.retentionDays),
    anomalyWindowDays: String(settings.anomalyWindowDays),
    notifyAnomalies: settings.notifyAnomalies,
    notifyMinPriority: settings.notifyMinPriority,
    recipients: settings.recipients,
    addresses: [...settings.addresses],
    summary: settings.summary,
  };
}

function wholeDays(value: string, range: { min: number; max: number }): string | null {
  const text = value.trim();
  const number = Number(text);
  if (!text || !Number.isInteger(number)) return "Enter a whole number of days";
  if (number < range.min || number > range.max) return `Use ${range.min} to ${range.max.toLocaleString()} days`;
  return null;
}

/** The form's own checks, the same rules the api applies; each problem belongs to one field. */
export function falcoSettingsProblems(values: FalcoSettingsValues): Partial<Record<FalcoSettingsField, string>> {
  const problems: Partial<Record<FalcoSettingsField, string>> = {};
  const retention = wholeDays(values.retentionDays, RETENTION_DAYS);
  if (retention) problems.retentionDays = retention;
  const anomalyWindow = wholeDays(values.anomalyWindowDays, ANOMALY_WINDOW_DAYS);
  if (anomalyWindow) problems.anomalyWindowDays = anomalyWindow;
  const bad = values.addresses.find((address) => !EMAIL.test(address));
  if (bad) problems.addresses = `"${bad}" is not an email address`;
  else if (values.addresses.length > MAX_ADDRESSES) problems.addresses = `Use at most ${MAX_ADDRESSES} addresses`;
  else if (
    values.recipients === "addresses" &&
    !values.addresses.length &&
    (values.notifyAnomalies || values.summary !== "none")
  )
    problems.addresses = "Add at least one address, or send to all administrators";
  return problems;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a.map((item) => item.toLowerCase()))].sort();
  const right = [...new Set(b.map((item) => item.toLowerCase()))].sort();
  return left.length === right.length && left.every((item, index) => item === right[index]);
}

/**
 * Only what differs from the saved settings, so a save never overwrites a setting someone else
 * changed meanwhile. Call it with values that passed `falcoSettingsProblems`.
 */
export function changedFalcoSettings(
  saved: FalcoSettingsFieldsFragment,
  values: FalcoSettingsValues,
): FalcoSettingsInput {
  const input: FalcoSettingsInput = {};
  if (values.minimumPriority !== saved.minimumPriority) input.minimumPriority = values.minimumPriority;
  const retention = Number(values.retentionDays.trim());
  if (values.retentionDays.trim() && retention !== saved.retentionDays) input.retentionDays = retention;
  const anomalyWindow = Number(values.anomalyWindowDays.trim());
  if (values.anomalyWindowDays.trim() && anomalyWindow !== saved.anomalyWindowDays)
    input.anomalyWindowDays = anomalyWindow;
  if (values.notifyAnomalies !== saved.notifyAnomalies) input.notifyAnomalies = values.notifyAnomalies;
  if (values.notifyMinPriority !== saved.notifyMinPriority) input.notifyMinPriority = values.notifyMinPriority;
  if (values.recipients !== saved.recipients) input.recipients = values.recipients;
  if (!sameList(values.addresses, saved.addresses)) input.addresses = values.addresses;
  if (values.summary !== saved.summary) input.summary = values.summary;
  return input;
}

/** Whether saving deletes events: a shorter retention removes what is now too old within the hour. */
export function shortensRetention(saved: FalcoSettingsFieldsFragment, input: FalcoSettingsInput): boolean {
  return input.retentionDays !== undefined && input.retentionDays !== null && input.retentionDays < saved.retentionDays;
}

export const RECIPIENT_OPTIONS: ReadonlyArray<{ value: FalcoRecipients; title: string; description: string }> = [
  {
    value: "all_admins",
    title: "All administrators",
    description: "Every active admin and super admin, at the address of their account.",
  },
  { value: "addresses", title: "These addresses", description: "Only the addresses listed below, e.g. a team list." },
];

export const SUMMARY_OPTIONS: ReadonlyArray<{ value: FalcoSummaryFrequency; title: string; description: string }> = [
  { value: "none", title: "No summary", description: "Only anomaly emails, if they are on." },
  {
    value: "daily",
    title: "Daily",
    description: "Each morning (UTC): the previous day's events by priority, top rules and workloads, new anomalies.",
  },
  {
    value: "weekly",
    title: "Weekly",
    description: "Each Monday (UTC): the same for the previous week.",
  },
];
