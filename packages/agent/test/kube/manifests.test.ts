import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWebhookCertificates } from "../../src/certs/certificates.js";
import type { CommandIo } from "../../src/certs/command-io.js";
import { runManifests } from "../../src/manifests/manifests-command.js";
import { runRegisterWebhook } from "../../src/manifests/register-webhook.js";
import { applyWebhookSettings, keepWebhookSettingsApplied } from "../../src/manifests/webhook-settings.js";
import { admissionSettings, admissionSnapshot } from "../../src/webhook/admission.builders.js";
import { InMemoryAdmissionApi } from "../../src/webhook/in-memory-admission-api.js";
import { SnapshotStore } from "../../src/webhook/snapshot-store.js";
import { memoryLogger } from "../../src/webhook/test-logger.js";
import { kubeConfig, kubectl, requireKubeconfig, uniqueName, waitFor } from "./kube-harness.js";

function capture(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    env: { ...env, KUBECONFIG: requireKubeconfig() },
  };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

const NAMESPACE = uniqueName("bw-agent");
let dir: string;

beforeAll(async () => {
  requireKubeconfig();
  dir = await mkdtemp(join(tmpdir(), "bulwark-kube-manifests-"));
  await generateWebhookCertificates({ outDir: dir, dnsNames: [], ipAddresses: ["127.0.0.1"], days: 1, force: false });
});

afterAll(async () => {
  if (!process.env.KUBECONFIG) return;
  await kubectl(["delete", "namespace", NAMESPACE, "--wait=false"]).catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the manifests command against a real kube-apiserver", () => {
  it.each(["yaml", "json"])(
    "prints objects the apiserver accepts (%s, kubectl apply --dry-run=server)",
    async (format) => {
      const { io, out, err } = capture({ BULWARK_API_KEY: "bwk_test_0123456789" });
      const code = await runManifests(
        [
          "--api-url",
          "https://bulwark.example.com",
          "--cluster",
          "production",
          "--namespace",
          NAMESPACE,
          "--format",
          format,
        ],
        io,
      );
      expect(err()).toBe("");
      expect(code).toBe(0);
      // server-side dry run does not create the namespace, so the namespaced objects need it for real
      await kubectl(["create", "namespace", NAMESPACE]);
      const result = await kubectl(["apply", "--dry-run=server", "-f", "-"], out());
      console.log(
        `$ bulwark-agent manifests --format ${format} … | kubectl apply --dry-run=server -f -\n${result.stdout.trim()}`,
      );
      expect(result.stderr.replace(/^Warning: resource namespaces\/.*$/m, "").trim()).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout.trim().split("\n")).toEqual([
        `namespace/${NAMESPACE} configured (server dry run)`,
        "secret/bulwark-agent created (server dry run)",
        "serviceaccount/bulwark-agent created (server dry run)",
        "clusterrole.rbac.authorization.k8s.io/bulwark-agent created (server dry run)",
        "clusterrolebinding.rbac.authorization.k8s.io/bulwark-agent created (server dry run)",
        "deployment.apps/bulwark-agent created (server dry run)",
        "serviceaccount/bulwark-agent-webhook created (server dry run)",
        "clusterrole.rbac.authorization.k8s.io/bulwark-agent-webhook created (server dry run)",
        "clusterrolebinding.rbac.authorization.k8s.io/bulwark-agent-webhook created (server dry run)",
        "secret/bulwark-agent-webhook-tls created (server dry run)",
        "deployment.apps/bulwark-agent-webhook created (server dry run)",
        "service/bulwark-agent-webhook created (server dry run)",
        "validatingwebhookconfiguration.admissionregistration.k8s.io/bulwark-agent created (server dry run)",
      ]);
    },
  );
});

describe("register-webhook against a real kube-apiserver", () => {
  it("creates the configuration, then updates it, with CronJob in the version the cluster serves", async () => {
    const name = uniqueName("bulwark-agent-register");
    const base = ["--url", "https://127.0.0.1:9443/validate", "--ca-file", join(dir, "ca.crt"), "--name", name];
    try {
      const first = capture();
      expect(await runRegisterWebhook(base, first.io)).toBe(0);
      console.log(`$ bulwark-agent register-webhook ${base.join(" ")}\n${first.out().trim()}`);
      expect(first.out()).toMatch(
        new RegExp(
          `^created ValidatingWebhookConfiguration ${name} \\(https://127\\.0\\.0\\.1:9443/validate, failurePolicy Ignore, CronJob (v1beta1|v1)`,
        ),
      );

      const second = capture();
      expect(
        await runRegisterWebhook([...base, "--failure-policy", "Fail", "--exempt-namespace", "tools"], second.io),
      ).toBe(0);
      console.log(`$ bulwark-agent register-webhook … --failure-policy Fail\n${second.out().trim()}`);
      expect(second.out()).toContain(`updated ValidatingWebhookConfiguration ${name}`);

      const got = await kubectl(["get", "validatingwebhookconfiguration", name, "-o", "json"]);
      const configuration = JSON.parse(got.stdout) as {
        webhooks: Array<{
          name: string;
          failurePolicy: string;
          timeoutSeconds: number;
          sideEffects: string;
          admissionReviewVersions: string[];
          clientConfig: { url: string; caBundle: string };
          namespaceSelector: { matchExpressions: Array<{ key: string; values: string[] }> };
          rules: Array<{ apiGroups: string[]; apiVersions: string[]; resources: string[]; operations: string[] }>;
        }>;
      };
      expect(configuration.webhooks.map((w) => w.name)).toEqual([
        "pods.admission.bulwark.dev",
        "workloads.admission.bulwark.dev",
      ]);
      for (const webhook of configuration.webhooks) {
        expect(webhook).toMatchObject({
          failurePolicy: "Fail",
          timeoutSeconds: 3,
          sideEffects: "None",
          admissionReviewVersions: ["v1"],
          clientConfig: { url: "https://127.0.0.1:9443/validate" },
        });
        expect(Buffer.from(webhook.clientConfig.caBundle, "base64").toString()).toContain("BEGIN CERTIFICATE");
        expect(webhook.namespaceSelector.matchExpressions).toEqual([
          { key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["bulwark", "tools"] },
          { key: "bulwark.dev/exempt", operator: "NotIn", values: ["true"] },
        ]);
      }
      const cron = configuration.webhooks[1]?.rules.find((r) => r.resources.includes("cronjobs"));
      const version = (await kubectl(["version", "-o", "json"])).stdout;
      const minor = Number(
        (JSON.parse(version) as { serverVersion: { minor: string } }).serverVersion.minor.replace(/\D/g, ""),
      );
      expect(cron?.apiVersions).toEqual(minor < 21 ? ["v1beta1"] : minor < 25 ? ["v1", "v1beta1"] : ["v1"]);
    } finally {
      await kubectl(["delete", "validatingwebhookconfiguration", name]);
    }
  });

  it("applies the cluster's failurePolicy and exempt namespaces to the registered configuration", async () => {
    const name = uniqueName("bulwark-agent-settings");
    const kube = kubeConfig();
    expect(
      await applyWebhookSettings(
        kube,
        { failurePolicy: "Fail", exemptNamespaces: [] },
        { name, ownNamespace: "bulwark" },
      ),
    ).toBe("missing");
    const register = capture();
    expect(
      await runRegisterWebhook(
        ["--url", "https://127.0.0.1:9443/validate", "--ca-file", join(dir, "ca.crt"), "--name", name],
        register.io,
      ),
    ).toBe(0);
    try {
      const settings = { failurePolicy: "Fail" as const, exemptNamespaces: ["kube-system", "tools"] };
      expect(await applyWebhookSettings(kube, settings, { name, ownNamespace: "bulwark" })).toBe("updated");
      expect(await applyWebhookSettings(kube, settings, { name, ownNamespace: "bulwark" })).toBe("unchanged");
      const got = JSON.parse((await kubectl(["get", "validatingwebhookconfiguration", name, "-o", "json"])).stdout) as {
        webhooks: Array<{ failurePolicy: string; clientConfig: { url: string }; namespaceSelector: unknown }>;
      };
      for (const webhook of got.webhooks) {
        expect(webhook.failurePolicy).toBe("Fail");
        expect(webhook.clientConfig.url).toBe("https://127.0.0.1:9443/validate");
        expect(webhook.namespaceSelector).toEqual({
          matchExpressions: [
            { key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["bulwark", "kube-system", "tools"] },
            { key: "bulwark.dev/exempt", operator: "NotIn", values: ["true"] },
          ],
        });
      }
    } finally {
      await kubectl(["delete", "validatingwebhookconfiguration", name]);
    }
  });

  it("keeps the configuration in line with the settings the webhook's snapshot brings", async () => {
    const name = uniqueName("bulwark-agent-follow");
    const register = capture();
    expect(
      await runRegisterWebhook(
        ["--url", "https://127.0.0.1:9443/validate", "--ca-file", join(dir, "ca.crt"), "--name", name],
        register.io,
      ),
    ).toBe(0);
    const api = new InMemoryAdmissionApi(
      admissionSnapshot({ settings: admissionSettings({ failurePolicy: "Fail", exemptNamespaces: ["ops"] }) }),
    );
    const { logger, lines } = memoryLogger("info");
    const store = new SnapshotStore({ api, logger, refreshSeconds: 60 });
    const policies = async () =>
      (
        JSON.parse((await kubectl(["get", "validatingwebhookconfiguration", name, "-o", "json"])).stdout) as {
          webhooks: Array<{ failurePolicy: string }>;
        }
      ).webhooks.map((w) => w.failurePolicy);
    try {
      keepWebhookSettingsApplied({ kube: kubeConfig(), store, logger, ownNamespace: "bulwark", name });
      store.start();
      await waitFor("failurePolicy Fail", async () =>
        (await policies()).every((p) => p === "Fail") ? true : undefined,
      );
      api.updateSettings({ failurePolicy: "Ignore" });
      await waitFor("failurePolicy Ignore", async () =>
        (await policies()).every((p) => p === "Ignore") ? true : undefined,
      );
      expect(
        lines.filter((l) => l.msg === "webhook configuration updated to the cluster's admission settings"),
      ).toHaveLength(2);
    } finally {
      store.stop();
      await kubectl(["delete", "validatingwebhookconfiguration", name]);
    }
  });

  it("explains what is missing", async () => {
    const result = capture();
    expect(
      await runRegisterWebhook(["--url", "http://127.0.0.1/validate", "--ca-file", join(dir, "ca.crt")], result.io),
    ).toBe(2);
    expect(result.err()).toBe(
      "bulwark-agent register-webhook: --url must be https:// (the apiserver only calls webhooks over TLS)\n",
    );
    const noCa = capture();
    expect(await runRegisterWebhook([], noCa.io)).toBe(2);
    expect(noCa.err()).toContain("--ca-file is required");
  });
});
