import { readEnvironment, type Environment } from "../config/env.js";
import { createKubeClient, type KubeClient } from "./kube-client.js";
import { resolveKubeTarget } from "./kube-config.js";

export type { KubeClient } from "./kube-client.js";

/**
 * The cluster's apiserver: the given kubeconfig file, else the in-cluster service account, else
 * ~/.kube/config. Throws KubeConfigError for a kubeconfig that cannot be read; with no credentials
 * at all, every request fails and says so.
 */
export function loadKubeConfig(kubeconfig: string | null, env: Environment = readEnvironment()): KubeClient {
  return createKubeClient(resolveKubeTarget(kubeconfig, env));
}

/** The apiserver's version (its /version gitVersion, e.g. v1.30.2). */
export async function kubernetesVersion(kube: KubeClient, signal?: AbortSignal): Promise<string> {
  const info = await kube.getJson("/version", undefined, signal);
  const gitVersion = info && typeof info === "object" ? (info as { gitVersion?: unknown }).gitVersion : undefined;
  if (typeof gitVersion !== "string") throw new Error(`the apiserver at ${kube.server} did not say its version`);
  return gitVersion;
}
