import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "./api-error.js";
import { createGraphqlClient, type GraphqlClientOptions } from "./graphql-client.js";

type Seen = {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: { query: string; variables?: unknown };
};
type Reply = { status?: number; body: unknown; type?: string } | "hang";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

/** A tiny api: answers each request with the next reply (the last one repeats). */
async function server(replies: Reply[]): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const s = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: JSON.parse(raw || "{}") as Seen["body"],
      });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)] as Reply;
      if (reply === "hang") return;
      res.writeHead(reply.status ?? 200, { "content-type": reply.type ?? "application/json" });
      res.end(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
    });
  });
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/graphql`, seen };
}

const client = (url: string, extra: Partial<GraphqlClientOptions> = {}) =>
  createGraphqlClient({ url, apiKey: "bwk_test_key", sleep: async () => undefined, ...extra });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

const QUERY = "query Me { me { authMethod } }";
const MUTATION = "mutation Beat($i: AgentHeartbeatInput!) { agentHeartbeat(input: $i) { clusterId } }";

describe("createGraphqlClient", () => {
  it("posts the document with the key as a bearer token and returns data", async () => {
    const api = await server([{ body: { data: { me: { authMethod: "api_key" } } } }]);
    const data = await client(api.url, { userAgent: "bulwark-agent/test" }).request(QUERY, { a: 1 });
    expect(data).toEqual({ me: { authMethod: "api_key" } });
    const [req] = api.seen;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe("/graphql");
    expect(req?.headers.authorization).toBe("Bearer bwk_test_key");
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.headers["user-agent"]).toBe("bulwark-agent/test");
    expect(req?.body).toEqual({ query: QUERY, variables: { a: 1 } });
  });

  it("reports a refused key with the server's message", async () => {
    const api = await server([
      {
        status: 401,
        body: { errors: [{ message: 'The API key "ci-main" was revoked', extensions: { code: "UNAUTHENTICATED" } }] },
      },
    ]);
    const error = await failure(client(api.url).request(QUERY));
    expect(error.kind).toBe("unauthenticated");
    expect(error.refused).toBe(true);
    expect(error.status).toBe(401);
    expect(error.message).toBe('the Bulwark api refused the API key: The API key "ci-main" was revoked');
    expect(api.seen).toHaveLength(1);
  });

  it("reports a key bound to another cluster as forbidden", async () => {
    const message = "This API key is bound to another cluster and cannot submit reports for prod";
    const api = await server([{ body: { errors: [{ message, extensions: { code: "FORBIDDEN" } }], data: null } }]);
    const error = await failure(client(api.url).request(MUTATION, { i: {} }));
    expect(error.kind).toBe("forbidden");
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe(`the Bulwark api refused the request: ${message}`);
  });

  it("carries GraphQL errors with their codes", async () => {
    const api = await server([
      {
        status: 200,
        body: {
          data: null,
          errors: [
            {
              message: 'There is no cluster named "nope"',
              path: ["submitTrivyReport"],
              extensions: { code: "BAD_USER_INPUT", details: { field: "cluster" } },
            },
          ],
        },
      },
    ]);
    const error = await failure(client(api.url).request(MUTATION, { i: {} }));
    expect(error.kind).toBe("graphql");
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.errors[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", details: { field: "cluster" } });
    expect(error.message).toBe(
      'the Bulwark api answered with an error: There is no cluster named "nope" (BAD_USER_INPUT)',
    );
    expect(error.retryable).toBe(false);
  });

  it("says when the api cannot be reached, and retries even mutations then (nothing was sent)", async () => {
    const api = await server([{ body: {} }]);
    const closed = api.url;
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    const delays: number[] = [];
    const error = await failure(
      client(closed, {
        retry: { attempts: 3, initialMs: 10, maxMs: 20 },
        onRetry: (_e, _n, ms) => delays.push(ms),
      }).request(MUTATION, { i: {} }),
    );
    expect(error.kind).toBe("network");
    expect(error.delivered).toBe(false);
    expect(error.message).toBe(`cannot reach the Bulwark api at ${closed}: ECONNREFUSED`);
    expect(delays).toHaveLength(2);
  });

  it("retries queries on 5xx, but mutations only when allowed", async () => {
    const ok = { body: { data: { me: null } } };
    const busy = { status: 503, body: "upstream unavailable", type: "text/plain" };
    const q = await server([busy, busy, ok]);
    expect(await client(q.url).request(QUERY)).toEqual({ me: null });
    expect(q.seen).toHaveLength(3);

    const m = await server([busy, ok]);
    const error = await failure(client(m.url).request(MUTATION, { i: {} }));
    expect(error.kind).toBe("http");
    expect(error.message).toBe(
      `the Bulwark api at ${m.url} answered HTTP 503 Service Unavailable: upstream unavailable`,
    );
    expect(m.seen).toHaveLength(1);

    const allowed = await server([busy, ok]);
    expect(await client(allowed.url).request(MUTATION, { i: {} }, { retryMutation: true })).toEqual({ me: null });
    expect(allowed.seen).toHaveLength(2);
  });

  it("gives up after the configured attempts", async () => {
    const api = await server([{ status: 502, body: "" }]);
    const error = await failure(client(api.url, { retry: { attempts: 2, initialMs: 1, maxMs: 1 } }).request(QUERY));
    expect(error.status).toBe(502);
    expect(api.seen).toHaveLength(2);
  });

  it("recognises an answer that is not GraphQL (a wrong URL)", async () => {
    const api = await server([{ body: "<!doctype html><title>Bulwark</title>", type: "text/html" }]);
    const error = await failure(client(api.url).request(QUERY));
    expect(error.kind).toBe("protocol");
    expect(error.message).toBe(
      `the Bulwark api at ${api.url} did not answer with GraphQL (HTTP 200, text/html); check the api URL`,
    );
  });

  it("stops waiting after the timeout", async () => {
    const api = await server(["hang"]);
    const error = await failure(
      client(api.url, { timeoutMs: 200, retry: { attempts: 1, initialMs: 1, maxMs: 1 } }).request(QUERY),
    );
    expect(error.kind).toBe("network");
    expect(error.message).toBe(`cannot reach the Bulwark api at ${api.url}: no answer within 200 ms`);
  });
});
