import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  build,
  type GraphQLClient,
  newDigest,
  startTestApp,
  SUBMIT,
  type TestApp,
  trivyReportFor,
} from "../harness.js";
import { startMailSink } from "../mail-sink.js";

/** Temporary exceptions, expiry, reminders and the scan queue, with a clock the test moves. */
const DAY = 86_400_000;
let now = new Date("2026-06-01T09:00:00.000Z");
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

let t: TestApp;
let root: GraphQLClient;
let ci: GraphQLClient;
let cluster: { id: string; name: string };
let sink: Awaited<ReturnType<typeof startMailSink>>;

type Submission = { submitTrivyReport: { image: { id: string }; verdict: { status: string } } };
const submit = (image: string, vulns: Parameters<typeof trivyReportFor>[2], digest = newDigest()) =>
  ci.ok<Submission>(SUBMIT, { i: { cluster: cluster.name, image, report: trivyReportFor(image, digest, vulns) } });

beforeAll(async () => {
  sink = await startMailSink();
  t = await startTestApp({ BULWARK_SMTP_URL: sink.url }, undefined, { clock: () => now });
  // Sessions end as the clock moves on; administrative calls here use an API key instead.
  root = t.client().withApiKey((await build.apiKey(await t.root(), ["admin"])).secret);
  cluster = await build.cluster(root);
  ci = t.client().withApiKey((await build.apiKey(root, ["ci_scan"])).secret);
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe("temporary exceptions", () => {
  it("are granted once per policy, issue and repository for the grace period, and emailed", async () => {
    const { createPolicy } = await root.ok<{ createPolicy: { id: string } }>(
      `mutation { createPolicy(input: { name: "Grace", graceDays: 7, scanners: [{ thresholds: { unfixable: { critical: 0 } } }] }) { id } }`,
    );
    const first = await submit("web/front:1", [{ id: "CVE-2026-0100", severity: "CRITICAL", fixed: null }]);
    expect(first.submitTrivyReport.verdict.status).toBe("compliant");
    const temporary = await t.app.services.db.prisma.exception.findMany({ where: { temporary: true } });
    expect(temporary).toHaveLength(1);
    expect(temporary[0]).toMatchObject({
      status: "active",
      issueId: "CVE-2026-0100",
      imagePattern: "docker.io/web/front",
      policyIds: [createPolicy.id],
      startsAt: now,
      endsAt: new Date(now.getTime() + 7 * DAY),
    });
    await sink.waitFor((m) => m.subject === "Temporary exception for CVE-2026-0100 in docker.io/web/front");

    // A new tag of the same repository is covered by the same exception; another repository is not.
    expect(
      (await submit("web/front:2", [{ id: "CVE-2026-0100", severity: "CRITICAL", fixed: null }])).submitTrivyReport
        .verdict.status,
    ).toBe("compliant");
    expect(await t.app.services.db.prisma.exception.count({ where: { temporary: true } })).toBe(1);
    await submit("web/back:1", [{ id: "CVE-2026-0100", severity: "CRITICAL", fixed: null }]);
    expect(await t.app.services.db.prisma.exception.count({ where: { temporary: true } })).toBe(2);

    // Once granted, never again for that repository: after the exception is gone, the image fails.
    await root.ok(`mutation($id: ID!) { deleteException(id: $id) { id } }`, { id: temporary[0]!.id });
    const again = await submit("web/front:3", [{ id: "CVE-2026-0100", severity: "CRITICAL", fixed: null }]);
    expect(again.submitTrivyReport.verdict.status).toBe("non_compliant");
    expect(
      await t.app.services.db.prisma.exception.count({
        where: { temporary: true, imagePattern: "docker.io/web/front" },
      }),
    ).toBe(0);
    await root.ok(`mutation($id: ID!) { deletePolicy(id: $id) { id } }`, { id: createPolicy.id });
  });
});

describe("exception dates", () => {
  it("end: expired exceptions turn inactive and the verdict follows; reminders go out once", async () => {
    const image = (await submit("ops/tool:1", [{ id: "CVE-2026-0200", severity: "HIGH" }])).submitTrivyReport.image.id;
    const viewer = await build.user(root, "read_only");
    const { requestException } = await viewer.client.ok<{ requestException: { id: string } }>(
      `mutation($e: DateTimeISO) { requestException(input: { title: "Short", issueId: "CVE-2026-0200", endsAt: $e }) { id } }`,
      { e: new Date(now.getTime() + 5 * DAY).toISOString() },
    );
    await root.ok(`mutation($id: ID!) { approveException(id: $id) { id } }`, { id: requestException.id });
    const status = async () =>
      (await t.app.services.db.prisma.verdict.findFirstOrThrow({ where: { imageId: image, clusterId: cluster.id } }))
        .status;
    expect(await status()).toBe("compliant");

    // Reminders: 7 days before by default; sent to the creator and administrators, once.
    expect((await t.app.worker.runNow("exceptions.remind")).result).toBeGreaterThanOrEqual(1);
    expect(
      (await t.app.services.db.prisma.exception.findUniqueOrThrow({ where: { id: requestException.id } }))
        .reminderSentAt,
    ).toEqual(now);
    expect(await t.app.worker.runNow("exceptions.remind")).toEqual({ ran: true, result: 0 });
    await t.app.worker.runNow("notifications.send");
    const reminder = await sink.waitFor((m) => m.subject.startsWith('Exception "Short" ends on'));
    expect(reminder.to).toEqual(expect.arrayContaining(["root@example.com", viewer.email]));

    const expired = async () =>
      (await t.app.services.db.prisma.exception.findUniqueOrThrow({ where: { id: requestException.id } })).status;
    advance(5 * DAY - 1);
    await t.app.worker.runNow("exceptions.expire");
    expect(await expired()).toBe("active");
    advance(1);
    expect((await t.app.worker.runNow("exceptions.expire")).result).toBeGreaterThanOrEqual(1);
    expect(await expired()).toBe("inactive");
    expect(await status()).toBe("non_compliant");
    const history = await root.ok<{ exception: { status: string; history: Array<{ action: string }> } }>(
      `query($id: ID!) { exception(id: $id) { status history { action } } }`,
      { id: requestException.id },
    );
    expect(history.exception).toEqual({
      status: "inactive",
      history: [{ action: "requested" }, { action: "approved" }, { action: "reminded" }, { action: "expired" }],
    });
  });

  it("in the future do not apply yet", async () => {
    const image = (await submit("ops/later:1", [{ id: "CVE-2026-0300", severity: "HIGH" }])).submitTrivyReport.image.id;
    await root.ok(
      `mutation($s: DateTimeISO) { createException(input: { title: "Later", issueId: "CVE-2026-0300", startsAt: $s }) { id } }`,
      {
        s: new Date(now.getTime() + DAY).toISOString(),
      },
    );
    const explain = async () =>
      (
        await root.ok<{ image: { compliance: { status: string } } }>(
          `query($i: ID!, $c: ID!) { image(id: $i) { compliance(clusterId: $c) { status } } }`,
          { i: image, c: cluster.id },
        )
      ).image.compliance.status;
    expect(await explain()).toBe("non_compliant");
    advance(DAY);
    expect(await explain()).toBe("compliant");
  });
});

describe("the scan queue", () => {
  it("keeps one job per image, prioritises, leases, retries and finally fails visibly", async () => {
    const image = (await submit("queue/app:1", [])).submitTrivyReport.image.id;
    const REQUEST = `mutation($id: ID!) { requestRescan(imageId: $id) { id status priority reason attempts } }`;
    const first = await root.ok<{ requestRescan: { id: string; priority: number; reason: string } }>(REQUEST, {
      id: image,
    });
    const second = await root.ok<{ requestRescan: { id: string } }>(REQUEST, { id: image });
    expect(second.requestRescan.id).toBe(first.requestRescan.id);
    expect(first.requestRescan).toMatchObject({ priority: 40, reason: "manual" });

    // A crashed worker: its lease expires and the job is queued again, until attempts run out.
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const claimed = await t.app.services.scanQueue.claim("worker-a", 5, 60);
      expect(claimed.map((j) => j.id)).toContain(first.requestRescan.id);
      advance(2 * 60_000);
      expect((await t.app.worker.runNow("scan_jobs.expire_leases")).result).toBe(1);
      advance(15 * 60_000);
    }
    const jobs = await root.ok<{
      scanJobs: Array<{ id: string; status: string; attempts: number; lastError: string }>;
    }>(`{ scanJobs(statuses: [failed]) { id status attempts lastError } }`);
    expect(jobs.scanJobs).toEqual([
      {
        id: first.requestRescan.id,
        status: "failed",
        attempts: 3,
        lastError: expect.stringMatching(/^gave up after 3 attempts: the worker worker-a stopped reporting/),
      },
    ]);
    // Giving up records a failed scan, so the image's verdict says so.
    const scanFailed = await t.app.services.db.prisma.verdict.findFirstOrThrow({
      where: { imageId: image, clusterId: cluster.id },
    });
    expect(scanFailed.status).toBe("scan_failed");
    const retried = await root.ok<{ retryScanJob: { status: string; attempts: number } }>(
      `mutation($id: ID!) { retryScanJob(id: $id) { status attempts } }`,
      {
        id: first.requestRescan.id,
      },
    );
    expect(retried.retryScanJob).toEqual({ status: "queued", attempts: 0 });

    // A report for the image completes its waiting job.
    const digestRow = await t.app.services.db.prisma.image.findUniqueOrThrow({ where: { id: image } });
    await submit("queue/app:1", [], digestRow.digest);
    const counts = await root.ok<{ scanQueueCounts: { queued: number; claimed: number; done: number } }>(
      `{ scanQueueCounts { queued claimed done } }`,
    );
    expect(counts.scanQueueCounts).toMatchObject({ queued: 0, claimed: 0 });
    expect(counts.scanQueueCounts.done).toBeGreaterThanOrEqual(1);
    expect(
      (await t.app.services.db.prisma.verdict.findFirstOrThrow({ where: { imageId: image, clusterId: cluster.id } }))
        .status,
    ).toBe("compliant");
  });

  it("gives a crashed agent's claim to another agent once its lease expires, and refuses the late report", async () => {
    const keyFor = async (name: string) =>
      t.client().withApiKey((await build.apiKey(root, ["agent"], { clusterId: cluster.id, name })).secret);
    const [crashed, healthy] = [await keyFor("agent-a"), await keyFor("agent-b")];
    const CLAIM = `mutation($i: ClaimScanJobsInput!) { claimScanJobs(input: $i) { id reference attempts } }`;
    type Claimed = { claimScanJobs: Array<{ id: string; reference: string; attempts: number }> };
    await crashed.ok(`mutation($i: InventoryReportInput!) { reportInventory(input: $i) { scansQueued } }`, {
      i: {
        full: false,
        pods: [
          {
            uid: "uid-lease-1",
            namespace: "default",
            name: "lease-1",
            phase: "Pending",
            containers: [{ name: "main", kind: "app", image: "lease/app:1" }],
          },
        ],
      },
    });
    const first = await crashed.ok<Claimed>(CLAIM, { i: { workerId: "pod-a/1", limit: 20, leaseSeconds: 60 } });
    const job = first.claimScanJobs.find((j) => j.reference === "docker.io/lease/app:1");
    expect(job).toMatchObject({ attempts: 1 });
    // While the lease holds, nobody else gets the job.
    const meanwhile = await healthy.ok<Claimed>(CLAIM, { i: { workerId: "pod-b/1", limit: 20, leaseSeconds: 60 } });
    expect(meanwhile.claimScanJobs.map((j) => j.id)).not.toContain(job?.id);

    advance(2 * 60_000);
    expect((await t.app.worker.runNow("scan_jobs.expire_leases")).result).toBeGreaterThanOrEqual(1);
    advance(15 * 60_000);
    const retried = await healthy.ok<Claimed>(CLAIM, { i: { workerId: "pod-b/1", limit: 20, leaseSeconds: 60 } });
    expect(retried.claimScanJobs.find((j) => j.id === job?.id)).toMatchObject({ attempts: 2 });

    const late = await crashed.fails(
      `mutation($i: CompleteScanJobInput!) { completeScanJob(input: $i) { verdict { status } } }`,
      { i: { jobId: job?.id, workerId: "pod-a/1", report: trivyReportFor("lease/app:1", newDigest(), []) } },
    );
    expect(late.message).toMatch(/claimed by another worker/);
    const done = await healthy.ok<{ completeScanJob: { verdict: { status: string } } }>(
      `mutation($i: CompleteScanJobInput!) { completeScanJob(input: $i) { verdict { status } } }`,
      { i: { jobId: job?.id, workerId: "pod-b/1", report: trivyReportFor("lease/app:1", newDigest(), []) } },
    );
    expect(done.completeScanJob.verdict.status).toBe("compliant");
  });

  it("schedules rescans once an image is older than its policies' rescan period", async () => {
    await submit("queue/fresh:1", []);
    const before = await t.app.services.db.prisma.scanJob.count({ where: { reason: "rescan" } });
    expect((await t.app.worker.runNow("scan_jobs.schedule_rescans")).result).toBe(0);
    advance(8 * DAY);
    const scheduled = (await t.app.worker.runNow("scan_jobs.schedule_rescans")).result as number;
    expect(scheduled).toBeGreaterThanOrEqual(1);
    const jobs = await t.app.services.db.prisma.scanJob.findMany({ where: { reason: "rescan" } });
    expect(jobs.length).toBe(before + scheduled);
    expect(jobs.every((j) => j.priority === 10 && j.status === "queued")).toBe(true);
    // Running again does not queue duplicates.
    expect((await t.app.worker.runNow("scan_jobs.schedule_rescans")).result).toBe(0);
  });

  it("lets only one replica run a background task at a time", async () => {
    const lease = await t.app.services.db.prisma.backgroundLease.create({
      data: { name: "exceptions.expire", holder: "another-replica", until: new Date(now.getTime() + 60_000) },
    });
    expect(await t.app.worker.runNow("exceptions.expire")).toEqual({ ran: false });
    advance(2 * 60_000);
    expect((await t.app.worker.runNow("exceptions.expire")).ran).toBe(true);
    expect(lease.holder).toBe("another-replica");
  });
});
