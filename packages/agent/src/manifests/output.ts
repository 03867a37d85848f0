import { dumpYaml, type KubernetesObject } from "@kubernetes/client-node";

/** Multi-document YAML, as `kubectl apply -f -` reads it. */
export function toYaml(objects: readonly KubernetesObject[]): string {
  return objects.map((object) => dumpYaml(object, { lineWidth: -1, noRefs: true })).join("---\n");
}

/** A v1 List, the JSON form `kubectl apply -f -` reads. */
export function toJson(objects: readonly KubernetesObject[]): string {
  return `${JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }, null, 2)}\n`;
}
