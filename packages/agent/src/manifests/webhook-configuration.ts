import type {
  AdmissionregistrationV1WebhookClientConfig,
  V1RuleWithOperations,
  V1ValidatingWebhook,
  V1ValidatingWebhookConfiguration,
} from "@kubernetes/client-node";

export const WEBHOOK_CONFIGURATION_NAME = "bulwark-agent";
export const WEBHOOK_PATH = "/validate";
export const DEFAULT_TIMEOUT_SECONDS = 3;
export const DEFAULT_EXEMPT_NAMESPACES: readonly string[] = ["bulwark", "kube-system"];

/**
 * Namespaces carrying this label are skipped by the webhook configuration's namespaceSelector. The
 * `kubernetes.io/metadata.name` label the selector also matches on exists only from Kubernetes
 * 1.21; on older clusters this label (which the agent's manifests put on its own namespace) is what
 * keeps the apiserver from calling the webhook, and the webhook's own exemption list decides
 * the rest.
 */
export const EXEMPT_LABEL = "bulwark.dev/exempt";
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** Webhook names must be fully qualified (three or more dot-separated segments). */
export const POD_WEBHOOK_NAME = "pods.admission.bulwark.dev";
export const WORKLOAD_WEBHOOK_NAME = "workloads.admission.bulwark.dev";

export type WebhookClient =
  | { service: { name: string; namespace: string; port: number } }
  /** https://…/validate, for a webhook running outside the cluster. */
  | { url: string };

export type WebhookConfigurationOptions = {
  name?: string;
  client: WebhookClient;
  /** PEM of the CA that signed the serving certificate. */
  caPem: string;
  failurePolicy?: "Ignore" | "Fail";
  timeoutSeconds?: number;
  exemptNamespaces?: readonly string[];
  /**
   * batch versions serving CronJob: v1 from Kubernetes 1.21, v1beta1 until 1.25. Both by default;
   * a version the cluster does not serve simply never matches.
   */
  cronJobVersions?: readonly string[];
  labels?: Record<string, string>;
};

const OPERATIONS = ["CREATE", "UPDATE"];

/** The rules of the workloads webhook: every kind with a pod template. */
export function workloadRules(cronJobVersions: readonly string[] = ["v1", "v1beta1"]): V1RuleWithOperations[] {
  const rules: V1RuleWithOperations[] = [
    {
      apiGroups: ["apps"],
      apiVersions: ["v1"],
      operations: OPERATIONS,
      resources: ["deployments", "statefulsets", "daemonsets", "replicasets"],
      scope: "Namespaced",
    },
    { apiGroups: ["batch"], apiVersions: ["v1"], operations: OPERATIONS, resources: ["jobs"], scope: "Namespaced" },
  ];
  const versions = [...new Set(cronJobVersions)];
  if (versions.length > 0) {
    rules.push({
      apiGroups: ["batch"],
      apiVersions: versions,
      operations: OPERATIONS,
      resources: ["cronjobs"],
      scope: "Namespaced",
    });
  }
  return rules;
}

/**
 * The ValidatingWebhookConfiguration: one webhook for pods (and their ephemeral containers), one
 * for workloads, CREATE and UPDATE, skipping exempt namespaces.
 */
export function buildWebhookConfiguration(options: WebhookConfigurationOptions): V1ValidatingWebhookConfiguration {
  const exempt = [...new Set(options.exemptNamespaces ?? DEFAULT_EXEMPT_NAMESPACES)].sort();
  const clientConfig: AdmissionregistrationV1WebhookClientConfig = {
    ...("url" in options.client
      ? { url: options.client.url }
      : { service: { ...options.client.service, path: WEBHOOK_PATH } }),
    caBundle: Buffer.from(options.caPem, "utf8").toString("base64"),
  };
  const common = {
    clientConfig,
    admissionReviewVersions: ["v1"],
    sideEffects: "None",
    failurePolicy: options.failurePolicy ?? "Ignore",
    timeoutSeconds: options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    matchPolicy: "Equivalent",
    namespaceSelector: {
      matchExpressions: [
        ...(exempt.length > 0 ? [{ key: NAMESPACE_NAME_LABEL, operator: "NotIn", values: exempt }] : []),
        { key: EXEMPT_LABEL, operator: "NotIn", values: ["true"] },
      ],
    },
  } satisfies Partial<V1ValidatingWebhook>;
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingWebhookConfiguration",
    metadata: {
      name: options.name ?? WEBHOOK_CONFIGURATION_NAME,
      labels: {
        "app.kubernetes.io/name": "bulwark-agent",
        "app.kubernetes.io/component": "webhook",
        ...options.labels,
      },
    },
    webhooks: [
      {
        name: POD_WEBHOOK_NAME,
        rules: [
          {
            apiGroups: [""],
            apiVersions: ["v1"],
            operations: OPERATIONS,
            resources: ["pods", "pods/ephemeralcontainers"],
            scope: "Namespaced",
          },
        ],
        ...common,
      },
      { name: WORKLOAD_WEBHOOK_NAME, rules: workloadRules(options.cronJobVersions), ...common },
    ],
  };
}
