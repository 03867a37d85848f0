import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { KubeConfig } from "@kubernetes/client-node";

/**
 * The kube tier needs a real kube-apiserver. Without one it fails, never skips: a green run must
 * mean the webhook was proven against the apiserver.
 */
export function requireKubeconfig(): string {
  const path = process.env.KUBECONFIG;
  if (!path) {
    throw new Error(
      'KUBECONFIG is not set: the kube tier runs against a real kube-apiserver. Start one with eval "$(../shared/tools/kube/ensure-kube.sh)" (or use kind or k3d), then run `vitest run -c vitest.kube.config.ts` again.',
    );
  }
  if (!existsSync(path)) throw new Error(`KUBECONFIG=${path} does not exist; is the control plane running?`);
  return path;
}

export function kubeConfig(): KubeConfig {
  const config = new KubeConfig();
  config.loadFromFile(requireKubeconfig());
  return config;
}

export type KubectlResult = { code: number; stdout: string; stderr: string };

/** Runs kubectl against the test apiserver; never throws on a non-zero exit. */
export function kubectl(args: string[], input?: string): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "kubectl",
      args,
      { env: { ...process.env, KUBECONFIG: requireKubeconfig() }, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(new Error(`kubectl: ${error.message}`));
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr: withoutSkewWarning(stderr) });
      },
    );
    child.stdin?.end(input);
  });
}

/** kubectl 1.32 against a 1.20 apiserver warns about version skew on some commands. */
function withoutSkewWarning(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !line.includes("exceeds the supported minor version skew"))
    .join("\n");
}

/** A name no earlier run used, so reruns against the same apiserver do not collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
}
