import { version } from "../../../package.json";

/** Where the agent's chart lives in a checkout of the Bulwark repository. */
export const AGENT_CHART_PATH = "./charts/bulwark-agent";
/** The namespace the commands install into; the webhook exempts it. */
export const AGENT_NAMESPACE = "bulwark";
/** The agent image of this release (the chart's appVersion). */
export const AGENT_IMAGE = `ghcr.io/bulwark-dev/bulwark-agent:${version}`;
/** Stands in for the key when the wizard did not create one. */
export const KEY_PLACEHOLDER = "<agent key>";

export type InstallValues = { apiUrl: string; apiKey: string | null; clusterName: string };

const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** The value as one shell word: as it is when that is safe, in single quotes otherwise. */
export function shellQuote(value: string): string {
  if (value && SHELL_SAFE.test(value)) return value;
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

/** The URL as the agent wants it: trimmed, without a trailing slash. */
export function normaliseApiUrl(value: string): string {
  return value.trim().replace(/\/+$/, "");
}

/** Why the agent could not use this address, or null when it can. */
export function apiUrlProblem(value: string): string | null {
  const url = normaliseApiUrl(value);
  if (!url) return "Enter the address of Bulwark, e.g. https://bulwark.example.com";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Enter a full URL starting with http:// or https://";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "Use an http:// or https:// URL";
  if (parsed.search || parsed.hash) return "Leave out the query string and fragment";
  return null;
}

/** A warning for addresses that work in a browser but not from inside a pod. */
export function apiUrlWarning(value: string, caller = "the agent"): string | null {
  try {
    const host = new URL(normaliseApiUrl(value)).hostname;
    if (host === "localhost" || host.endsWith(".localhost") || host.startsWith("127.") || host === "[::1]") {
      return `Inside a pod, ${host} is the pod itself, so ${caller} cannot reach Bulwark there. Use an address the cluster can reach, such as a load balancer, an ingress host or a Service name.`;
    }
  } catch {
    // apiUrlProblem explains it.
  }
  return null;
}

function keyWord(apiKey: string | null, quote: (value: string) => string): string {
  return apiKey ? quote(apiKey) : KEY_PLACEHOLDER;
}

/** A `--set` value: Helm splits values at commas unless they are escaped. */
export function helmValue(value: string): string {
  return shellQuote(value.replace(/[\\,]/g, (character) => `\\${character}`));
}

/** `helm install` of the agent's chart with the api, the key and the cluster filled in. */
export function helmInstallCommand({ apiUrl, apiKey, clusterName }: InstallValues): string {
  return [
    `helm install bulwark-agent ${AGENT_CHART_PATH} \\`,
    `  --namespace ${AGENT_NAMESPACE} --create-namespace \\`,
    `  --set api.url=${helmValue(normaliseApiUrl(apiUrl))} \\`,
    `  --set api.key=${keyWord(apiKey, helmValue)} \\`,
    `  --set cluster.name=${helmValue(clusterName)}`,
  ].join("\n");
}

/** The same objects without Helm: the agent prints them and kubectl applies them. */
export function manifestsCommand({ apiUrl, apiKey, clusterName }: InstallValues): string {
  return [
    `docker run --rm ${AGENT_IMAGE} manifests \\`,
    `  --api-url ${shellQuote(normaliseApiUrl(apiUrl))} \\`,
    `  --api-key ${keyWord(apiKey, shellQuote)} \\`,
    `  --cluster ${shellQuote(clusterName)} | kubectl apply -f -`,
  ].join("\n");
}

/** The run mode's log, where the agent says why it cannot connect. */
export const AGENT_LOGS_COMMAND = `kubectl --namespace ${AGENT_NAMESPACE} logs deployment/bulwark-agent`;
