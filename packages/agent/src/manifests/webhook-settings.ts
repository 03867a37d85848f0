import {
  AdmissionregistrationV1Api,
  ApiException,
  type KubeConfig,
  type V1LabelSelectorRequirement,
  type V1ValidatingWebhookConfiguration,
} from "@kubernetes/client-node";
import type { Logger } from "pino";
import type { AdmissionSettings } from "../api/contract.js";
import type { SnapshotStore } from "../webhook/snapshot-store.js";
import { NAMESPACE_NAME_LABEL, WEBHOOK_CONFIGURATION_NAME } from "./webhook-configuration.js";

export type WebhookSettingsResult = "updated" | "unchanged" | "missing";

/**
 * Brings the cluster's webhook configuration in line with the cluster's admission settings: its
 * failurePolicy, and the namespaces its namespaceSelector skips (the agent's own namespace always
 * among them). Everything else (where the webhook is, its caBundle, its rules) stays as registered.
 */
export async function applyWebhookSettings(
  kube: KubeConfig,
  settings: Pick<AdmissionSettings, "failurePolicy" | "exemptNamespaces">,
  options: { name?: string; ownNamespace: string },
): Promise<WebhookSettingsResult> {
  const api = kube.makeApiClient(AdmissionregistrationV1Api);
  const name = options.name ?? WEBHOOK_CONFIGURATION_NAME;
  let current: V1ValidatingWebhookConfiguration;
  try {
    current = await api.readValidatingWebhookConfiguration({ name });
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return "missing";
    throw error;
  }
  const exempt = [...new Set([...settings.exemptNamespaces, options.ownNamespace])].sort();
  let changed = false;
  const webhooks = (current.webhooks ?? []).map((webhook) => {
    const others = (webhook.namespaceSelector?.matchExpressions ?? []).filter((e) => e.key !== NAMESPACE_NAME_LABEL);
    const wanted: V1LabelSelectorRequirement[] = [
      { key: NAMESPACE_NAME_LABEL, operator: "NotIn", values: exempt },
      ...others,
    ];
    const before = JSON.stringify([webhook.failurePolicy, webhook.namespaceSelector?.matchExpressions ?? []]);
    const after = JSON.stringify([settings.failurePolicy, wanted]);
    if (before === after) return webhook;
    changed = true;
    return {
      ...webhook,
      failurePolicy: settings.failurePolicy,
      namespaceSelector: { ...webhook.namespaceSelector, matchExpressions: wanted },
    };
  });
  if (!changed) return "unchanged";
  await api.replaceValidatingWebhookConfiguration({
    name,
    body: { ...current, webhooks },
    fieldManager: "bulwark-agent",
  });
  return "updated";
}

/**
 * Applies the settings to the webhook configuration whenever the snapshot brings a failurePolicy or
 * an exempt-namespace list it has not applied yet. Failures are logged and retried on the next load.
 */
export function keepWebhookSettingsApplied(options: {
  kube: KubeConfig;
  store: SnapshotStore;
  logger: Logger;
  ownNamespace: string;
  name?: string;
}): void {
  const { kube, store, logger, ownNamespace } = options;
  let applied: string | null = null;
  let running = false;
  store.onLoad((index) => {
    const settings = index.settings;
    const wanted = JSON.stringify([settings.failurePolicy, [...settings.exemptNamespaces].sort()]);
    if (wanted === applied || running) return;
    running = true;
    applyWebhookSettings(kube, settings, { ownNamespace, ...(options.name ? { name: options.name } : {}) })
      .then((result) => {
        applied = wanted;
        const fields = { failurePolicy: settings.failurePolicy, exemptNamespaces: settings.exemptNamespaces };
        if (result === "updated")
          logger.info(fields, "webhook configuration updated to the cluster's admission settings");
        else if (result === "missing") {
          logger.warn(
            { name: options.name ?? WEBHOOK_CONFIGURATION_NAME },
            "no webhook configuration to update; register it",
          );
        }
      })
      .catch((error: unknown) => {
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          "cannot update the webhook configuration to the cluster's admission settings; retrying on the next snapshot",
        );
      })
      .finally(() => {
        running = false;
      });
  });
}
