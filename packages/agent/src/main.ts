#!/usr/bin/env node
import { modeUsage, parseArgs, usage, VERSION, wantsHelp, type CommandInfo } from "./cli.js";
import { connect } from "./client/connect.js";
import { readEnvironment } from "./config/env.js";
import {
  ConfigError,
  loadSettings,
  type Mode,
  type RunSettings,
  type ScanSettings,
  type WebhookSettings,
} from "./config/settings.js";
import { createLogger } from "./log.js";
import { EXIT, runScanCommand } from "./scan/scan-command.js";
import { createScanner } from "./scanner/scanner.js";

/** What a command writes to and reads from: the process's own streams and environment. */
const io = () => ({ stdout: process.stdout, stderr: process.stderr, env: readEnvironment() });

/** Commands beside the modes; each takes the arguments after its name and resolves to an exit code. */
type Command = CommandInfo & { run: (args: string[]) => Promise<number> };
const COMMANDS: Command[] = [
  {
    name: "certs",
    summary: "create a CA and the webhook's serving certificate",
    run: async (args) => (await import("./certs/certs-command.js")).runCerts(args, io()),
  },
  {
    name: "register-webhook",
    summary: "create or update the cluster's ValidatingWebhookConfiguration",
    run: async (args) => (await import("./manifests/register-webhook.js")).runRegisterWebhook(args, io()),
  },
  {
    name: "manifests",
    summary: "print the agent's Kubernetes objects (what the Helm chart installs)",
    run: async (args) => (await import("./manifests/manifests-command.js")).runManifests(args, io()),
  },
];

/** Aborted on the first SIGTERM or SIGINT; a second one ends the process at once. */
function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error(`received ${signal}`));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return controller.signal;
}

async function runMode(settings: RunSettings): Promise<number> {
  // Loaded on demand: the Kubernetes client is large, and the scan mode in a pipeline needs none of it.
  const { loadKubeConfig } = await import("./run/kubernetes.js");
  const { runAgent } = await import("./run/run-mode.js");
  const logger = createLogger({ level: settings.logLevel, mode: "run" });
  const api = connect(settings.connection, { logger });
  const kube = loadKubeConfig(settings.kubeconfig);
  return runAgent(settings, { api: api.agent, logger, kube, signal: stopSignal() });
}

async function webhookMode(settings: WebhookSettings): Promise<number> {
  const { kubernetesVersion, loadKubeConfig } = await import("./run/kubernetes.js");
  const { startHeartbeat } = await import("./run/heartbeat.js");
  const { runWebhook } = await import("./webhook/server.js");
  const logger = createLogger({ level: settings.logLevel, mode: "webhook" });
  const api = connect(settings.connection, { logger });
  const signal = stopSignal();
  const handle = await runWebhook({
    api: api.admission,
    port: settings.port,
    host: settings.host,
    certFile: settings.certFile,
    keyFile: settings.keyFile,
    refreshSeconds: settings.snapshotRefreshSeconds,
    logger,
  });
  let kube: ReturnType<typeof loadKubeConfig> | null = null;
  try {
    kube = loadKubeConfig(settings.kubeconfig);
  } catch (error) {
    logger.warn({ err: error }, "no Kubernetes credentials; heartbeats will not carry the Kubernetes version");
  }
  // The webhook keeps deciding from its snapshot whatever the heartbeat says: a refusal is logged.
  const heartbeat = startHeartbeat({
    api: api.agent,
    logger: logger.child({ part: "heartbeat" }),
    cluster: settings.connection.cluster,
    mode: "webhook",
    agentVersion: VERSION,
    intervalSeconds: settings.heartbeatSeconds,
    kubernetesVersion: async () => (kube ? kubernetesVersion(kube) : null),
    onFatal: () => undefined,
  });
  await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  heartbeat.stop();
  await handle.close();
  return 0;
}

async function scanMode(settings: ScanSettings): Promise<number> {
  const logger = createLogger({ level: settings.logLevel, mode: "scan" });
  // A pipeline should not wait long on an api that is down: three tries over a few seconds.
  const api = connect(settings.connection, { logger, retry: { attempts: 3, initialMs: 500, maxMs: 2_000 } });
  return runScanCommand(settings, {
    scanner: createScanner(settings.scanner),
    api: api.ci,
    stdout: process.stdout,
    stderr: process.stderr,
    logger,
    signal: stopSignal(),
  });
}

async function startMode(mode: Mode, args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(modeUsage(mode));
    return 0;
  }
  const env = readEnvironment();
  switch (mode) {
    case "run":
      return runMode(loadSettings("run", args, env));
    case "webhook":
      return webhookMode(loadSettings("webhook", args, env));
    case "scan":
      return scanMode(loadSettings("scan", args, env));
  }
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, COMMANDS);
  switch (parsed.kind) {
    case "help":
      process.stdout.write(usage(COMMANDS));
      return 0;
    case "version":
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case "error":
      process.stderr.write(`bulwark-agent: ${parsed.message}\n\n${usage(COMMANDS)}`);
      return EXIT.error;
    case "command": {
      const command = COMMANDS.find((c) => c.name === parsed.command);
      return command ? command.run(parsed.args) : EXIT.error;
    }
    case "mode":
      try {
        return await startMode(parsed.mode, parsed.args);
      } catch (error) {
        if (error instanceof ConfigError) {
          process.stderr.write(
            `bulwark-agent ${parsed.mode}: ${error.message}\n\nRun \`bulwark-agent ${parsed.mode} --help\` for every option.\n`,
          );
          return EXIT.error;
        }
        throw error;
      }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Open handles (sockets kept alive, timers) must not keep a finished command running.
    setTimeout(() => process.exit(code), 1_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(
      `bulwark-agent: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(EXIT.error);
  },
);
