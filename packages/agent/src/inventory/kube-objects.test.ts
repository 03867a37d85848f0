import { describe, expect, it } from "vitest";
import type { InventoryNamespace, InventoryPod } from "../api/contract.js";
import {
  containersOf,
  controllerOf,
  metadataOf,
  namespaceRecord,
  ownedRecord,
  ownerKey,
  podEntry,
  resourceVersionOf,
  sameNamespace,
  samePod,
} from "./kube-objects.js";

const podObject = (overrides: { metadata?: Record<string, unknown>; spec?: unknown; status?: unknown } = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    uid: "uid-web-1",
    name: "web-7d9f-abcde",
    namespace: "shop",
    resourceVersion: "4711",
    creationTimestamp: "2026-03-01T12:00:00Z",
    labels: { app: "web", tier: "front" },
    ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7d9f", uid: "rs-uid", controller: true }],
    ...overrides.metadata,
  },
  spec: overrides.spec ?? {
    nodeName: "node-a",
    containers: [{ name: "web", image: "registry.example/shop/web:1.4" }],
  },
  status: overrides.status ?? {
    phase: "Running",
    containerStatuses: [{ name: "web", imageID: "docker-pullable://registry.example/shop/web@sha256:aaa" }],
  },
});

const pod = (overrides: Partial<InventoryPod> = {}): InventoryPod => ({
  uid: "u1",
  namespace: "shop",
  name: "web-1",
  phase: "Running",
  nodeName: "node-a",
  ownerKind: "Deployment",
  ownerName: "web",
  createdAt: "2026-03-01T12:00:00Z",
  labels: { app: "web" },
  containers: [{ name: "web", kind: "app", image: "registry.example/shop/web:1.4", imageID: "sha256:aaa" }],
  ...overrides,
});

describe("podEntry", () => {
  it("keeps the fields the inventory sends, with the direct controller as the owner", () => {
    expect(podEntry(podObject())).toEqual({
      pod: {
        uid: "uid-web-1",
        namespace: "shop",
        name: "web-7d9f-abcde",
        phase: "Running",
        nodeName: "node-a",
        ownerKind: "ReplicaSet",
        ownerName: "web-7d9f",
        createdAt: "2026-03-01T12:00:00Z",
        labels: { app: "web", tier: "front" },
        containers: [
          {
            name: "web",
            kind: "app",
            image: "registry.example/shop/web:1.4",
            imageID: "docker-pullable://registry.example/shop/web@sha256:aaa",
          },
        ],
      },
      controller: { kind: "ReplicaSet", name: "web-7d9f" },
    });
  });

  it("lists init, app and ephemeral containers with their kinds, each imageID from its own list's statuses", () => {
    const entry = podEntry(
      podObject({
        spec: {
          initContainers: [{ name: "migrate", image: "registry.example/shop/migrate:3" }],
          containers: [
            { name: "web", image: "registry.example/shop/web:1.4" },
            { name: "sidecar", image: "registry.example/mesh/proxy:2" },
          ],
          ephemeralContainers: [{ name: "debugger", image: "busybox:1.36" }],
        },
        status: {
          phase: "Running",
          initContainerStatuses: [
            { name: "migrate", imageID: "sha256:init-migrate" },
            // Same name as an app container: must not lend its imageID to it.
            { name: "sidecar", imageID: "sha256:not-the-sidecar" },
          ],
          containerStatuses: [
            { name: "web", imageID: "sha256:app-web" },
            // Pulling: the kubelet reports an empty imageID.
            { name: "sidecar", imageID: "" },
          ],
          ephemeralContainerStatuses: [{ name: "debugger", imageID: "sha256:ephemeral-debugger" }],
        },
      }),
    );
    expect(entry?.pod.containers).toEqual([
      { name: "migrate", kind: "init", image: "registry.example/shop/migrate:3", imageID: "sha256:init-migrate" },
      { name: "web", kind: "app", image: "registry.example/shop/web:1.4", imageID: "sha256:app-web" },
      { name: "sidecar", kind: "app", image: "registry.example/mesh/proxy:2", imageID: null },
      { name: "debugger", kind: "ephemeral", image: "busybox:1.36", imageID: "sha256:ephemeral-debugger" },
    ]);
  });

  it("has no imageIDs while the pod has no status yet, and null phase and node", () => {
    const object = podObject({ spec: { containers: [{ name: "web", image: "web:1" }] } });
    delete (object as { status?: unknown }).status;
    const entry = podEntry(object);
    expect(entry?.pod).toMatchObject({
      phase: null,
      nodeName: null,
      containers: [{ name: "web", kind: "app", image: "web:1", imageID: null }],
    });
  });

  it.each([
    ["no uid", { uid: undefined }],
    ["an empty uid", { uid: "" }],
    ["no name", { name: undefined }],
    ["no namespace", { namespace: undefined }],
    ["a numeric name", { name: 42 }],
  ])("skips a pod with %s", (_what, metadata) => {
    expect(podEntry(podObject({ metadata }))).toBeNull();
  });

  it.each([
    ["null", null],
    ["a string", "pod"],
    ["an array", [podObject()]],
    ["an object without metadata", { kind: "Pod", spec: {} }],
    ["metadata that is not an object", { metadata: "x" }],
  ])("skips %s", (_what, object) => {
    expect(podEntry(object)).toBeNull();
  });

  it("skips containers without a name or a string image, and keeps the others", () => {
    const entry = podEntry(
      podObject({
        spec: {
          containers: [
            { name: "numeric", image: 42 },
            { name: "missing" },
            { name: "empty", image: "" },
            { image: "nameless:1" },
            "not-a-container",
            null,
            { name: "ok", image: "ok:1" },
          ],
          initContainers: "not-a-list",
        },
      }),
    );
    expect(entry?.pod.containers).toEqual([{ name: "ok", kind: "app", image: "ok:1", imageID: null }]);
  });

  it("keeps only string labels, and has no owner when nothing owns the pod", () => {
    const entry = podEntry(
      podObject({ metadata: { labels: { app: "web", replicas: 3, flag: true, empty: "" }, ownerReferences: [] } }),
    );
    expect(entry?.pod.labels).toEqual({ app: "web", empty: "" });
    expect(entry?.controller).toBeNull();
    expect(entry?.pod).toMatchObject({ ownerKind: null, ownerName: null });
  });
});

describe("containersOf", () => {
  it("returns nothing for a missing or malformed spec", () => {
    expect(containersOf(undefined, undefined)).toEqual([]);
    expect(containersOf("spec", {})).toEqual([]);
    expect(containersOf({ containers: {} }, {})).toEqual([]);
  });

  it("ignores statuses that are malformed or belong to no declared container", () => {
    expect(
      containersOf(
        { containers: [{ name: "web", image: "web:1" }] },
        {
          containerStatuses: [
            null,
            "web",
            { name: "web", imageID: 7 },
            { name: "other", imageID: "sha256:other" },
            { imageID: "sha256:nameless" },
          ],
        },
      ),
    ).toEqual([{ name: "web", kind: "app", image: "web:1", imageID: null }]);
  });
});

describe("controllerOf", () => {
  const meta = (ownerReferences: unknown[]) => metadataOf({ metadata: { uid: "u", name: "n", ownerReferences } })!;

  it("prefers the reference marked controller: true over the first one", () => {
    expect(
      controllerOf(
        meta([
          { kind: "ConfigMap", name: "settings" },
          { kind: "StatefulSet", name: "db", controller: true },
        ]),
      ),
    ).toEqual({ kind: "StatefulSet", name: "db" });
  });

  it("takes the first reference when none is the controller", () => {
    expect(
      controllerOf(
        meta([
          { kind: "DaemonSet", name: "agent", controller: false },
          { kind: "Node", name: "node-a" },
        ]),
      ),
    ).toEqual({ kind: "DaemonSet", name: "agent" });
  });

  it("is null without references, or when the chosen one has no kind or name", () => {
    expect(controllerOf(meta([]))).toBeNull();
    expect(controllerOf(meta(["not-an-object", 3]))).toBeNull();
    expect(
      controllerOf(
        meta([
          { kind: "ReplicaSet", controller: true },
          { kind: "Job", name: "j" },
        ]),
      ),
    ).toBeNull();
    expect(controllerOf(meta([{ name: "x" }]))).toBeNull();
  });
});

describe("metadata readers", () => {
  it("reads a namespace's record, with or without a namespace of its own", () => {
    expect(
      namespaceRecord({
        metadata: { uid: "ns-uid", name: "shop", creationTimestamp: "2026-01-01T00:00:00Z", labels: { team: "a" } },
      }),
    ).toEqual({ uid: "ns-uid", name: "shop", createdAt: "2026-01-01T00:00:00Z", labels: { team: "a" } });
    expect(namespaceRecord({ metadata: { name: "shop" } })).toBeNull();
  });

  it("reads a ReplicaSet's or Job's key and controller, and needs a namespace", () => {
    expect(
      ownedRecord({
        metadata: {
          uid: "rs",
          name: "web-7d9f",
          namespace: "shop",
          ownerReferences: [{ kind: "Deployment", name: "web", controller: true }],
        },
      }),
    ).toEqual({ key: "shop/web-7d9f", owner: { kind: "Deployment", name: "web" } });
    expect(ownedRecord({ metadata: { uid: "rs", name: "lonely", namespace: "shop" } })).toEqual({
      key: ownerKey("shop", "lonely"),
      owner: null,
    });
    expect(ownedRecord({ metadata: { uid: "rs", name: "web-7d9f" } })).toBeNull();
  });

  it("reads the resource version of any object, bookmarks included", () => {
    expect(resourceVersionOf({ kind: "Pod", metadata: { resourceVersion: "12" } })).toBe("12");
    expect(resourceVersionOf({ metadata: { resourceVersion: "" } })).toBeNull();
    expect(resourceVersionOf({ metadata: { resourceVersion: 12 } })).toBeNull();
    expect(resourceVersionOf(null)).toBeNull();
  });
});

describe("samePod", () => {
  it("is true for equal pods, whatever the order of their labels", () => {
    expect(samePod(pod({ labels: { a: "1", b: "2" } }), pod({ labels: { b: "2", a: "1" } }))).toBe(true);
  });

  it.each<[string, Partial<InventoryPod>]>([
    ["phase", { phase: "Succeeded" }],
    ["node", { nodeName: "node-b" }],
    ["owner kind", { ownerKind: "ReplicaSet" }],
    ["owner name", { ownerName: "api" }],
    ["creation time", { createdAt: null }],
    ["a label value", { labels: { app: "api" } }],
    ["a label more", { labels: { app: "web", tier: "front" } }],
    ["a label less", { labels: {} }],
    ["a container more", { containers: [...pod().containers, { name: "x", kind: "app", image: "x", imageID: null }] }],
    ["a container's image", { containers: [{ name: "web", kind: "app", image: "web:2", imageID: "sha256:aaa" }] }],
    [
      "a container's imageID",
      { containers: [{ name: "web", kind: "app", image: pod().containers[0]!.image, imageID: null }] },
    ],
    ["a container's kind", { containers: [{ ...pod().containers[0]!, kind: "init" }] }],
    ["a container's name", { containers: [{ ...pod().containers[0]!, name: "app" }] }],
  ])("is false when the %s differs", (_what, change) => {
    expect(samePod(pod(), pod(change))).toBe(false);
    expect(samePod(pod(change), pod())).toBe(false);
  });

  it("is false when the containers are in another order", () => {
    const a = { name: "a", kind: "app" as const, image: "a:1", imageID: null };
    const b = { name: "b", kind: "app" as const, image: "b:1", imageID: null };
    expect(samePod(pod({ containers: [a, b] }), pod({ containers: [b, a] }))).toBe(false);
  });
});

describe("sameNamespace", () => {
  const ns = (overrides: Partial<InventoryNamespace> = {}): InventoryNamespace => ({
    uid: "ns-uid",
    name: "shop",
    createdAt: "2026-01-01T00:00:00Z",
    labels: { team: "a" },
    ...overrides,
  });

  it("compares uid, name, creation time and labels", () => {
    expect(sameNamespace(ns(), ns())).toBe(true);
    expect(sameNamespace(ns(), ns({ uid: "recreated" }))).toBe(false);
    expect(sameNamespace(ns(), ns({ name: "other" }))).toBe(false);
    expect(sameNamespace(ns(), ns({ createdAt: null }))).toBe(false);
    expect(sameNamespace(ns(), ns({ labels: { team: "b" } }))).toBe(false);
    expect(sameNamespace(ns(), ns({ labels: { team: "a", env: "prod" } }))).toBe(false);
  });
});
