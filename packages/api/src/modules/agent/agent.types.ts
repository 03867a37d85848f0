import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ContainerKind } from "../../graphql/enums.js";
import { DateTime, JSONScalar } from "../../graphql/scalars.js";
import { AdmissionSettings } from "../admission/admission.types.js";
import { ScanJob } from "../scan-queue/scan-queue.types.js";

@InputType()
export class AgentHeartbeatInput {
  @Field(() => String, { description: "The cluster the agent was configured for; must match the key's binding" })
  cluster!: string;

  @Field(() => String)
  agentVersion!: string;

  @Field(() => String, { nullable: true })
  kubernetesVersion?: string | null;

  @Field(() => String, { description: "run or webhook" })
  mode!: "run" | "webhook";
}

@ObjectType()
export class AgentHeartbeat {
  @Field(() => ID)
  clusterId!: string;

  @Field(() => String)
  clusterName!: string;

  @Field(() => AdmissionSettings)
  settings!: AdmissionSettings;

  @Field(() => DateTime)
  serverTime!: Date;
}

@InputType()
export class InventoryNamespaceInput {
  @Field(() => String)
  uid!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  createdAt?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: "{ key: value }" })
  labels?: Record<string, string>;
}

@InputType()
export class InventoryContainerInput {
  @Field(() => String)
  name!: string;

  @Field(() => ContainerKind)
  kind!: ContainerKind;

  @Field(() => String, { description: "As the pod spec names it" })
  image!: string;

  @Field(() => String, { nullable: true, description: "The kubelet's imageID, when reported" })
  imageID?: string | null;
}

@InputType()
export class InventoryPodInput {
  @Field(() => String)
  uid!: string;

  @Field(() => String)
  namespace!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  phase?: string | null;

  @Field(() => String, { nullable: true })
  nodeName?: string | null;

  @Field(() => String, { nullable: true, description: "The top-level owner: a Deployment rather than its ReplicaSet" })
  ownerKind?: string | null;

  @Field(() => String, { nullable: true })
  ownerName?: string | null;

  @Field(() => String, { nullable: true })
  createdAt?: string | null;

  @Field(() => JSONScalar, { nullable: true })
  labels?: Record<string, string>;

  @Field(() => [InventoryContainerInput])
  containers!: InventoryContainerInput[];
}

@InputType()
export class InventoryReportInput {
  @Field(() => Boolean, { description: "true: this is everything, and what is not listed is removed" })
  full!: boolean;

  @Field(() => [InventoryNamespaceInput], { nullable: true })
  namespaces?: InventoryNamespaceInput[];

  @Field(() => [String], { nullable: true })
  deletedNamespaces?: string[];

  @Field(() => [InventoryPodInput], { nullable: true })
  pods?: InventoryPodInput[];

  @Field(() => [String], { nullable: true, description: "Pod uids" })
  deletedPods?: string[];
}

@ObjectType()
export class InventoryReportResult {
  @Field(() => Int)
  namespaces!: number;

  @Field(() => Int)
  pods!: number;

  @Field(() => Int, { description: "New scan jobs for images never scanned" })
  scansQueued!: number;
}

@InputType()
export class ClaimScanJobsInput {
  @Field(() => String, { description: "Identifies the worker (e.g. pod name)" })
  workerId!: string;

  @Field(() => Int)
  limit!: number;

  @Field(() => Int, { description: "The claim expires after this; the job is then retried" })
  leaseSeconds!: number;
}

@ObjectType({ description: "Pull credentials for one registry, handed to a scan worker with a job" })
export class RegistryCredentials {
  @Field(() => String)
  username!: string;

  @Field(() => String)
  password!: string;
}

@ObjectType()
export class ClaimedScanJob extends ScanJob {
  @Field(() => RegistryCredentials, { nullable: true })
  credentials!: RegistryCredentials | null;
}

@InputType()
export class CompleteScanJobInput {
  @Field(() => ID)
  jobId!: string;

  @Field(() => String)
  workerId!: string;

  @Field(() => JSONScalar, { description: "The output of `trivy image --format json`" })
  report!: unknown;
}

@InputType()
export class FailScanJobInput {
  @Field(() => ID)
  jobId!: string;

  @Field(() => String)
  workerId!: string;

  @Field(() => String, { description: "The scanner's own message" })
  error!: string;
}
