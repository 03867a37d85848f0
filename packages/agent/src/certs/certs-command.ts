import { parseArgs } from "node:util";
import { CertificateError, generateWebhookCertificates, serviceDnsNames } from "./certificates.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, listOption, type CommandIo } from "./command-io.js";

export const CERTS_USAGE = `Usage: bulwark-agent certs [options]

Creates a CA and a serving certificate for the admission webhook and writes ca.crt, tls.crt and
tls.key (mode 0600) to a directory. The CA's key is not kept; run again to rotate.

Options:
  --out-dir DIR        where to write the files (default: ./certs)
  --service NAME       the webhook's Service (default: bulwark-agent-webhook)
  --namespace NS       its namespace (default: bulwark); the certificate names
                       <service>, <service>.<ns>, <service>.<ns>.svc and <service>.<ns>.svc.cluster.local
  --no-service         leave the Service's names out (a webhook reached by URL only)
  --dns NAME           another DNS name (repeatable, or comma-separated)
  --ip ADDRESS         an IP address, e.g. 127.0.0.1 for a webhook run outside the cluster (repeatable)
  --days N             validity of the serving certificate in days (default: 365; the CA: 10×)
  --force              replace existing files
`;

/** `bulwark-agent certs …`; returns the exit code. */
export async function runCerts(argv: readonly string[], io: CommandIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        "out-dir": { type: "string", default: "certs" },
        service: { type: "string", default: "bulwark-agent-webhook" },
        namespace: { type: "string", default: "bulwark" },
        "no-service": { type: "boolean", default: false },
        dns: { type: "string", multiple: true },
        ip: { type: "string", multiple: true },
        days: { type: "string", default: "365" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`bulwark-agent certs: ${error instanceof Error ? error.message : String(error)}\n\n${CERTS_USAGE}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.stdout.write(CERTS_USAGE);
    return EXIT_OK;
  }
  const days = Number(values.days);
  const dnsNames = [
    ...(values["no-service"] ? [] : serviceDnsNames(values.service, values.namespace)),
    ...listOption(values.dns),
  ];
  try {
    const result = await generateWebhookCertificates({
      outDir: values["out-dir"],
      dnsNames,
      ipAddresses: listOption(values.ip),
      days,
      force: values.force,
    });
    io.stdout.write(
      [
        `wrote ${result.caFile}, ${result.certFile} and ${result.keyFile}`,
        `names: ${[...result.dnsNames, ...result.ipAddresses].join(", ")}`,
        `valid until: ${result.notAfter}`,
        "",
      ].join("\n"),
    );
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CertificateError && error.usage) {
      io.stderr.write(`bulwark-agent certs: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`bulwark-agent certs: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
