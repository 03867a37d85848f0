import type {
  AgentApi,
  AgentHeartbeat,
  AgentHeartbeatInput,
  ClaimedScanJob,
  InventoryReport,
  InventoryReportResult,
  VerdictStatus,
} from "../api/contract.js";
import { AGENT_HEARTBEAT, CLAIM_SCAN_JOBS, COMPLETE_SCAN_JOB, FAIL_SCAN_JOB, REPORT_INVENTORY } from "./documents.js";
import type { GraphqlClient } from "./graphql-client.js";

/**
 * The run mode's link to the api over GraphQL. Heartbeats and inventory reports are idempotent and
 * retried; claims, completions and failures are not (a lost answer would claim or count twice):
 * the worker decides what to do with those errors.
 */
export function createAgentApi(client: GraphqlClient): AgentApi {
  return {
    async heartbeat(input: AgentHeartbeatInput): Promise<AgentHeartbeat> {
      const data = await client.request<{ agentHeartbeat: AgentHeartbeat }>(
        AGENT_HEARTBEAT,
        { i: input },
        { retryMutation: true },
      );
      return data.agentHeartbeat;
    },

    async reportInventory(report: InventoryReport): Promise<InventoryReportResult> {
      const data = await client.request<{ reportInventory: InventoryReportResult }>(
        REPORT_INVENTORY,
        { i: report },
        { retryMutation: true },
      );
      return data.reportInventory;
    },

    async claimScanJobs(workerId: string, limit: number, leaseSeconds: number): Promise<ClaimedScanJob[]> {
      const data = await client.request<{ claimScanJobs: ClaimedScanJob[] }>(CLAIM_SCAN_JOBS, {
        i: { workerId, limit, leaseSeconds },
      });
      return data.claimScanJobs;
    },

    async completeScanJob(jobId: string, workerId: string, report: unknown): Promise<{ status: VerdictStatus }> {
      const data = await client.request<{ completeScanJob: { verdict: { status: VerdictStatus } } }>(
        COMPLETE_SCAN_JOB,
        {
          i: { jobId, workerId, report },
        },
      );
      return { status: data.completeScanJob.verdict.status };
    },

    async failScanJob(jobId: string, workerId: string, error: string): Promise<void> {
      await client.request<{ failScanJob: unknown }>(FAIL_SCAN_JOB, { i: { jobId, workerId, error } });
    },
  };
}
