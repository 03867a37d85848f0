import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import type { Environment } from "../config/env.js";

/** Where the service account's credentials are mounted in a pod. */
export const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

/** How often a token file is read again (projected service-account tokens are rotated by the kubelet). */
const TOKEN_REFRESH_MS = 60_000;

export type KubeTls = {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** false only for clusters marked insecure-skip-tls-verify. */
  rejectUnauthorized: boolean;
  servername?: string;
};

/** An apiserver the agent can reach with the credentials it was given. */
export type KubeEndpoint = {
  kind: "endpoint";
  /** Base URL, without a trailing slash, e.g. https://10.96.0.1:443 */
  server: string;
  tls: KubeTls;
  /** The Authorization header, read again when it comes from a file; null = none (client certificates). */
  authorization: () => string | null;
  /** Where the credentials came from, for logs. */
  source: string;
};

/**
 * Credentials this loader does not handle itself (exec plugins, auth providers, proxies, several
 * kubeconfig files): the Kubernetes client library takes over, at the cost of its size in memory.
 */
export type KubeDelegated = { kind: "delegated"; kubeconfig: string | null; reason: string; source: string };

/** No credentials anywhere: every request fails with this message. */
export type KubeMissing = { kind: "missing"; message: string; source: string };

export type KubeTarget = KubeEndpoint | KubeDelegated | KubeMissing;

/** Thrown for a kubeconfig that cannot be read or makes no sense. */
export class KubeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KubeConfigError";
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * Finds the cluster's credentials: the given kubeconfig file (`--kubeconfig`, `KUBECONFIG`), else
 * the pod's service account, else ~/.kube/config. Token, client-certificate and basic credentials
 * are handled here; anything else is delegated to the Kubernetes client library.
 */
export function resolveKubeTarget(kubeconfig: string | null, env: Environment): KubeTarget {
  if (kubeconfig) {
    if (kubeconfig.includes(path.delimiter)) {
      return { kind: "delegated", kubeconfig, reason: "several kubeconfig files", source: kubeconfig };
    }
    return fromKubeconfigFile(kubeconfig);
  }
  const inCluster = fromServiceAccount(env);
  if (inCluster) return inCluster;
  const home = env.HOME ?? env.USERPROFILE;
  const fallback = home ? path.join(home, ".kube", "config") : null;
  if (fallback && fs.existsSync(fallback)) return fromKubeconfigFile(fallback);
  return {
    kind: "missing",
    source: "none",
    message:
      "no Kubernetes credentials: set KUBECONFIG or --kubeconfig, or run the agent in a pod with a service account",
  };
}

function fromServiceAccount(env: Environment): KubeEndpoint | null {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const tokenFile = path.join(SERVICE_ACCOUNT_DIR, "token");
  if (!host || !port || !fs.existsSync(tokenFile)) return null;
  const caFile = path.join(SERVICE_ACCOUNT_DIR, "ca.crt");
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return {
    kind: "endpoint",
    server: `https://${hostPart}:${port}`,
    tls: { rejectUnauthorized: true, ...(fs.existsSync(caFile) ? { ca: fs.readFileSync(caFile) } : {}) },
    authorization: bearerFromFile(tokenFile),
    source: "the pod's service account",
  };
}

function fromKubeconfigFile(file: string): KubeTarget {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new KubeConfigError(
      `cannot read the kubeconfig ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch (error) {
    throw new KubeConfigError(`the kubeconfig ${file} is not valid YAML: ${(error as Error).message}`);
  }
  return fromKubeconfig(doc, file);
}

/** Reads a parsed kubeconfig document (exported for tests). `file` locates relative paths. */
export function fromKubeconfig(doc: unknown, file: string): KubeTarget {
  if (!isObj(doc)) throw new KubeConfigError(`the kubeconfig ${file} is empty or not a kubeconfig`);
  const dir = path.dirname(path.resolve(file));
  const find = (list: unknown, name: string | undefined, field: string): Obj | undefined => {
    if (!name || !Array.isArray(list)) return undefined;
    const entry = list.find((e): e is Obj => isObj(e) && e.name === name);
    const value = entry?.[field];
    return isObj(value) ? value : undefined;
  };
  const contextName = str(doc["current-context"]);
  if (!contextName) throw new KubeConfigError(`the kubeconfig ${file} has no current-context`);
  const context = find(doc.contexts, contextName, "context");
  if (!context) throw new KubeConfigError(`the kubeconfig ${file} has no context named ${contextName}`);
  const clusterName = str(context.cluster);
  const cluster = find(doc.clusters, clusterName, "cluster");
  if (!cluster) throw new KubeConfigError(`the kubeconfig ${file} has no cluster named ${clusterName ?? "(none)"}`);
  const user = find(doc.users, str(context.user), "user") ?? {};
  const source = `${file} (context ${contextName})`;

  const delegate = (reason: string): KubeDelegated => ({ kind: "delegated", kubeconfig: file, reason, source });
  if (str(cluster["proxy-url"])) return delegate("a proxy-url");
  if (user.exec !== undefined) return delegate("an exec credential plugin");
  if (user["auth-provider"] !== undefined) return delegate("an auth provider");

  const server = str(cluster.server);
  if (!server) throw new KubeConfigError(`the cluster ${clusterName ?? ""} in ${file} has no server`);
  if (!/^https:\/\//.test(server)) {
    // Plain HTTP is only accepted by the client library when explicitly marked insecure.
    return delegate("a server that is not https");
  }

  const material = (dataKey: string, fileKey: string, from: Obj): Buffer | undefined => {
    const data = str(from[dataKey]);
    if (data) return Buffer.from(data, "base64");
    const pathValue = str(from[fileKey]);
    if (!pathValue) return undefined;
    const resolved = path.resolve(dir, pathValue);
    try {
      return fs.readFileSync(resolved);
    } catch (error) {
      throw new KubeConfigError(
        `cannot read ${fileKey} ${resolved} named in ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
  };

  const tls: KubeTls = { rejectUnauthorized: cluster["insecure-skip-tls-verify"] !== true };
  const ca = material("certificate-authority-data", "certificate-authority", cluster);
  const cert = material("client-certificate-data", "client-certificate", user);
  const key = material("client-key-data", "client-key", user);
  const servername = str(cluster["tls-server-name"]);
  if (ca) tls.ca = ca;
  if (cert) tls.cert = cert;
  if (key) tls.key = key;
  if (servername) tls.servername = servername;

  let authorization: () => string | null = () => null;
  const token = str(user.token);
  const tokenFile = str(user.tokenFile) ?? str(user["token-file"]);
  const username = str(user.username);
  if (token) authorization = () => `Bearer ${token}`;
  else if (tokenFile) authorization = bearerFromFile(path.resolve(dir, tokenFile));
  else if (username) {
    const basic = Buffer.from(`${username}:${str(user.password) ?? ""}`).toString("base64");
    authorization = () => `Basic ${basic}`;
  }
  return { kind: "endpoint", server: server.replace(/\/+$/, ""), tls, authorization, source };
}

/** A bearer token read from a file, again every minute. */
function bearerFromFile(file: string): () => string | null {
  let cached: string | null = null;
  let readAt = 0;
  return () => {
    const now = Date.now();
    if (cached === null || now - readAt > TOKEN_REFRESH_MS) {
      try {
        const token = fs.readFileSync(file, "utf8").trim();
        cached = token ? `Bearer ${token}` : null;
      } catch {
        // Keep the last token; the request fails with 401 if it is no longer good.
      }
      readAt = now;
    }
    return cached;
  };
}
