import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../harness.js";

let t: TestApp;
let webDir: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-web-"));
  fs.writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>Bulwark</title><div id=root></div>");
  fs.mkdirSync(path.join(webDir, "assets"));
  fs.writeFileSync(path.join(webDir, "assets", "app-abc123.js"), "console.log(1)");
  t = await startTestApp({ BULWARK_WEB_DIR: webDir, BULWARK_BODY_LIMIT_BYTES: "4096" });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

type Body = { errors: Array<{ message: string }> };
const json = async (res: Response) => (await res.json()) as Body;
const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

describe("health, readiness and metrics", () => {
  it("reports liveness and readiness with the database kind", async () => {
    expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", pubsub: "memory" });
  });

  it("exposes Prometheus metrics, counting GraphQL operations", async () => {
    await post(JSON.stringify({ query: "{ me { authMethod } }" }));
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toMatch(/bulwark_http_request_duration_seconds_bucket/);
    expect(text).toMatch(/bulwark_graphql_operations_total\{type="query",outcome="ok"\} \d+/);
    expect(text).toMatch(/bulwark_process_cpu_seconds_total/);
  });
});

describe("request protection", () => {
  it("blocks simple (CSRF-able) requests", async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "mutation { logout }" }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/i);
  });

  it("refuses requests from another origin", async () => {
    const res = await post(JSON.stringify({ query: "{ me { authMethod } }" }), { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await json(res)).errors[0]?.message).toBe("Cross-origin requests are not allowed");
    const same = await post(JSON.stringify({ query: "{ me { authMethod } }" }), { origin: t.url });
    expect(same.status).toBe(200);
  });

  it("limits the request body and rejects invalid JSON clearly", async () => {
    const big = await post(JSON.stringify({ query: "{ me { authMethod } }", variables: { pad: "x".repeat(5000) } }));
    expect(big.status).toBe(413);
    expect((await json(big)).errors[0]).toMatchObject({ message: "Request body is larger than 4096 bytes" });
    const broken = await post("{ not json");
    expect(broken.status).toBe(400);
    expect((await json(broken)).errors[0]?.message).toBe("Request body is not valid JSON");
  });

  it("limits query depth and hides field suggestions", async () => {
    const deep = `{ apiKeys { cluster { group { id } } owner { id } } me { user { id } } ${"a: me { user { id } } ".repeat(20)} }`;
    const tooMany = await json(await post(JSON.stringify({ query: deep })));
    expect(JSON.stringify(tooMany.errors)).toMatch(/aliases/i);
    const typo = await json(await post(JSON.stringify({ query: "{ clustrs { id } }" })));
    expect(typo.errors[0]?.message).not.toMatch(/Did you mean/);
  });

  it("marks every GraphQL answer not to be stored by caches, errors included", async () => {
    for (const body of [{ query: "{ __typename }" }, { query: "{ clustrs { id } }" }]) {
      const res = await post(JSON.stringify(body));
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get("cache-control")).toBe("no-store");
  });

  it("sends security headers", async () => {
    const res = await fetch(`${t.url}/`);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});

describe("web app", () => {
  it("serves index.html for client routes and caches fingerprinted assets", async () => {
    const page = await fetch(`${t.url}/settings/audit`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Bulwark</title>");
    const asset = await fetch(`${t.url}/assets/app-abc123.js`);
    expect(asset.headers.get("cache-control")).toMatch(/immutable/);
    const api = await fetch(`${t.url}/api/nothing`);
    expect(api.status).toBe(404);
  });
});
