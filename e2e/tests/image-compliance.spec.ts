import { randomBytes } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

/**
 * The compliance loop: an admin sets a policy, a CI pipeline's Trivy report arrives with an API key,
 * the image is non-compliant with its reasons, a read-only user asks for an exception, the admin
 * approves it, and the read-only user's open page turns compliant without a reload.
 */
const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? "admin@example.com";
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";
const shot = (page: Page, name: string) => page.screenshot({ path: `artifacts/${name}.png`, fullPage: true });

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function gql<T>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
): Promise<T> {
  const res = await request.post("/graphql", {
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    data: { query, variables },
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** A Trivy JSON (schema 2) report with one fixable medium finding. */
function trivyReport(image: string, digest: string) {
  return {
    SchemaVersion: 2,
    ArtifactName: image,
    ArtifactType: "container_image",
    Metadata: {
      OS: { Family: "debian", Name: "12.5" },
      ImageID: `sha256:${"b".repeat(64)}`,
      RepoTags: [image],
      RepoDigests: [`${image.split(":")[0]}@${digest}`],
    },
    Results: [
      {
        Target: `${image} (debian 12.5)`,
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: [
          {
            VulnerabilityID: "CVE-2026-5555",
            PkgName: "libxml2",
            InstalledVersion: "2.9.14+dfsg-1.3",
            FixedVersion: "2.9.14+dfsg-1.4",
            Status: "fixed",
            Severity: "MEDIUM",
            Title: "libxml2: use-after-free in xmlValidatePopElement",
            PrimaryURL: "https://avd.aquasec.com/nvd/cve-2026-5555",
          },
        ],
      },
    ],
  };
}

test("policy, CI report, exception request and approval, live verdict", async ({ browser, baseURL }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);

  // The admin sets a policy: no fixable medium finding.
  await admin.goto("/policies");
  await expect(admin.getByRole("heading", { name: "No fixable critical or high" })).toBeVisible();
  await admin.getByRole("button", { name: "New policy" }).first().click();
  const policyDialog = admin.getByRole("dialog");
  await policyDialog.getByRole("textbox", { name: "Name", exact: true }).fill("No fixable medium");
  await policyDialog.getByRole("spinbutton", { name: "Most fixable medium findings" }).fill("0");
  await shot(admin, "10-policy-form");
  await policyDialog.getByRole("button", { name: "Create policy" }).click();
  await expect(policyDialog).toBeHidden();
  await expect(admin.getByRole("heading", { name: "No fixable medium" })).toBeVisible();

  // A CI pipeline submits a Trivy report with a ci_scan key.
  const { createCluster } = await gql<{ createCluster: { id: string } }>(
    admin.request,
    `mutation { createCluster(input: { name: "prod-ci" }) { id } }`,
  );
  const { createApiKey } = await gql<{ createApiKey: { secret: string } }>(
    admin.request,
    `mutation { createApiKey(input: { name: "ci", scopes: [ci_scan] }) { secret } }`,
  );
  const digest = `sha256:${randomBytes(32).toString("hex")}`;
  const ci = await (await import("@playwright/test")).request.newContext({ baseURL });
  const submitted = await gql<{ submitTrivyReport: { image: { id: string }; verdict: { status: string } } }>(
    ci,
    `mutation($i: SubmitTrivyReportInput!) { submitTrivyReport(input: $i) { image { id } verdict { status } } }`,
    { i: { cluster: "prod-ci", image: "shop/checkout:4.2", report: trivyReport("shop/checkout:4.2", digest) } },
    createApiKey.secret,
  );
  expect(submitted.submitTrivyReport.verdict.status).toBe("non_compliant");
  const imageId = submitted.submitTrivyReport.image.id;

  await admin.goto(`/images?cluster=${createCluster.id}`);
  await expect(admin.getByText("shop/checkout").first()).toBeVisible();
  await expect(admin.getByText("Non-compliant").first()).toBeVisible();
  await shot(admin, "11-images-non-compliant");

  // A read-only user sees why, and asks for an exception from the finding.
  const { createUser } = await gql<{ createUser: { email: string } }>(
    admin.request,
    `mutation { createUser(input: { email: "viewer@example.com", name: "Vera Viewer", role: read_only, password: "viewer-password-1" }) { email } }`,
  );
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, createUser.email, "viewer-password-1");
  await viewer.goto(`/images/${imageId}`);
  await expect(viewer.getByText("Non-compliant").first()).toBeVisible();
  const reasons = viewer.getByRole("list", { name: "Reasons" });
  await expect(reasons).toContainText("No fixable medium");
  await expect(reasons).toContainText("CVE-2026-5555");
  await viewer.evaluate(() => {
    (window as unknown as { __notReloaded: boolean }).__notReloaded = true;
  });
  await shot(viewer, "12-image-detail-non-compliant");

  await viewer.getByRole("button", { name: "Request exception for CVE-2026-5555 in libxml2" }).click();
  const requestDialog = viewer.getByRole("dialog");
  await expect(requestDialog.getByRole("textbox", { name: "Issue id" })).toHaveValue("CVE-2026-5555");
  await expect(requestDialog.getByRole("textbox", { name: "Image pattern" })).toHaveValue("docker.io/shop/checkout");
  await requestDialog
    .getByRole("textbox", { name: "Reason" })
    .fill("The parser is not reachable from requests; upgrade planned for 4.3.");
  await shot(viewer, "13-exception-request");
  await requestDialog.getByRole("button", { name: "Send request" }).click();
  await expect(requestDialog).toBeHidden();
  await expect(viewer.getByText("Non-compliant").first()).toBeVisible();

  // The admin approves it.
  await admin.goto("/exceptions");
  await admin
    .getByRole("link", { name: /CVE-2026-5555/ })
    .first()
    .click();
  await expect(admin.getByText("In review").first()).toBeVisible();
  await admin.getByRole("button", { name: "Approve" }).click();
  const review = admin.getByRole("alertdialog");
  await review.getByRole("button", { name: "Approve" }).click();
  await expect(review).toBeHidden();
  await expect(admin.getByText("Active").first()).toBeVisible();
  await shot(admin, "14-exception-approved");

  // The read-only user's open page turns compliant, without a reload.
  await expect(viewer.getByText("Compliant", { exact: true }).first()).toBeVisible();
  await expect(viewer.getByText(/Excluded by/).first()).toBeVisible();
  expect(await viewer.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
  await shot(viewer, "15-image-detail-compliant");

  await ci.dispose();
  await viewerContext.close();
  await adminContext.close();
});
