import type { AuditEntryEvent } from "../../pubsub/pubsub.js";
import type { AuditFilter } from "./audit.repository.js";

/** Whether a live audit entry matches a filter, with the same meaning as the list query's filter. */
export function matchesAuditFilter(entry: AuditEntryEvent, filter: AuditFilter): boolean {
  if (filter.action && entry.action !== filter.action) return false;
  if (filter.actionPrefix && !entry.action.startsWith(filter.actionPrefix)) return false;
  if (filter.entityType && entry.entityType !== filter.entityType) return false;
  if (filter.entityId && entry.entityId !== filter.entityId) return false;
  if (filter.actorUserId && entry.actorUserId !== filter.actorUserId) return false;
  if (filter.outcome && entry.outcome !== filter.outcome) return false;
  const at = Date.parse(entry.at);
  if (filter.since && at < filter.since.getTime()) return false;
  if (filter.until && at >= filter.until.getTime()) return false;
  return true;
}
