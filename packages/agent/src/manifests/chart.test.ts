import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadYaml, type V1Deployment, type V1ValidatingWebhookConfiguration } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildAgentManifests, DEFAULT_RUN_RESOURCES, DEFAULT_WEBHOOK_RESOURCES } from "./agent-manifests.js";

/*
 * Helm cannot run here, so the chart is checked structurally: its values against its schema, and
 * its templates against the objects `bulwark-agent manifests` prints (same kinds, same names, same
 * settings passed to the agent).
 */

const CHART = join(import.meta.dirname, "../../../../charts/bulwark-agent");
const read = (file: string) => readFileSync(join(CHART, file), "utf8");

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; $ref?: string };

const schemaJson = JSON.parse(read("values.schema.json")) as JsonSchema & { definitions: Record<string, JsonSchema> };
const schema = z.fromJSONSchema(schemaJson as Parameters<typeof z.fromJSONSchema>[0]);
const values = loadYaml<Record<string, unknown>>(read("values.yaml"));

const clone = <T>(value: T): T => structuredClone(value);

describe("charts/bulwark-agent values", () => {
  it("values.yaml satisfies values.schema.json", () => {
    const result = schema.safeParse(values);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it("the schema describes every value in values.yaml", () => {
    const undescribed: string[] = [];
    const walk = (value: unknown, node: JsonSchema | undefined, path: string) => {
      const resolved = node?.$ref ? schemaJson.definitions[node.$ref.replace("#/definitions/", "")] : node;
      if (resolved === undefined) return undescribed.push(path);
      if (value === null || typeof value !== "object" || Array.isArray(value) || resolved.properties === undefined)
        return;
      for (const [key, child] of Object.entries(value)) walk(child, resolved.properties[key], `${path}.${key}`);
    };
    walk(values, schemaJson, "values");
    expect(undescribed).toEqual([]);
  });

  it.each<[string, (v: Record<string, any>) => void]>([
    ["an unknown value", (v) => (v.webhook.failurPolicy = "Fail")],
    ["a failure policy Kubernetes does not know", (v) => (v.webhook.failurePolicy = "Deny")],
    ["an api URL that is not http(s)", (v) => (v.api.url = "bulwark.example.com")],
    ["replicas as text", (v) => (v.run.replicas = "two")],
    ["a timeout longer than the apiserver allows", (v) => (v.webhook.timeoutSeconds = 31)],
    ["a namespace name with capitals", (v) => (v.webhook.exemptNamespaces = ["Kube-System"])],
    ["a certificate that is not PEM", (v) => (v.webhook.tls.cert = "MIIB...")],
    ["a memory quantity with a typo", (v) => (v.webhook.resources.limits.memory = "256 MB")],
  ])("the schema refuses %s", (_name, change) => {
    const changed = clone(values);
    change(changed);
    expect(schema.safeParse(changed).success).toBe(false);
  });

  it("the schema accepts a typical install", () => {
    const install = clone(values) as Record<string, any>;
    install.api.url = "https://bulwark.example.com";
    install.api.key = "bwk_0123";
    install.cluster.name = "production";
    install.webhook.failurePolicy = "Fail";
    install.tolerations = [{ key: "dedicated", operator: "Equal", value: "infra", effect: "NoSchedule" }];
    expect(schema.safeParse(install).success).toBe(true);
  });
});

/** kind and metadata.name of each document of each template; template expressions kept as written. */
function templateObjects(): Array<{ kind: string; name: string; file: string; text: string }> {
  const objects: Array<{ kind: string; name: string; file: string; text: string }> = [];
  for (const file of readdirSync(join(CHART, "templates")).filter((f) => f.endsWith(".yaml"))) {
    for (const text of read(join("templates", file)).split(/^---$/m)) {
      const kind = /^kind: (\S+)$/m.exec(text)?.[1];
      const name = /^metadata:\n(?:[ ]{2}.*\n)*?[ ]{2}name: (.+)$/m.exec(text)?.[1];
      if (kind && name) objects.push({ kind, name: name.trim(), file, text });
    }
  }
  return objects;
}

describe("charts/bulwark-agent templates and the manifests command", () => {
  const manifests = buildAgentManifests({
    namespace: "bulwark",
    createNamespace: true,
    image: "ghcr.io/bulwark-dev/bulwark-agent:0.1.0",
    imagePullPolicy: "IfNotPresent",
    apiUrl: "https://bulwark.example.com",
    apiKey: { value: "bwk_0123" },
    clusterName: "production",
    logLevel: "info",
    run: { enabled: true, replicas: 1, resources: DEFAULT_RUN_RESOURCES },
    webhook: {
      enabled: true,
      replicas: 2,
      failurePolicy: "Ignore",
      timeoutSeconds: 3,
      exemptNamespaces: ["bulwark", "kube-system"],
      resources: DEFAULT_WEBHOOK_RESOURCES,
    },
    tls: { caPem: "ca", certPem: "cert", keyPem: "key" },
    version: "0.1.0",
  });
  const templates = templateObjects();

  it("create the same kinds with the same names", () => {
    const fromCommand = manifests
      .map((o) => `${o.kind}/${o.kind === "Namespace" ? "{{ .Release.Namespace }}" : (o.metadata?.name ?? "")}`)
      .sort();
    const fromChart = templates.map((o) => `${o.kind}/${o.name}`).sort();
    expect(fromChart).toEqual(fromCommand);
  });

  it("use the chart's defaults where the command uses its own", () => {
    expect(values).toMatchObject({
      run: { replicas: 1, resources: DEFAULT_RUN_RESOURCES },
      webhook: { replicas: 2, failurePolicy: "Ignore", timeoutSeconds: 3, resources: DEFAULT_WEBHOOK_RESOURCES },
    });
  });

  it("give the agent the same settings, ports, probes and mounts", () => {
    const chart = read("templates/_helpers.tpl") + templates.map((t) => t.text).join("\n");
    for (const object of manifests.filter((o): o is V1Deployment => o.kind === "Deployment")) {
      const container = object.spec?.template.spec?.containers[0];
      for (const env of container?.env ?? []) expect(chart).toContain(`- name: ${env.name}`);
      for (const mount of container?.volumeMounts ?? []) expect(chart).toContain(`mountPath: ${mount.mountPath}`);
      for (const probe of [container?.readinessProbe, container?.livenessProbe]) {
        if (probe?.httpGet) expect(chart).toContain(`path: ${probe.httpGet.path}`);
      }
      expect(chart).toContain(`args: [${container?.args?.join(", ")}]`);
    }
    const configuration = manifests.find(
      (o): o is V1ValidatingWebhookConfiguration => o.kind === "ValidatingWebhookConfiguration",
    );
    const tls = templates.find((t) => t.kind === "ValidatingWebhookConfiguration")?.text ?? "";
    for (const webhook of configuration?.webhooks ?? []) {
      expect(tls).toContain(webhook.name.replace(/^(pods|workloads)/, "{{ $webhook }}"));
      for (const rule of webhook.rules ?? []) expect(tls).toContain(`resources: [${rule.resources?.join(", ")}]`);
    }
  });
});
