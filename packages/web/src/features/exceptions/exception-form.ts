import type {
  ExceptionFieldsFragment,
  ExceptionInput,
  ExceptionStatus,
  ExceptionType,
  Severity,
  UpdateExceptionInput,
} from "../../gql/graphql";
import {
  dayOfStartsAt,
  endsAtFromDay,
  isDayOnOrAfter,
  isValidDay,
  lastDayOfEndsAt,
  startsAtFromDay,
  todayUtc,
} from "./exception-dates";

/** What the exception form holds; dates are whole UTC days (YYYY-MM-DD), the last one included. */
export type ExceptionFormValues = {
  type: ExceptionType;
  title: string;
  reason: string;
  startDay: string;
  /** Empty: no end. */
  endDay: string;
  allClusters: boolean;
  clusterIds: string[];
  allNamespaces: boolean;
  namespaces: string[];
  allPolicies: boolean;
  policyIds: string[];
  /** Empty: every scanner. */
  scannerId: string;
  /** Empty: every issue. */
  issueId: string;
  imagePattern: string;
  alternateSeverity: Severity | "";
  status: ExceptionStatus;
};

export function emptyExceptionValues(now = new Date()): ExceptionFormValues {
  return {
    type: "policy",
    title: "",
    reason: "",
    startDay: todayUtc(now),
    endDay: "",
    allClusters: true,
    clusterIds: [],
    allNamespaces: true,
    namespaces: [],
    allPolicies: true,
    policyIds: [],
    scannerId: "",
    issueId: "",
    imagePattern: "*",
    alternateSeverity: "",
    status: "active",
  };
}

export function valuesFromException(exception: ExceptionFieldsFragment): ExceptionFormValues {
  return {
    type: exception.type,
    title: exception.title,
    reason: exception.reason,
    startDay: dayOfStartsAt(exception.startsAt),
    endDay: exception.endsAt ? lastDayOfEndsAt(exception.endsAt) : "",
    allClusters: exception.allClusters,
    clusterIds: [...exception.clusterIds],
    allNamespaces: exception.allNamespaces,
    namespaces: [...exception.namespaces],
    allPolicies: exception.allPolicies,
    policyIds: [...exception.policyIds],
    scannerId: exception.scanner?.id ?? "",
    issueId: exception.issueId ?? "",
    imagePattern: exception.imagePattern,
    alternateSeverity: exception.alternateSeverity ?? "",
    status: exception.status,
  };
}

export type ExceptionFormField = keyof ExceptionFormValues;

/** Problems the form can find before asking the server, by field. */
export function validateException(values: ExceptionFormValues): Partial<Record<ExceptionFormField, string>> {
  const problems: Partial<Record<ExceptionFormField, string>> = {};
  if (!values.title.trim()) problems.title = "Enter a title, e.g. the issue and the image it is for";
  if (!isValidDay(values.startDay)) problems.startDay = "Choose the first day";
  if (values.endDay) {
    if (!isValidDay(values.endDay)) problems.endDay = "Choose a valid day, or leave it empty for no end";
    else if (isValidDay(values.startDay) && !isDayOnOrAfter(values.endDay, values.startDay))
      problems.endDay = "The last day cannot be before the first day";
  }
  if (!values.allClusters && !values.clusterIds.length) problems.clusterIds = "Choose at least one cluster";
  if (!values.allNamespaces && !values.namespaces.length) problems.namespaces = "Add at least one namespace";
  if (!values.allPolicies && !values.policyIds.length) problems.policyIds = "Choose at least one policy";
  if (values.type === "override" && !values.alternateSeverity)
    problems.alternateSeverity = "Choose the severity matching findings count at";
  if (/\s/.test(values.issueId.trim())) problems.issueId = "An issue id has no spaces, e.g. CVE-2024-3094";
  if (/\s/.test(values.imagePattern.trim())) problems.imagePattern = "A pattern has no spaces";
  return problems;
}

/** Server field names (from `extensions.details.field`) mapped to the form's fields. */
export const SERVER_FIELDS: Record<string, ExceptionFormField> = {
  startsAt: "startDay",
  endsAt: "endDay",
};

type Original = { startsAt: string; endsAt: string | null } | null;

/**
 * The input the API takes. A start is 00:00 UTC of its day and an end 00:00 UTC of the day after the
 * last day; an edit whose days are unchanged keeps the exact times already stored.
 */
export function toExceptionInput(values: ExceptionFormValues, original: Original = null): ExceptionInput {
  const keepStart = original && dayOfStartsAt(original.startsAt) === values.startDay;
  const keepEnd =
    original && (original.endsAt ? lastDayOfEndsAt(original.endsAt) === values.endDay : values.endDay === "");
  return {
    type: values.type,
    title: values.title.trim(),
    reason: values.reason.trim(),
    startsAt: keepStart ? original.startsAt : startsAtFromDay(values.startDay),
    endsAt: keepEnd ? original.endsAt : values.endDay ? endsAtFromDay(values.endDay) : null,
    allClusters: values.allClusters,
    clusterIds: values.allClusters ? [] : values.clusterIds,
    allNamespaces: values.allNamespaces,
    namespaces: values.allNamespaces ? [] : values.namespaces,
    allPolicies: values.allPolicies,
    policyIds: values.allPolicies ? [] : values.policyIds,
    scannerId: values.scannerId || null,
    issueId: values.issueId.trim() || null,
    imagePattern: values.imagePattern.trim() || "*",
    alternateSeverity: values.type === "override" && values.alternateSeverity ? values.alternateSeverity : null,
  };
}

export function toUpdateExceptionInput(
  values: ExceptionFormValues,
  original: { startsAt: string; endsAt: string | null },
): UpdateExceptionInput {
  return { ...toExceptionInput(values, original), status: values.status };
}
