import type { AuditEntryFieldsFragment, AuditFilter } from "../../gql/graphql";

export type AuditOutcome = "" | "success" | "failure";
export type AuditFilterValues = { actionPrefix: string; outcome: AuditOutcome };

export const EMPTY_AUDIT_FILTER: AuditFilterValues = { actionPrefix: "", outcome: "" };

export function toAuditFilter(values: AuditFilterValues): AuditFilter {
  const actionPrefix = values.actionPrefix.trim();
  return {
    ...(actionPrefix ? { actionPrefix } : {}),
    ...(values.outcome ? { outcome: values.outcome } : {}),
  };
}

type EntryForFilter = Pick<
  AuditEntryFieldsFragment,
  "action" | "outcome" | "entityType" | "entityId" | "actorUserId" | "at"
>;

/** Whether a live entry belongs in the list the server returned for this filter (same rules as the server). */
export function matchesAuditFilter(entry: EntryForFilter, filter: AuditFilter): boolean {
  if (filter.action && entry.action !== filter.action) return false;
  if (filter.actionPrefix && !entry.action.startsWith(filter.actionPrefix)) return false;
  if (filter.outcome && entry.outcome !== filter.outcome) return false;
  if (filter.entityType && entry.entityType !== filter.entityType) return false;
  if (filter.entityId && entry.entityId !== filter.entityId) return false;
  if (filter.actorUserId && entry.actorUserId !== filter.actorUserId) return false;
  const at = Date.parse(entry.at);
  if (filter.since && at < Date.parse(filter.since)) return false;
  if (filter.until && at > Date.parse(filter.until)) return false;
  return true;
}
