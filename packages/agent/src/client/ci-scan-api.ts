import type { Severity, VerdictReason, VerdictStatus } from "../api/contract.js";
import { SUBMIT_TRIVY_REPORT } from "./documents.js";
import type { GraphqlClient } from "./graphql-client.js";

export type SeverityCounts = Record<Severity, number>;
export type FindingCounts = { fixable: SeverityCounts; unfixable: SeverityCounts };

/** What the api answers to a submitted report: the image as it knows it, the scan and the verdict. */
export type ScanSubmission = {
  cluster: { id: string; name: string };
  image: {
    id: string;
    /** registry/repository@digest */
    reference: string;
    /** As Docker shows it, e.g. nginx or bitnami/redis */
    name: string;
    registry: string;
    repository: string;
    digest: string;
    tags: string[];
  };
  scan: { id: string; counts: FindingCounts };
  verdict: { status: VerdictStatus; reasons: VerdictReason[] };
};

export type SubmitTrivyReportInput = { cluster: string; image: string; report: unknown };

/** The `scan` mode's link to the api. */
export interface CiScanApi {
  submitTrivyReport(input: SubmitTrivyReportInput): Promise<ScanSubmission>;
}

export function createCiScanApi(client: GraphqlClient): CiScanApi {
  return {
    async submitTrivyReport(input: SubmitTrivyReportInput): Promise<ScanSubmission> {
      const data = await client.request<{ submitTrivyReport: ScanSubmission }>(SUBMIT_TRIVY_REPORT, { input });
      return data.submitTrivyReport;
    },
  };
}
