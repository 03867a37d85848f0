import type { ExceptionInput, PolicyInput } from "../../compliance/types.js";
import type { Exception } from "../../generated/prisma/client.js";
import type { PolicyWithRelations } from "../policies/policies.repository.js";
import { thresholdsFromJson } from "../policies/thresholds.js";

/** Rows → the compliance engine's inputs. */
export function toPolicyInput(policy: PolicyWithRelations): PolicyInput {
  return {
    id: policy.id,
    name: policy.name,
    active: policy.active,
    enforced: policy.enforced,
    allClusters: policy.allClusters,
    clusterIds: policy.clusters.map((c) => c.clusterId),
    graceDays: policy.graceDays,
    scanners: policy.scanners.map((scanner) => ({
      id: scanner.id,
      name: scanner.name,
      type: scanner.type,
      active: scanner.active,
      required: scanner.required,
      thresholds: thresholdsFromJson(scanner.thresholds),
    })),
  };
}

export function toExceptionInput(exception: Exception): ExceptionInput {
  return {
    id: exception.id,
    type: exception.type,
    status: exception.status,
    startsAt: exception.startsAt,
    endsAt: exception.endsAt,
    allClusters: exception.allClusters,
    clusterIds: exception.clusterIds,
    allNamespaces: exception.allNamespaces,
    namespaces: exception.namespaces,
    allPolicies: exception.allPolicies,
    policyIds: exception.policyIds,
    scannerId: exception.scannerId,
    issueId: exception.issueId,
    imagePattern: exception.imagePattern,
    alternateSeverity: exception.alternateSeverity,
  };
}
