import type { BadgeTone } from "../../components/badge";
import type { ExceptionStatus, ExceptionType } from "../../gql/graphql";

export const EXCEPTION_TYPES: readonly ExceptionType[] = ["policy", "override", "gatekeeper"];
export const EXCEPTION_STATUSES: readonly ExceptionStatus[] = ["in_review", "active", "inactive"];

export const TYPE_LABELS: Record<ExceptionType, string> = {
  policy: "Policy exception",
  override: "Severity override",
  gatekeeper: "Gatekeeper exemption",
};

export const TYPE_DESCRIPTIONS: Record<ExceptionType, string> = {
  policy: "Matching findings are not counted against the policies.",
  override: "Matching findings are counted at another severity.",
  gatekeeper: "Exempts resources from Gatekeeper constraints; never changes image verdicts.",
};

export const STATUS_LABELS: Record<ExceptionStatus, string> = {
  in_review: "In review",
  active: "Active",
  inactive: "Inactive",
};

export const STATUS_TONES: Record<ExceptionStatus, BadgeTone> = {
  in_review: "warning",
  active: "success",
  inactive: "neutral",
};

export const STATUS_DESCRIPTIONS: Record<ExceptionStatus, string> = {
  in_review: "Requested; it counts only once an administrator approves it.",
  active: "Counts while it is within its dates.",
  inactive: "Rejected, ended or switched off; it does not count.",
};

/** What an active exception's dates mean right now. */
export function timing(
  exception: { status: ExceptionStatus; startsAt: string; endsAt?: string | null },
  now = Date.now(),
): "scheduled" | "ended" | "current" {
  if (Date.parse(exception.startsAt) > now) return "scheduled";
  if (exception.endsAt && Date.parse(exception.endsAt) <= now) return "ended";
  return "current";
}

export const HISTORY_LABELS: Record<string, string> = {
  requested: "Requested",
  created: "Created",
  approved: "Approved",
  rejected: "Rejected",
  edited: "Edited",
  commented: "Commented",
  expired: "Expired",
  reminded: "Reminder sent",
};

/** Field names in the history, as people say them. */
export const FIELD_LABELS: Record<string, string> = {
  type: "Type",
  status: "Status",
  title: "Title",
  reason: "Reason",
  startsAt: "Starts",
  endsAt: "Ends",
  allClusters: "All clusters",
  clusterIds: "Clusters",
  allNamespaces: "All namespaces",
  namespaces: "Namespaces",
  allPolicies: "All policies",
  policyIds: "Policies",
  scannerId: "Scanner",
  issueId: "Issue id",
  imagePattern: "Image pattern",
  alternateSeverity: "Alternate severity",
  temporary: "Temporary",
};
