import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { access, chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const CA_FILE = "ca.crt";
export const CERT_FILE = "tls.crt";
export const KEY_FILE = "tls.key";

export type CertificateRequest = {
  outDir: string;
  /** DNS names for the serving certificate, e.g. from serviceDnsNames(). */
  dnsNames: string[];
  /** IP addresses, for a webhook reached by URL outside the cluster (e.g. 127.0.0.1). */
  ipAddresses: string[];
  /** Validity of the serving certificate; the CA lasts ten times as long. */
  days: number;
  /** Replace files that exist. */
  force: boolean;
  /** The openssl executable. */
  openssl?: string;
};

export type GeneratedCertificates = {
  caFile: string;
  certFile: string;
  keyFile: string;
  /** PEM of the CA certificate; base64 of it is the webhook configuration's caBundle. */
  caPem: string;
  dnsNames: string[];
  ipAddresses: string[];
  notAfter: string;
};

/** A request that cannot be met (`usage`), or openssl failing. */
export class CertificateError extends Error {
  constructor(
    message: string,
    readonly usage = true,
  ) {
    super(message);
    this.name = "CertificateError";
  }
}

const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The names the apiserver may use for a Service: it calls <service>.<namespace>.svc. */
export function serviceDnsNames(service: string, namespace: string): string[] {
  return [
    service,
    `${service}.${namespace}`,
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.cluster.local`,
  ];
}

/**
 * Creates a CA and a serving certificate signed by it (ECDSA P-256) with the given DNS names and IP
 * addresses, and writes ca.crt, tls.crt and tls.key (mode 0600) to outDir. The CA's private key is
 * not kept: to rotate, generate again and register the new caBundle.
 */
export async function generateWebhookCertificates(request: CertificateRequest): Promise<GeneratedCertificates> {
  const dnsNames = unique(request.dnsNames.map((n) => n.trim().toLowerCase()).filter(Boolean));
  const ipAddresses = unique(request.ipAddresses.map((n) => n.trim()).filter(Boolean));
  for (const name of dnsNames) {
    if (!DNS_NAME.test(name)) throw new CertificateError(`${JSON.stringify(name)} is not a valid DNS name`);
  }
  for (const ip of ipAddresses) {
    if (isIP(ip) === 0) throw new CertificateError(`${JSON.stringify(ip)} is not an IP address`);
  }
  if (dnsNames.length + ipAddresses.length === 0) {
    throw new CertificateError("give at least one DNS name or IP address for the serving certificate");
  }
  if (!Number.isInteger(request.days) || request.days < 1 || request.days > 3650) {
    throw new CertificateError("days must be a whole number from 1 to 3650");
  }
  const openssl = request.openssl ?? "openssl";
  const caFile = join(request.outDir, CA_FILE);
  const certFile = join(request.outDir, CERT_FILE);
  const keyFile = join(request.outDir, KEY_FILE);
  if (!request.force) {
    for (const file of [caFile, certFile, keyFile]) {
      if (await exists(file)) throw new CertificateError(`${file} exists; pass --force to replace it`);
    }
  }

  const work = await mkdtemp(join(tmpdir(), "bulwark-certs-"));
  try {
    await chmod(work, 0o700);
    const w = (name: string) => join(work, name);
    const commonName = dnsNames[0] ?? ipAddresses[0] ?? "bulwark-agent-webhook";
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    await openSsl(openssl, [
      "req",
      "-x509",
      ...ec,
      "-keyout",
      w("ca.key"),
      "-out",
      w("ca.crt"),
      "-days",
      String(request.days * 10),
      "-subj",
      "/O=Bulwark/CN=Bulwark admission webhook CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE,pathlen:0",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    await openSsl(openssl, [
      "req",
      "-new",
      ...ec,
      "-keyout",
      w("tls.key"),
      "-out",
      w("tls.csr"),
      "-subj",
      `/O=Bulwark/CN=${commonName}`,
    ]);
    const altNames = [...dnsNames.map((n) => `DNS:${n}`), ...ipAddresses.map((ip) => `IP:${ip}`)].join(",");
    await writeFile(
      w("extensions.cnf"),
      [
        "basicConstraints=critical,CA:FALSE",
        "keyUsage=critical,digitalSignature,keyEncipherment",
        "extendedKeyUsage=serverAuth",
        `subjectAltName=${altNames}`,
        "",
      ].join("\n"),
    );
    await openSsl(openssl, [
      "x509",
      "-req",
      "-in",
      w("tls.csr"),
      "-CA",
      w("ca.crt"),
      "-CAkey",
      w("ca.key"),
      "-CAcreateserial",
      "-out",
      w("tls.crt"),
      "-days",
      String(request.days),
      "-sha256",
      "-extfile",
      w("extensions.cnf"),
    ]);

    const caPem = await readFile(w("ca.crt"), "utf8");
    const certPem = await readFile(w("tls.crt"), "utf8");
    const certificate = new X509Certificate(certPem);
    if (!certificate.verify(new X509Certificate(caPem).publicKey)) {
      throw new CertificateError("openssl produced a certificate the CA did not sign", false);
    }

    await mkdir(request.outDir, { recursive: true });
    await install(w("ca.crt"), caFile, 0o644);
    await install(w("tls.crt"), certFile, 0o644);
    await install(w("tls.key"), keyFile, 0o600);
    return {
      caFile,
      certFile,
      keyFile,
      caPem,
      dnsNames,
      ipAddresses,
      notAfter: new Date(certificate.validTo).toISOString(),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Reads ca.crt, tls.crt and tls.key from a directory written by generateWebhookCertificates. */
export async function readCertificateDir(dir: string): Promise<{ caPem: string; certPem: string; keyPem: string }> {
  const [caPem, certPem, keyPem] = await Promise.all(
    [CA_FILE, CERT_FILE, KEY_FILE].map((file) =>
      readFile(join(dir, file), "utf8").catch((error: unknown) => {
        throw new CertificateError(
          `cannot read ${join(dir, file)}: ${error instanceof Error ? error.message : String(error)}`,
          false,
        );
      }),
    ),
  );
  return { caPem: caPem ?? "", certPem: certPem ?? "", keyPem: keyPem ?? "" };
}

async function openSsl(openssl: string, args: string[]): Promise<void> {
  try {
    await run(openssl, args, { timeout: 30_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const reason = stderr || (error instanceof Error ? error.message : String(error));
    throw new CertificateError(`openssl ${args[0] ?? ""} failed: ${reason}`, false);
  }
}

/** Copies through a temporary name in the target directory, so readers never see half a file. */
async function install(from: string, to: string, mode: number): Promise<void> {
  const temporary = `${to}.tmp-${process.pid}`;
  await writeFile(temporary, await readFile(from), { mode });
  await chmod(temporary, mode);
  await rename(temporary, to);
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
