import { createHash } from "node:crypto";
import type {
  AdmissionImage,
  AdmissionSettings,
  AdmissionSnapshot,
  AdmissionVerdict,
  VerdictReason,
} from "../api/contract.js";
import type { AdmissionRequest } from "./admission-review.js";

/** Builders of snapshots and AdmissionReview requests for tests and benchmarks. */

/** A stable sha256 digest per seed. */
export const digestOf = (seed: string | number): string =>
  `sha256:${createHash("sha256").update(String(seed)).digest("hex")}`;

export function admissionSettings(overrides: Partial<AdmissionSettings> = {}): AdmissionSettings {
  return {
    enforcementEnabled: true,
    mode: "deny",
    unscannedImages: "deny",
    exemptNamespaces: ["bulwark", "kube-system"],
    staleSnapshotSeconds: 600,
    staleSnapshotAction: "allow",
    failurePolicy: "Ignore",
    ...overrides,
  };
}

export function verdictReason(overrides: Partial<VerdictReason> = {}): VerdictReason {
  return {
    policyId: "policy-default",
    policyName: "No fixable critical or high",
    scannerId: "scanner-trivy",
    scannerName: "Trivy",
    severity: "high",
    fixable: true,
    count: 2,
    limit: 0,
    issueIds: ["CVE-2024-0001", "CVE-2024-0002"],
    blocking: true,
    ...overrides,
  };
}

export const compliant = (namespace = ""): AdmissionVerdict => ({ namespace, status: "compliant", reasons: [] });
export const nonCompliant = (reasons: VerdictReason[] = [verdictReason()], namespace = ""): AdmissionVerdict => ({
  namespace,
  status: "non_compliant",
  reasons,
});

export function admissionImage(
  overrides: Partial<AdmissionImage> & Pick<AdmissionImage, "imageId" | "repository">,
): AdmissionImage {
  return {
    registry: "docker.io",
    digest: digestOf(overrides.imageId),
    tags: ["latest"],
    verdicts: [compliant()],
    ...overrides,
  };
}

export function admissionSnapshot(overrides: Partial<AdmissionSnapshot> = {}): AdmissionSnapshot {
  return {
    clusterId: "cluster-1",
    clusterName: "production",
    generatedAt: "2026-03-01T12:00:00.000Z",
    settings: admissionSettings(),
    registryAliases: [],
    images: [],
    ...overrides,
  };
}

export type ContainerSpec = { name: string; image: string };
export type PodSpecInput = {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  ephemeralContainers?: ContainerSpec[];
};

export function podSpec(input: PodSpecInput): Record<string, unknown> {
  const spec: Record<string, unknown> = { containers: input.containers ?? [] };
  if (input.initContainers) spec.initContainers = input.initContainers;
  if (input.ephemeralContainers) spec.ephemeralContainers = input.ephemeralContainers;
  return spec;
}

type RequestOptions = {
  uid?: string;
  namespace?: string;
  name?: string;
  operation?: string;
  username?: string;
  oldObject?: unknown;
  subResource?: string;
};

const GVK: Readonly<Record<string, { group: string; version: string; resource: string }>> = {
  Pod: { group: "", version: "v1", resource: "pods" },
  Deployment: { group: "apps", version: "v1", resource: "deployments" },
  StatefulSet: { group: "apps", version: "v1", resource: "statefulsets" },
  DaemonSet: { group: "apps", version: "v1", resource: "daemonsets" },
  ReplicaSet: { group: "apps", version: "v1", resource: "replicasets" },
  Job: { group: "batch", version: "v1", resource: "jobs" },
  CronJob: { group: "batch", version: "v1", resource: "cronjobs" },
  ConfigMap: { group: "", version: "v1", resource: "configmaps" },
};

/** The object of a kind with the pod spec where that kind keeps it. */
export function objectOf(kind: string, spec: Record<string, unknown>, name: string, namespace: string): unknown {
  const metadata = { name, namespace };
  const template = { metadata: { labels: { app: name } }, spec };
  switch (kind) {
    case "Pod":
      return { apiVersion: "v1", kind, metadata, spec };
    case "CronJob":
      return { kind, metadata, spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template } } } };
    case "ConfigMap":
      return { kind, metadata, data: {} };
    default:
      return { kind, metadata, spec: { selector: { matchLabels: { app: name } }, template } };
  }
}

export function admissionRequest(
  kind: string,
  spec: Record<string, unknown>,
  options: RequestOptions & { version?: string } = {},
): AdmissionRequest {
  const gvk = GVK[kind] ?? { group: "", version: "v1", resource: kind.toLowerCase() };
  const version = options.version ?? gvk.version;
  const namespace = options.namespace ?? "default";
  const name = options.name ?? "web";
  return {
    uid: options.uid ?? "705ab4f5-6393-11e8-b7cc-42010a800002",
    kind: { group: gvk.group, version, kind },
    resource: { group: gvk.group, version, resource: gvk.resource },
    ...(options.subResource ? { subResource: options.subResource } : {}),
    name,
    namespace,
    operation: options.operation ?? "CREATE",
    userInfo: { username: options.username ?? "alice" },
    object: objectOf(kind, spec, name, namespace),
    ...(options.oldObject !== undefined ? { oldObject: options.oldObject } : {}),
  };
}

/** A full AdmissionReview v1 document, as the apiserver posts it. */
export function admissionReview(request: AdmissionRequest): Record<string, unknown> {
  return { apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", request };
}
