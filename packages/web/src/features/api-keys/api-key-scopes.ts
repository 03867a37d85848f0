import type { ApiKeyScope } from "../../gql/graphql";

export type ScopeInfo = { scope: ApiKeyScope; label: string; description: string };

/** Every scope, in the order the create dialog lists them, with what a key with it may do. */
export const SCOPES: ScopeInfo[] = [
  {
    scope: "read",
    label: "read",
    description: "Read clusters and settings through the API, e.g. for dashboards and reports.",
  },
  {
    scope: "agent",
    label: "agent",
    description: "The in-cluster agent: reports inventory and runs scans for one cluster.",
  },
  {
    scope: "ci_scan",
    label: "ci_scan",
    description: "CI/CD pipelines: scan an image and fail the build when it does not comply.",
  },
  { scope: "falco_ingest", label: "falco_ingest", description: "falcosidekick: send Falco runtime events." },
  { scope: "kube_bench", label: "kube_bench", description: "kube-bench: upload CIS benchmark results." },
  { scope: "kube_hunter", label: "kube_hunter", description: "kube-hunter: upload penetration-test reports." },
  {
    scope: "admin",
    label: "admin",
    description: "Everything your own role may do, including administration. Use sparingly.",
  },
];

/** A key never does more than its owner; read-only users may only create read keys. */
export function allowedScopes(role: string): ReadonlySet<ApiKeyScope> {
  return role === "read_only" ? new Set<ApiKeyScope>(["read"]) : new Set(SCOPES.map((info) => info.scope));
}
