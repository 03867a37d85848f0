import type { BadgeTone } from "../../components/badge";
import type { ContainerKind } from "../../gql/graphql";

export const CONTAINER_KIND_LABELS: Record<ContainerKind, string> = {
  app: "app",
  init: "init",
  ephemeral: "ephemeral",
};

export const CONTAINER_KIND_TONES: Record<ContainerKind, BadgeTone> = {
  app: "neutral",
  init: "info",
  ephemeral: "accent",
};

export const CONTAINER_KIND_DESCRIPTIONS: Record<ContainerKind, string> = {
  app: "An app container: runs for the life of the pod.",
  init: "An init container: runs to completion before the app containers start.",
  ephemeral: "An ephemeral container: added to a running pod for debugging (kubectl debug).",
};

const PHASE_TONES: Record<string, BadgeTone> = {
  Running: "success",
  Pending: "warning",
  Succeeded: "neutral",
  Failed: "danger",
  Unknown: "neutral",
};

export function phaseTone(phase: string | null | undefined): BadgeTone {
  return (phase && PHASE_TONES[phase]) || "neutral";
}
