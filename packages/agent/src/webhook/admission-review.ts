/**
 * AdmissionReview v1 (admission.k8s.io/v1), the fields the webhook reads and writes. Objects stay
 * `unknown` until the decision reads the few fields it needs from them.
 */

export const ADMISSION_API_VERSION = "admission.k8s.io/v1";

export type GroupVersionKind = { group: string; version: string; kind: string };

export type AdmissionRequest = {
  uid: string;
  kind: GroupVersionKind;
  resource?: { group: string; version: string; resource: string };
  subResource?: string;
  name?: string;
  namespace?: string;
  operation: string;
  userInfo?: { username?: string; uid?: string; groups?: string[] };
  object?: unknown;
  oldObject?: unknown;
  dryRun?: boolean;
};

export type AdmissionResponse = {
  uid: string;
  allowed: boolean;
  status?: { code: number; message: string };
  warnings?: string[];
};

export type AdmissionReviewResponse = {
  apiVersion: typeof ADMISSION_API_VERSION;
  kind: "AdmissionReview";
  response: AdmissionResponse;
};

export type ParsedReview = { ok: true; request: AdmissionRequest } | { ok: false; problem: string };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Checks the envelope of a decoded request body; the objects inside are read later, defensively. */
export function parseAdmissionReview(body: unknown): ParsedReview {
  if (!isRecord(body)) return { ok: false, problem: "the body must be a JSON object (an AdmissionReview)" };
  if (body.kind !== "AdmissionReview") {
    return { ok: false, problem: `kind must be "AdmissionReview", got ${JSON.stringify(body.kind ?? null)}` };
  }
  if (body.apiVersion !== ADMISSION_API_VERSION) {
    return {
      ok: false,
      problem: `apiVersion must be "${ADMISSION_API_VERSION}" (register the webhook with admissionReviewVersions [v1]), got ${JSON.stringify(body.apiVersion ?? null)}`,
    };
  }
  const request = body.request;
  if (!isRecord(request)) return { ok: false, problem: "request is missing" };
  if (typeof request.uid !== "string" || request.uid.length === 0) {
    return { ok: false, problem: "request.uid must be a non-empty string" };
  }
  if (typeof request.operation !== "string") return { ok: false, problem: "request.operation must be a string" };
  const kind = request.kind;
  if (!isRecord(kind) || typeof kind.kind !== "string") {
    return { ok: false, problem: "request.kind must be an object with group, version and kind" };
  }
  const userInfo = isRecord(request.userInfo) ? request.userInfo : undefined;
  const resource = isRecord(request.resource) ? request.resource : undefined;
  return {
    ok: true,
    request: {
      uid: request.uid,
      kind: { group: optionalString(kind.group) ?? "", version: optionalString(kind.version) ?? "", kind: kind.kind },
      ...(resource
        ? {
            resource: {
              group: optionalString(resource.group) ?? "",
              version: optionalString(resource.version) ?? "",
              resource: optionalString(resource.resource) ?? "",
            },
          }
        : {}),
      subResource: optionalString(request.subResource),
      name: optionalString(request.name),
      namespace: optionalString(request.namespace),
      operation: request.operation,
      userInfo: userInfo ? { username: optionalString(userInfo.username) } : undefined,
      object: request.object,
      oldObject: request.oldObject,
      dryRun: request.dryRun === true,
    },
  };
}

export function reviewResponse(response: AdmissionResponse): AdmissionReviewResponse {
  return { apiVersion: ADMISSION_API_VERSION, kind: "AdmissionReview", response };
}
