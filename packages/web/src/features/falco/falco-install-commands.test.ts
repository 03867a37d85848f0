import { describe, expect, it } from "vitest";
import { falcoHelmCommand, falcoTestCommand, falcoWebhookAddress, testEventPriority } from "./falco-install-commands";

const KEY = "bwk_" + "0123456789abcdef".repeat(4);
const values = {
  apiUrl: "https://bulwark.example.com/",
  clusterId: "c-1",
  apiKey: KEY,
  minimumPriority: "warning" as const,
};

describe("Falco install commands", () => {
  it("points falcosidekick's webhook at the cluster's ingest path, with the key and the minimum priority", () => {
    expect(falcoHelmCommand(values)).toBe(
      [
        "helm install falco falcosecurity/falco \\",
        "  --namespace falco --create-namespace \\",
        "  --set falcosidekick.enabled=true \\",
        `  --set falcosidekick.config.webhook.address='https://bulwark.example.com/api/falco/c-1/create?key=${KEY}' \\`,
        "  --set falcosidekick.config.webhook.minimumpriority=warning",
      ].join("\n"),
    );
  });

  it("leaves a placeholder for a key the guide did not create", () => {
    expect(falcoWebhookAddress({ ...values, apiKey: null })).toBe(
      "https://bulwark.example.com/api/falco/c-1/create?key=<falco_ingest key>",
    );
  });

  it("sends a test event in falcosidekick's format with the current time", () => {
    const command = falcoTestCommand(values);
    expect(command).toContain(`curl -sS -X POST 'https://bulwark.example.com/api/falco/c-1/create?key=${KEY}' \\`);
    expect(command).toContain("-H 'Content-Type: application/json'");
    expect(command).toContain(`"priority": "Warning"`);
    expect(command).toContain(`"time": "'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'"\n  }'`);
    // The body is valid JSON once the shell has put the time in.
    const body = /-d '(.*)'$/s
      .exec(command)?.[1]
      ?.replace(`'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'`, "2026-11-27T10:00:00Z");
    expect(JSON.parse(body ?? "")).toMatchObject({
      rule: "Test event from the install guide",
      priority: "Warning",
      time: "2026-11-27T10:00:00Z",
      output_fields: { "k8s.ns.name": "falco" },
    });
  });

  it("sends the test event at notice unless the minimum is higher", () => {
    expect(testEventPriority("debug")).toBe("notice");
    expect(testEventPriority("notice")).toBe("notice");
    expect(testEventPriority("critical")).toBe("critical");
  });
});
