import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  CertificateError,
  generateWebhookCertificates,
  readCertificateDir,
  serviceDnsNames,
} from "../certs/certificates.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, listOption, type CommandIo } from "../certs/command-io.js";
import { VERSION } from "../version.js";
import {
  buildAgentManifests,
  DEFAULT_IMAGE_REPOSITORY,
  DEFAULT_RUN_RESOURCES,
  DEFAULT_WEBHOOK_RESOURCES,
  WEBHOOK_NAME,
  type AgentManifestOptions,
} from "./agent-manifests.js";
import { toJson, toYaml } from "./output.js";
import { DEFAULT_EXEMPT_NAMESPACES, DEFAULT_TIMEOUT_SECONDS } from "./webhook-configuration.js";

export const MANIFESTS_USAGE = `Usage: bulwark-agent manifests [options] | kubectl apply -f -

Prints every Kubernetes object the agent needs (the same ones the Helm chart renders): Namespace,
ServiceAccounts, ClusterRoles and bindings, the API key Secret, Deployments for run and webhook
modes, the webhook's Service, TLS Secret and ValidatingWebhookConfiguration.

Options:
  --api-url URL             the Bulwark api (or BULWARK_API_URL); required
  --api-key KEY             the cluster's agent API key (or BULWARK_API_KEY); put in a Secret
  --existing-secret NAME    use a Secret you created (key "api-key") instead of --api-key
  --cluster NAME            the cluster's name in Bulwark (or BULWARK_CLUSTER); required
  --namespace NS            where the agent runs (default: bulwark)
  --no-namespace            leave the Namespace object out (label yours bulwark.dev/exempt=true)
  --image IMAGE             the agent image (default: ${DEFAULT_IMAGE_REPOSITORY}:${VERSION})
  --image-pull-policy P     Always, IfNotPresent (default) or Never
  --run-replicas N          replicas of the run mode (default: 1; 0 leaves it out)
  --webhook-replicas N      replicas of the webhook (default: 2; 0 leaves it out)
  --failure-policy POLICY   Ignore (default) or Fail
  --timeout-seconds N       the apiserver's wait for the webhook (default: ${DEFAULT_TIMEOUT_SECONDS})
  --exempt-namespace NS     never sent to the webhook (repeatable; default: ${DEFAULT_EXEMPT_NAMESPACES.join(", ")}; --namespace always)
  --certs-dir DIR           ca.crt, tls.crt and tls.key from \`bulwark-agent certs\`; new ones are made when absent
  --log-level LEVEL         the agent's log level (default: info)
  --format yaml|json        multi-document YAML (default) or a JSON v1 List
`;

/** `bulwark-agent manifests …`; prints the objects and returns the exit code. */
export async function runManifests(argv: readonly string[], io: CommandIo): Promise<number> {
  const fail = (message: string, code = EXIT_USAGE) => {
    io.stderr.write(`bulwark-agent manifests: ${message}\n`);
    return code;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        "api-url": { type: "string" },
        "api-key": { type: "string" },
        "existing-secret": { type: "string" },
        cluster: { type: "string" },
        namespace: { type: "string", default: "bulwark" },
        "no-namespace": { type: "boolean", default: false },
        image: { type: "string", default: `${DEFAULT_IMAGE_REPOSITORY}:${VERSION}` },
        "image-pull-policy": { type: "string", default: "IfNotPresent" },
        "run-replicas": { type: "string", default: "1" },
        "webhook-replicas": { type: "string", default: "2" },
        "failure-policy": { type: "string", default: "Ignore" },
        "timeout-seconds": { type: "string", default: String(DEFAULT_TIMEOUT_SECONDS) },
        "exempt-namespace": { type: "string", multiple: true },
        "certs-dir": { type: "string" },
        "log-level": { type: "string", default: "info" },
        format: { type: "string", default: "yaml" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n\n${MANIFESTS_USAGE}`);
  }
  if (values.help) {
    io.stdout.write(MANIFESTS_USAGE);
    return EXIT_OK;
  }

  const problems: string[] = [];
  const apiUrl = (values["api-url"] ?? io.env.BULWARK_API_URL ?? "").trim();
  if (!apiUrl) problems.push("give the api's URL with --api-url or BULWARK_API_URL");
  else if (!/^https?:\/\/[^/\s]+/.test(apiUrl))
    problems.push(`--api-url ${JSON.stringify(apiUrl)} must be an http(s) URL`);
  const clusterName = (values.cluster ?? io.env.BULWARK_CLUSTER ?? "").trim();
  if (!clusterName) problems.push("give the cluster's name with --cluster or BULWARK_CLUSTER");
  const key = (values["api-key"] ?? io.env.BULWARK_API_KEY ?? "").trim();
  const existingSecret = values["existing-secret"]?.trim();
  if (key && existingSecret) problems.push("give --api-key (or BULWARK_API_KEY) or --existing-secret, not both");
  if (!key && !existingSecret) {
    problems.push("give the agent API key with --api-key or BULWARK_API_KEY, or name a Secret with --existing-secret");
  }
  const namespace = values.namespace.trim();
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace))
    problems.push(`--namespace ${JSON.stringify(namespace)} is not a namespace name`);
  const pullPolicy = values["image-pull-policy"];
  if (pullPolicy !== "Always" && pullPolicy !== "IfNotPresent" && pullPolicy !== "Never") {
    problems.push("--image-pull-policy must be Always, IfNotPresent or Never");
  }
  const failurePolicy = values["failure-policy"];
  if (failurePolicy !== "Ignore" && failurePolicy !== "Fail") problems.push("--failure-policy must be Ignore or Fail");
  const count = (flag: string, value: string, min: number, max: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      problems.push(`--${flag} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const runReplicas = count("run-replicas", values["run-replicas"], 0, 10);
  const webhookReplicas = count("webhook-replicas", values["webhook-replicas"], 0, 10);
  const timeoutSeconds = count("timeout-seconds", values["timeout-seconds"], 1, 30);
  const format = values.format;
  if (format !== "yaml" && format !== "json") problems.push("--format must be yaml or json");
  if (problems.length > 0) return fail(problems.join("\n  "));

  let tls: AgentManifestOptions["tls"] = null;
  if (webhookReplicas > 0) {
    try {
      tls = await certificates(values["certs-dir"], namespace);
    } catch (error) {
      return fail(
        error instanceof Error ? error.message : String(error),
        error instanceof CertificateError && error.usage ? EXIT_USAGE : EXIT_FAILURE,
      );
    }
  }
  const exempt = listOption(values["exempt-namespace"]);
  const objects = buildAgentManifests({
    namespace,
    createNamespace: !values["no-namespace"],
    image: values.image,
    imagePullPolicy: pullPolicy as AgentManifestOptions["imagePullPolicy"],
    apiUrl,
    apiKey: existingSecret ? { existingSecret } : { value: key },
    clusterName,
    logLevel: values["log-level"],
    run: { enabled: runReplicas > 0, replicas: runReplicas, resources: DEFAULT_RUN_RESOURCES },
    webhook: {
      enabled: webhookReplicas > 0,
      replicas: webhookReplicas,
      failurePolicy: failurePolicy as "Ignore" | "Fail",
      timeoutSeconds,
      exemptNamespaces: exempt.length > 0 ? exempt : DEFAULT_EXEMPT_NAMESPACES,
      resources: DEFAULT_WEBHOOK_RESOURCES,
    },
    tls,
    version: VERSION,
  });
  io.stdout.write(format === "json" ? toJson(objects) : toYaml(objects));
  return EXIT_OK;
}

async function certificates(
  dir: string | undefined,
  namespace: string,
): Promise<NonNullable<AgentManifestOptions["tls"]>> {
  if (dir !== undefined) return readCertificateDir(dir);
  const work = await mkdtemp(join(tmpdir(), "bulwark-manifests-"));
  try {
    await generateWebhookCertificates({
      outDir: work,
      dnsNames: serviceDnsNames(WEBHOOK_NAME, namespace),
      ipAddresses: [],
      days: 365,
      force: true,
    });
    return await readCertificateDir(work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
