import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  loadAllYaml,
  type KubernetesObject,
  type V1ClusterRole,
  type V1Deployment,
  type V1Secret,
  type V1ValidatingWebhookConfiguration,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWebhookCertificates } from "../certs/certificates.js";
import { runManifests } from "./manifests-command.js";
import { buildWebhookConfiguration } from "./webhook-configuration.js";

const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

function capture(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

describe("buildWebhookConfiguration", () => {
  it("has a webhook for pods and one for workloads, skipping exempt namespaces", () => {
    const configuration = buildWebhookConfiguration({
      client: { service: { name: "bulwark-agent-webhook", namespace: "bulwark", port: 443 } },
      caPem: CA,
      exemptNamespaces: ["kube-system", "bulwark", "kube-system"],
    });
    expect(configuration.metadata?.name).toBe("bulwark-agent");
    const [pods, workloads] = configuration.webhooks ?? [];
    for (const webhook of [pods, workloads]) {
      expect(webhook).toMatchObject({
        admissionReviewVersions: ["v1"],
        sideEffects: "None",
        failurePolicy: "Ignore",
        timeoutSeconds: 3,
        clientConfig: {
          service: { name: "bulwark-agent-webhook", namespace: "bulwark", port: 443, path: "/validate" },
          caBundle: Buffer.from(CA).toString("base64"),
        },
        namespaceSelector: {
          matchExpressions: [
            { key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["bulwark", "kube-system"] },
            { key: "bulwark.dev/exempt", operator: "NotIn", values: ["true"] },
          ],
        },
      });
    }
    expect(pods?.name).toBe("pods.admission.bulwark.dev");
    expect(pods?.rules).toEqual([
      {
        apiGroups: [""],
        apiVersions: ["v1"],
        operations: ["CREATE", "UPDATE"],
        resources: ["pods", "pods/ephemeralcontainers"],
        scope: "Namespaced",
      },
    ]);
    expect(workloads?.name).toBe("workloads.admission.bulwark.dev");
    expect(workloads?.rules?.map((r) => [r.apiGroups, r.apiVersions, r.resources])).toEqual([
      [["apps"], ["v1"], ["deployments", "statefulsets", "daemonsets", "replicasets"]],
      [["batch"], ["v1"], ["jobs"]],
      [["batch"], ["v1", "v1beta1"], ["cronjobs"]],
    ]);
  });

  it("calls a URL when the webhook runs outside the cluster, with the failure policy asked for", () => {
    const configuration = buildWebhookConfiguration({
      client: { url: "https://127.0.0.1:8443/validate" },
      caPem: CA,
      failurePolicy: "Fail",
      cronJobVersions: ["v1beta1"],
    });
    expect(configuration.webhooks?.[0]?.clientConfig).toEqual({
      url: "https://127.0.0.1:8443/validate",
      caBundle: Buffer.from(CA).toString("base64"),
    });
    expect(configuration.webhooks?.[0]?.failurePolicy).toBe("Fail");
    expect(configuration.webhooks?.[1]?.rules?.[2]?.apiVersions).toEqual(["v1beta1"]);
  });
});

describe("the manifests command", () => {
  let certs: string;
  beforeAll(async () => {
    certs = await mkdtemp(join(tmpdir(), "bulwark-manifests-test-"));
    await generateWebhookCertificates({
      outDir: certs,
      dnsNames: ["bulwark-agent-webhook.bulwark.svc"],
      ipAddresses: [],
      days: 1,
      force: false,
    });
  });
  afterAll(async () => {
    await rm(certs, { recursive: true, force: true });
  });

  const REQUIRED = ["--api-url", "https://bulwark.example.com", "--cluster", "production"];

  async function objects(args: string[], env: Record<string, string> = { BULWARK_API_KEY: "bwk_secret" }) {
    const result = capture(env);
    expect(await runManifests([...REQUIRED, "--certs-dir", certs, ...args], result.io)).toBe(0);
    expect(result.err()).toBe("");
    return loadAllYaml(result.out()) as KubernetesObject[];
  }

  it("prints every object the agent needs", async () => {
    const printed = await objects([]);
    expect(printed.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      "Namespace/bulwark",
      "Secret/bulwark-agent",
      "ServiceAccount/bulwark-agent",
      "ClusterRole/bulwark-agent",
      "ClusterRoleBinding/bulwark-agent",
      "Deployment/bulwark-agent",
      "ServiceAccount/bulwark-agent-webhook",
      "ClusterRole/bulwark-agent-webhook",
      "ClusterRoleBinding/bulwark-agent-webhook",
      "Secret/bulwark-agent-webhook-tls",
      "Deployment/bulwark-agent-webhook",
      "Service/bulwark-agent-webhook",
      "ValidatingWebhookConfiguration/bulwark-agent",
    ]);
    expect(printed[0]?.metadata?.labels?.["bulwark.dev/exempt"]).toBe("true");
    const secret = printed[1] as V1Secret;
    expect(Buffer.from(secret.data?.["api-key"] ?? "", "base64").toString()).toBe("bwk_secret");
  });

  it("grants least privilege: the run mode reads, the webhook manages only its configuration", async () => {
    const printed = await objects([]);
    const roles = printed.filter((o): o is V1ClusterRole => o.kind === "ClusterRole");
    const verbs = roles.flatMap((r) =>
      (r.rules ?? []).map((rule) => [r.metadata?.name, rule.resourceNames ?? null, rule.verbs]),
    );
    expect(verbs).toEqual([
      ["bulwark-agent", null, ["get", "list", "watch"]],
      ["bulwark-agent", null, ["get", "list", "watch"]],
      ["bulwark-agent", null, ["get", "list", "watch"]],
      ["bulwark-agent-webhook", ["bulwark-agent"], ["get", "update", "patch"]],
      ["bulwark-agent-webhook", null, ["create"]],
    ]);
  });

  it("hardens both Deployments and probes the webhook", async () => {
    const printed = await objects(["--image", "registry.example.com/bulwark-agent:1.2.3", "--webhook-replicas", "3"]);
    const deployments = printed.filter((o): o is V1Deployment => o.kind === "Deployment");
    for (const deployment of deployments) {
      const pod = deployment.spec?.template.spec;
      expect(pod?.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      const container = pod?.containers[0];
      expect(container?.image).toBe("registry.example.com/bulwark-agent:1.2.3");
      expect(container?.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        runAsUser: 65532,
        runAsGroup: 65532,
        capabilities: { drop: ["ALL"] },
      });
      expect(container?.resources?.limits?.memory).toBeDefined();
      expect(container?.env?.find((e) => e.name === "BULWARK_API_KEY_FILE")?.value).toBe(
        "/var/run/secrets/bulwark/api-key",
      );
      expect(JSON.stringify(container?.env)).not.toContain("bwk_secret");
    }
    const webhook = deployments[1];
    expect(webhook?.spec?.replicas).toBe(3);
    expect(webhook?.spec?.template.spec?.containers[0]).toMatchObject({
      args: ["webhook"],
      ports: [{ name: "https", containerPort: 8443 }],
      readinessProbe: { httpGet: { path: "/readyz", port: "https", scheme: "HTTPS" } },
      livenessProbe: { httpGet: { path: "/healthz", port: "https", scheme: "HTTPS" } },
    });
    const configuration = printed.at(-1) as V1ValidatingWebhookConfiguration;
    expect(Buffer.from(configuration.webhooks?.[0]?.clientConfig.caBundle ?? "", "base64").toString()).toContain(
      "BEGIN CERTIFICATE",
    );
  });

  it("uses an existing Secret, leaves the Namespace out, and prints JSON", async () => {
    const result = capture();
    const code = await runManifests(
      [
        ...REQUIRED,
        "--certs-dir",
        certs,
        "--existing-secret",
        "my-key",
        "--no-namespace",
        "--run-replicas",
        "0",
        "--format",
        "json",
      ],
      result.io,
    );
    expect(code).toBe(0);
    const list = JSON.parse(result.out()) as { kind: string; items: KubernetesObject[] };
    expect(list.kind).toBe("List");
    expect(list.items.map((o) => o.kind)).not.toContain("Namespace");
    expect(list.items.filter((o) => o.kind === "Secret").map((o) => o.metadata?.name)).toEqual([
      "bulwark-agent-webhook-tls",
    ]);
    const deployment = list.items.find((o): o is V1Deployment => o.kind === "Deployment");
    expect(deployment?.metadata?.name).toBe("bulwark-agent-webhook");
    expect(deployment?.spec?.template.spec?.volumes?.[0]).toMatchObject({
      name: "api-key",
      secret: { secretName: "my-key" },
    });
  });

  it("makes a certificate for the Service when no --certs-dir is given", async () => {
    const result = capture({ BULWARK_API_KEY: "k" });
    expect(await runManifests([...REQUIRED, "--namespace", "security"], result.io)).toBe(0);
    const tls = (loadAllYaml(result.out()) as KubernetesObject[]).find(
      (o): o is V1Secret => o.kind === "Secret" && o.metadata?.name === "bulwark-agent-webhook-tls",
    );
    const { X509Certificate } = await import("node:crypto");
    const cert = new X509Certificate(Buffer.from(tls?.data?.["tls.crt"] ?? "", "base64"));
    expect(cert.checkHost("bulwark-agent-webhook.security.svc")).toBe("bulwark-agent-webhook.security.svc");
  });

  it("lists every missing setting at once and never echoes the key", async () => {
    const result = capture({ BULWARK_API_KEY: "bwk_secret" });
    expect(await runManifests(["--existing-secret", "x", "--failure-policy", "Never"], result.io)).toBe(2);
    expect(result.err()).toBe(
      [
        "bulwark-agent manifests: give the api's URL with --api-url or BULWARK_API_URL",
        "  give the cluster's name with --cluster or BULWARK_CLUSTER",
        "  give --api-key (or BULWARK_API_KEY) or --existing-secret, not both",
        "  --failure-policy must be Ignore or Fail",
        "",
      ].join("\n"),
    );
    expect(result.err()).not.toContain("bwk_secret");
    expect(result.out()).toBe("");
  });
});
