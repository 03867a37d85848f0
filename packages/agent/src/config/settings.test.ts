import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadSettings, parseFlags } from "./settings.js";

const base = {
  BULWARK_API_URL: "https://bulwark.example.com/",
  BULWARK_API_KEY: "bwk_env_key_000000000000000000000000",
  BULWARK_CLUSTER: "prod",
};

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadSettings", () => {
  it("reads the run mode from the environment with its defaults", () => {
    const s = loadSettings("run", [], { ...base, PATH: "/usr/bin", HOME: "/root" });
    expect(s.connection).toEqual({
      apiUrl: "https://bulwark.example.com",
      graphqlUrl: "https://bulwark.example.com/graphql",
      graphqlWsUrl: "wss://bulwark.example.com/graphql",
      apiKey: base.BULWARK_API_KEY,
      apiKeySource: "BULWARK_API_KEY",
      cluster: "prod",
    });
    expect(s).toMatchObject({
      mode: "run",
      logLevel: "info",
      kubeconfig: null,
      namespace: "bulwark",
      heartbeatSeconds: 30,
      scanConcurrency: 1,
      scanner: { command: "trivy", extraArgs: [], timeoutSeconds: 600, maxOutputBytes: 64 * 1024 * 1024 },
    });
  });

  it("lets flags win over the environment", () => {
    const s = loadSettings(
      "run",
      ["--api-url=http://127.0.0.1:8080", "--cluster", "staging", "--api-key", "flag-key"],
      {
        ...base,
        BULWARK_HEARTBEAT_SECONDS: "10",
      },
    );
    expect(s.connection.apiUrl).toBe("http://127.0.0.1:8080");
    expect(s.connection.graphqlWsUrl).toBe("ws://127.0.0.1:8080/graphql");
    expect(s.connection.cluster).toBe("staging");
    expect(s.connection.apiKey).toBe("flag-key");
    expect(s.connection.apiKeySource).toBe("--api-key");
    expect(s.heartbeatSeconds).toBe(10);
  });

  it("keeps an api URL that already names the GraphQL endpoint", () => {
    const s = loadSettings("scan", ["--image", "nginx:1.25"], {
      ...base,
      BULWARK_API_URL: "https://x.example/bulwark/graphql",
    });
    expect(s.connection.graphqlUrl).toBe("https://x.example/bulwark/graphql");
  });

  it("splits scanner arguments like a shell, without running one", () => {
    const s = loadSettings("run", [], {
      ...base,
      BULWARK_SCANNER_ARGS: `--skip-db-update --ignorefile "/etc/trivy/my ignore" '$HOME'`,
    });
    expect(s.scanner.extraArgs).toEqual(["--skip-db-update", "--ignorefile", "/etc/trivy/my ignore", "$HOME"]);
  });

  it("falls back to m9sweeper trawler's variables in scan mode", () => {
    const s = loadSettings("scan", [], {
      M9SWEEPER_URL: "https://m9.example.com",
      M9SWEEPER_API_KEY: "trawler-key",
      CLUSTER_NAME: "default-cluster",
      DOCKER_IMAGE_URL: "docker.io/alpine",
    });
    expect(s).toMatchObject({
      image: "docker.io/alpine",
      format: "table",
      output: null,
      logLevel: "warn",
      connection: {
        apiUrl: "https://m9.example.com",
        apiKey: "trawler-key",
        apiKeySource: "M9SWEEPER_API_KEY",
        cluster: "default-cluster",
      },
    });
  });

  it("prefers Bulwark's variables to trawler's, and ignores trawler's outside scan mode", () => {
    const s = loadSettings("scan", [], {
      ...base,
      CLUSTER_NAME: "other",
      DOCKER_IMAGE_URL: "a:1",
      BULWARK_IMAGE: "b:2",
    });
    expect(s.connection.cluster).toBe("prod");
    expect(s.image).toBe("b:2");
    expect(
      problems(() => loadSettings("run", [], { M9SWEEPER_URL: "https://m9.example.com", CLUSTER_NAME: "x" })),
    ).toEqual([
      "the api URL is required: set --api-url or BULWARK_API_URL",
      "an API key is required: set --api-key or BULWARK_API_KEY or BULWARK_API_KEY_FILE",
      "the cluster name is required: set --cluster or BULWARK_CLUSTER",
    ]);
  });

  it("takes the image as a positional argument in scan mode", () => {
    expect(loadSettings("scan", ["ghcr.io/org/app:1.0"], base).image).toBe("ghcr.io/org/app:1.0");
  });

  it("reads the key from BULWARK_API_KEY_FILE, trimmed", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-key-"));
    const file = path.join(dir, "api-key");
    fs.writeFileSync(file, "bwk_from_file_0000\n");
    const { BULWARK_API_KEY: _k, ...rest } = base;
    const s = loadSettings("run", [], { ...rest, BULWARK_API_KEY_FILE: file, M9SWEEPER_API_KEY: "ignored" });
    expect(s.connection.apiKey).toBe("bwk_from_file_0000");
    expect(s.connection.apiKeySource).toBe(`BULWARK_API_KEY_FILE (${file})`);
    expect(loadSettings("run", ["--api-key", "flag"], { ...rest, BULWARK_API_KEY_FILE: file }).connection.apiKey).toBe(
      "flag",
    );
    expect(problems(() => loadSettings("run", [], { ...base, BULWARK_API_KEY_FILE: file }))).toEqual([
      "set BULWARK_API_KEY or BULWARK_API_KEY_FILE, not both",
    ]);
    expect(
      problems(() => loadSettings("run", [], { ...rest, BULWARK_API_KEY_FILE: path.join(dir, "missing") })),
    ).toEqual([
      `BULWARK_API_KEY_FILE: cannot read ${path.join(dir, "missing")}: ENOENT`,
      "an API key is required: set --api-key or BULWARK_API_KEY or BULWARK_API_KEY_FILE",
    ]);
  });

  it("lists every problem at once, naming where each bad value came from", () => {
    const list = problems(() =>
      loadSettings("run", ["--cluster", "", "--bogus", "--log-level=loud"], {
        BULWARK_API_URL: "ftp://bulwark",
        BULWARK_API_KEY: "two words",
        BULWARK_HEARTBEAT_SECONDS: "often",
        BULWARK_SCAN_CONCURRENCY: "0",
        BULWARK_SCANNER_ARGS: "--x 'unterminated",
      }),
    );
    const expected = [
      "unknown option --bogus for run mode (see bulwark-agent run --help)",
      'BULWARK_API_URL: must be an http:// or https:// URL without credentials, e.g. https://bulwark.example.com (got "ftp://bulwark")',
      "BULWARK_API_KEY: must not contain spaces",
      '--cluster: must not be empty (got "")',
      '--log-level: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'BULWARK_HEARTBEAT_SECONDS: must be a whole number (got "often")',
      "BULWARK_SCANNER_ARGS: unterminated single quote at position 5",
      'BULWARK_SCAN_CONCURRENCY: must be at least 1 (got "0")',
    ];
    expect([...list].sort()).toEqual([...expected].sort());
    expect(list.join("\n")).not.toContain("two words");
  });

  it("checks the scan mode's own options", () => {
    expect(problems(() => loadSettings("scan", ["--format", "xml", "--image", "-rf"], base))).toEqual([
      '--image: must not start with a dash (got "-rf")',
      '--format: must be one of table, json, sarif (got "xml")',
    ]);
  });

  it("requires the webhook's certificate and key and parses its settings", () => {
    expect(problems(() => loadSettings("webhook", [], base))).toEqual([
      "the webhook's serving certificate is required: set --cert-file or BULWARK_WEBHOOK_CERT_FILE",
      "the webhook's private key is required: set --key-file or BULWARK_WEBHOOK_KEY_FILE",
    ]);
    const s = loadSettings("webhook", ["--port", "9443"], {
      ...base,
      BULWARK_WEBHOOK_CERT_FILE: "/tls/tls.crt",
      BULWARK_WEBHOOK_KEY_FILE: "/tls/tls.key",
      BULWARK_SNAPSHOT_REFRESH_SECONDS: "120",
      KUBECONFIG: "/home/me/.kube/config",
    });
    expect(s).toMatchObject({
      mode: "webhook",
      port: 9443,
      host: "0.0.0.0",
      certFile: "/tls/tls.crt",
      keyFile: "/tls/tls.key",
      snapshotRefreshSeconds: 120,
      kubeconfig: "/home/me/.kube/config",
      namespace: "bulwark",
    });
  });

  it("keeps Bulwark's settings and keys out of the scanner's environment", () => {
    const s = loadSettings("scan", ["--image", "x:1"], {
      ...base,
      M9SWEEPER_API_KEY: "k",
      PATH: "/bin",
      TRIVY_CACHE_DIR: "/c",
    });
    expect(s.scanner.environment).toEqual({ PATH: "/bin", TRIVY_CACHE_DIR: "/c" });
  });
});

describe("parseFlags", () => {
  it("reads --name value, --name=value and --help", () => {
    const parsed = parseFlags(["--image", "a:1", "--format=json", "-h", "extra"], "scan");
    expect(Object.fromEntries(parsed.values)).toEqual({ image: "a:1", format: "json" });
    expect(parsed.help).toBe(true);
    expect(parsed.positionals).toEqual(["extra"]);
  });

  it("reports a flag without its value, and flags given twice", () => {
    expect(parseFlags(["--image"], "scan").problems).toEqual(["--image needs a value <reference>"]);
    expect(parseFlags(["--cluster", "a", "--cluster", "b"], "scan").problems).toEqual([
      "--cluster is given more than once",
    ]);
  });
});
