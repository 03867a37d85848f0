import type { FalcoSettings } from "../../generated/prisma/client.js";

export type FalcoSettingsValues = Omit<FalcoSettings, "updatedAt">;

/** What a cluster without a settings row uses. */
export function defaultFalcoSettings(clusterId: string): FalcoSettingsValues {
  return {
    clusterId,
    minimumPriority: "debug",
    retentionDays: 30,
    anomalyWindowDays: 7,
    notifyAnomalies: false,
    notifyMinPriority: "error",
    recipients: "all_admins",
    addresses: [],
    summary: "none",
    lastSummaryAt: null,
  };
}

export function settingsValues(row: FalcoSettings | null | undefined, clusterId: string): FalcoSettingsValues {
  if (!row) return defaultFalcoSettings(clusterId);
  const { updatedAt: _updatedAt, ...values } = row;
  return values;
}

export const DAY_MS = 86_400_000;
