import { describe, expect, it } from "vitest";
import { scannerMessage } from "./scanner-message.js";

describe("scannerMessage", () => {
  it("keeps Trivy's fatal error and the list under it, without timestamp and level", () => {
    const stderr = [
      "2024-01-19T08:15:30.100Z\tINFO\tNeed to update DB",
      "2024-01-19T08:15:33.288Z\tFATAL\timage scan error: scan error: unable to initialize a scanner: 2 errors occurred:",
      "\t* docker error: unable to inspect the image (app:1): Cannot connect to the Docker daemon",
      "\t* remote error: GET https://index.docker.io/v2/app/manifests/1: MANIFEST_UNKNOWN: manifest unknown",
      "",
    ].join("\n");
    expect(scannerMessage(stderr)).toBe(
      [
        "image scan error: scan error: unable to initialize a scanner: 2 errors occurred:",
        "\t* docker error: unable to inspect the image (app:1): Cannot connect to the Docker daemon",
        "\t* remote error: GET https://index.docker.io/v2/app/manifests/1: MANIFEST_UNKNOWN: manifest unknown",
      ].join("\n"),
    );
  });

  it("reads newer Trivy's 'Fatal error' prefix and drops colours", () => {
    const stderr =
      "\u001b[31m2025-05-01T10:00:00+02:00\u001b[0m\tFATAL\tFatal error\trun error: init error: DB error: failed to download vulnerability DB\n";
    expect(scannerMessage(stderr)).toBe("run error: init error: DB error: failed to download vulnerability DB");
  });

  it("falls back to the last lines, and says when there is nothing", () => {
    const many = Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join("\n");
    expect(scannerMessage(many)).toBe(Array.from({ length: 10 }, (_, i) => `line ${i + 6}`).join("\n"));
    expect(scannerMessage("  \n")).toBe("no message on standard error");
  });
});
