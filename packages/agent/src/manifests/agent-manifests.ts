import type {
  KubernetesObject,
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1Container,
  V1Deployment,
  V1EnvVar,
  V1Namespace,
  V1PodSpec,
  V1Secret,
  V1Service,
  V1ServiceAccount,
  V1ResourceRequirements,
} from "@kubernetes/client-node";
import { buildWebhookConfiguration, EXEMPT_LABEL, WEBHOOK_CONFIGURATION_NAME } from "./webhook-configuration.js";

export const AGENT_NAME = "bulwark-agent";
export const WEBHOOK_NAME = "bulwark-agent-webhook";
export const API_KEY_SECRET_KEY = "api-key";
export const TLS_SECRET_NAME = "bulwark-agent-webhook-tls";
export const WEBHOOK_CONTAINER_PORT = 8443;
export const WEBHOOK_SERVICE_PORT = 443;
export const DEFAULT_IMAGE_REPOSITORY = "ghcr.io/bulwark-dev/bulwark-agent";

const API_KEY_DIR = "/var/run/secrets/bulwark";
const TLS_DIR = "/etc/bulwark/tls";
/** An unprivileged user with no entry in the image (the distroless "nonroot" id). */
const RUN_AS = 65532;

export type AgentManifestOptions = {
  namespace: string;
  /** Include the Namespace object (with the exemption label). */
  createNamespace: boolean;
  image: string;
  imagePullPolicy: "Always" | "IfNotPresent" | "Never";
  apiUrl: string;
  /** The agent API key, put in a Secret; or the name of a Secret the user made (key "api-key"). */
  apiKey: { value: string } | { existingSecret: string };
  clusterName: string;
  logLevel: string;
  run: { enabled: boolean; replicas: number; resources: V1ResourceRequirements };
  webhook: {
    enabled: boolean;
    replicas: number;
    failurePolicy: "Ignore" | "Fail";
    timeoutSeconds: number;
    exemptNamespaces: readonly string[];
    resources: V1ResourceRequirements;
  };
  /** The webhook's CA, serving certificate and key (PEM). */
  tls: { caPem: string; certPem: string; keyPem: string } | null;
  version: string;
};

export const DEFAULT_RUN_RESOURCES: V1ResourceRequirements = {
  requests: { cpu: "100m", memory: "256Mi" },
  limits: { memory: "2Gi" },
};
export const DEFAULT_WEBHOOK_RESOURCES: V1ResourceRequirements = {
  requests: { cpu: "50m", memory: "96Mi" },
  limits: { memory: "256Mi" },
};

/**
 * Every object the agent needs in a cluster: its namespace, a service account, role and binding per
 * mode (the run mode reads the inventory; the webhook manages only its own webhook configuration),
 * the API key Secret, Deployments for `run` and `webhook`, the webhook's Service, TLS Secret and
 * ValidatingWebhookConfiguration. The Helm chart in charts/bulwark-agent renders the same objects.
 */
export function buildAgentManifests(options: AgentManifestOptions): KubernetesObject[] {
  const { namespace } = options;
  const labels = (component: string): Record<string, string> => ({
    "app.kubernetes.io/name": AGENT_NAME,
    "app.kubernetes.io/instance": AGENT_NAME,
    "app.kubernetes.io/component": component,
    "app.kubernetes.io/version": options.version,
    "app.kubernetes.io/managed-by": "bulwark-agent",
  });
  const meta = (name: string, component: string, namespaced = true) => ({
    name,
    ...(namespaced ? { namespace } : {}),
    labels: labels(component),
  });
  const apiSecretName = "existingSecret" in options.apiKey ? options.apiKey.existingSecret : AGENT_NAME;
  const objects: KubernetesObject[] = [];

  if (options.createNamespace) {
    const ns: V1Namespace = {
      apiVersion: "v1",
      kind: "Namespace",
      // the webhook never judges its own namespace: its pods must start even when it is down
      metadata: { name: namespace, labels: { ...labels("namespace"), [EXEMPT_LABEL]: "true" } },
    };
    objects.push(ns);
  }

  if ("value" in options.apiKey) {
    const secret: V1Secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: meta(AGENT_NAME, "credentials"),
      type: "Opaque",
      data: { [API_KEY_SECRET_KEY]: Buffer.from(options.apiKey.value, "utf8").toString("base64") },
    };
    objects.push(secret);
  }

  if (options.run.enabled) {
    const runRole: V1ClusterRole = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: meta(AGENT_NAME, "run", false),
      rules: [
        { apiGroups: [""], resources: ["namespaces", "pods"], verbs: ["get", "list", "watch"] },
        {
          apiGroups: ["apps"],
          resources: ["deployments", "statefulsets", "daemonsets", "replicasets"],
          verbs: ["get", "list", "watch"],
        },
        { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: ["get", "list", "watch"] },
      ],
    };
    objects.push(
      serviceAccount(AGENT_NAME, meta(AGENT_NAME, "run")),
      runRole,
      clusterRoleBinding(AGENT_NAME, meta(AGENT_NAME, "run", false), namespace),
      deployment({
        name: AGENT_NAME,
        component: "run",
        labels: labels("run"),
        namespace,
        replicas: options.run.replicas,
        pod: {
          serviceAccountName: AGENT_NAME,
          containers: [
            container(options, {
              args: ["run"],
              env: [],
              resources: options.run.resources,
              mounts: [{ name: "tmp", mountPath: "/tmp" }],
            }),
          ],
          volumes: [apiKeyVolume(apiSecretName), { name: "tmp", emptyDir: {} }],
        },
      }),
    );
  }

  if (options.webhook.enabled) {
    if (options.tls === null) throw new Error("the webhook needs a CA, certificate and key");
    const webhookLabels = labels("webhook");
    const selector = {
      "app.kubernetes.io/name": AGENT_NAME,
      "app.kubernetes.io/instance": AGENT_NAME,
      "app.kubernetes.io/component": "webhook",
    };
    const tlsSecret: V1Secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: meta(TLS_SECRET_NAME, "webhook"),
      type: "kubernetes.io/tls",
      data: {
        "tls.crt": base64(options.tls.certPem),
        "tls.key": base64(options.tls.keyPem),
        "ca.crt": base64(options.tls.caPem),
      },
    };
    const service: V1Service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta(WEBHOOK_NAME, "webhook"),
      spec: {
        type: "ClusterIP",
        selector,
        ports: [{ name: "https", port: WEBHOOK_SERVICE_PORT, targetPort: "https", protocol: "TCP" }],
      },
    };
    const webhookRole: V1ClusterRole = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: meta(WEBHOOK_NAME, "webhook", false),
      rules: [
        {
          apiGroups: ["admissionregistration.k8s.io"],
          resources: ["validatingwebhookconfigurations"],
          resourceNames: [WEBHOOK_CONFIGURATION_NAME],
          verbs: ["get", "update", "patch"],
        },
        // Kubernetes cannot restrict create by name: the name is not known when create is authorised
        {
          apiGroups: ["admissionregistration.k8s.io"],
          resources: ["validatingwebhookconfigurations"],
          verbs: ["create"],
        },
      ],
    };
    objects.push(
      serviceAccount(WEBHOOK_NAME, meta(WEBHOOK_NAME, "webhook")),
      webhookRole,
      clusterRoleBinding(WEBHOOK_NAME, meta(WEBHOOK_NAME, "webhook", false), namespace),
      tlsSecret,
      deployment({
        name: WEBHOOK_NAME,
        component: "webhook",
        labels: webhookLabels,
        namespace,
        replicas: options.webhook.replicas,
        pod: {
          serviceAccountName: WEBHOOK_NAME,
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: selector } },
                },
              ],
            },
          },
          containers: [
            {
              ...container(options, {
                args: ["webhook"],
                env: [
                  { name: "BULWARK_WEBHOOK_PORT", value: String(WEBHOOK_CONTAINER_PORT) },
                  { name: "BULWARK_WEBHOOK_CERT_FILE", value: `${TLS_DIR}/tls.crt` },
                  { name: "BULWARK_WEBHOOK_KEY_FILE", value: `${TLS_DIR}/tls.key` },
                ],
                resources: options.webhook.resources,
                mounts: [{ name: "tls", mountPath: TLS_DIR, readOnly: true }],
              }),
              ports: [{ name: "https", containerPort: WEBHOOK_CONTAINER_PORT, protocol: "TCP" }],
              readinessProbe: {
                httpGet: { path: "/readyz", port: "https", scheme: "HTTPS" },
                periodSeconds: 5,
                failureThreshold: 2,
              },
              livenessProbe: {
                httpGet: { path: "/healthz", port: "https", scheme: "HTTPS" },
                initialDelaySeconds: 5,
                periodSeconds: 10,
                failureThreshold: 3,
              },
            },
          ],
          volumes: [apiKeyVolume(apiSecretName), { name: "tls", secret: { secretName: TLS_SECRET_NAME } }],
        },
      }),
      service,
      buildWebhookConfiguration({
        name: WEBHOOK_CONFIGURATION_NAME,
        client: { service: { name: WEBHOOK_NAME, namespace, port: WEBHOOK_SERVICE_PORT } },
        caPem: options.tls.caPem,
        failurePolicy: options.webhook.failurePolicy,
        timeoutSeconds: options.webhook.timeoutSeconds,
        exemptNamespaces: [...options.webhook.exemptNamespaces, namespace],
        labels: { "app.kubernetes.io/version": options.version, "app.kubernetes.io/managed-by": "bulwark-agent" },
      }),
    );
  }
  return objects;
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

function serviceAccount(name: string, metadata: V1ServiceAccount["metadata"]): V1ServiceAccount {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: { ...metadata, name } };
}

function clusterRoleBinding(
  name: string,
  metadata: V1ClusterRoleBinding["metadata"],
  namespace: string,
): V1ClusterRoleBinding {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata,
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
    subjects: [{ kind: "ServiceAccount", name, namespace }],
  };
}

function apiKeyVolume(secretName: string) {
  return { name: "api-key", secret: { secretName, items: [{ key: API_KEY_SECRET_KEY, path: API_KEY_SECRET_KEY }] } };
}

function container(
  options: AgentManifestOptions,
  spec: {
    args: string[];
    env: V1EnvVar[];
    resources: V1ResourceRequirements;
    mounts: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
  },
): V1Container {
  return {
    name: "agent",
    image: options.image,
    imagePullPolicy: options.imagePullPolicy,
    args: spec.args,
    env: [
      { name: "BULWARK_API_URL", value: options.apiUrl },
      { name: "BULWARK_API_KEY_FILE", value: `${API_KEY_DIR}/${API_KEY_SECRET_KEY}` },
      { name: "BULWARK_CLUSTER", value: options.clusterName },
      { name: "BULWARK_AGENT_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
      { name: "BULWARK_LOG_LEVEL", value: options.logLevel },
      ...spec.env,
    ],
    resources: spec.resources,
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: RUN_AS,
      runAsGroup: RUN_AS,
      capabilities: { drop: ["ALL"] },
    },
    volumeMounts: [{ name: "api-key", mountPath: API_KEY_DIR, readOnly: true }, ...spec.mounts],
  };
}

function deployment(spec: {
  name: string;
  component: string;
  labels: Record<string, string>;
  namespace: string;
  replicas: number;
  pod: V1PodSpec;
}): V1Deployment {
  const selector = {
    "app.kubernetes.io/name": AGENT_NAME,
    "app.kubernetes.io/instance": AGENT_NAME,
    "app.kubernetes.io/component": spec.component,
  };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: spec.name, namespace: spec.namespace, labels: spec.labels },
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: spec.labels },
        spec: {
          automountServiceAccountToken: true,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: RUN_AS,
            runAsGroup: RUN_AS,
            fsGroup: RUN_AS,
            seccompProfile: { type: "RuntimeDefault" },
          },
          ...spec.pod,
        },
      },
    },
  };
}
