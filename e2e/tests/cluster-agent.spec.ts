import { expect, type Page, test } from "@playwright/test";

/**
 * Connecting a cluster: the wizard creates the agent's key and prints the install command with it;
 * the agent's first heartbeat turns the wizard to Connected without a reload; its inventory shows on
 * the Workloads tab; admission decisions appear live on the Admission tab; enforcement is turned on
 * in the UI (after a confirmation) and the agent's snapshot carries the new settings.
 */
const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? "admin@example.com";
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";
const shot = (page: Page, name: string) => page.screenshot({ path: `artifacts/${name}.png`, fullPage: true });

/** A GraphQL call as the agent: its key only, no session cookie. */
async function asAgent<T>(
  baseURL: string,
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(`${baseURL}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

test("connect a cluster, see its workloads and its admission decisions live", async ({ page, baseURL }) => {
  const base = baseURL as string;
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);

  const created = await page.request.post("/graphql", {
    headers: { "content-type": "application/json" },
    data: { query: `mutation { createCluster(input: { name: "edge-eu" }) { id } }` },
  });
  const clusterId = ((await created.json()) as { data: { createCluster: { id: string } } }).data.createCluster.id;

  await page.goto(`/clusters/${clusterId}`);
  await expect(page.getByText("Never connected").first()).toBeVisible();
  await page
    .getByRole("link", { name: /connect/i })
    .first()
    .click();

  // The wizard: what the agent does → its key → the install command → waiting for it.
  await page.getByRole("button", { name: "Next: create its API key" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("button", { name: "Next: install the agent" }).click();
  const helm = page.locator("pre").filter({ hasText: "helm install" }).first();
  await expect(helm).toContainText(base);
  const command = (await helm.textContent()) ?? "";
  const key = /bwk_[A-Za-z0-9_-]+/.exec(command)?.[0];
  expect(key, "the install command carries the agent's key").toBeDefined();
  await shot(page, "agent-01-install-command");
  await page.getByRole("button", { name: /Next/ }).last().click();
  await expect(page.getByText("Waiting for the agent's first heartbeat")).toBeVisible();

  const agentKey = key as string;
  await asAgent(base, agentKey, `mutation($i: AgentHeartbeatInput!) { agentHeartbeat(input: $i) { clusterId } }`, {
    i: { cluster: "edge-eu", mode: "run", agentVersion: "0.1.0", kubernetesVersion: "v1.30.2" },
  });
  await expect(page.getByText("Connected", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  await shot(page, "agent-02-connected");

  // The agent's inventory.
  await asAgent(base, agentKey, `mutation($i: InventoryReportInput!) { reportInventory(input: $i) { pods } }`, {
    i: {
      full: true,
      namespaces: [{ uid: "ns-shop", name: "shop", labels: {} }],
      pods: [
        {
          uid: "pod-web-1",
          namespace: "shop",
          name: "web-7d9f8-abcde",
          phase: "Running",
          ownerKind: "Deployment",
          ownerName: "web",
          containers: [
            { name: "migrate", kind: "init", image: "registry.example.com/shop/migrate:4" },
            { name: "web", kind: "app", image: "registry.example.com/shop/web:1.8" },
          ],
        },
      ],
    },
  });
  await page.goto(`/clusters/${clusterId}/workloads`);
  await expect(page.getByRole("navigation", { name: "Namespaces" }).getByText("shop")).toBeVisible();
  await expect(page.getByText("web-7d9f8-abcde")).toBeVisible();
  await expect(page.getByText("registry.example.com/shop/web:1.8").first()).toBeVisible();
  await expect(page.getByText("registry.example.com/shop/migrate:4").first()).toBeVisible();
  await shot(page, "agent-03-workloads");

  // A decision the webhook records arrives in the open table without a reload.
  await page.goto(`/clusters/${clusterId}/admission`);
  await expect(page.getByRole("heading", { name: "Admission settings" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  // Past the list's catch-up read: from here on, only the subscription can bring the row.
  await page.waitForTimeout(1500);
  await asAgent(base, agentKey, `mutation($e: [AdmissionEventInput!]!) { recordAdmissionEvents(events: $e) }`, {
    e: [
      {
        at: new Date().toISOString(),
        requestUid: "3f0a3b9c-1d2e-4f50-8a6b-7c8d9e0f1a2b",
        decision: "would_deny",
        enforced: false,
        mode: "deny",
        kind: "Pod",
        namespace: "shop",
        name: "debug-shell",
        operation: "CREATE",
        userName: "alice@example.com",
        message:
          'Bulwark would deny this pod: image docker.io/library/nginx:1.25 (container web) is non-compliant: policy "No critical" allows 0 fixable critical findings, found 1 (CVE-2026-0001)',
        images: [{ container: "web", kind: "app", reference: "docker.io/library/nginx:1.25", status: "non_compliant" }],
      },
    ],
  });
  const row = page.getByTestId("admission-row").filter({ hasText: "debug-shell" });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText("alice@example.com");
  await shot(page, "agent-04-admission-event");

  // Turning enforcement on asks first, then the agent's snapshot has it.
  await page.getByText("On: enforce").click();
  await page.getByRole("button", { name: "Save changes" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Turn on enforcement in edge-eu?");
  await confirm.getByRole("button", { name: "Turn on enforcement" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByText("Saved").or(page.getByText("Enforcing")).first()).toBeVisible();
  const snapshot = await asAgent<{ admissionSnapshot: { settings: { enforcementEnabled: boolean } } }>(
    base,
    agentKey,
    `{ admissionSnapshot { settings { enforcementEnabled } } }`,
  );
  expect(snapshot.admissionSnapshot.settings.enforcementEnabled).toBe(true);
  await shot(page, "agent-05-enforcing");
});
