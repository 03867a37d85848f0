import { spawn } from "node:child_process";
import path from "node:path";
import type { ScannerSettings } from "../config/settings.js";
import { scannerMessage } from "./scanner-message.js";

export type RegistryCredentials = { username: string; password: string };

export type ScanRequest = {
  /** What to scan, e.g. registry.example.com/team/app@sha256:… */
  reference: string;
  /** For this scan's registry only; handed to the scanner in its environment, never its arguments. */
  credentials?: RegistryCredentials | null;
  /** Aborting stops the scanner. */
  signal?: AbortSignal;
};

export type ScanOutput = {
  /** The scanner's JSON report, parsed. */
  report: unknown;
  durationMs: number;
  /** What the scanner wrote on standard error (the end of it), for debugging. */
  stderr: string;
};

export type ScanFailureReason =
  "invalid_reference" | "not_started" | "exited" | "timed_out" | "output_too_large" | "invalid_output" | "aborted";

/** A scan that did not produce a report; the message is the scanner's own when it gave one. */
export class ScanError extends Error {
  constructor(
    readonly reason: ScanFailureReason,
    message: string,
    readonly exitCode: number | null = null,
    readonly stderr = "",
  ) {
    super(message);
    this.name = "ScanError";
  }
}

export interface Scanner {
  /** The command as configured, e.g. trivy. */
  readonly command: string;
  /** The arguments a scan of `reference` runs with. */
  argumentsFor(reference: string): string[];
  scan(request: ScanRequest): Promise<ScanOutput>;
}

const STDERR_KEEP_BYTES = 64 * 1024;
const KILL_GRACE_MS = 5_000;

/** References that could be taken for options, or hold blanks or control characters, are refused. */
export function checkReference(reference: string): string | null {
  if (!reference) return "the image reference is empty";
  if (reference.startsWith("-")) return `the image reference "${reference}" starts with a dash`;
  if (/\s/.test(reference) || [...reference].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127))
    return `the image reference "${reference}" contains blanks or control characters`;
  if (reference.length > 1024) return "the image reference is longer than 1024 characters";
  return null;
}

/**
 * Runs the scanner command without a shell: `<command> image --format json --quiet [extra args]
 * <reference>`. One process per scan, in its own process group, stopped (with its children) when
 * it runs past the timeout, writes more than the output limit, or the request is aborted.
 * Limiting how many scans run at once is the caller's business.
 */
export function createScanner(settings: ScannerSettings): Scanner {
  const name = path.basename(settings.command);
  const argumentsFor = (reference: string) => [
    "image",
    "--format",
    "json",
    "--quiet",
    ...settings.extraArgs,
    reference,
  ];

  return {
    command: settings.command,
    argumentsFor,
    scan(request: ScanRequest): Promise<ScanOutput> {
      const problem = checkReference(request.reference);
      if (problem) return Promise.reject(new ScanError("invalid_reference", problem));
      if (request.signal?.aborted) return Promise.reject(new ScanError("aborted", "the scan was cancelled"));

      const env: Record<string, string> = { ...settings.environment };
      const secrets: string[] = [];
      if (request.credentials) {
        env.TRIVY_USERNAME = request.credentials.username;
        env.TRIVY_PASSWORD = request.credentials.password;
        if (request.credentials.password) secrets.push(request.credentials.password);
      }
      const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join("[redacted]"), text);

      return new Promise<ScanOutput>((resolve, reject) => {
        const started = Date.now();
        const child = spawn(settings.command, argumentsFor(request.reference), {
          env,
          stdio: ["ignore", "pipe", "pipe"],
          detached: process.platform !== "win32",
          windowsHide: true,
        });
        const stdout: Buffer[] = [];
        let stdoutBytes = 0;
        let stderrTail = Buffer.alloc(0);
        let stopped: ScanError | null = null;
        let killTimer: NodeJS.Timeout | null = null;
        let settled = false;

        const killTree = (signal: NodeJS.Signals) => {
          if (child.pid === undefined) return;
          try {
            if (process.platform !== "win32") process.kill(-child.pid, signal);
            else child.kill(signal);
          } catch {
            // Already gone.
          }
        };
        const stop = (error: ScanError) => {
          if (stopped) return;
          stopped = error;
          killTree("SIGTERM");
          killTimer = setTimeout(() => killTree("SIGKILL"), KILL_GRACE_MS);
          killTimer.unref();
        };
        const finish = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timeout);
          request.signal?.removeEventListener("abort", onAbort);
          outcome();
        };

        const timeout = setTimeout(
          () =>
            stop(
              new ScanError("timed_out", `${name} did not finish within ${settings.timeoutSeconds} s and was stopped`),
            ),
          settings.timeoutSeconds * 1000,
        );
        const onAbort = () => stop(new ScanError("aborted", "the scan was cancelled"));
        request.signal?.addEventListener("abort", onAbort, { once: true });

        child.stdout.on("data", (chunk: Buffer) => {
          stdoutBytes += chunk.length;
          if (stdoutBytes > settings.maxOutputBytes) {
            stop(
              new ScanError(
                "output_too_large",
                `${name} wrote more than ${Math.round(settings.maxOutputBytes / (1024 * 1024))} MiB on standard output and was stopped`,
              ),
            );
            return;
          }
          if (!stopped) stdout.push(chunk);
        });
        child.stderr.on("data", (chunk: Buffer) => {
          stderrTail = Buffer.concat([stderrTail, chunk]);
          if (stderrTail.length > STDERR_KEEP_BYTES)
            stderrTail = stderrTail.subarray(stderrTail.length - STDERR_KEEP_BYTES);
        });

        child.on("error", (error: NodeJS.ErrnoException) => {
          finish(() => {
            if (killTimer) clearTimeout(killTimer);
            const hint =
              error.code === "ENOENT" ? " (not found; set BULWARK_SCANNER_COMMAND to the scanner's path)" : "";
            reject(
              new ScanError(
                "not_started",
                `cannot run the scanner "${settings.command}": ${error.code ?? error.message}${hint}`,
              ),
            );
          });
        });

        child.on("close", (code, signal) => {
          // The group may hold children that outlived the scanner itself.
          if (stopped) killTree("SIGKILL");
          if (killTimer) clearTimeout(killTimer);
          finish(() => {
            const stderr = redact(stderrTail.toString("utf8"));
            if (stopped) {
              reject(new ScanError(stopped.reason, stopped.message, code, stderr));
              return;
            }
            const text = Buffer.concat(stdout).toString("utf8");
            const report = parseReport(text);
            if (code !== 0 || signal) {
              // `--exit-code 1` makes Trivy exit 1 when it finds vulnerabilities, after printing the report.
              if (code !== null && report.ok && isTrivyReport(report.value)) {
                resolve({ report: report.value, durationMs: Date.now() - started, stderr });
                return;
              }
              const how = signal ? `was killed by ${signal}` : `exited ${code}`;
              reject(new ScanError("exited", `${name} ${how}: ${redact(scannerMessage(stderr))}`, code, stderr));
              return;
            }
            if (!report.ok) {
              reject(
                new ScanError("invalid_output", `${name} did not print a JSON report: ${report.error}`, code, stderr),
              );
              return;
            }
            resolve({ report: report.value, durationMs: Date.now() - started, stderr });
          });
        });
      });
    },
  };
}

function parseReport(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (!text.trim()) return { ok: false, error: "standard output was empty" };
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object" || Array.isArray(value))
      return { ok: false, error: "the output is not a JSON object" };
    return { ok: true, value };
  } catch (error) {
    const start = text.trim().slice(0, 80).replace(/\s+/g, " ");
    return { ok: false, error: `${(error as Error).message} (output starts with "${start}")` };
  }
}

function isTrivyReport(value: unknown): boolean {
  return Boolean(value && typeof value === "object" && "SchemaVersion" in value);
}
