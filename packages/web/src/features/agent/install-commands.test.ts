import { describe, expect, it } from "vitest";
import {
  AGENT_IMAGE,
  apiUrlProblem,
  apiUrlWarning,
  helmInstallCommand,
  manifestsCommand,
  shellQuote,
} from "./install-commands";

const KEY = "bwk_Zm9vYmFyYmF6cXV4-_0123456789abcdefghijklmn";

describe("install commands", () => {
  it("fills the api URL, the key and the cluster name into the helm command", () => {
    expect(helmInstallCommand({ apiUrl: "https://bulwark.example.com/", apiKey: KEY, clusterName: "prod-eu-1" })).toBe(
      [
        "helm install bulwark-agent ./charts/bulwark-agent \\",
        "  --namespace bulwark --create-namespace \\",
        "  --set api.url=https://bulwark.example.com \\",
        `  --set api.key=${KEY} \\`,
        "  --set cluster.name=prod-eu-1",
      ].join("\n"),
    );
  });

  it("prints the agent's manifests with the flags its manifests command takes", () => {
    expect(manifestsCommand({ apiUrl: "http://10.0.0.5:8080", apiKey: KEY, clusterName: "prod-eu-1" })).toBe(
      [
        `docker run --rm ${AGENT_IMAGE} manifests \\`,
        "  --api-url http://10.0.0.5:8080 \\",
        `  --api-key ${KEY} \\`,
        "  --cluster prod-eu-1 | kubectl apply -f -",
      ].join("\n"),
    );
  });

  it("leaves a placeholder for a key the wizard did not create", () => {
    expect(helmInstallCommand({ apiUrl: "https://b.example", apiKey: null, clusterName: "c" })).toContain(
      "--set api.key=<agent key> \\",
    );
  });

  it("quotes what the shell would split, and escapes commas for helm", () => {
    expect(shellQuote("plain-value_1.2")).toBe("plain-value_1.2");
    expect(shellQuote("it's here")).toBe(`'it'"'"'s here'`);
    expect(helmInstallCommand({ apiUrl: "https://b.example/a,b", apiKey: KEY, clusterName: "c" })).toContain(
      "--set api.url='https://b.example/a\\,b' \\",
    );
  });
});

describe("the api URL", () => {
  it("must be an http(s) URL", () => {
    expect(apiUrlProblem("")).toMatch(/enter the address/i);
    expect(apiUrlProblem("bulwark.example.com")).toMatch(/full URL/);
    expect(apiUrlProblem("ftp://bulwark.example.com")).toMatch(/http/);
    expect(apiUrlProblem("https://bulwark.example.com")).toBeNull();
  });

  it("warns that localhost inside a pod is the pod itself", () => {
    expect(apiUrlWarning("http://localhost:8080")).toMatch(/pod itself/);
    expect(apiUrlWarning("http://127.0.0.1:8080")).toMatch(/pod itself/);
    expect(apiUrlWarning("https://bulwark.example.com")).toBeNull();
  });
});
