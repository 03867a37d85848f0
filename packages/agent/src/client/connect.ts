import type { AdmissionApi, AgentApi } from "../api/contract.js";
import type { ConnectionSettings } from "../config/settings.js";
import type { Logger } from "../log.js";
import { VERSION } from "../version.js";
import { createAdmissionApi } from "./admission-api.js";
import { createAgentApi } from "./agent-api.js";
import { createCiScanApi, type CiScanApi } from "./ci-scan-api.js";
import { createGraphqlClient, type GraphqlClient, type RetryOptions } from "./graphql-client.js";

export type ApiClients = {
  graphql: GraphqlClient;
  agent: AgentApi;
  admission: AdmissionApi;
  ci: CiScanApi;
};

/** Every link to the api for one connection (URL, key). */
export function connect(
  connection: ConnectionSettings,
  options: { logger?: Logger; retry?: RetryOptions; timeoutMs?: number } = {},
): ApiClients {
  const graphql = createGraphqlClient({
    url: connection.graphqlUrl,
    apiKey: connection.apiKey,
    userAgent: `bulwark-agent/${VERSION}`,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    onRetry: (error, attempt, delayMs) =>
      options.logger?.warn({ attempt, delayMs, kind: error.kind }, `${error.message}; retrying in ${delayMs} ms`),
  });
  return {
    graphql,
    agent: createAgentApi(graphql),
    admission: createAdmissionApi(graphql, { url: connection.graphqlWsUrl, apiKey: connection.apiKey }),
    ci: createCiScanApi(graphql),
  };
}
