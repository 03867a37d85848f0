import fs from "node:fs/promises";
import { isApiError } from "../client/api-error.js";
import type { CiScanApi, ScanSubmission } from "../client/ci-scan-api.js";
import type { ScanSettings } from "../config/settings.js";
import type { Logger } from "../log.js";
import { ScanError, type Scanner } from "../scanner/scanner.js";
import { readTrivyReport } from "../scanner/trivy-report.js";
import { VERSION } from "../version.js";
import { toSarif } from "./sarif.js";
import { exitCodeFor, formatJson, formatTable } from "./scan-output.js";

/** 0 compliant, 1 not compliant (or unscanned, scan failed), 2 the command could not decide. */
export const EXIT = { compliant: 0, nonCompliant: 1, error: 2 } as const;

export type ScanCommandDeps = {
  scanner: Scanner;
  api: CiScanApi;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  logger: Logger;
  writeFile?: (path: string, content: string) => Promise<void>;
  signal?: AbortSignal;
};

/**
 * `bulwark-agent scan`: runs the scanner here, sends the report to the api, prints the verdict the
 * cluster's policies give it, and answers with the exit code a pipeline acts on.
 */
export async function runScanCommand(settings: ScanSettings, deps: ScanCommandDeps): Promise<number> {
  const { scanner, api, stdout, stderr, logger } = deps;
  const writeFile = deps.writeFile ?? ((path: string, content: string) => fs.writeFile(path, content, "utf8"));
  const say = (line: string) => stderr.write(`${line}\n`);
  const fail = (message: string) => {
    say(`bulwark-agent: ${message}`);
    return EXIT.error;
  };

  say(`Scanning ${settings.image} with ${scanner.command}…`);
  let report: unknown;
  try {
    const output = await scanner.scan({ reference: settings.image, ...(deps.signal ? { signal: deps.signal } : {}) });
    report = output.report;
    logger.debug({ durationMs: output.durationMs }, "scan finished");
  } catch (error) {
    if (error instanceof ScanError) return fail(`the scan of ${settings.image} failed: ${error.message}`);
    throw error;
  }

  say(`Sending the report to ${settings.connection.apiUrl} for cluster ${settings.connection.cluster}…`);
  let submission: ScanSubmission;
  try {
    submission = await api.submitTrivyReport({
      cluster: settings.connection.cluster,
      image: settings.image,
      report,
    });
  } catch (error) {
    if (!isApiError(error)) throw error;
    const hint =
      error.kind === "unauthenticated"
        ? ` (the key came from ${settings.connection.apiKeySource}; a scan needs an active key with the ci_scan scope)`
        : "";
    return fail(`${error.message}${hint}`);
  }

  const table = formatTable(settings.image, submission);
  let rendered: string;
  switch (settings.format) {
    case "json":
      rendered = formatJson(settings.image, submission);
      break;
    case "sarif": {
      const sarif = toSarif({
        image: settings.image,
        cluster: settings.connection.cluster,
        report: readTrivyReport(report),
        submission,
        agentVersion: VERSION,
      });
      rendered = `${JSON.stringify(sarif, null, 2)}\n`;
      break;
    }
    default:
      rendered = table;
  }

  if (settings.output) {
    try {
      await writeFile(settings.output, rendered);
    } catch (error) {
      return fail(
        `cannot write ${settings.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    // The pipeline's log still shows the verdict.
    stdout.write(table);
    say(`Wrote the ${settings.format} result to ${settings.output}`);
  } else {
    stdout.write(rendered);
  }
  return exitCodeFor(submission.verdict.status);
}
