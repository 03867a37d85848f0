import { readFile } from "node:fs/promises";
import { request as httpsRequest, type RequestOptions } from "node:https";
import { request as httpRequest } from "node:http";
import { parseArgs } from "node:util";
import {
  AdmissionregistrationV1Api,
  ApiException,
  KubeConfig,
  type V1ValidatingWebhookConfiguration,
} from "@kubernetes/client-node";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, listOption, type CommandIo } from "../certs/command-io.js";
import {
  buildWebhookConfiguration,
  DEFAULT_EXEMPT_NAMESPACES,
  DEFAULT_TIMEOUT_SECONDS,
  WEBHOOK_CONFIGURATION_NAME,
  WEBHOOK_PATH,
  type WebhookClient,
} from "./webhook-configuration.js";
import { toYaml } from "./output.js";

export type RegistrationResult = { action: "created" | "updated"; configuration: V1ValidatingWebhookConfiguration };

const FIELD_MANAGER = "bulwark-agent";

/**
 * Creates the ValidatingWebhookConfiguration, or replaces the one that exists (keeping its
 * resourceVersion, so a concurrent change makes this fail rather than be lost).
 */
export async function registerWebhook(
  kube: KubeConfig,
  configuration: V1ValidatingWebhookConfiguration,
): Promise<RegistrationResult> {
  const api = kube.makeApiClient(AdmissionregistrationV1Api);
  const name = configuration.metadata?.name ?? WEBHOOK_CONFIGURATION_NAME;
  let existing: V1ValidatingWebhookConfiguration | null = null;
  try {
    existing = await api.readValidatingWebhookConfiguration({ name });
  } catch (error) {
    if (!(error instanceof ApiException && error.code === 404)) throw error;
  }
  if (existing === null) {
    const created = await api.createValidatingWebhookConfiguration({
      body: configuration,
      fieldManager: FIELD_MANAGER,
    });
    return { action: "created", configuration: created };
  }
  const body: V1ValidatingWebhookConfiguration = {
    ...configuration,
    metadata: {
      ...existing.metadata,
      ...configuration.metadata,
      labels: { ...existing.metadata?.labels, ...configuration.metadata?.labels },
      resourceVersion: existing.metadata?.resourceVersion,
    },
  };
  const updated = await api.replaceValidatingWebhookConfiguration({ name, body, fieldManager: FIELD_MANAGER });
  return { action: "updated", configuration: updated };
}

/**
 * The batch versions the cluster serves CronJob in (v1 from 1.21, v1beta1 until 1.25); both when
 * discovery cannot tell.
 */
export async function cronJobVersions(kube: KubeConfig): Promise<string[]> {
  const served: string[] = [];
  for (const version of ["v1", "v1beta1"]) {
    try {
      const list = (await getJson(kube, `/apis/batch/${version}`)) as { resources?: Array<{ name?: string }> } | null;
      if (list?.resources?.some((r) => r.name === "cronjobs")) served.push(version);
    } catch {
      return ["v1", "v1beta1"];
    }
  }
  return served.length > 0 ? served : ["v1", "v1beta1"];
}

/** GET of an apiserver path with the kubeconfig's credentials; null for 404. */
async function getJson(kube: KubeConfig, path: string): Promise<unknown> {
  const cluster = kube.getCurrentCluster();
  if (!cluster) throw new Error("the kubeconfig has no current cluster");
  const url = new URL(path, cluster.server.endsWith("/") ? cluster.server : `${cluster.server}/`);
  const options: RequestOptions = { method: "GET", headers: { accept: "application/json" } };
  await kube.applyToHTTPSOptions(options);
  const send = url.protocol === "http:" ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        if (res.statusCode === 404) return resolve(null);
        if ((res.statusCode ?? 500) >= 400) return reject(new Error(`GET ${path}: HTTP ${res.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${path}: timed out`)));
    req.on("error", reject);
    req.end();
  });
}

export const REGISTER_WEBHOOK_USAGE = `Usage: bulwark-agent register-webhook [options]

Creates or updates the ValidatingWebhookConfiguration "${WEBHOOK_CONFIGURATION_NAME}" in the cluster
of KUBECONFIG (or --kubeconfig, or the in-cluster service account).

Where the apiserver calls the webhook (one of):
  --url URL                 https://…${WEBHOOK_PATH}, for a webhook running outside the cluster
  --service NAME            the webhook's Service (default: bulwark-agent-webhook)
  --namespace NS            its namespace (default: bulwark)
  --port N                  the Service's port (default: 443)

Options:
  --ca-file FILE            the CA that signed the serving certificate (e.g. certs/ca.crt); required
  --failure-policy POLICY   Ignore (default) or Fail: what the apiserver does when the webhook cannot answer
  --timeout-seconds N       how long the apiserver waits (default: ${DEFAULT_TIMEOUT_SECONDS})
  --exempt-namespace NS     a namespace never sent to the webhook (repeatable; default: ${DEFAULT_EXEMPT_NAMESPACES.join(", ")}, plus --namespace)
  --name NAME               the configuration's name (default: ${WEBHOOK_CONFIGURATION_NAME})
  --kubeconfig FILE         the cluster's credentials
  --dry-run                 print the configuration instead of applying it
`;

/** `bulwark-agent register-webhook …`; returns the exit code. */
export async function runRegisterWebhook(argv: readonly string[], io: CommandIo): Promise<number> {
  const fail = (message: string, code = EXIT_USAGE) => {
    io.stderr.write(`bulwark-agent register-webhook: ${message}\n`);
    return code;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        url: { type: "string" },
        service: { type: "string", default: "bulwark-agent-webhook" },
        namespace: { type: "string", default: "bulwark" },
        port: { type: "string", default: "443" },
        "ca-file": { type: "string" },
        "failure-policy": { type: "string", default: "Ignore" },
        "timeout-seconds": { type: "string", default: String(DEFAULT_TIMEOUT_SECONDS) },
        "exempt-namespace": { type: "string", multiple: true },
        name: { type: "string", default: WEBHOOK_CONFIGURATION_NAME },
        kubeconfig: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n\n${REGISTER_WEBHOOK_USAGE}`);
  }
  if (values.help) {
    io.stdout.write(REGISTER_WEBHOOK_USAGE);
    return EXIT_OK;
  }
  const failurePolicy = values["failure-policy"];
  if (failurePolicy !== "Ignore" && failurePolicy !== "Fail") return fail("--failure-policy must be Ignore or Fail");
  const timeoutSeconds = Number(values["timeout-seconds"]);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 30) {
    return fail("--timeout-seconds must be a whole number from 1 to 30");
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail("--port must be a port number");
  let client: WebhookClient;
  if (values.url !== undefined) {
    let url: URL;
    try {
      url = new URL(values.url);
    } catch {
      return fail(`--url ${JSON.stringify(values.url)} is not a URL`);
    }
    if (url.protocol !== "https:") return fail("--url must be https:// (the apiserver only calls webhooks over TLS)");
    client = { url: url.toString() };
  } else {
    client = { service: { name: values.service, namespace: values.namespace, port } };
  }
  if (values["ca-file"] === undefined)
    return fail("--ca-file is required (the ca.crt written by `bulwark-agent certs`)");
  let caPem: string;
  try {
    caPem = await readFile(values["ca-file"], "utf8");
  } catch (error) {
    return fail(`cannot read ${values["ca-file"]}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (!caPem.includes("BEGIN CERTIFICATE")) return fail(`${values["ca-file"]} is not a PEM certificate`);
  const exempt = listOption(values["exempt-namespace"]);
  const exemptNamespaces = [...(exempt.length > 0 ? exempt : DEFAULT_EXEMPT_NAMESPACES), values.namespace];

  const kube = new KubeConfig();
  try {
    if (values.kubeconfig) kube.loadFromFile(values.kubeconfig);
    else kube.loadFromDefault();
  } catch (error) {
    return fail(
      `cannot load Kubernetes credentials: ${error instanceof Error ? error.message : String(error)}`,
      EXIT_FAILURE,
    );
  }
  const options = { name: values.name, client, caPem, failurePolicy, timeoutSeconds, exemptNamespaces } as const;
  if (values["dry-run"]) {
    io.stdout.write(toYaml([buildWebhookConfiguration(options)]));
    return EXIT_OK;
  }
  try {
    const versions = await cronJobVersions(kube);
    const result = await registerWebhook(kube, buildWebhookConfiguration({ ...options, cronJobVersions: versions }));
    const target =
      "url" in client
        ? client.url
        : `service ${client.service.namespace}/${client.service.name}:${client.service.port}`;
    io.stdout.write(
      `${result.action} ValidatingWebhookConfiguration ${values.name} (${target}, failurePolicy ${failurePolicy}, CronJob ${versions.join(" and ")})\n`,
    );
    return EXIT_OK;
  } catch (error) {
    const detail =
      error instanceof ApiException
        ? `HTTP ${error.code}: ${(error.body as { message?: string } | undefined)?.message ?? error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
    return fail(`cannot register the webhook: ${detail}`, EXIT_FAILURE);
  }
}
