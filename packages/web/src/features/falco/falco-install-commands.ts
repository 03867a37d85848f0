import type { FalcoPriority } from "../../gql/graphql";
import { helmValue, normaliseApiUrl, shellQuote } from "../agent/install-commands";
import { atLeast, PRIORITY_LABELS } from "./falco-priorities";

/** The namespace the commands install Falco into. */
export const FALCO_NAMESPACE = "falco";
/** Stands in for the key when the guide did not create one. */
export const FALCO_KEY_PLACEHOLDER = "<falco_ingest key>";

export type FalcoInstallValues = {
  apiUrl: string;
  clusterId: string;
  apiKey: string | null;
  minimumPriority: FalcoPriority;
};

/** Where falcosidekick posts each event: the m9sweeper-compatible path with the key as `?key=`. */
export function falcoWebhookAddress({
  apiUrl,
  clusterId,
  apiKey,
}: Omit<FalcoInstallValues, "minimumPriority">): string {
  return `${normaliseApiUrl(apiUrl)}/api/falco/${encodeURIComponent(clusterId)}/create?key=${apiKey ? encodeURIComponent(apiKey) : FALCO_KEY_PLACEHOLDER}`;
}

export const HELM_REPO_COMMAND = [
  "helm repo add falcosecurity https://falcosecurity.github.io/charts",
  "helm repo update",
].join("\n");

/** `helm install` of Falco with falcosidekick posting to Bulwark. */
export function falcoHelmCommand(values: FalcoInstallValues): string {
  return [
    "helm install falco falcosecurity/falco \\",
    `  --namespace ${FALCO_NAMESPACE} --create-namespace \\`,
    "  --set falcosidekick.enabled=true \\",
    `  --set falcosidekick.config.webhook.address=${helmValue(falcoWebhookAddress(values))} \\`,
    `  --set falcosidekick.config.webhook.minimumpriority=${values.minimumPriority}`,
  ].join("\n");
}

/** The priority of the test event: notice, or the chosen minimum when that is higher. */
export function testEventPriority(minimumPriority: FalcoPriority): FalcoPriority {
  return atLeast(minimumPriority, "notice") ? minimumPriority : "notice";
}

/** A falcosidekick-shaped event sent with curl, as Falco's webhook output would send it. */
export function falcoTestCommand(values: FalcoInstallValues): string {
  const priority = PRIORITY_LABELS[testEventPriority(values.minimumPriority)];
  const body = [
    "{",
    `    "rule": "Test event from the install guide",`,
    `    "priority": "${priority}",`,
    `    "output": "A test event: the webhook from falcosidekick to Bulwark works",`,
    `    "source": "syscall",`,
    `    "hostname": "install-guide",`,
    `    "tags": ["test"],`,
    `    "output_fields": { "k8s.ns.name": "${FALCO_NAMESPACE}", "proc.name": "curl" },`,
    `    "time": "'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'"`,
    "  }",
  ].join("\n");
  return [
    `curl -sS -X POST ${shellQuote(falcoWebhookAddress(values))} \\`,
    "  -H 'Content-Type: application/json' \\",
    `  -d '${body}'`,
  ].join("\n");
}

/** Falcosidekick's log, where a failing webhook shows. */
export const FALCOSIDEKICK_LOGS_COMMAND = `kubectl --namespace ${FALCO_NAMESPACE} logs deployment/falco-falcosidekick`;
