import { describe, expect, it } from "vitest";
import { readApiKey, redactUrl } from "./request-info.js";

describe("request details", () => {
  it("redact secrets in query strings before a URL is logged", () => {
    expect(redactUrl("/api/falco/c1/create?key=bwk_secret")).toBe("/api/falco/c1/create?key=[redacted]");
    expect(redactUrl("/api/falco/c1/create/?other=1&KEY=bwk_secret#x")).toBe(
      "/api/falco/c1/create/?other=1&KEY=[redacted]#x",
    );
    expect(redactUrl("/x?api_key=a&x-api-key=b&token=c&monkey=d")).toBe(
      "/x?api_key=[redacted]&x-api-key=[redacted]&token=[redacted]&monkey=d",
    );
    expect(redactUrl("/api/falco/events")).toBe("/api/falco/events");
  });

  it("read an API key from Authorization: Bearer or X-API-Key", () => {
    expect(readApiKey({ Authorization: "Bearer abc" })).toBe("abc");
    expect(readApiKey({ "x-api-key": " def " })).toBe("def");
    expect(readApiKey({ authorization: "Basic abc" })).toBeUndefined();
  });
});
