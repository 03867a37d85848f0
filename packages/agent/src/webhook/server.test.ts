import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateWebhookCertificates } from "../certs/certificates.js";
import {
  admissionImage,
  admissionRequest,
  admissionReview,
  admissionSnapshot,
  nonCompliant,
  podSpec,
} from "./admission.builders.js";
import { InMemoryAdmissionApi } from "./in-memory-admission-api.js";
import { runWebhook, type WebhookHandle } from "./server.js";
import { memoryLogger } from "./test-logger.js";

let dir: string;
let ca: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "bulwark-webhook-test-"));
  await generateWebhookCertificates({
    outDir: dir,
    dnsNames: ["localhost"],
    ipAddresses: ["127.0.0.1"],
    days: 2,
    force: false,
  });
  ca = await readFile(join(dir, "ca.crt"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Reply = { status: number; body: unknown; headers: Record<string, string | string[] | undefined> };

/** An HTTPS request that trusts only the generated CA, as the apiserver does with caBundle. */
function call(
  url: string,
  options: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: options.method ?? "GET", ca, headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const post = (url: string, body: unknown) =>
  call(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

describe("webhook server over HTTPS", () => {
  let handle: WebhookHandle | null = null;
  let api: InMemoryAdmissionApi;
  let base: string;

  async function start(options: { down?: boolean; bodyLimitBytes?: number } = {}) {
    api = new InMemoryAdmissionApi(
      admissionSnapshot({
        images: [
          admissionImage({ imageId: "nginx", repository: "library/nginx", tags: ["1.25"], verdicts: [nonCompliant()] }),
        ],
      }),
    );
    if (options.down) api.down();
    const { logger, lines } = memoryLogger("info");
    handle = await runWebhook({
      api,
      port: 0,
      host: "127.0.0.1",
      certFile: join(dir, "tls.crt"),
      keyFile: join(dir, "tls.key"),
      refreshSeconds: 60,
      logger,
      retry: { initialMs: 20, maxMs: 50 },
      events: { flushIntervalMs: 20, initialRetryMs: 20, maxRetryMs: 50 },
      ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    });
    base = `https://127.0.0.1:${handle.port}`;
    return { handle, lines };
  }

  afterEach(async () => {
    await handle?.close();
    handle = null;
  });

  it("serves /healthz at once, and /readyz only after the snapshot loads", async () => {
    const { handle } = await start({ down: true });
    expect((await call(`${base}/healthz`)).status).toBe(200);
    const notReady = await call(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ ready: false, images: 0 });
    const early = await post(`${base}/validate`, admissionReview(admissionRequest("Pod", podSpec({ containers: [] }))));
    expect(early).toMatchObject({ status: 503, body: { error: "the compliance snapshot has not loaded yet" } });

    api.up();
    await handle.ready;
    const ready = await call(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ready: true, clusterName: "production", images: 1, subscribed: true });
  });

  it("answers an AdmissionReview with an AdmissionReview that echoes the uid", async () => {
    const { handle, lines } = await start();
    await handle.ready;
    const request = admissionRequest("Pod", podSpec({ containers: [{ name: "web", image: "nginx:1.25" }] }), {
      uid: "abc-123",
    });
    const reply = await post(`${base}/validate`, admissionReview(request));
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/json");
    expect(reply.body).toEqual({
      apiVersion: "admission.k8s.io/v1",
      kind: "AdmissionReview",
      response: {
        uid: "abc-123",
        allowed: false,
        status: {
          code: 403,
          message:
            'Bulwark denied this pod: image docker.io/library/nginx:1.25 (container web) is non-compliant: policy "No fixable critical or high" allows 0 fixable high findings, found 2 (CVE-2024-0001, CVE-2024-0002)',
        },
      },
    });
    expect(lines.find((l) => l.msg === "admission request denied")).toMatchObject({
      uid: "abc-123",
      kind: "Pod",
      namespace: "default",
    });
  });

  it("sends decisions to the api in batches, keeping them while it is down", async () => {
    const { handle } = await start();
    await handle.ready;
    const review = (uid: string) =>
      admissionReview(admissionRequest("Pod", podSpec({ containers: [{ name: "c", image: "acme/new:1" }] }), { uid }));
    api.down();
    for (const uid of ["u1", "u2", "u3"]) expect((await post(`${base}/validate`, review(uid))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.events).toHaveLength(0);
    expect(handle.events.stats().buffered).toBe(3);
    api.up();
    await expect.poll(() => api.events.map((e) => e.requestUid), { timeout: 2_000 }).toEqual(["u1", "u2", "u3"]);
    expect(api.events[0]).toMatchObject({
      decision: "denied",
      images: [{ reference: "acme/new:1", status: "unscanned" }],
    });
  });

  it("does not record dry-run requests", async () => {
    const { handle } = await start();
    await handle.ready;
    const request = {
      ...admissionRequest("Pod", podSpec({ containers: [{ name: "c", image: "nginx:1.25" }] })),
      dryRun: true,
    };
    const reply = await post(`${base}/validate`, admissionReview(request));
    expect(reply.body).toMatchObject({ response: { allowed: false } });
    await handle.events.flush();
    expect(api.events).toHaveLength(0);
  });

  it.each<[string, string | Buffer, number, string]>([
    ["not JSON", "{", 400, "the body is not JSON: "],
    [
      "another kind",
      JSON.stringify({ apiVersion: "v1", kind: "Pod" }),
      400,
      'not an AdmissionReview v1 request: kind must be "AdmissionReview", got "Pod"',
    ],
    [
      "admission.k8s.io/v1beta1",
      JSON.stringify({ apiVersion: "admission.k8s.io/v1beta1", kind: "AdmissionReview", request: {} }),
      400,
      "not an AdmissionReview v1 request: apiVersion must be",
    ],
    [
      "no uid",
      JSON.stringify(admissionReview({ ...admissionRequest("Pod", {}), uid: "" })),
      400,
      "request.uid must be a non-empty string",
    ],
  ])("refuses a malformed body (%s) with 400 and a clear message", async (_name, body, status, message) => {
    const { handle } = await start();
    await handle.ready;
    const reply = await call(`${base}/validate`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    });
    expect(reply.status).toBe(status);
    expect((reply.body as { error: string }).error).toContain(message);
  });

  it("refuses bodies over the limit, other methods and unknown paths", async () => {
    const { handle } = await start({ bodyLimitBytes: 1024 });
    await handle.ready;
    expect((await call(`${base}/validate`, { method: "POST", body: Buffer.alloc(2048, 32) })).status).toBe(413);
    expect((await call(`${base}/validate`)).status).toBe(405);
    const missing = await call(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect((missing.body as { error: string }).error).toContain("POST /validate");
  });

  it("stops gracefully: closes the port and sends the buffered events", async () => {
    const { handle } = await start();
    await handle.ready;
    await post(
      `${base}/validate`,
      admissionReview(admissionRequest("Pod", podSpec({ containers: [{ name: "c", image: "nginx:1.25" }] }))),
    );
    await handle.close();
    expect(api.events).toHaveLength(1);
    await expect(call(`${base}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
