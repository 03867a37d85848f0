import { describe, expect, it } from "vitest";
import { EMPTY_IMAGE_FILTER, readImageFilter, toImageFilter, writeImageFilter } from "./image-filter";

describe("image filters in the address", () => {
  it("round-trips every filter and leaves defaults out", () => {
    const values = {
      clusterId: "c-1",
      namespace: "shop",
      verdict: "non_compliant" as const,
      severity: "critical" as const,
      fixableOnly: true,
      runningOnly: true,
      issueId: "CVE-2024-3094",
      search: "nginx",
      page: 3,
    };
    const params = writeImageFilter(values);
    expect(params.toString()).toBe(
      "cluster=c-1&namespace=shop&verdict=non_compliant&severity=critical&fixable=yes&running=yes&issue=CVE-2024-3094&q=nginx&page=3",
    );
    expect(readImageFilter(params)).toEqual(values);
    expect(writeImageFilter(EMPTY_IMAGE_FILTER).toString()).toBe("");
  });

  it("ignores values it does not know", () => {
    expect(readImageFilter(new URLSearchParams("verdict=maybe&severity=huge&page=-2"))).toEqual(EMPTY_IMAGE_FILTER);
  });

  it("becomes the API's filter", () => {
    expect(toImageFilter({ ...EMPTY_IMAGE_FILTER, fixableOnly: true, issueId: " CVE-1 " })).toEqual({
      fixable: true,
      issueId: "CVE-1",
    });
    expect(toImageFilter({ ...EMPTY_IMAGE_FILTER, namespace: " shop " })).toEqual({ namespace: "shop" });
  });
});
