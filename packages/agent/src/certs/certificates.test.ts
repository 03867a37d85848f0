import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateWebhookCertificates, serviceDnsNames } from "./certificates.js";
import { runCerts } from "./certs-command.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env: {} },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

describe("webhook certificates", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "bulwark-certs-test-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates a CA and a serving certificate for the Service names and an IP address", async () => {
    const result = await generateWebhookCertificates({
      outDir: dir,
      dnsNames: serviceDnsNames("bulwark-agent-webhook", "bulwark"),
      ipAddresses: ["127.0.0.1"],
      days: 30,
      force: false,
    });
    const ca = new X509Certificate(await readFile(join(dir, "ca.crt")));
    const cert = new X509Certificate(await readFile(join(dir, "tls.crt")));
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.subjectAltName).toBe(
      "DNS:bulwark-agent-webhook, DNS:bulwark-agent-webhook.bulwark, DNS:bulwark-agent-webhook.bulwark.svc, DNS:bulwark-agent-webhook.bulwark.svc.cluster.local, IP Address:127.0.0.1",
    );
    expect(cert.checkHost("bulwark-agent-webhook.bulwark.svc")).toBe("bulwark-agent-webhook.bulwark.svc");
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1"]);
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
    expect(result.caPem).toContain("BEGIN CERTIFICATE");
    expect((await stat(join(dir, "tls.key"))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(dir, "tls.key"), "utf8")).includes("PRIVATE KEY")).toBe(true);
  });

  it("is a command that refuses to overwrite without --force", async () => {
    const first = io();
    expect(await runCerts(["--out-dir", dir, "--ip", "127.0.0.1", "--days", "7"], first.io)).toBe(0);
    expect(first.out()).toContain(`wrote ${join(dir, "ca.crt")}`);
    expect(first.out()).toContain("names: bulwark-agent-webhook, bulwark-agent-webhook.bulwark,");

    const again = io();
    expect(await runCerts(["--out-dir", dir, "--ip", "127.0.0.1"], again.io)).toBe(2);
    expect(again.err()).toBe(`bulwark-agent certs: ${join(dir, "ca.crt")} exists; pass --force to replace it\n`);

    const forced = io();
    expect(
      await runCerts(["--out-dir", dir, "--no-service", "--dns", "webhook.example.com", "--force"], forced.io),
    ).toBe(0);
    const cert = new X509Certificate(await readFile(join(dir, "tls.crt")));
    expect(cert.subjectAltName).toBe("DNS:webhook.example.com");
  });

  it.each<[string[], string]>([
    [["--ip", "300.1.1.1"], '"300.1.1.1" is not an IP address'],
    [["--dns", "bad_name"], '"bad_name" is not a valid DNS name'],
    [["--no-service"], "give at least one DNS name or IP address for the serving certificate"],
    [["--days", "0"], "days must be a whole number from 1 to 3650"],
    [["--colour"], "Unknown option '--colour'"],
  ])("refuses %j", async (args, message) => {
    const result = io();
    expect(await runCerts(["--out-dir", dir, ...args], result.io)).toBe(2);
    expect(result.err()).toContain(message);
  });
});
