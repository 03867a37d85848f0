import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type GraphQLClient, startTestApp, type TestApp } from "../harness.js";
import { startMailSink } from "../mail-sink.js";

describe("email notifications", () => {
  let t: TestApp;
  let root: GraphQLClient;
  beforeAll(async () => {
    t = await startTestApp();
    root = await t.root();
  });
  afterAll(() => t?.close());

  it("are kept with a clear reason when no SMTP server is configured", async () => {
    const viewer = await build.user(root, "read_only");
    await viewer.client.ok(`mutation { requestException(input: { title: "No mail here" }) { id } }`);
    await t.app.worker.runNow("notifications.send");
    const row = await t.app.services.db.prisma.notification.findFirstOrThrow({
      where: { kind: "exception.requested" },
    });
    expect(row).toMatchObject({
      status: "failed",
      to: ["root@example.com"],
      lastError: "no SMTP server is configured (set BULWARK_SMTP_URL)",
    });
  });
});

describe("email notifications with an SMTP server that is down", () => {
  it("are retried and sent once it is back", async () => {
    const sink = await startMailSink();
    const url = sink.url;
    await sink.close();
    const t = await startTestApp({ BULWARK_SMTP_URL: url });
    try {
      const root = await t.root();
      const viewer = await build.user(root, "read_only");
      await viewer.client.ok(`mutation { requestException(input: { title: "Eventually delivered" }) { id } }`);
      await t.app.worker.runNow("notifications.send");
      const pending = await t.app.services.db.prisma.notification.findFirstOrThrow({
        where: { kind: "exception.requested" },
      });
      expect(pending.status).toBe("pending");
      expect(pending.attempts).toBeGreaterThanOrEqual(1);
      expect(pending.lastError).toMatch(/ECONNREFUSED|connect/i);

      const back = await startMailSink(Number(new URL(url).port));
      try {
        await t.app.worker.runNow("notifications.send");
        const mail = await back.waitFor((m) => m.subject === "Exception request: Eventually delivered");
        expect(mail.to).toEqual(["root@example.com"]);
        const sent = await t.app.services.db.prisma.notification.findUniqueOrThrow({ where: { id: pending.id } });
        expect(sent.status).toBe("sent");
      } finally {
        await back.close();
      }
    } finally {
      await t.close();
    }
  });
});
