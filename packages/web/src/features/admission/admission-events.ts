import type { BadgeTone } from "../../components/badge";
import type { AdmissionDecision, AdmissionEventFieldsFragment, AdmissionEventFilter } from "../../gql/graphql";

export const DECISIONS: readonly AdmissionDecision[] = ["denied", "would_deny", "warned", "allowed"];

export const DECISION_LABELS: Record<AdmissionDecision, string> = {
  allowed: "Allowed",
  denied: "Denied",
  warned: "Warned",
  would_deny: "Would deny",
};

export const DECISION_TONES: Record<AdmissionDecision, BadgeTone> = {
  allowed: "success",
  denied: "danger",
  warned: "warning",
  would_deny: "accent",
};

export const DECISION_DESCRIPTIONS: Record<AdmissionDecision, string> = {
  allowed: "Admitted: every image passed, or the namespace is exempt.",
  denied: "Refused: an image is non-compliant (or unscanned, when those are denied).",
  warned: "Admitted with a warning, because the mode is warn.",
  would_deny: "Admitted because enforcement is off; with enforcement on it would have been refused.",
};

export function isDecision(value: unknown): value is AdmissionDecision {
  return typeof value === "string" && (DECISIONS as readonly string[]).includes(value);
}

/** What the webhook found for each image; the api sends these as plain strings. */
const IMAGE_STATUSES: Record<string, { label: string; tone: BadgeTone }> = {
  compliant: { label: "Compliant", tone: "success" },
  non_compliant: { label: "Non-compliant", tone: "danger" },
  unscanned: { label: "Not scanned", tone: "neutral" },
  scan_failed: { label: "Scan failed", tone: "warning" },
  exempt: { label: "Exempt", tone: "info" },
  invalid: { label: "Invalid reference", tone: "danger" },
};

export function imageStatus(status: string): { label: string; tone: BadgeTone } {
  return IMAGE_STATUSES[status] ?? { label: status.replaceAll("_", " "), tone: "neutral" };
}

export type AdmissionFilterValues = { decision: AdmissionDecision | ""; namespace: string };

export const EMPTY_ADMISSION_FILTER: AdmissionFilterValues = { decision: "", namespace: "" };

export function toAdmissionFilter(values: AdmissionFilterValues): AdmissionEventFilter {
  const namespace = values.namespace.trim();
  return {
    ...(values.decision ? { decision: values.decision } : {}),
    ...(namespace ? { namespace } : {}),
  };
}

/** Whether a live decision belongs in the list the server returned for this filter. */
export function matchesAdmissionFilter(
  event: Pick<AdmissionEventFieldsFragment, "decision" | "namespace">,
  filter: AdmissionEventFilter,
): boolean {
  if (filter.decision && event.decision !== filter.decision) return false;
  if (filter.namespace && event.namespace !== filter.namespace) return false;
  return true;
}
