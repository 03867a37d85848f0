import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema, Kind, parse, validate, type OperationDefinitionNode } from "graphql";
import { getVariableValues } from "graphql/execution/values.js";
import { describe, expect, it } from "vitest";
import type { AdmissionEventInput, InventoryReport } from "../api/contract.js";
import { createAdmissionApi } from "./admission-api.js";
import { createAgentApi } from "./agent-api.js";
import { createCiScanApi } from "./ci-scan-api.js";
import * as documents from "./documents.js";
import type { GraphqlClient } from "./graphql-client.js";

/** The api's emitted schema: the agent's operations must stay valid against it. */
const schema = buildSchema(
  fs.readFileSync(fileURLToPath(new URL("../../../api/schema.graphql", import.meta.url)), "utf8"),
);

function operation(document: string): OperationDefinitionNode {
  const op = parse(document).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) throw new Error("no operation");
  return op;
}

/** Records what each call would send, answering with an empty object. */
function recordingClient(): {
  client: GraphqlClient;
  sent: Array<{ document: string; variables: Record<string, unknown> }>;
} {
  const sent: Array<{ document: string; variables: Record<string, unknown> }> = [];
  const client: GraphqlClient = {
    url: "http://test/graphql",
    async request<TData>(document: string, variables?: Record<string, unknown>): Promise<TData> {
      sent.push({ document, variables: variables ?? {} });
      const field = (operation(document).selectionSet.selections[0] as { name: { value: string } }).name.value;
      return { [field]: field === "completeScanJob" ? { verdict: { status: "compliant" } } : [] } as TData;
    },
  };
  return { client, sent };
}

describe("the agent's GraphQL documents", () => {
  it.each(Object.entries(documents))("%s is valid against packages/api/schema.graphql", (_name, document) => {
    expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  });

  it("sends variables the schema accepts", async () => {
    const { client, sent } = recordingClient();
    const agent = createAgentApi(client);
    const admission = createAdmissionApi(client, { url: "ws://test/graphql", apiKey: "k" });
    const event: AdmissionEventInput = {
      at: "2026-11-27T12:00:00.000Z",
      requestUid: "u1",
      operation: "CREATE",
      kind: "Pod",
      namespace: "default",
      name: "web",
      userName: "alice",
      decision: "would_deny",
      enforced: false,
      mode: "warn",
      message: "would have denied",
      images: [{ container: "app", kind: "init", reference: "nginx:1.25", status: "non_compliant" }],
    };
    const inventory: InventoryReport = {
      full: true,
      namespaces: [{ uid: "n1", name: "default", createdAt: null, labels: { team: "a" } }],
      deletedNamespaces: [],
      pods: [
        {
          uid: "p1",
          namespace: "default",
          name: "web-1",
          phase: "Running",
          nodeName: null,
          ownerKind: "Deployment",
          ownerName: "web",
          createdAt: "2026-11-27T12:00:00Z",
          labels: {},
          containers: [{ name: "app", kind: "ephemeral", image: "nginx:1.25", imageID: null }],
        },
      ],
      deletedPods: ["p0"],
    };
    await agent.heartbeat({ cluster: "prod", agentVersion: "0.1.0", kubernetesVersion: null, mode: "webhook" });
    await agent.reportInventory(inventory);
    await agent.claimScanJobs("w1", 2, 600);
    await agent.completeScanJob("j1", "w1", { SchemaVersion: 2 });
    await agent.failScanJob("j1", "w1", "trivy exited 1: boom");
    await admission.snapshot(["i1"]);
    await admission.snapshot();
    await admission.recordEvents([event]);
    await createCiScanApi(client).submitTrivyReport({
      cluster: "prod",
      image: "nginx:1.25",
      report: { SchemaVersion: 2 },
    });
    expect(sent).toHaveLength(9);
    for (const { document, variables } of sent) {
      const result = getVariableValues(schema, operation(document).variableDefinitions ?? [], variables);
      expect(result.errors?.map((e) => e.message) ?? [], document).toEqual([]);
    }
  });
});
