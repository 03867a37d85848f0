import type { ReactNode } from "react";
import { icons } from "../components/icons";
import type { Permission } from "../features/auth/viewer";

export type Area = {
  path: string;
  label: string;
  icon: ReactNode;
  /** Needed to see the area in the navigation. */
  permission?: Permission;
  /** What the area shows, for its heading and for its empty state. */
  summary: string;
  /** What fills it with data. */
  source?: string;
  /** True once the area is more than its empty state. */
  built: boolean;
  section: "inventory" | "signals" | "admin";
};

export const AREAS: Area[] = [
  {
    path: "/clusters",
    label: "Clusters",
    icon: icons.clusters,
    permission: "cluster:read",
    summary: "The Kubernetes clusters Bulwark watches, grouped the way your teams work.",
    built: true,
    section: "inventory",
  },
  {
    path: "/images",
    label: "Images",
    icon: icons.images,
    permission: "image:read",
    summary:
      "Every container image running in your clusters, with its latest vulnerability scan and whether it complies with your policies.",
    built: true,
    section: "inventory",
  },
  {
    path: "/policies",
    label: "Policies",
    icon: icons.policies,
    permission: "policy:read",
    summary:
      "Vulnerability policies: the clusters they cover, the scanner thresholds an image must meet, whether they are enforced at admission and how often images are rescanned.",
    built: true,
    section: "inventory",
  },
  {
    path: "/exceptions",
    label: "Exceptions",
    icon: icons.exceptions,
    permission: "exception:read",
    summary:
      "Exceptions to policies, overrides of a finding's severity and Gatekeeper exemptions, with their scope, status and end date.",
    built: true,
    section: "inventory",
  },
  {
    path: "/workloads",
    label: "Workloads",
    icon: icons.workloads,
    permission: "cluster:read",
    summary: "Namespaces, workloads, pods and containers in each cluster, and the images they run.",
    source:
      "Workloads appear once the Bulwark agent reports a cluster's inventory. Each cluster's page already lists its namespaces, pods and containers under Workloads.",
    built: false,
    section: "signals",
  },
  {
    path: "/benchmarks",
    label: "Benchmarks",
    icon: icons.benchmarks,
    permission: "cluster:read",
    summary:
      "CIS Kubernetes Benchmark results from kube-bench, per cluster and node, with each failed check and its remediation.",
    source: "Reports appear once kube-bench sends its results with a kube_bench API key.",
    built: false,
    section: "signals",
  },
  {
    path: "/pentests",
    label: "Pentests",
    icon: icons.pentests,
    permission: "cluster:read",
    summary: "Penetration-test findings from kube-hunter runs against each cluster, by severity and category.",
    source: "Reports appear once kube-hunter sends its results with a kube_hunter API key.",
    built: false,
    section: "signals",
  },
  {
    path: "/kubesec",
    label: "KubeSec",
    icon: icons.kubesec,
    permission: "cluster:read",
    summary:
      "Hardening scores for workloads, from kubesec rules: what each workload does well and what would make it safer.",
    source: "Scores appear once workloads have been reported and scored.",
    built: false,
    section: "signals",
  },
  {
    path: "/gatekeeper",
    label: "Gatekeeper",
    icon: icons.gatekeeper,
    permission: "cluster:read",
    summary:
      "OPA Gatekeeper constraint templates and constraints in each cluster, and the resources that violate them.",
    source: "Constraints appear once the Bulwark agent reports them from a cluster running Gatekeeper.",
    built: false,
    section: "signals",
  },
  {
    path: "/falco",
    label: "Falco",
    icon: icons.falco,
    permission: "falco:read",
    summary: "Runtime security events from Falco as they happen, with rules to ignore or silence the noisy ones.",
    source: "Events appear once falcosidekick forwards them with a falco_ingest API key.",
    built: true,
    section: "signals",
  },
  {
    path: "/settings",
    label: "Settings",
    icon: icons.settings,
    summary: "Your account, users, API keys, the audit log, registries, the scan queue and organisation settings.",
    built: true,
    section: "admin",
  },
];

export function areaByPath(path: string): Area | undefined {
  return AREAS.find((area) => area.path === path);
}
