import type { ImageFilter, Severity, VerdictStatus } from "../../gql/graphql";
import { isSeverity } from "../../lib/severity";
import { isVerdictStatus } from "./verdict";

/** The Images page's filters, as kept in the address bar. */
export type ImageFilterValues = {
  clusterId: string;
  /** Run by a pod in this namespace, as the agents report it. */
  namespace: string;
  verdict: VerdictStatus | "";
  severity: Severity | "";
  fixableOnly: boolean;
  runningOnly: boolean;
  issueId: string;
  search: string;
  page: number;
};

export const EMPTY_IMAGE_FILTER: ImageFilterValues = {
  clusterId: "",
  namespace: "",
  verdict: "",
  severity: "",
  fixableOnly: false,
  runningOnly: false,
  issueId: "",
  search: "",
  page: 1,
};

const KEYS = {
  clusterId: "cluster",
  namespace: "namespace",
  verdict: "verdict",
  severity: "severity",
  fixableOnly: "fixable",
  runningOnly: "running",
  issueId: "issue",
  search: "q",
  page: "page",
} as const;

export function readImageFilter(params: URLSearchParams): ImageFilterValues {
  const verdict = params.get(KEYS.verdict);
  const severity = params.get(KEYS.severity);
  const page = Number(params.get(KEYS.page) ?? "1");
  return {
    clusterId: params.get(KEYS.clusterId) ?? "",
    namespace: params.get(KEYS.namespace) ?? "",
    verdict: isVerdictStatus(verdict) ? verdict : "",
    severity: isSeverity(severity) ? severity : "",
    fixableOnly: params.get(KEYS.fixableOnly) === "yes",
    runningOnly: params.get(KEYS.runningOnly) === "yes",
    issueId: params.get(KEYS.issueId) ?? "",
    search: params.get(KEYS.search) ?? "",
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
  };
}

/** Only what differs from the defaults goes into the address. */
export function writeImageFilter(values: ImageFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (values.clusterId) params.set(KEYS.clusterId, values.clusterId);
  if (values.namespace.trim()) params.set(KEYS.namespace, values.namespace.trim());
  if (values.verdict) params.set(KEYS.verdict, values.verdict);
  if (values.severity) params.set(KEYS.severity, values.severity);
  if (values.fixableOnly) params.set(KEYS.fixableOnly, "yes");
  if (values.runningOnly) params.set(KEYS.runningOnly, "yes");
  if (values.issueId.trim()) params.set(KEYS.issueId, values.issueId.trim());
  if (values.search.trim()) params.set(KEYS.search, values.search.trim());
  if (values.page > 1) params.set(KEYS.page, String(values.page));
  return params;
}

/** The GraphQL filter for the values; the page is not part of it. */
export function toImageFilter(values: Omit<ImageFilterValues, "page">): ImageFilter {
  return {
    ...(values.clusterId ? { clusterId: values.clusterId } : {}),
    ...(values.namespace.trim() ? { namespace: values.namespace.trim() } : {}),
    ...(values.verdict ? { verdict: values.verdict } : {}),
    ...(values.severity ? { severity: values.severity } : {}),
    ...(values.fixableOnly ? { fixable: true } : {}),
    ...(values.runningOnly ? { running: true } : {}),
    ...(values.issueId.trim() ? { issueId: values.issueId.trim() } : {}),
    ...(values.search.trim() ? { search: values.search.trim() } : {}),
  };
}

export function isFiltered(values: ImageFilterValues): boolean {
  return Object.keys(toImageFilter(values)).length > 0;
}
