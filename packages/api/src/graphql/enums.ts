import { registerEnumType } from "type-graphql";
import {
  AdmissionDecision,
  AdmissionMode,
  ApiKeyScope,
  ContainerKind,
  ExceptionStatus,
  ExceptionType,
  FalcoPriority,
  FalcoRecipients,
  FalcoRuleAction,
  FalcoSummaryFrequency,
  ScanJobReason,
  ScanJobStatus,
  ScannerType,
  ScanStatus,
  Severity,
  StaleSnapshotAction,
  UnscannedImageAction,
  UserRole,
  VerdictStatus,
  WebhookFailurePolicy,
} from "../generated/prisma/enums.js";

registerEnumType(UserRole, {
  name: "UserRole",
  description: "super_admin: everything, including other super admins; admin: manage; read_only: view, request",
});
registerEnumType(ApiKeyScope, {
  name: "ApiKeyScope",
  description: "What an API key may be used for; a key never exceeds its owner's role",
});

export { ApiKeyScope, UserRole };

registerEnumType(Severity, {
  name: "Severity",
  description: "Lowest to highest: negligible (Trivy UNKNOWN), low, medium, high, critical",
});
registerEnumType(ScannerType, { name: "ScannerType" });
registerEnumType(ScanStatus, { name: "ScanStatus" });
registerEnumType(VerdictStatus, { name: "VerdictStatus" });
registerEnumType(ExceptionType, {
  name: "ExceptionType",
  description:
    "policy: matching findings are not counted; override: counted at an alternate severity; gatekeeper: for Gatekeeper constraints",
});
registerEnumType(ExceptionStatus, {
  name: "ExceptionStatus",
  description: "Only active exceptions inside their dates count",
});
registerEnumType(ScanJobStatus, { name: "ScanJobStatus" });
registerEnumType(ScanJobReason, { name: "ScanJobReason" });

export {
  ExceptionStatus,
  ExceptionType,
  ScanJobReason,
  ScanJobStatus,
  ScannerType,
  ScanStatus,
  Severity,
  VerdictStatus,
};

registerEnumType(AdmissionMode, {
  name: "AdmissionMode",
  description: "deny: refuse non-compliant images; warn: admit them with warnings",
});
registerEnumType(UnscannedImageAction, { name: "UnscannedImageAction" });
registerEnumType(StaleSnapshotAction, { name: "StaleSnapshotAction" });
registerEnumType(WebhookFailurePolicy, { name: "WebhookFailurePolicy" });
registerEnumType(ContainerKind, { name: "ContainerKind" });
registerEnumType(AdmissionDecision, {
  name: "AdmissionDecision",
  description: "would_deny: enforcement was off, and the request would have been denied",
});

export {
  AdmissionDecision,
  AdmissionMode,
  ContainerKind,
  StaleSnapshotAction,
  UnscannedImageAction,
  WebhookFailurePolicy,
};

registerEnumType(FalcoPriority, {
  name: "FalcoPriority",
  description:
    "Falco's priorities, highest first: emergency, alert, critical, error, warning, notice, informational, debug",
});
registerEnumType(FalcoRuleAction, {
  name: "FalcoRuleAction",
  description: "ignore: matching events are not stored; silence: they are stored but never emailed",
});
registerEnumType(FalcoRecipients, { name: "FalcoRecipients" });
registerEnumType(FalcoSummaryFrequency, { name: "FalcoSummaryFrequency" });

export { FalcoPriority, FalcoRecipients, FalcoRuleAction, FalcoSummaryFrequency };
