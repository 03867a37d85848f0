import { describe, expect, it } from "vitest";
import type { AdmissionSettings, AdmissionSnapshot } from "../api/contract.js";
import {
  admissionImage,
  admissionRequest,
  admissionSettings,
  admissionSnapshot,
  compliant,
  digestOf,
  nonCompliant,
  objectOf,
  podSpec,
  verdictReason,
  type PodSpecInput,
} from "./admission.builders.js";
import type { AdmissionRequest } from "./admission-review.js";
import { decide, MAX_WARNING_LENGTH, MAX_WARNINGS, type Decision } from "./decide.js";
import { SnapshotIndex } from "./snapshot-index.js";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const WORKER_DIGEST = digestOf("worker");

const SNAPSHOT: AdmissionSnapshot = admissionSnapshot({
  registryAliases: [
    { hostname: "registry.acme.io", aliases: ["mirror.acme.io", "REGISTRY-ALT.acme.io:443"] },
    { hostname: "docker.io", aliases: ["hub-mirror.local:5000"] },
  ],
  images: [
    admissionImage({
      imageId: "nginx-125",
      repository: "library/nginx",
      tags: ["1.25"],
      verdicts: [nonCompliant()],
    }),
    admissionImage({ imageId: "nginx-127", repository: "library/nginx", tags: ["1.27", "stable"] }),
    admissionImage({
      imageId: "app",
      registry: "registry.acme.io",
      repository: "team/app",
      tags: ["1.0"],
      // the cluster verdict fails; the payments namespace has an exception that makes it pass
      verdicts: [nonCompliant([verdictReason({ severity: "critical", count: 1 })]), compliant("payments")],
    }),
    admissionImage({
      imageId: "redis",
      repository: "bitnami/redis",
      tags: ["7.2"],
      // compliant for the cluster, but the strict namespace's policy does not accept it
      verdicts: [
        compliant(),
        nonCompliant(
          [verdictReason({ policyName: "Strict", fixable: false, severity: "medium", limit: 3, count: 5 })],
          "strict",
        ),
      ],
    }),
    admissionImage({
      imageId: "api",
      registry: "ghcr.io",
      repository: "acme/api",
      tags: ["2.0"],
      verdicts: [
        {
          namespace: "",
          status: "compliant",
          reasons: [
            verdictReason({ policyName: "Advisory low", severity: "low", count: 12, limit: 10, blocking: false }),
          ],
        },
      ],
    }),
    admissionImage({
      imageId: "worker",
      registry: "ghcr.io",
      repository: "acme/worker",
      digest: WORKER_DIGEST,
      tags: [],
    }),
    admissionImage({
      imageId: "broken",
      registry: "quay.io",
      repository: "broken/img",
      tags: ["1"],
      verdicts: [{ namespace: "", status: "scan_failed", reasons: [] }],
    }),
    admissionImage({
      imageId: "queued",
      registry: "quay.io",
      repository: "new/img",
      tags: ["1"],
      verdicts: [{ namespace: "", status: "unscanned", reasons: [] }],
    }),
    admissionImage({
      imageId: "many",
      repository: "acme/many",
      tags: ["1"],
      verdicts: [
        nonCompliant([
          verdictReason({
            severity: "critical",
            count: 8,
            issueIds: ["CVE-1", "CVE-2", "CVE-3", "CVE-4", "CVE-5", "CVE-6", "CVE-7", "CVE-8"],
          }),
          verdictReason({ severity: "high", count: 1, limit: 0, issueIds: ["CVE-9"] }),
        ]),
      ],
    }),
    // one tag, two digests: the worse verdict decides
    admissionImage({ imageId: "moved-old", repository: "acme/moved", tags: ["v1"], verdicts: [nonCompliant()] }),
    admissionImage({ imageId: "moved-new", repository: "acme/moved", tags: ["v1"] }),
  ],
});

const INDEX = new SnapshotIndex(SNAPSHOT);

function run(
  request: AdmissionRequest,
  options: { settings?: Partial<AdmissionSettings>; ageSeconds?: number; index?: SnapshotIndex } = {},
): Decision {
  return decide({
    request,
    index: options.index ?? INDEX,
    settings: admissionSettings(options.settings),
    now: NOW,
    snapshotAgeSeconds: options.ageSeconds ?? 5,
  });
}

const pod = (spec: PodSpecInput, options: Parameters<typeof admissionRequest>[2] = {}) =>
  admissionRequest("Pod", podSpec(spec), options);
const web = (image: string) => ({ containers: [{ name: "web", image }] });

const BAD = "nginx:1.25";
const GOOD = "nginx:1.27";
const BAD_MESSAGE =
  'Bulwark denied this pod: image docker.io/library/nginx:1.25 (container web) is non-compliant: policy "No fixable critical or high" allows 0 fixable high findings, found 2 (CVE-2024-0001, CVE-2024-0002)';

describe("decide: kinds", () => {
  const kinds: Array<[string, string | undefined]> = [
    ["Pod", undefined],
    ["Deployment", undefined],
    ["StatefulSet", undefined],
    ["DaemonSet", undefined],
    ["ReplicaSet", undefined],
    ["Job", undefined],
    ["CronJob", "v1"],
    ["CronJob", "v1beta1"],
  ];

  it.each(kinds)("%s (%s) with a non-compliant image is denied", (kind, version) => {
    const decision = run(admissionRequest(kind, podSpec(web(BAD)), version ? { version } : {}));
    expect(decision.response.allowed).toBe(false);
    expect(decision.response.status).toEqual({
      code: 403,
      message: BAD_MESSAGE.replace("this pod", `this ${kind.toLowerCase()}`),
    });
    expect(decision.event).toMatchObject({ kind, decision: "denied", enforced: true, mode: "deny" });
    expect(decision.event.images).toEqual([{ container: "web", kind: "app", reference: BAD, status: "non_compliant" }]);
  });

  it.each(kinds)("%s (%s) with a compliant image is admitted", (kind, version) => {
    const decision = run(admissionRequest(kind, podSpec(web(GOOD)), version ? { version } : {}));
    expect(decision.response).toEqual({ uid: "705ab4f5-6393-11e8-b7cc-42010a800002", allowed: true });
    expect(decision.event.decision).toBe("allowed");
    expect(decision.event.images[0]?.status).toBe("compliant");
  });

  it("admits kinds it does not check, and objects without a pod spec", () => {
    expect(run(admissionRequest("ConfigMap", {})).event).toMatchObject({
      decision: "allowed",
      message: "ConfigMap objects are not checked",
    });
    const request = admissionRequest("Deployment", podSpec(web(BAD)));
    request.object = { kind: "Deployment", metadata: { name: "web" }, spec: {} };
    expect(run(request).response.allowed).toBe(true);
  });
});

describe("decide: containers", () => {
  it("checks init containers", () => {
    const decision = run(
      pod({ containers: [{ name: "web", image: GOOD }], initContainers: [{ name: "setup", image: BAD }] }),
    );
    expect(decision.response.allowed).toBe(false);
    expect(decision.response.status?.message).toContain("image docker.io/library/nginx:1.25 (init container setup)");
    expect(decision.event.images).toEqual([
      { container: "setup", kind: "init", reference: BAD, status: "non_compliant" },
      { container: "web", kind: "app", reference: GOOD, status: "compliant" },
    ]);
  });

  it("checks ephemeral containers, in the pod spec and in the ephemeralcontainers subresource", () => {
    const decision = run(
      pod({ containers: [{ name: "web", image: GOOD }], ephemeralContainers: [{ name: "debug", image: BAD }] }),
    );
    expect(decision.response.status?.message).toContain("(ephemeral container debug)");

    const request: AdmissionRequest = {
      ...pod(web(GOOD)),
      kind: { group: "", version: "v1", kind: "EphemeralContainers" },
      subResource: "ephemeralcontainers",
      operation: "UPDATE",
      object: {
        kind: "EphemeralContainers",
        metadata: { name: "web", namespace: "default" },
        ephemeralContainers: [{ name: "debug", image: BAD }],
      },
    };
    const sub = run(request);
    expect(sub.response.allowed).toBe(false);
    expect(sub.event.kind).toBe("Pod");
    expect(sub.response.status?.message).toMatch(/^Bulwark denied this pod: .*\(ephemeral container debug\)/);
  });

  it("names every container that uses an offending image, once per image", () => {
    const decision = run(
      pod({
        containers: [
          { name: "a", image: BAD },
          { name: "b", image: BAD },
          { name: "c", image: "quay.io/broken/img:1" },
        ],
      }),
    );
    expect(decision.response.status?.message).toBe(
      'Bulwark denied this pod: image docker.io/library/nginx:1.25 (container a, container b) is non-compliant: policy "No fixable critical or high" allows 0 fixable high findings, found 2 (CVE-2024-0001, CVE-2024-0002); image quay.io/broken/img:1 (container c) could not be scanned (its last scan failed)',
    );
    expect(decision.event.images.map((i) => i.container)).toEqual(["a", "b", "c"]);
  });
});

describe("decide: operations", () => {
  it.each(["DELETE", "CONNECT"])("admits %s without looking", (operation) => {
    expect(run(pod(web(BAD), { operation })).event).toMatchObject({ decision: "allowed", images: [] });
  });

  it("checks the new object of an UPDATE", () => {
    const decision = run(
      admissionRequest("Deployment", podSpec(web(BAD)), {
        operation: "UPDATE",
        oldObject: objectOf("Deployment", podSpec(web(GOOD)), "web", "default"),
      }),
    );
    expect(decision.response.allowed).toBe(false);
  });

  it("checks only the images a pod UPDATE changes", () => {
    const unchanged = run(
      pod(web(BAD), { operation: "UPDATE", oldObject: objectOf("Pod", podSpec(web(BAD)), "web", "default") }),
    );
    expect(unchanged.response.allowed).toBe(true);
    expect(unchanged.event.message).toBe("the update changes no container image");

    const changed = run(
      pod(web(BAD), { operation: "UPDATE", oldObject: objectOf("Pod", podSpec(web(GOOD)), "web", "default") }),
    );
    expect(changed.response.allowed).toBe(false);
  });

  it("never holds back an object being deleted", () => {
    const request = pod(web(BAD), { operation: "UPDATE" });
    (request.object as { metadata: Record<string, unknown> }).metadata.deletionTimestamp = "2026-03-01T11:00:00Z";
    expect(run(request).response.allowed).toBe(true);
  });

  it("admits subresources other than ephemeralcontainers", () => {
    expect(run(pod(web(BAD), { operation: "UPDATE", subResource: "status" })).response.allowed).toBe(true);
  });

  it("echoes the request uid", () => {
    expect(run(pod(web(BAD), { uid: "uid-1" })).response.uid).toBe("uid-1");
    expect(run(pod(web(GOOD), { uid: "uid-2" })).response.uid).toBe("uid-2");
    expect(run(pod(web(BAD), { uid: "uid-3" }), { settings: { mode: "warn" } }).response.uid).toBe("uid-3");
  });
});

describe("decide: image references", () => {
  it.each<[string, string]>([
    ["nginx:1.27", "compliant"],
    ["docker.io/nginx:1.27", "compliant"],
    ["index.docker.io/library/nginx:stable", "compliant"],
    ["registry-1.docker.io/library/nginx:1.25", "non_compliant"],
    ["nginx", "unscanned"], // docker.io/library/nginx:latest is not in the snapshot
    [`ghcr.io/acme/worker@${WORKER_DIGEST}`, "compliant"],
    [`ghcr.io/acme/worker:any-tag@${WORKER_DIGEST}`, "compliant"],
    // the same content under another name is the same image
    [`ghcr.io/acme/worker-copy@${WORKER_DIGEST}`, "compliant"],
    [`ghcr.io/acme/worker@${digestOf("other")}`, "unscanned"],
    // a digest decides even when the tag is known
    [`nginx:1.27@${digestOf("nginx-125")}`, "non_compliant"],
    // registry aliases
    ["mirror.acme.io/team/app:1.0", "non_compliant"],
    ["registry-alt.acme.io:443/team/app:1.0", "non_compliant"],
    ["hub-mirror.local:5000/nginx:1.27", "compliant"],
    // invalid references
    ["nginx:", "invalid"],
    ["NGINX", "invalid"],
    ["", "invalid"],
    ["nginx@sha256:abc", "invalid"],
  ])("%s → %s", (image, status) => {
    const decision = run(pod(web(image)), { settings: { unscannedImages: "allow" } });
    expect(decision.event.images[0]?.status).toBe(status);
  });

  it("refuses an invalid reference with the problem", () => {
    const decision = run(pod(web("nginx:bad tag")));
    expect(decision.response.allowed).toBe(false);
    expect(decision.response.status?.message).toBe(
      'Bulwark denied this pod: image reference "nginx:bad tag" (container web) is not valid: it contains whitespace',
    );
    expect(decision.unscannedReferences).toEqual([]);
  });

  it("takes the worst verdict when a tag points at several digests", () => {
    expect(run(pod(web("acme/moved:v1"))).event.images[0]?.status).toBe("non_compliant");
  });
});

describe("decide: verdicts", () => {
  it("uses a namespace's own verdict over the cluster's", () => {
    expect(run(pod(web("registry.acme.io/team/app:1.0"), { namespace: "payments" })).response.allowed).toBe(true);
    expect(run(pod(web("registry.acme.io/team/app:1.0"), { namespace: "shop" })).response.allowed).toBe(false);
    expect(run(pod(web("bitnami/redis:7.2"), { namespace: "default" })).response.allowed).toBe(true);
    const strict = run(pod(web("bitnami/redis:7.2"), { namespace: "strict" }));
    expect(strict.response.status?.message).toContain('policy "Strict" allows 3 unfixable medium findings, found 5');
  });

  it("reports advisory reasons as warnings and never refuses for them", () => {
    const decision = run(pod(web("ghcr.io/acme/api:2.0")));
    expect(decision.response.allowed).toBe(true);
    expect(decision.response.warnings).toEqual([
      'Bulwark: image ghcr.io/acme/api:2.0 (container web), advisory: policy "Advisory low" allows 10 fixable low findings, found 12 (CVE-2024-0001, CVE-2024-0002)',
    ]);
    expect(decision.event.decision).toBe("allowed");
  });

  it("refuses an image whose scan failed", () => {
    const decision = run(pod(web("quay.io/broken/img:1")));
    expect(decision.event.images[0]?.status).toBe("scan_failed");
    expect(decision.response.status?.message).toContain("could not be scanned (its last scan failed)");
  });

  it("lists at most five issue ids per reason and names every reason", () => {
    const message = run(pod(web("acme/many:1"))).response.status?.message;
    expect(message).toBe(
      'Bulwark denied this pod: image docker.io/acme/many:1 (container web) is non-compliant: policy "No fixable critical or high" allows 0 fixable critical findings, found 8 (CVE-1, CVE-2, CVE-3, CVE-4, CVE-5, +3 more) and policy "No fixable critical or high" allows 0 fixable high findings, found 1 (CVE-9)',
    );
  });

  it("names the scanner when one policy's reasons come from several scanners", () => {
    const index = new SnapshotIndex(
      admissionSnapshot({
        images: [
          admissionImage({
            imageId: "two",
            repository: "acme/two",
            verdicts: [
              nonCompliant([
                verdictReason(),
                verdictReason({ scannerId: "s2", scannerName: "Trivy strict", limit: 1, count: 2 }),
              ]),
            ],
          }),
        ],
      }),
    );
    expect(run(pod(web("acme/two")), { index }).response.status?.message).toContain(
      'policy "No fixable critical or high" (scanner "Trivy") allows 0 fixable high findings, found 2 (CVE-2024-0001, CVE-2024-0002) and policy "No fixable critical or high" (scanner "Trivy strict") allows 1 fixable high finding, found 2',
    );
  });
});

describe("decide: unscanned images", () => {
  it("refuses a never-scanned image when the setting says deny, and reports it for a scan", () => {
    const decision = run(pod(web("acme/new:1")));
    expect(decision.response.allowed).toBe(false);
    expect(decision.response.status?.message).toBe(
      "Bulwark denied this pod: image docker.io/acme/new:1 (container web) has never been scanned by Bulwark; a scan has been queued, retry once it completes",
    );
    expect(decision.unscannedReferences).toEqual(["docker.io/acme/new:1"]);
    expect(decision.event.images[0]?.status).toBe("unscanned");
  });

  it("admits it with a warning when the setting says allow, and still reports it", () => {
    const decision = run(pod(web("acme/new:1")), { settings: { unscannedImages: "allow" } });
    expect(decision.response.allowed).toBe(true);
    expect(decision.response.warnings).toEqual([
      "Bulwark: image docker.io/acme/new:1 (container web) has never been scanned; a scan has been queued",
    ]);
    expect(decision.unscannedReferences).toEqual(["docker.io/acme/new:1"]);
  });

  it("treats an image the snapshot lists as unscanned like an unknown one", () => {
    const decision = run(pod(web("quay.io/new/img:1")));
    expect(decision.response.allowed).toBe(false);
    expect(decision.unscannedReferences).toEqual(["quay.io/new/img:1"]);
  });

  it("reports each unscanned reference once", () => {
    const decision = run(
      pod({
        containers: [
          { name: "a", image: "acme/new:1" },
          { name: "b", image: "docker.io/acme/new:1" },
        ],
      }),
      {
        settings: { unscannedImages: "allow" },
      },
    );
    expect(decision.unscannedReferences).toEqual(["docker.io/acme/new:1"]);
  });
});

describe("decide: settings", () => {
  it("admits exempt namespaces without checking", () => {
    const decision = run(
      pod(
        { containers: [{ name: "web", image: BAD }], initContainers: [{ name: "i", image: "acme/new:1" }] },
        { namespace: "kube-system" },
      ),
    );
    expect(decision.response).toEqual({ uid: expect.any(String), allowed: true });
    expect(decision.event).toMatchObject({ decision: "allowed", message: "namespace kube-system is exempt" });
    expect(decision.event.images.map((i) => i.status)).toEqual(["exempt", "exempt"]);
    expect(decision.unscannedReferences).toEqual([]);
  });

  it("admits silently and records would_deny when enforcement is off", () => {
    const decision = run(pod(web(BAD)), { settings: { enforcementEnabled: false } });
    expect(decision.response).toEqual({ uid: expect.any(String), allowed: true });
    expect(decision.event).toMatchObject({ decision: "would_deny", enforced: false });
    expect(decision.event.message).toBe(
      BAD_MESSAGE.replace("Bulwark denied this pod:", "Bulwark would deny this pod (enforcement is off):"),
    );
  });

  it("admits with one warning per offending image in warn mode", () => {
    const decision = run(
      pod({
        containers: [
          { name: "web", image: BAD },
          { name: "side", image: "acme/many:1" },
          { name: "ok", image: GOOD },
        ],
      }),
      {
        settings: { mode: "warn" },
      },
    );
    expect(decision.response.allowed).toBe(true);
    expect(decision.response.status).toBeUndefined();
    expect(decision.event).toMatchObject({ decision: "warned", mode: "warn" });
    const warnings = decision.response.warnings ?? [];
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^Bulwark: image docker\.io\/library\/nginx:1\.25 \(container web\) is non-compliant: /,
    );
    expect(warnings[1]).toMatch(/^Bulwark: image docker\.io\/acme\/many:1 \(container side\)/);
    for (const w of warnings) expect(w.length).toBeLessThanOrEqual(MAX_WARNING_LENGTH);
    expect(warnings[1]?.endsWith("…")).toBe(true);
  });

  it("keeps the number of warnings bounded", () => {
    const containers = Array.from({ length: 30 }, (_, i) => ({ name: `c${i}`, image: `acme/new:${i}` }));
    const warnings = run(pod({ containers }), { settings: { mode: "warn" } }).response.warnings ?? [];
    expect(warnings).toHaveLength(MAX_WARNINGS);
    expect(warnings.at(-1)).toBe("Bulwark: 19 more warnings; see the admission events in Bulwark");
  });

  it("keeps warnings on one line, as they travel in HTTP headers", () => {
    const index = new SnapshotIndex(
      admissionSnapshot({
        images: [
          admissionImage({
            imageId: "odd",
            repository: "acme/odd",
            verdicts: [nonCompliant([verdictReason({ policyName: "Line one\nline two\ttab" })])],
          }),
        ],
      }),
    );
    const warnings = run(pod(web("acme/odd")), { index, settings: { mode: "warn" } }).response.warnings ?? [];
    expect(warnings[0]).toContain('policy "Line one\\nline two\\ttab"');
    expect(warnings.every((w) => !/[\n\r\t]/.test(w))).toBe(true);
  });

  describe("stale snapshot", () => {
    it("admits with a warning when the action is allow", () => {
      const decision = run(pod(web(BAD)), {
        ageSeconds: 905,
        settings: { staleSnapshotSeconds: 600, staleSnapshotAction: "allow" },
      });
      expect(decision.response.allowed).toBe(true);
      expect(decision.response.warnings).toEqual([
        "Bulwark admitted this pod without checking its images: the compliance snapshot is stale (last refreshed 15m05s ago, the limit is 10m00s)",
      ]);
      expect(decision.event.decision).toBe("allowed");
    });

    it("refuses when the action is deny, saying how old the snapshot is", () => {
      const decision = run(pod(web(GOOD)), {
        ageSeconds: 7300,
        settings: { staleSnapshotSeconds: 600, staleSnapshotAction: "deny" },
      });
      expect(decision.response.allowed).toBe(false);
      expect(decision.response.status).toEqual({
        code: 403,
        message:
          "Bulwark denied this pod: the compliance snapshot is stale (last refreshed 2h01m ago, the limit is 10m00s), and this cluster refuses requests while it is",
      });
    });

    it("records would_deny for a stale deny while enforcement is off", () => {
      const decision = run(pod(web(GOOD)), {
        ageSeconds: 700,
        settings: { enforcementEnabled: false, staleSnapshotAction: "deny" },
      });
      expect(decision.response.allowed).toBe(true);
      expect(decision.event.decision).toBe("would_deny");
    });

    it("decides normally within the limit, and never goes stale with a limit of 0", () => {
      expect(run(pod(web(GOOD)), { ageSeconds: 599, settings: { staleSnapshotAction: "deny" } }).response.allowed).toBe(
        true,
      );
      expect(
        run(pod(web(GOOD)), { ageSeconds: 1e6, settings: { staleSnapshotSeconds: 0, staleSnapshotAction: "deny" } })
          .response.allowed,
      ).toBe(true);
    });
  });
});

describe("decide: the event", () => {
  it("records who did what, where, with each container's image and status", () => {
    const request = admissionRequest(
      "Deployment",
      podSpec({ containers: [{ name: "web", image: GOOD }], initContainers: [{ name: "setup", image: "acme/new:1" }] }),
      {
        namespace: "shop",
        name: "storefront",
        username: "system:serviceaccount:ci:deployer",
      },
    );
    const { event } = run(request, { settings: { unscannedImages: "allow" } });
    expect(event).toEqual({
      at: NOW.toISOString(),
      requestUid: request.uid,
      operation: "CREATE",
      kind: "Deployment",
      namespace: "shop",
      name: "storefront",
      userName: "system:serviceaccount:ci:deployer",
      decision: "allowed",
      enforced: true,
      mode: "deny",
      message:
        "admitted: image docker.io/acme/new:1 (init container setup) has never been scanned; a scan has been queued",
      images: [
        { container: "setup", kind: "init", reference: "acme/new:1", status: "unscanned" },
        { container: "web", kind: "app", reference: GOOD, status: "compliant" },
      ],
    });
  });

  it("names a pod created with generateName by its prefix", () => {
    const request = pod(web(GOOD), { name: "" });
    (request.object as { metadata: Record<string, unknown> }).metadata = {
      generateName: "web-7d4b9-",
      namespace: "default",
    };
    expect(run(request).event.name).toBe("web-7d4b9-*");
  });
});
