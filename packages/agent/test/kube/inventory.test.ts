import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeVuln } from "../../src/scan/scan.builders.js";
import { AGENT_MAIN, FAKE_TRIVY, startApi, type RunningApi } from "../scan/process-harness.js";
import { kubectl, requireKubeconfig, uniqueName, waitFor } from "./kube-harness.js";

/*
 * `bulwark-agent run` as a process, between the built api (embedded database) and the real
 * kube-apiserver: kubectl changes the cluster, the api's GraphQL says what the agent reported and
 * scanned. The scanner is the stand-in that prints Trivy's JSON.
 */

const NAMESPACE = uniqueName("bw-inv");
const CRITICAL: FakeVuln[] = [
  { id: "CVE-2026-3001", pkg: "openssl", installed: "3.0.1", fixed: "3.0.2", severity: "CRITICAL", score: 9.8 },
];

let api: RunningApi;
let clusterId: string;
let agent: ChildProcess;
let agentLog = "";

type Container = { name: string; kind: string; imageReference: string; verdict: { status: string } | null };
type Pod = {
  name: string;
  namespace: string;
  ownerKind: string | null;
  ownerName: string | null;
  phase: string | null;
  containers: Container[];
};

async function inventory(): Promise<{ namespaces: Array<{ name: string; podCount: number }>; pods: Pod[] }> {
  const { cluster } = await api.admin<{
    cluster: { namespaces: Array<{ name: string; podCount: number }>; pods: { nodes: Pod[] } };
  }>(
    `query($id: ID!, $ns: String) { cluster(id: $id) {
      namespaces { name podCount }
      pods(namespace: $ns, first: 50) { nodes { name namespace ownerKind ownerName phase
        containers { name kind imageReference verdict { status } } } } } }`,
    { id: clusterId, ns: NAMESPACE },
  );
  return { namespaces: cluster.namespaces, pods: cluster.pods.nodes };
}

const podNamed = async (name: string | RegExp) =>
  (await inventory()).pods.find((p) => (typeof name === "string" ? p.name === name : name.test(p.name)));

function podManifest(name: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: NAMESPACE }, spec });
}

/** The apiserver's process, from the pid file the control-plane script keeps beside the kubeconfig. */
function apiserverProcess(): { pid: number; argv: string[]; dir: string } {
  const dir = path.dirname(requireKubeconfig());
  const pid = Number(fs.readFileSync(path.join(dir, "apiserver.pid"), "utf8").trim());
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  return { pid, argv, dir };
}

/** True while the process runs (an exited one nobody reaped yet is a zombie: state Z). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function restartApiserver(): Promise<void> {
  const { pid, argv, dir } = apiserverProcess();
  process.kill(pid, "SIGTERM");
  // It stops listening at once but may linger while it drains; then it is killed, as kube-down.sh does.
  try {
    await waitFor("the apiserver to stop", () => (running(pid) ? undefined : true), 10_000);
  } catch {
    process.kill(pid, "SIGKILL");
    await waitFor("the apiserver to be killed", () => (running(pid) ? undefined : true), 10_000);
  }
  // Down long enough for the agent's watches to fail and back off.
  await new Promise((r) => setTimeout(r, 2_000));
  const log = fs.openSync(path.join(dir, "apiserver.log"), "a");
  const child = spawn(argv[0] as string, argv.slice(1), { cwd: dir, detached: true, stdio: ["ignore", log, log] });
  child.unref();
  fs.writeFileSync(path.join(dir, "apiserver.pid"), `${child.pid}\n`);
  await waitFor(
    "the apiserver to be ready again",
    async () => ((await kubectl(["get", "--raw", "/readyz"])).stdout.startsWith("ok") ? true : undefined),
    60_000,
  );
}

beforeAll(async () => {
  requireKubeconfig();
  api = await startApi();
  clusterId = (
    await api.admin<{ createCluster: { id: string } }>(`mutation { createCluster(input: { name: "kube-it" }) { id } }`)
  ).createCluster.id;
  await api.admin(`mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { id } }`, {
    i: {
      name: "No fixable critical",
      allClusters: true,
      active: true,
      enforced: true,
      scanners: [{ name: "trivy", required: true, thresholds: { fixable: { critical: 0 } } }],
    },
  });
  const key = (
    await api.admin<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { name: "kube-it-agent", scopes: ["agent"], clusterId } },
    )
  ).createApiKey.secret;
  expect((await kubectl(["create", "namespace", NAMESPACE])).code).toBe(0);

  agent = spawn(process.execPath, [AGENT_MAIN, "run", "--heartbeat-seconds", "2"], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: "/nonexistent",
      KUBECONFIG: requireKubeconfig(),
      BULWARK_API_URL: api.url,
      BULWARK_API_KEY: key,
      BULWARK_CLUSTER: "kube-it",
      BULWARK_SCANNER_COMMAND: FAKE_TRIVY,
      BULWARK_SCAN_CONCURRENCY: "2",
      FAKE_TRIVY_VULNS: JSON.stringify(CRITICAL),
      FAKE_TRIVY_VULNS_MATCHING: "vulnerable",
      FAKE_TRIVY_FAIL_MATCHING: "missing",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  agent.stdout?.on("data", (c: Buffer) => (agentLog += c.toString()));
  agent.stderr?.on("data", (c: Buffer) => (agentLog += c.toString()));
  await waitFor("the agent's first full inventory", () =>
    agentLog.includes("the cluster is listed") ? true : undefined,
  );
});

afterAll(async () => {
  agent?.kill("SIGTERM");
  await kubectl(["delete", "namespace", NAMESPACE, "--wait=false"]);
  await api?.stop();
});

describe("bulwark-agent run against a real kube-apiserver and api", () => {
  it("connects: the cluster shows the agent and the apiserver's version", async () => {
    const { cluster } = await waitFor("a heartbeat with the Kubernetes version", async () => {
      const data = await api.admin<{ cluster: { agentStatus: string; kubernetesVersion: string | null } }>(
        `query($id: ID!) { cluster(id: $id) { agentStatus kubernetesVersion } }`,
        { id: clusterId },
      );
      return data.cluster.kubernetesVersion ? data : undefined;
    });
    expect(cluster).toEqual({ agentStatus: "connected", kubernetesVersion: expect.stringMatching(/^v1\.\d+\.\d+/) });
  });

  it("syncs namespaces and pods created with kubectl, with owner workloads and every container's kind", async () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "shop", namespace: NAMESPACE },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "shop" } },
        template: {
          metadata: { labels: { app: "shop" } },
          spec: { containers: [{ name: "web", image: "example.test/team/shop:1.0" }] },
        },
      },
    };
    expect((await kubectl(["apply", "-f", "-"], JSON.stringify(deployment))).code).toBe(0);
    const bare = podManifest("bare", {
      initContainers: [{ name: "migrate", image: "example.test/team/migrate:3" }],
      containers: [{ name: "app", image: "example.test/team/vulnerable:2" }],
    });
    expect((await kubectl(["apply", "-f", "-"], bare)).code).toBe(0);

    const state = await waitFor("both Deployment pods and the bare pod in the api", async () => {
      const now = await inventory();
      return now.pods.length === 3 ? now : undefined;
    });
    expect(state.namespaces).toContainEqual({ name: NAMESPACE, podCount: 3 });
    const shopPods = state.pods.filter((p) => p.name.startsWith("shop-"));
    expect(shopPods).toHaveLength(2);
    for (const pod of shopPods) {
      expect(pod).toMatchObject({ namespace: NAMESPACE, ownerKind: "Deployment", ownerName: "shop", phase: "Pending" });
      expect(pod.containers).toMatchObject([
        { name: "web", kind: "app", imageReference: "example.test/team/shop:1.0" },
      ]);
    }
    const pod = state.pods.find((p) => p.name === "bare");
    expect(pod?.ownerKind).toBeNull();
    expect(pod?.containers.map(({ name, kind, imageReference }) => ({ name, kind, imageReference }))).toEqual(
      expect.arrayContaining([
        { name: "migrate", kind: "init", imageReference: "example.test/team/migrate:3" },
        { name: "app", kind: "app", imageReference: "example.test/team/vulnerable:2" },
      ]),
    );
  });

  it("scans each new image once, and shows each container's verdict", async () => {
    const verdicts = await waitFor(
      "the scans of the three images",
      async () => {
        const pods = (await inventory()).pods;
        const byImage = new Map<string, string>();
        for (const c of pods.flatMap((p) => p.containers)) {
          if (c.verdict) byImage.set(c.imageReference, c.verdict.status);
        }
        return byImage.size === 3 ? Object.fromEntries(byImage) : undefined;
      },
      45_000,
    );
    expect(verdicts).toEqual({
      "example.test/team/shop:1.0": "compliant",
      "example.test/team/migrate:3": "compliant",
      "example.test/team/vulnerable:2": "non_compliant",
    });
    // Two pods run the shop image: still one job for it.
    const { scanJobs } = await api.admin<{ scanJobs: Array<{ reference: string; status: string; reason: string }> }>(
      `{ scanJobs(first: 100) { reference status reason } }`,
    );
    const shop = scanJobs.filter((j) => j.reference === "example.test/team/shop:1.0");
    expect(shop).toEqual([{ reference: "example.test/team/shop:1.0", status: "done", reason: "new_image" }]);
  });

  it("reports a scanner failure with the scanner's own message", async () => {
    const missing = podManifest("missing", { containers: [{ name: "app", image: "example.test/team/missing:9" }] });
    expect((await kubectl(["apply", "-f", "-"], missing)).code).toBe(0);
    const job = await waitFor(
      "the failed scan of the missing image",
      async () => {
        const { scanJobs } = await api.admin<{
          scanJobs: Array<{ reference: string; attempts: number; lastError: string | null }>;
        }>(`{ scanJobs(first: 100) { reference attempts lastError } }`);
        return scanJobs.find((j) => j.reference === "example.test/team/missing:9" && j.lastError);
      },
      45_000,
    );
    expect(job.lastError).toContain("MANIFEST_UNKNOWN: manifest unknown");
    expect(job.attempts).toBeGreaterThanOrEqual(1);
  });

  it("sees pods and namespaces deleted in the cluster", async () => {
    expect((await kubectl(["delete", "pod", "bare", "-n", NAMESPACE, "--wait=false"])).code).toBe(0);
    await waitFor("the deleted pod to leave the inventory", async () => ((await podNamed("bare")) ? undefined : true));
    expect(await podNamed(/^shop-/)).toBeDefined();

    const doomed = uniqueName("bw-doomed");
    expect((await kubectl(["create", "namespace", doomed])).code).toBe(0);
    const namespaceNames = async () => (await inventory()).namespaces.map((n) => n.name);
    await waitFor("the new namespace", async () => ((await namespaceNames()).includes(doomed) ? true : undefined));
    expect((await kubectl(["delete", "namespace", doomed, "--wait=false"])).code).toBe(0);
    await waitFor(
      "the deleted namespace to leave the inventory",
      async () => ((await namespaceNames()).includes(doomed) ? undefined : true),
      60_000,
    );
  });

  it("survives an apiserver restart and keeps the inventory in step afterwards", async () => {
    await restartApiserver();
    const after = podManifest("after-restart", { containers: [{ name: "app", image: "example.test/team/shop:1.0" }] });
    const created = await waitFor("kubectl to create a pod after the restart", async () => {
      const result = await kubectl(["apply", "-f", "-"], after);
      return result.code === 0 ? result : undefined;
    });
    expect(created.code).toBe(0);
    const pod = await waitFor("the pod created after the restart in the api", () => podNamed("after-restart"), 60_000);
    expect(pod.containers[0]).toMatchObject({
      imageReference: "example.test/team/shop:1.0",
      verdict: { status: "compliant" },
    });
    expect(agent.exitCode).toBeNull();
    expect(agentLog).toMatch(/lost the (pods|namespaces|replicasets|jobs) watch/);
  });
});
