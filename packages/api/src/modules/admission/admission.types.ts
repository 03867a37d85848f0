import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import {
  AdmissionDecision,
  AdmissionMode,
  ContainerKind,
  StaleSnapshotAction,
  UnscannedImageAction,
  VerdictStatus,
  WebhookFailurePolicy,
} from "../../graphql/enums.js";
import { PageInfo } from "../../graphql/pagination.js";
import { DateTime } from "../../graphql/scalars.js";
import { VerdictReason } from "../images/images.types.js";

@ObjectType({ description: "How a cluster's admission webhook decides" })
export class AdmissionSettings {
  @Field(() => Boolean, { description: "Off: everything is admitted and what would have been denied is recorded" })
  enforcementEnabled!: boolean;

  @Field(() => AdmissionMode)
  mode!: AdmissionMode;

  @Field(() => UnscannedImageAction, {
    description: "For images never scanned; a high-priority scan is queued either way",
  })
  unscannedImages!: UnscannedImageAction;

  @Field(() => [String], { description: "Always admitted (the agent's own namespace and kube-system by default)" })
  exemptNamespaces!: string[];

  @Field(() => Int, { description: "A snapshot older than this is stale…" })
  staleSnapshotSeconds!: number;

  @Field(() => StaleSnapshotAction, { description: "…and requests are then decided this way" })
  staleSnapshotAction!: StaleSnapshotAction;

  @Field(() => WebhookFailurePolicy, { description: "What the apiserver does when the webhook cannot answer" })
  failurePolicy!: WebhookFailurePolicy;
}

@InputType()
export class AdmissionSettingsInput {
  @Field(() => Boolean, { nullable: true })
  enforcementEnabled?: boolean;

  @Field(() => AdmissionMode, { nullable: true })
  mode?: AdmissionMode;

  @Field(() => UnscannedImageAction, { nullable: true })
  unscannedImages?: UnscannedImageAction;

  @Field(() => [String], { nullable: true })
  exemptNamespaces?: string[];

  @Field(() => Int, { nullable: true })
  staleSnapshotSeconds?: number;

  @Field(() => StaleSnapshotAction, { nullable: true })
  staleSnapshotAction?: StaleSnapshotAction;

  @Field(() => WebhookFailurePolicy, { nullable: true })
  failurePolicy?: WebhookFailurePolicy;
}

@ObjectType()
export class AdmissionVerdict {
  @Field(() => String, { description: '"" for the cluster as a whole' })
  namespace!: string;

  @Field(() => VerdictStatus)
  status!: VerdictStatus;

  @Field(() => [VerdictReason])
  reasons!: VerdictReason[];
}

@ObjectType()
export class AdmissionImage {
  @Field(() => ID)
  imageId!: string;

  @Field(() => String)
  registry!: string;

  @Field(() => String)
  repository!: string;

  @Field(() => String)
  digest!: string;

  @Field(() => [String])
  tags!: string[];

  @Field(() => [AdmissionVerdict])
  verdicts!: AdmissionVerdict[];
}

@ObjectType()
export class RegistryAliasGroup {
  @Field(() => String)
  hostname!: string;

  @Field(() => [String])
  aliases!: string[];
}

@ObjectType({ description: "What a cluster's webhook decides from, kept locally by the agent" })
export class AdmissionSnapshot {
  @Field(() => ID)
  clusterId!: string;

  @Field(() => String)
  clusterName!: string;

  @Field(() => DateTime)
  generatedAt!: Date;

  @Field(() => AdmissionSettings)
  settings!: AdmissionSettings;

  @Field(() => [RegistryAliasGroup])
  registryAliases!: RegistryAliasGroup[];

  @Field(() => [AdmissionImage])
  images!: AdmissionImage[];
}

@ObjectType()
export class AdmissionChange {
  @Field(() => ID)
  clusterId!: string;

  @Field(() => [ID], { description: "Images whose entries changed; empty = reload the whole snapshot" })
  imageIds!: string[];

  @Field(() => DateTime)
  at!: Date;
}

@ObjectType()
export class AdmissionImageOutcome {
  @Field(() => String)
  container!: string;

  @Field(() => ContainerKind)
  kind!: ContainerKind;

  @Field(() => String)
  reference!: string;

  @Field(() => String, { description: "compliant, non_compliant, unscanned, scan_failed, exempt or invalid" })
  status!: string;
}

@ObjectType({ description: "One admission decision of a cluster's webhook" })
export class AdmissionEvent {
  @Field(() => ID)
  id!: string;

  clusterId!: string;

  @Field(() => DateTime)
  at!: Date;

  @Field(() => String)
  requestUid!: string;

  @Field(() => String)
  operation!: string;

  @Field(() => String, { description: "Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob" })
  kind!: string;

  @Field(() => String)
  namespace!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  userName!: string | null;

  @Field(() => AdmissionDecision)
  decision!: AdmissionDecision;

  @Field(() => Boolean)
  enforced!: boolean;

  @Field(() => AdmissionMode)
  mode!: AdmissionMode;

  @Field(() => String)
  message!: string;

  @Field(() => [AdmissionImageOutcome])
  images!: AdmissionImageOutcome[];
}

@ObjectType()
export class AdmissionEventConnection {
  @Field(() => [AdmissionEvent])
  nodes!: AdmissionEvent[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class AdmissionEventFilter {
  @Field(() => AdmissionDecision, { nullable: true })
  decision?: AdmissionDecision;

  @Field(() => String, { nullable: true })
  namespace?: string;
}

@InputType()
export class AdmissionImageOutcomeInput {
  @Field(() => String)
  container!: string;

  @Field(() => ContainerKind)
  kind!: ContainerKind;

  @Field(() => String)
  reference!: string;

  @Field(() => String)
  status!: string;
}

@InputType()
export class AdmissionEventInput {
  @Field(() => DateTime)
  at!: Date;

  @Field(() => String)
  requestUid!: string;

  @Field(() => String)
  operation!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => String)
  namespace!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  userName?: string | null;

  @Field(() => AdmissionDecision)
  decision!: AdmissionDecision;

  @Field(() => Boolean)
  enforced!: boolean;

  @Field(() => AdmissionMode)
  mode!: AdmissionMode;

  @Field(() => String)
  message!: string;

  @Field(() => [AdmissionImageOutcomeInput])
  images!: AdmissionImageOutcomeInput[];
}
