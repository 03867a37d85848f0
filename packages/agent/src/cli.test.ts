import { describe, expect, it } from "vitest";
import { modeUsage, parseArgs, usage } from "./cli.js";

describe("parseArgs", () => {
  it("recognises modes, help and version", () => {
    expect(parseArgs([])).toEqual({ kind: "help" });
    expect(parseArgs(["--help"])).toEqual({ kind: "help" });
    expect(parseArgs(["--version"])).toEqual({ kind: "version" });
    expect(parseArgs(["webhook"])).toEqual({ kind: "mode", mode: "webhook", args: [] });
    expect(parseArgs(["scan", "--image", "a:1"])).toEqual({ kind: "mode", mode: "scan", args: ["--image", "a:1"] });
  });

  it("recognises the commands it is given, and nothing else", () => {
    const commands = [{ name: "manifests", summary: "print the manifests" }];
    expect(parseArgs(["manifests", "-n", "x"], commands)).toEqual({
      kind: "command",
      command: "manifests",
      args: ["-n", "x"],
    });
    expect(parseArgs(["serve"], commands)).toEqual({
      kind: "error",
      message: 'unknown command "serve"; expected one of: run, webhook, scan, manifests',
    });
  });
});

describe("help", () => {
  it("lists modes and commands", () => {
    const text = usage([{ name: "manifests", summary: "print the manifests" }]);
    expect(text).toContain("  scan       scan one image from a CI pipeline");
    expect(text).toContain("Commands:\n  manifests  print the manifests");
  });

  it("documents each mode's options with their variables and defaults", () => {
    const scan = modeUsage("scan");
    expect(scan).toContain("--api-url <url>  (required)");
    expect(scan).toContain("env: BULWARK_API_URL, M9SWEEPER_URL");
    expect(scan).toContain("env: BULWARK_API_KEY, BULWARK_API_KEY_FILE (a file), M9SWEEPER_API_KEY");
    expect(scan).toContain("--format <format>");
    expect(scan).toContain("default: table");
    expect(scan).toContain("  2  no verdict");
    const run = modeUsage("run");
    expect(run).toContain("env: BULWARK_SCAN_CONCURRENCY; default: 1");
    expect(run).not.toContain("M9SWEEPER");
    expect(run).not.toContain("--image");
  });
});
