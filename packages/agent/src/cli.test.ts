import { describe, expect, it } from "vitest";
import { parseArgs } from "./cli.js";

describe("parseArgs", () => {
  it("recognises modes, help and version", () => {
    expect(parseArgs([])).toEqual({ kind: "help" });
    expect(parseArgs(["--version"])).toEqual({ kind: "version" });
    expect(parseArgs(["webhook"])).toEqual({ kind: "mode", mode: "webhook" });
  });

  it("names the modes when given an unknown one", () => {
    expect(parseArgs(["serve"])).toEqual({
      kind: "error",
      message: 'unknown mode "serve"; expected one of: run, webhook, scan',
    });
  });
});
