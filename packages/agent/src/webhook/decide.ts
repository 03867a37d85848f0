import type {
  AdmissionDecision,
  AdmissionEventInput,
  AdmissionImageStatus,
  AdmissionSettings,
  AdmissionVerdict,
  ContainerKind,
  VerdictReason,
} from "../api/contract.js";
import type { AdmissionRequest, AdmissionResponse } from "./admission-review.js";
import { containersOf, isCheckedKind, metadataString, podSpecOf, type ContainerImage } from "./pod-spec.js";
import type { SnapshotIndex } from "./snapshot-index.js";

export type DecideInput = {
  request: AdmissionRequest;
  index: SnapshotIndex;
  /** Defaults to the snapshot's settings. */
  settings?: AdmissionSettings;
  now: Date;
  /** Seconds since the snapshot was last refreshed in full. */
  snapshotAgeSeconds: number;
};

export type Decision = {
  response: AdmissionResponse;
  event: AdmissionEventInput;
  /** Normalised references Bulwark has never scanned; the api queues a high-priority scan for each. */
  unscannedReferences: string[];
};

/** Issue ids listed per reason before "+N more". */
export const MAX_LISTED_ISSUES = 5;
/** Kubernetes may truncate warnings over 256 characters; stay under. */
export const MAX_WARNING_LENGTH = 255;
/** Kubernetes ignores warnings beyond 4096 characters in total; stay well below. */
export const MAX_WARNINGS = 12;
export const MAX_MESSAGE_LENGTH = 4000;

const CHECKED_OPERATIONS: ReadonlySet<string> = new Set(["CREATE", "UPDATE"]);
const EPHEMERAL_SUBRESOURCE = "ephemeralcontainers";

/** One image reference of the request, with every container that uses it. */
type CheckedImage = {
  reference: string;
  /** Normalised (docker.io/library/nginx:1.25), or the reference as written when it is invalid. */
  shown: string;
  containers: ContainerImage[];
  status: AdmissionImageStatus;
  verdict: AdmissionVerdict | null;
  problem: string | null;
};

/**
 * Decides one AdmissionReview request from the snapshot. Pure: no I/O, no clock, no api; the same
 * input always gives the same decision.
 *
 * - Pods and workloads with pod templates, CREATE and UPDATE; every container, init and ephemeral.
 *   An UPDATE of a pod checks only containers whose image it changes (a pod's other fields cannot
 *   bring in an image, and refusing label or owner changes of a running pod would break its
 *   controllers); an UPDATE of a workload checks its whole new template. An object being deleted
 *   is never held back, so finalizers can complete.
 * - Exempt namespaces are admitted without looking at images.
 * - A stale snapshot decides by the staleSnapshotAction setting.
 * - Non-compliant, failed-to-scan and invalid references offend; unscanned ones follow the
 *   unscannedImages setting; advisory reasons never offend but show as warnings.
 * - Offences with enforcement on: deny refuses (403, every offending image and its reasons in the
 *   message), warn admits with one warning per image. Enforcement off admits silently and records
 *   "would_deny": the cluster behaves exactly as without Bulwark while the events show what
 *   enforcement would do.
 */
export function decide(input: DecideInput): Decision {
  const { request, index, now, snapshotAgeSeconds } = input;
  const settings = input.settings ?? index.settings;
  const object = request.object;
  const requestKind = request.kind.kind;
  const kind = requestKind === "EphemeralContainers" ? "Pod" : requestKind;
  const namespace = request.namespace || metadataString(object, "namespace") || "";
  let name = request.name || metadataString(object, "name") || "";
  if (!name) {
    const generateName = metadataString(object, "generateName");
    if (generateName) name = `${generateName}*`;
  }
  const context: Context = { request, settings, now, kind, namespace, name };
  const subject = `this ${kind.toLowerCase()}`;

  if (!CHECKED_OPERATIONS.has(request.operation)) {
    return finish(context, "allowed", `${request.operation} requests are not checked`, NO_IMAGES);
  }
  if (!isCheckedKind(requestKind))
    return finish(context, "allowed", `${requestKind} objects are not checked`, NO_IMAGES);
  if (request.subResource && request.subResource !== EPHEMERAL_SUBRESOURCE) {
    return finish(context, "allowed", `the ${request.subResource} subresource is not checked`, NO_IMAGES);
  }
  if (request.operation === "UPDATE" && metadataString(object, "deletionTimestamp") !== undefined) {
    return finish(context, "allowed", `${subject} is being deleted`, NO_IMAGES);
  }
  const podSpec = podSpecOf(requestKind, object);
  if (podSpec === null) return finish(context, "allowed", `${subject} has no pod spec to check`, NO_IMAGES);

  let containers = containersOf(podSpec);
  if (request.operation === "UPDATE" && kind === "Pod") {
    const before = podSpecOf(requestKind, request.oldObject);
    if (before !== null) {
      const previous = new Set(containersOf(before).map(containerKey));
      containers = containers.filter((c) => !previous.has(containerKey(c)));
      if (containers.length === 0)
        return finish(context, "allowed", "the update changes no container image", NO_IMAGES);
    }
  }
  if (containers.length === 0) return finish(context, "allowed", `${subject} has no containers`, NO_IMAGES);

  if (settings.exemptNamespaces.includes(namespace)) {
    return finish(context, "allowed", `namespace ${namespace} is exempt`, groupImages(containers, null, namespace));
  }

  const images = groupImages(containers, index, namespace);
  const unscanned: string[] = [];
  for (const image of images) {
    if (image.status === "unscanned" && !unscanned.includes(image.shown)) unscanned.push(image.shown);
  }

  const stale = settings.staleSnapshotSeconds > 0 && snapshotAgeSeconds > settings.staleSnapshotSeconds;
  if (stale) {
    const why =
      `the compliance snapshot is stale (last refreshed ${formatDuration(snapshotAgeSeconds)} ago, ` +
      `the limit is ${formatDuration(settings.staleSnapshotSeconds)})`;
    if (settings.staleSnapshotAction === "allow") {
      const message = `Bulwark admitted ${subject} without checking its images: ${why}`;
      return finish(context, "allowed", message, images, settings.enforcementEnabled ? [message] : NO_TEXT, unscanned);
    }
    return offend(context, subject, images, unscanned, [`${why}, and this cluster refuses requests while it is`]);
  }

  let offences: string[] | null = null;
  let notes: string[] | null = null;
  for (const image of images) {
    const status = image.status;
    if (status === "compliant") {
      const advisory = image.verdict === null ? "" : verdictText(image.verdict).advisory;
      if (advisory) (notes ??= []).push(`${where(image)}, advisory: ${advisory}`);
    } else if (status === "non_compliant") {
      const blocking = image.verdict === null ? "" : verdictText(image.verdict).blocking;
      (offences ??= []).push(
        blocking ? `${where(image)} is non-compliant: ${blocking}` : `${where(image)} is non-compliant`,
      );
    } else if (status === "scan_failed") {
      (offences ??= []).push(`${where(image)} could not be scanned (its last scan failed)`);
    } else if (status === "unscanned") {
      if (settings.unscannedImages === "deny") {
        (offences ??= []).push(
          `${where(image)} has never been scanned by Bulwark; a scan has been queued, retry once it completes`,
        );
      } else {
        (notes ??= []).push(`${where(image)} has never been scanned; a scan has been queued`);
      }
    } else if (status === "invalid") {
      (offences ??= []).push(
        `image reference ${JSON.stringify(image.reference)} (${describeContainers(image.containers)}) is not valid: ${image.problem ?? "unreadable"}`,
      );
    }
  }

  if (offences !== null) return offend(context, subject, images, unscanned, offences);
  if (notes === null)
    return finish(context, "allowed", `admitted: ${describeCounts(images)}`, images, NO_TEXT, unscanned);
  return finish(
    context,
    "allowed",
    `admitted: ${notes.join("; ")}`,
    images,
    settings.enforcementEnabled ? notes.map((n) => `Bulwark: ${n}`) : NO_TEXT,
    unscanned,
  );
}

type Context = {
  request: AdmissionRequest;
  settings: AdmissionSettings;
  now: Date;
  kind: string;
  namespace: string;
  name: string;
};

const NO_IMAGES: readonly CheckedImage[] = [];
const NO_TEXT: readonly string[] = [];

function finish(
  context: Context,
  decision: AdmissionDecision,
  message: string,
  images: readonly CheckedImage[],
  warnings: readonly string[] = NO_TEXT,
  unscanned: string[] = [],
  denial?: string,
): Decision {
  const { request, settings } = context;
  const response: AdmissionResponse = { uid: request.uid, allowed: decision !== "denied" };
  if (decision === "denied") response.status = { code: 403, message: cap(denial ?? message) };
  if (warnings.length > 0) response.warnings = limitWarnings(warnings);
  const eventImages: AdmissionEventInput["images"] = [];
  for (const image of images) {
    for (const c of image.containers) {
      eventImages.push({ container: c.name, kind: c.kind, reference: c.image, status: image.status });
    }
  }
  return {
    response,
    event: {
      at: context.now.toISOString(),
      requestUid: request.uid,
      operation: request.operation,
      kind: context.kind,
      namespace: context.namespace,
      name: context.name,
      userName: request.userInfo?.username ?? null,
      decision,
      enforced: settings.enforcementEnabled,
      mode: settings.mode,
      message: cap(message),
      images: eventImages,
    },
    unscannedReferences: unscanned,
  };
}

/** A request that offends: enforcement and mode decide what happens to it. */
function offend(
  context: Context,
  subject: string,
  images: readonly CheckedImage[],
  unscanned: string[],
  statements: string[],
): Decision {
  const { settings } = context;
  const body = statements.join("; ");
  if (!settings.enforcementEnabled) {
    return finish(
      context,
      "would_deny",
      `Bulwark would deny ${subject} (enforcement is off): ${body}`,
      images,
      NO_TEXT,
      unscanned,
    );
  }
  if (settings.mode === "warn") {
    return finish(
      context,
      "warned",
      `Bulwark admitted ${subject} with warnings (warn mode): ${body}`,
      images,
      statements.map((s) => `Bulwark: ${s}`),
      unscanned,
    );
  }
  return finish(context, "denied", `Bulwark denied ${subject}: ${body}`, images, NO_TEXT, unscanned);
}

function where(image: CheckedImage): string {
  return `image ${image.shown} (${describeContainers(image.containers)})`;
}

/** The text of a verdict's reasons, worked out once per verdict of the snapshot. */
type VerdictText = { blocking: string; advisory: string };
const verdictTexts = new WeakMap<AdmissionVerdict, VerdictText>();

function verdictText(verdict: AdmissionVerdict): VerdictText {
  let text = verdictTexts.get(verdict);
  if (text === undefined) {
    const blocking = verdict.reasons.filter((r) => r.blocking);
    const advisory = verdict.reasons.filter((r) => !r.blocking);
    text = {
      blocking: blocking.length > 0 ? describeReasons(blocking) : "",
      advisory: advisory.length > 0 ? describeReasons(advisory) : "",
    };
    verdictTexts.set(verdict, text);
  }
  return text;
}

/**
 * Containers grouped by the reference they use, in the pod spec's order, each reference resolved
 * once; with no index (an exempt namespace) nothing is looked up.
 */
function groupImages(
  containers: readonly ContainerImage[],
  index: SnapshotIndex | null,
  namespace: string,
): CheckedImage[] {
  const images: CheckedImage[] = [];
  for (const container of containers) {
    const existing = images.find((i) => i.reference === container.image);
    if (existing !== undefined) {
      existing.containers.push(container);
      continue;
    }
    const image: CheckedImage = {
      reference: container.image,
      shown: container.image,
      containers: [container],
      status: "exempt",
      verdict: null,
      problem: null,
    };
    if (index !== null) {
      const resolution = index.resolve(container.image);
      if (resolution.kind === "invalid") {
        image.status = "invalid";
        image.problem = resolution.problem;
      } else {
        image.shown = resolution.canonical;
        if (resolution.kind === "missing") image.status = "unscanned";
        else {
          const found = index.verdictIn(resolution.images, namespace);
          image.status = found.status;
          image.verdict = found.verdict;
        }
      }
    }
    images.push(image);
  }
  return images;
}

function containerKey(c: ContainerImage): string {
  return `${c.kind}\u0000${c.name}\u0000${c.image}`;
}

const KIND_WORDS: Readonly<Record<ContainerKind, string>> = {
  app: "container",
  init: "init container",
  ephemeral: "ephemeral container",
};

export function describeContainers(containers: readonly ContainerImage[]): string {
  return containers.map((c) => `${KIND_WORDS[c.kind]} ${c.name || "(unnamed)"}`).join(", ");
}

/**
 * `policy "No fixable critical or high" allows 0 fixable high findings, found 2 (CVE-1, CVE-2)`,
 * naming the scanner too when one policy's reasons come from several scanners.
 */
export function describeReasons(reasons: readonly VerdictReason[]): string {
  const scannersPerPolicy = new Map<string, Set<string>>();
  for (const r of reasons) {
    const set = scannersPerPolicy.get(r.policyId) ?? new Set<string>();
    set.add(r.scannerId);
    scannersPerPolicy.set(r.policyId, set);
  }
  return reasons
    .map((r) => {
      const scanner =
        (scannersPerPolicy.get(r.policyId)?.size ?? 0) > 1 ? ` (scanner ${JSON.stringify(r.scannerName)})` : "";
      const noun = r.limit === 1 ? "finding" : "findings";
      return `policy ${JSON.stringify(r.policyName)}${scanner} allows ${r.limit} ${r.fixable ? "fixable" : "unfixable"} ${r.severity} ${noun}, found ${r.count}${describeIssues(r.issueIds)}`;
    })
    .join(" and ");
}

export function describeIssues(issueIds: readonly string[]): string {
  if (issueIds.length === 0) return "";
  const listed = issueIds.slice(0, MAX_LISTED_ISSUES);
  const more = issueIds.length - listed.length;
  return ` (${listed.join(", ")}${more > 0 ? `, +${more} more` : ""})`;
}

function describeCounts(images: readonly CheckedImage[]): string {
  const counts = new Map<string, number>();
  for (const image of images) counts.set(image.status, (counts.get(image.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status.replace("_", " ")}`).join(", ");
}

/** 45s, 12m30s, 3h05m. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

function cap(message: string, limit = MAX_MESSAGE_LENGTH): string {
  return message.length <= limit ? message : `${message.slice(0, limit - 1)}…`;
}

/** Warnings travel in HTTP headers: one line each, short, and not too many. */
function limitWarnings(warnings: readonly string[]): string[] {
  const clean = warnings.map((w) => cap(w.replace(/\p{Cc}+/gu, " "), MAX_WARNING_LENGTH));
  if (clean.length <= MAX_WARNINGS) return clean;
  const kept = clean.slice(0, MAX_WARNINGS - 1);
  kept.push(`Bulwark: ${clean.length - kept.length} more warnings; see the admission events in Bulwark`);
  return kept;
}
