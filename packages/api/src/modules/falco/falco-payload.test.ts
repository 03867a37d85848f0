import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  extractFields,
  falcoSignature,
  parseFalcoJson,
  parseFalcoPayload,
  parseJsonKeepingBigIntegers,
  parseRfc3339,
} from "./falco-payload.js";
import { parsePriority, prioritiesAtOrAbove, priorityRank } from "./falco-priority.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../../../../../shared/fixtures/falco");

const minimal = { rule: "Terminal shell in container", priority: "Notice", time: "2026-01-02T03:04:05Z", output: "x" };

describe("Falco priorities", () => {
  it("are read in any case, with Falco's info alias", () => {
    expect(parsePriority("Notice")).toBe("notice");
    expect(parsePriority("INFORMATIONAL")).toBe("informational");
    expect(parsePriority("info")).toBe("informational");
    expect(parsePriority(" Warning ")).toBe("warning");
    expect(parsePriority("Severe")).toBeNull();
    expect(parsePriority("")).toBeNull();
  });

  it("are ordered emergency first", () => {
    expect(priorityRank("emergency")).toBeGreaterThan(priorityRank("alert"));
    expect(priorityRank("debug")).toBe(0);
    expect(prioritiesAtOrAbove("error")).toEqual(["emergency", "alert", "critical", "error"]);
    expect(prioritiesAtOrAbove("emergency")).toEqual(["emergency"]);
  });
});

describe("RFC 3339 times", () => {
  it("keep nanosecond inputs to the millisecond, in UTC", () => {
    expect(parseRfc3339("2021-07-21T10:36:32.750441241Z")?.toISOString()).toBe("2021-07-21T10:36:32.750Z");
    expect(parseRfc3339("2021-07-21T12:36:32.75+02:00")?.toISOString()).toBe("2021-07-21T10:36:32.750Z");
    expect(parseRfc3339("2021-07-21T10:36:32Z")?.toISOString()).toBe("2021-07-21T10:36:32.000Z");
    expect(parseRfc3339("2021-07-21t10:36:32.1-05:30")?.toISOString()).toBe("2021-07-21T16:06:32.100Z");
  });

  it("refuse what is not a date", () => {
    for (const bad of [
      "yesterday",
      "2021-02-30T00:00:00Z",
      "2021-13-01T00:00:00Z",
      "2021-07-21T10:36:32",
      "1626863792",
    ])
      expect(parseRfc3339(bad), bad).toBeNull();
  });
});

describe("JSON with big integers", () => {
  it("keeps integers beyond 2^53 as decimal strings and leaves the rest alone", () => {
    const parsed = parseJsonKeepingBigIntegers(
      '{"evt.time":1626863792750441241,"n":-9007199254740993,"small":34816,"f":1.5e300,"s":"1626863792750441241","neg":-1}',
    );
    expect(parsed).toEqual({
      "evt.time": "1626863792750441241",
      n: "-9007199254740993",
      small: 34816,
      f: 1.5e300,
      s: "1626863792750441241",
      neg: -1,
    });
  });

  it("does not touch digits inside strings with escaped quotes", () => {
    expect(parseJsonKeepingBigIntegers('{"a":"x\\"1234567890123456789\\"","b":12345678901234567890}')).toEqual({
      a: 'x"1234567890123456789"',
      b: "12345678901234567890",
    });
  });

  it("reports invalid JSON and bad UTF-8 clearly", () => {
    expect(() => parseFalcoJson("{")).toThrow(/not valid JSON/);
    expect(() => parseFalcoJson(Buffer.from([0x7b, 0xff, 0x7d]))).toThrow("The request body is not valid UTF-8");
    expect(() => parseFalcoJson("   ")).toThrow(/empty/);
    expect(parseFalcoJson(Buffer.from('\ufeff{"a":1}'))).toEqual({ a: 1 });
  });
});

describe("field extraction", () => {
  it("takes the first present field and treats <NA>, empty and null as absent", () => {
    expect(
      extractFields(
        {
          "k8s.ns.name": "<NA>",
          "ka.target.namespace": "",
          "k8smeta.ns.name": "payments",
          "k8s.pod.name": null,
          "k8smeta.pod.name": "checkout-1",
          "container.image.repository": "ghcr.io/acme/checkout",
          "container.image.tag": "",
          "container.name": "<NA>",
          "container.id": "3f9a1c2b7d4e",
          "proc.name": "sh",
          "proc.cmdline": "sh -c uptime",
          "user.name": null,
          "ka.user.name": "admin",
          hostname: "node-1",
        },
        null,
      ),
    ).toEqual({
      namespace: "payments",
      pod: "checkout-1",
      image: "ghcr.io/acme/checkout",
      container: "3f9a1c2b7d4e",
      process: "sh",
      commandLine: "sh -c uptime",
      user: "admin",
      hostname: "node-1",
    });
  });

  it("joins repository and tag, else uses container.image", () => {
    expect(extractFields({ "container.image.repository": "nginx", "container.image.tag": "1.25" }, null).image).toBe(
      "nginx:1.25",
    );
    expect(extractFields({ "container.image": "docker.io/library/redis:7" }, null).image).toBe(
      "docker.io/library/redis:7",
    );
  });

  it("uses ka.target.name as the pod only for pods", () => {
    expect(extractFields({ "ka.target.name": "web-1", "ka.target.resource": "pods" }, null).pod).toBe("web-1");
    expect(
      extractFields({ "ka.target.name": "default", "ka.target.resource": "serviceaccounts" }, null).pod,
    ).toBeNull();
  });

  it("prefers the body's hostname and turns numbers into text", () => {
    const fields = extractFields({ hostname: "from-fields", "user.name": 0, "proc.name": true }, "from-body");
    expect(fields).toMatchObject({ hostname: "from-body", user: "0", process: "true" });
  });
});

describe("falcosidekick payloads", () => {
  it("read the syscall source with every field", () => {
    const event = parseFalcoPayload(
      parseFalcoJson(
        JSON.stringify({
          uuid: "2b4d0f3c-9c0e-4d2b-8f5e-3c1d2e4f5a6b",
          output: "10:36:32.750441241: Notice A shell was spawned",
          priority: "Notice",
          rule: "Terminal shell in container",
          time: "2021-07-21T10:36:32.750441241Z",
          source: "syscall",
          tags: ["container", "shell", "container"],
          hostname: "node-1",
          output_fields: { "k8s.ns.name": "default", "k8s.pod.name": "alpine", "user.loginuid": -1 },
        }),
      ),
    );
    expect(event).toMatchObject({
      uuid: "2b4d0f3c-9c0e-4d2b-8f5e-3c1d2e4f5a6b",
      priority: "notice",
      source: "syscall",
      tags: ["container", "shell"],
      hostname: "node-1",
      namespace: "default",
      pod: "alpine",
      outputFields: { "user.loginuid": -1 },
    });
    expect(event.time.toISOString()).toBe("2021-07-21T10:36:32.750Z");
  });

  it("accept missing optional fields", () => {
    expect(parseFalcoPayload(minimal)).toMatchObject({
      uuid: null,
      source: null,
      hostname: null,
      tags: [],
      outputFields: {},
      namespace: null,
      image: null,
    });
    expect(parseFalcoPayload({ ...minimal, output_fields: null, tags: null, source: null })).toMatchObject({
      tags: [],
      outputFields: {},
    });
  });

  it("strip NUL characters, which PostgreSQL cannot store", () => {
    const event = parseFalcoPayload({ ...minimal, output: "a\u0000b", output_fields: { "k\u0000": "v\u0000" } });
    expect(event.output).toBe("ab");
    expect(event.outputFields).toEqual({ k: "v" });
  });

  it.each([
    ["[]", "The body must be one Falco event as a JSON object, not a list"],
    ['"text"', "The body must be one Falco event as a JSON object, not a string"],
    ["null", "The body must be one Falco event as a JSON object, not null"],
    [JSON.stringify({ ...minimal, rule: undefined }), "rule is missing"],
    [JSON.stringify({ ...minimal, rule: 7 }), "rule must be a string, not a number"],
    [JSON.stringify({ ...minimal, rule: "  " }), "rule must not be empty"],
    [JSON.stringify({ ...minimal, rule: "r".repeat(513) }), "rule must be at most 512 characters"],
    [JSON.stringify({ ...minimal, priority: undefined }), "priority is missing"],
    [
      JSON.stringify({ ...minimal, priority: "Severe" }),
      'priority "Severe" is not a Falco priority (emergency, alert, critical, error, warning, notice, informational, debug)',
    ],
    [JSON.stringify({ ...minimal, time: undefined }), "time is missing"],
    [JSON.stringify({ ...minimal, time: 1626863792 }), "time must be a string, not a number"],
    [JSON.stringify({ ...minimal, time: "yesterday" }), 'time "yesterday" is not an RFC 3339 date and time'],
    [JSON.stringify({ ...minimal, output: undefined }), "output is missing"],
    [JSON.stringify({ ...minimal, output: { text: "x" } }), "output must be a string, not an object"],
    [JSON.stringify({ ...minimal, output_fields: [] }), "output_fields must be an object, not a list"],
    [JSON.stringify({ ...minimal, tags: ["a", 1] }), "tags must be a list of strings"],
    [JSON.stringify({ ...minimal, hostname: 1 }), "hostname must be a string, not a number"],
  ])("refuse %s", (body, message) => {
    expect(() => parseFalcoPayload(parseFalcoJson(body))).toThrow(message);
  });

  it("read every real sample", () => {
    if (!fs.existsSync(FIXTURES)) return;
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const event = parseFalcoPayload(parseFalcoJson(fs.readFileSync(path.join(FIXTURES, file))));
      expect(event.rule, file).toBeTruthy();
      expect(Number.isNaN(event.time.getTime()), file).toBe(false);
    }
  });
});

describe("signatures", () => {
  it("hash cluster, rule, namespace and image", () => {
    const a = falcoSignature("c1", "Terminal shell in container", "default", "nginx:1.25");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(falcoSignature("c1", "Terminal shell in container", "default", "nginx:1.25")).toBe(a);
    expect(falcoSignature("c2", "Terminal shell in container", "default", "nginx:1.25")).not.toBe(a);
    expect(falcoSignature("c1", "Terminal shell in container", null, null)).toBe(
      falcoSignature("c1", "Terminal shell in container", "", ""),
    );
  });
});

describe("big integers next to fractions and exponents", () => {
  it("are left alone inside other number tokens", () => {
    expect(
      parseJsonKeepingBigIntegers(
        '{"a":0.12345678901234567890,"b":1e-12345678901234567,"c":[12345678901234567890,-12345678901234567890],"d":1234567890123456789.5}',
      ),
    ).toEqual({
      a: 0.12345678901234568,
      b: 0,
      c: ["12345678901234567890", "-12345678901234567890"],
      d: 1234567890123456800,
    });
  });
});
