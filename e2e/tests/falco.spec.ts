import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";

/**
 * Falco alerts live: falcosidekick's webhook payload posted with curl to the cluster's ingest URL
 * appears at the top of the open Falco tab without a reload, and opens into its detail.
 */
const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? "admin@example.com";
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";
const run = promisify(execFile);
const shot = (page: Page, name: string) => page.screenshot({ path: `artifacts/${name}.png`, fullPage: true });

/** A syscall alert as falcosidekick's webhook output sends it. */
function alert(rule: string, pod: string, priority: string) {
  const now = new Date();
  return {
    uuid: randomUUID(),
    output: `${now.toISOString().slice(11, 23)}000000: ${priority} A shell was spawned in a container with an attached terminal (user=root k8s.ns=shop k8s.pod=${pod} container=3f1a9c2b7d11 shell=sh parent=runc cmdline=sh image=ghcr.io/acme/cart)`,
    priority,
    rule,
    time: now.toISOString().replace("Z", "123456Z"),
    source: "syscall",
    hostname: "node-1",
    tags: ["container", "mitre_execution", "shell"],
    output_fields: {
      "container.id": "3f1a9c2b7d11",
      "container.image.repository": "ghcr.io/acme/cart",
      "container.image.tag": "2.4.1",
      "evt.time": now.getTime() * 1_000_000,
      "k8s.ns.name": "shop",
      "k8s.pod.name": pod,
      "proc.cmdline": "sh",
      "proc.name": "sh",
      "proc.pname": "runc",
      "proc.tty": 34816,
      "user.loginuid": -1,
      "user.name": "root",
    },
  };
}

async function curlPost(url: string, body: unknown): Promise<{ status: number; body: string }> {
  const { stdout } = await run("curl", [
    "-sS",
    "-X",
    "POST",
    "-H",
    "Content-Type: application/json",
    "--data-binary",
    JSON.stringify(body),
    "-w",
    "\n%{http_code}",
    url,
  ]);
  const lines = stdout.trimEnd().split("\n");
  return { status: Number(lines.pop()), body: lines.join("\n") };
}

test("an alert posted with curl appears in the open Falco tab without a reload", async ({ page, baseURL }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const res = await page.request.post("/graphql", {
      headers: { "content-type": "application/json" },
      data: { query, variables },
    });
    const body = (await res.json()) as { data: T; errors?: unknown };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };
  const clusterId = (
    await gql<{ createCluster: { id: string } }>(`mutation { createCluster(input: { name: "falco-e2e" }) { id } }`)
  ).createCluster.id;
  const key = (
    await gql<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { name: "falcosidekick", scopes: ["falco_ingest"], clusterId } },
    )
  ).createApiKey.secret;
  const ingest = `${baseURL}/api/falco/${clusterId}/create?key=${key}`;

  const first = await curlPost(ingest, alert("Terminal shell in container", "cart-66b8d-q9w2e", "Notice"));
  expect(first.status, first.body).toBe(201);

  await page.goto(`/clusters/${clusterId}/falco`);
  await expect(page.getByTestId("falco-row")).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: "Live" }).first()).toBeVisible();
  // Past the table's catch-up read: from here on, only the subscription can bring the row.
  await page.waitForTimeout(1500);

  const second = await curlPost(
    ingest,
    alert("Drop and execute new binary in container", "cart-66b8d-zz7k1", "Critical"),
  );
  expect(second.status, second.body).toBe(201);
  const row = page.getByTestId("falco-row").first();
  await expect(row).toContainText("Drop and execute new binary in container", { timeout: 15_000 });
  await expect(page.getByTestId("falco-row")).toHaveCount(2);
  await shot(page, "falco-01-live-row");

  // A bad key is refused with a clear message and stores nothing.
  const refused = await curlPost(`${baseURL}/api/falco/${clusterId}/create?key=bwk_wrong`, alert("x", "y", "Notice"));
  expect(refused.status).toBe(401);
  expect(refused.body).toMatch(/error/);

  await row.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Drop and execute new binary in container" })).toBeVisible();
  await expect(page.getByText("cart-66b8d-zz7k1").first()).toBeVisible();
  await expect(page.getByText("ghcr.io/acme/cart:2.4.1").first()).toBeVisible();
  await shot(page, "falco-02-event-detail");

  // A busy cluster: the live table keeps its newest 500 rows; Load more brings back the rest.
  await page.goto(`/clusters/${clusterId}/falco`);
  await expect(page.getByTestId("falco-row")).toHaveCount(2);
  await page.waitForTimeout(1500);
  // One millisecond apart, so that the newest is the last sent.
  const start = Date.now();
  const burst = Array.from({ length: 520 }, (_, i) => ({
    ...alert(`Burst rule ${i}`, `burst-${i}`, "Warning"),
    time: new Date(start + i).toISOString(),
  }));
  for (let i = 0; i < burst.length; i += 20) {
    const answers = await Promise.all(
      burst.slice(i, i + 20).map((event) => page.request.post(ingest, { data: event })),
    );
    for (const answer of answers) expect(answer.status()).toBe(201);
  }
  await expect(page.getByTestId("falco-row").first()).toContainText("Burst rule 519", { timeout: 15_000 });
  await expect(page.getByTestId("falco-row")).toHaveCount(500);
  await page.getByRole("button", { name: "Load more" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "artifacts/falco-03-live-list-kept-to-500.png" });
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.getByTestId("falco-row")).toHaveCount(522);
  await expect(page.getByTestId("falco-row").last()).toContainText("Terminal shell in container");
  await expect(page.getByText("That is the oldest event.")).toBeVisible();
});
