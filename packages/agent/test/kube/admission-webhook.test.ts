import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AdmissionregistrationV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdmissionEventInput, AdmissionSettings } from "../../src/api/contract.js";
import { generateWebhookCertificates } from "../../src/certs/certificates.js";
import { cronJobVersions, registerWebhook } from "../../src/manifests/register-webhook.js";
import { buildWebhookConfiguration } from "../../src/manifests/webhook-configuration.js";
import {
  admissionImage,
  admissionSettings,
  admissionSnapshot,
  nonCompliant,
  verdictReason,
} from "../../src/webhook/admission.builders.js";
import { InMemoryAdmissionApi } from "../../src/webhook/in-memory-admission-api.js";
import { runWebhook, type WebhookHandle } from "../../src/webhook/server.js";
import { memoryLogger, type LogLine } from "../../src/webhook/test-logger.js";
import { kubeConfig, kubectl, requireKubeconfig, uniqueName, waitFor } from "./kube-harness.js";

/*
 * The webhook runs in this process with an in-memory api, registered by URL with the apiserver
 * (https://127.0.0.1:<port>/validate and a caBundle); kubectl drives the apiserver, which calls it.
 */

const NAMESPACE = uniqueName("bw-webhook");
const EXEMPT = uniqueName("bw-exempt");
const CONFIGURATION = uniqueName("bulwark-agent-test");

const NGINX_BAD_MESSAGE =
  'Bulwark denied this pod: image docker.io/library/nginx:1.25 (container bad) is non-compliant: policy "No fixable critical or high" allows 0 fixable high findings, found 2 (CVE-2024-0001, CVE-2024-0002)';

let dir: string;
let api: InMemoryAdmissionApi;
let handle: WebhookHandle;
let logs: LogLine[];

function podsOf(events: AdmissionEventInput[], name: string): AdmissionEventInput[] {
  return events.filter((e) => e.name === name);
}

/** Changes the settings in the api and waits until the webhook's snapshot has them. */
async function settings(change: Partial<AdmissionSettings>): Promise<void> {
  api.updateSettings(change);
  await waitFor("the webhook to load the new settings", () => {
    const current = handle.store.view()?.index.settings;
    return current &&
      Object.entries(change).every(
        ([k, v]) => JSON.stringify(current[k as keyof AdmissionSettings]) === JSON.stringify(v),
      )
      ? true
      : undefined;
  });
}

/** The event the api received for a request on an object, once the batch has been sent. */
function eventFor(name: string, kind = "Pod"): Promise<AdmissionEventInput> {
  return waitFor(`the admission event of ${kind} ${name}`, () =>
    api.events.find((e) => e.name === name && e.kind === kind && e.namespace !== ""),
  );
}

beforeAll(async () => {
  requireKubeconfig();
  dir = await mkdtemp(join(tmpdir(), "bulwark-kube-webhook-"));
  await generateWebhookCertificates({ outDir: dir, dnsNames: [], ipAddresses: ["127.0.0.1"], days: 1, force: false });
  api = new InMemoryAdmissionApi(
    admissionSnapshot({
      settings: admissionSettings({ exemptNamespaces: [EXEMPT, "kube-system"], staleSnapshotSeconds: 3600 }),
      images: [
        admissionImage({
          imageId: "nginx-1.25",
          repository: "library/nginx",
          tags: ["1.25"],
          verdicts: [nonCompliant()],
        }),
        admissionImage({ imageId: "nginx-1.27", repository: "library/nginx", tags: ["1.27"] }),
        admissionImage({
          imageId: "busybox",
          repository: "library/busybox",
          tags: ["1.36"],
          verdicts: [
            nonCompliant([
              verdictReason({
                policyName: "Base images",
                severity: "critical",
                fixable: false,
                count: 1,
                limit: 0,
                issueIds: ["CVE-2023-4911"],
              }),
            ]),
          ],
        }),
      ],
    }),
  );
  const logger = memoryLogger("info");
  logs = logger.lines;
  handle = await runWebhook({
    api,
    port: 0,
    host: "127.0.0.1",
    certFile: join(dir, "tls.crt"),
    keyFile: join(dir, "tls.key"),
    refreshSeconds: 60,
    logger: logger.logger,
    retry: { initialMs: 200, maxMs: 1_000 },
    events: { flushIntervalMs: 200, initialRetryMs: 200, maxRetryMs: 1_000 },
  });
  await handle.ready;

  const kube = kubeConfig();
  const caPem = await readFile(join(dir, "ca.crt"), "utf8");
  await registerWebhook(
    kube,
    buildWebhookConfiguration({
      name: CONFIGURATION,
      client: { url: handle.url },
      caPem,
      failurePolicy: "Ignore",
      exemptNamespaces: [EXEMPT, "kube-system"],
      cronJobVersions: await cronJobVersions(kube),
    }),
  );
  for (const ns of [NAMESPACE, EXEMPT]) expect((await kubectl(["create", "namespace", ns])).code).toBe(0);
  // the apiserver picks up a new webhook configuration within a moment
  await waitFor(
    "the apiserver to call the webhook",
    async () => {
      const probe = await kubectl(["run", "probe", "-n", NAMESPACE, "--image=nginx:1.25", "--dry-run=server"]);
      return probe.stderr.includes("Bulwark denied") ? true : undefined;
    },
    30_000,
  );
});

afterAll(async () => {
  if (!process.env.KUBECONFIG) return;
  await kubeConfig()
    .makeApiClient(AdmissionregistrationV1Api)
    .deleteValidatingWebhookConfiguration({ name: CONFIGURATION })
    .catch(() => undefined);
  await kubectl(["delete", "namespace", NAMESPACE, EXEMPT, "--wait=false"]).catch(() => undefined);
  await handle?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the admission webhook against a real kube-apiserver", () => {
  it("denies a pod with a non-compliant image, with the reasons in kubectl's error", async () => {
    const result = await kubectl(["run", "bad", "-n", NAMESPACE, "--image=nginx:1.25"]);
    console.log(`$ kubectl run bad --image=nginx:1.25\n${result.stderr.trim()}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `admission webhook "pods.admission.bulwark.dev" denied the request: ${NGINX_BAD_MESSAGE}`,
    );
    expect((await kubectl(["get", "pod", "bad", "-n", NAMESPACE])).code).toBe(1);
    expect(await eventFor("bad")).toMatchObject({
      decision: "denied",
      enforced: true,
      operation: "CREATE",
      namespace: NAMESPACE,
    });
  });

  it("admits a pod with a compliant image", async () => {
    const result = await kubectl(["run", "good", "-n", NAMESPACE, "--image=nginx:1.27"]);
    console.log(`$ kubectl run good --image=nginx:1.27\n${result.stdout.trim()}`);
    expect(result).toMatchObject({ code: 0, stdout: "pod/good created\n" });
    expect((await eventFor("good")).images).toEqual([
      { container: "good", kind: "app", reference: "nginx:1.27", status: "compliant" },
    ]);
  });

  it("admits a non-compliant image in an exempt namespace (the webhook's own exemption, as 1.20 has no namespace name label)", async () => {
    const result = await kubectl(["run", "bad", "-n", EXEMPT, "--image=nginx:1.25"]);
    console.log(`$ kubectl run bad -n ${EXEMPT} --image=nginx:1.25\n${result.stdout.trim()}`);
    expect(result).toMatchObject({ code: 0, stdout: "pod/bad created\n" });
    const event = await waitFor("the exempt event", () =>
      api.events.find((e) => e.namespace === EXEMPT && e.name === "bad"),
    );
    expect(event).toMatchObject({ decision: "allowed", message: `namespace ${EXEMPT} is exempt` });
    expect(event.images[0]?.status).toBe("exempt");
  });

  it("checks init containers", async () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "with-init", namespace: NAMESPACE },
      spec: {
        initContainers: [{ name: "setup", image: "busybox:1.36", command: ["true"] }],
        containers: [{ name: "app", image: "nginx:1.27" }],
      },
    };
    const result = await kubectl(["apply", "-f", "-"], JSON.stringify(pod));
    console.log(`$ kubectl apply -f pod-with-init.json\n${result.stderr.trim()}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Bulwark denied this pod: image docker.io/library/busybox:1.36 (init container setup) is non-compliant: policy "Base images" allows 0 unfixable critical findings, found 1 (CVE-2023-4911)',
    );
  });

  it("denies a Deployment with a non-compliant image, and a batch/v1beta1 CronJob", async () => {
    const deployment = await kubectl(["create", "deployment", "bad-deploy", "-n", NAMESPACE, "--image=nginx:1.25"]);
    console.log(`$ kubectl create deployment bad-deploy --image=nginx:1.25\n${deployment.stderr.trim()}`);
    expect(deployment.code).toBe(1);
    expect(deployment.stderr).toContain(
      'admission webhook "workloads.admission.bulwark.dev" denied the request: Bulwark denied this deployment: image docker.io/library/nginx:1.25 (container nginx) is non-compliant',
    );

    const cronJob = {
      apiVersion: "batch/v1beta1",
      kind: "CronJob",
      metadata: { name: "nightly", namespace: NAMESPACE },
      spec: {
        schedule: "0 3 * * *",
        jobTemplate: {
          spec: {
            template: { spec: { restartPolicy: "Never", containers: [{ name: "job", image: "busybox:1.36" }] } },
          },
        },
      },
    };
    const cron = await kubectl(["apply", "-f", "-"], JSON.stringify(cronJob));
    console.log(`$ kubectl apply -f cronjob-v1beta1.json\n${cron.stderr.trim()}`);
    expect(cron.code).toBe(1);
    expect(cron.stderr).toContain(
      "Bulwark denied this cronjob: image docker.io/library/busybox:1.36 (container job) is non-compliant",
    );
  });

  it("admits a compliant Deployment, and the pods its ReplicaSet creates", async () => {
    const result = await kubectl([
      "create",
      "deployment",
      "shop",
      "-n",
      NAMESPACE,
      "--image=nginx:1.27",
      "--replicas=2",
    ]);
    expect(result).toMatchObject({ code: 0, stdout: "deployment.apps/shop created\n" });
    await eventFor("shop", "Deployment");
    // the controller-manager creates the ReplicaSet and its pods, each admitted by the webhook
    const replicaSet = await waitFor("the ReplicaSet's event", () =>
      api.events.find((e) => e.kind === "ReplicaSet" && e.name.startsWith("shop-")),
    );
    expect(replicaSet.decision).toBe("allowed");
    const pods = await waitFor("the pods' events", () => {
      const found = api.events.filter(
        (e) =>
          e.kind === "Pod" &&
          e.name.startsWith("shop-") &&
          e.userName === "system:serviceaccount:kube-system:replicaset-controller",
      );
      return found.length >= 2 ? found : undefined;
    });
    expect(pods.every((e) => e.decision === "allowed")).toBe(true);
  });

  it("admits with a warning printed by kubectl in warn mode", async () => {
    await settings({ mode: "warn" });
    const result = await kubectl(["run", "warned", "-n", NAMESPACE, "--image=nginx:1.25"]);
    console.log(
      `$ kubectl run warned --image=nginx:1.25   (warn mode)\n${result.stderr.trim()}\n${result.stdout.trim()}`,
    );
    expect(result).toMatchObject({ code: 0, stdout: "pod/warned created\n" });
    expect(result.stderr).toContain(
      'Warning: Bulwark: image docker.io/library/nginx:1.25 (container warned) is non-compliant: policy "No fixable critical or high" allows 0 fixable high findings, found 2',
    );
    expect(await eventFor("warned")).toMatchObject({ decision: "warned", mode: "warn" });
    await settings({ mode: "deny" });
  });

  it("admits and records would_deny while enforcement is off", async () => {
    await settings({ enforcementEnabled: false });
    const result = await kubectl(["run", "unenforced", "-n", NAMESPACE, "--image=nginx:1.25"]);
    console.log(
      `$ kubectl run unenforced --image=nginx:1.25   (enforcement off)\n${result.stdout.trim()}${result.stderr.trim()}`,
    );
    expect(result).toMatchObject({ code: 0, stdout: "pod/unenforced created\n" });
    expect(result.stderr).not.toContain("Warning");
    const event = await eventFor("unenforced");
    expect(event).toMatchObject({ decision: "would_deny", enforced: false });
    expect(event.message).toContain(
      "Bulwark would deny this pod (enforcement is off): image docker.io/library/nginx:1.25",
    );
    await settings({ enforcementEnabled: true });
  });

  it("follows the unscanned-image setting, and reports the image for a scan either way", async () => {
    const denied = await kubectl(["run", "fresh", "-n", NAMESPACE, "--image=acme/never-scanned:1"]);
    console.log(`$ kubectl run fresh --image=acme/never-scanned:1   (unscanned: deny)\n${denied.stderr.trim()}`);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain(
      "Bulwark denied this pod: image docker.io/acme/never-scanned:1 (container fresh) has never been scanned by Bulwark; a scan has been queued, retry once it completes",
    );
    expect((await eventFor("fresh")).images).toEqual([
      { container: "fresh", kind: "app", reference: "acme/never-scanned:1", status: "unscanned" },
    ]);
    expect(logs.find((l) => l.name === "fresh" && Array.isArray(l.unscanned))?.unscanned).toEqual([
      "docker.io/acme/never-scanned:1",
    ]);

    await settings({ unscannedImages: "allow" });
    const allowed = await kubectl(["run", "fresh2", "-n", NAMESPACE, "--image=acme/never-scanned:2"]);
    console.log(
      `$ kubectl run fresh2 --image=acme/never-scanned:2   (unscanned: allow)\n${allowed.stderr.trim()}\n${allowed.stdout.trim()}`,
    );
    expect(allowed).toMatchObject({ code: 0, stdout: "pod/fresh2 created\n" });
    expect(allowed.stderr).toContain(
      "Warning: Bulwark: image docker.io/acme/never-scanned:2 (container fresh2) has never been scanned; a scan has been queued",
    );
    expect((await eventFor("fresh2")).images[0]?.status).toBe("unscanned");
    await settings({ unscannedImages: "deny" });
  });

  it("keeps deciding from its snapshot while the api is down, and delivers the events when it returns", async () => {
    api.down();
    await waitFor("the webhook to notice", () => (handle.store.status().subscribed ? undefined : true));
    const denied = await kubectl(["run", "bad-offline", "-n", NAMESPACE, "--image=nginx:1.25"]);
    const admitted = await kubectl(["run", "good-offline", "-n", NAMESPACE, "--image=nginx:1.27"]);
    console.log(
      `$ (api down) kubectl run bad-offline --image=nginx:1.25\n${denied.stderr.trim()}\n$ (api down) kubectl run good-offline --image=nginx:1.27\n${admitted.stdout.trim()}`,
    );
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain(
      "Bulwark denied this pod: image docker.io/library/nginx:1.25 (container bad-offline) is non-compliant",
    );
    expect(admitted).toMatchObject({ code: 0, stdout: "pod/good-offline created\n" });
    expect(podsOf(api.events, "bad-offline")).toEqual([]);
    await waitFor("a failed send", () => (handle.events.stats().consecutiveFailures > 0 ? true : undefined));
    expect(handle.events.stats().buffered).toBeGreaterThanOrEqual(2);
    expect(logs.some((l) => l.msg === "cannot send admission events to the api; keeping them and retrying")).toBe(true);

    api.up();
    expect((await eventFor("bad-offline")).decision).toBe("denied");
    expect((await eventFor("good-offline")).decision).toBe("allowed");
    await waitFor("the subscription to return", () => (handle.store.status().subscribed ? true : undefined));
  });
});
