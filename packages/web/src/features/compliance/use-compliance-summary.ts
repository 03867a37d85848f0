import { useQuery } from "@apollo/client/react";
import type { ComplianceSummaryQuery } from "../../gql/graphql";
import { ComplianceSummaryDocument } from "./compliance.graphql";

export type ComplianceSummaryValues = ComplianceSummaryQuery["complianceSummary"];

export function useComplianceSummary(clusterId: string | null) {
  return useQuery(ComplianceSummaryDocument, { variables: { clusterId: clusterId ?? "" }, skip: !clusterId });
}
