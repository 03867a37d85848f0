import { expect, type Page, test } from "@playwright/test";

/**
 * A new user's first minutes: sign in, create a cluster and an API key, and watch the audit log
 * receive both entries live in another tab, without reloading it.
 */
const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? "admin@example.com";
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";
const shot = (page: Page, name: string) => page.screenshot({ path: `artifacts/${name}.png`, fullPage: true });

test("sign in, create a cluster and an API key, see the audit log update live", async ({ page, context, request }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect")).toBeVisible();
  await shot(page, "01-login-error");

  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByRole("heading", { name: "Clusters", level: 1 })).toBeVisible();
  await shot(page, "02-clusters-empty");

  // A second tab on the audit log, marked so a reload would be noticed.
  const audit = await context.newPage();
  await audit.goto("/settings/audit");
  await expect(audit.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await audit.evaluate(() => {
    (window as unknown as { __notReloaded: boolean }).__notReloaded = true;
  });
  const rowsBefore = await audit.getByTestId("audit-row").count();

  // Create a cluster.
  await page.getByRole("button", { name: "New cluster" }).first().click();
  const clusterDialog = page.getByRole("dialog");
  await clusterDialog.getByRole("textbox", { name: "Name", exact: true }).fill("Prod EU");
  await clusterDialog.getByRole("button", { name: "Create cluster" }).click();
  await expect(clusterDialog.getByText(/lower-case letters, digits and dashes/)).toBeVisible();
  await clusterDialog.getByRole("textbox", { name: "Name", exact: true }).fill("prod-eu-1");
  await clusterDialog.getByLabel("Description").fill("Primary EU cluster");
  await clusterDialog.getByRole("button", { name: "Create cluster" }).click();
  await expect(clusterDialog).toBeHidden();
  await expect(page.getByRole("link", { name: "prod-eu-1" })).toBeVisible();
  await shot(page, "03-cluster-created");

  await expect(audit.getByTestId("audit-row").first()).toContainText("cluster.create");
  expect(await audit.getByTestId("audit-row").count()).toBe(rowsBefore + 1);

  // Create an API key bound to the cluster; the secret is shown once.
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "New API key" }).first().click();
  const keyDialog = page.getByRole("dialog");
  await keyDialog.getByRole("textbox", { name: "Name", exact: true }).fill("prod-eu-1 agent");
  await keyDialog.getByRole("checkbox", { name: /^agent/ }).check();
  await keyDialog.getByRole("combobox", { name: "Cluster", exact: true }).selectOption({ label: "prod-eu-1" });
  await keyDialog.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("api-key-secret").textContent())?.trim();
  expect(secret).toMatch(/^bwk_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("button", { name: "Copy key" })).toBeVisible();
  await shot(page, "04-api-key-secret");

  // The key works against the API and is bound to the cluster.
  const me = await request.post("/graphql", {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    data: { query: "{ me { authMethod scopes } clusters { name } }" },
  });
  expect(await me.json()).toEqual({
    data: { me: { authMethod: "api_key", scopes: ["agent"] }, clusters: [{ name: "prod-eu-1" }] },
  });

  await expect(audit.getByTestId("audit-row").first()).toContainText("api_key.create");
  expect(await audit.getByTestId("audit-row").count()).toBe(rowsBefore + 2);
  expect(await audit.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
  await shot(audit, "05-audit-live");
});
