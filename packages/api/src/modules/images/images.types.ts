import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ScannerType, ScanStatus, Severity, VerdictStatus } from "../../graphql/enums.js";
import { PageInfo } from "../../graphql/pagination.js";
import { DateTime, JSONScalar } from "../../graphql/scalars.js";

@ObjectType()
export class SeverityCounts {
  @Field(() => Int)
  critical!: number;

  @Field(() => Int)
  high!: number;

  @Field(() => Int)
  medium!: number;

  @Field(() => Int)
  low!: number;

  @Field(() => Int)
  negligible!: number;
}

@ObjectType({ description: "Findings per severity, with and without a fixed version" })
export class FindingCounts {
  @Field(() => SeverityCounts)
  fixable!: SeverityCounts;

  @Field(() => SeverityCounts)
  unfixable!: SeverityCounts;
}

@ObjectType({ description: "What is known about an issue id (the vulnerability catalogue)" })
export class Vulnerability {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Severity)
  severity!: Severity;

  @Field(() => JSONScalar, {
    nullable: true,
    description: "CVSS vectors and scores per source, as the scanner gave them",
  })
  cvss!: unknown;

  @Field(() => String, { nullable: true })
  primaryUrl!: string | null;

  @Field(() => [String])
  references!: string[];

  @Field(() => DateTime, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  lastModifiedAt!: Date | null;
}

@ObjectType({ description: "One vulnerability in one package of a scan" })
export class Finding {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "CVE-…, GHSA-…" })
  issueId!: string;

  @Field(() => String)
  packageName!: string;

  @Field(() => String)
  installedVersion!: string;

  @Field(() => String, { nullable: true })
  fixedVersion!: string | null;

  @Field(() => Severity)
  severity!: Severity;

  @Field(() => Boolean, { description: "A fixed version is available" })
  fixable!: boolean;

  @Field(() => String)
  target!: string;

  @Field(() => String, { description: "os-pkgs or lang-pkgs" })
  packageClass!: string;

  @Field(() => String, { description: "e.g. debian, alpine, npm, jar" })
  packageType!: string;

  @Field(() => String, { nullable: true })
  packagePath!: string | null;

  @Field(() => Vulnerability)
  vulnerability!: Vulnerability;
}

@ObjectType({ description: "One run of one scanner on one image" })
export class Scan {
  @Field(() => ID)
  id!: string;

  imageId!: string;

  @Field(() => ScannerType)
  scanner!: ScannerType;

  @Field(() => ScanStatus)
  status!: ScanStatus;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int, { description: "Size of the report as received" })
  reportBytes!: number;

  summary!: unknown;

  @Field(() => String)
  submittedBy!: string;

  @Field(() => DateTime)
  createdAt!: Date;
}

@ObjectType({ description: "A threshold that did not hold" })
export class VerdictReason {
  @Field(() => ID)
  policyId!: string;

  @Field(() => String)
  policyName!: string;

  @Field(() => ID)
  scannerId!: string;

  @Field(() => String)
  scannerName!: string;

  @Field(() => Severity)
  severity!: Severity;

  @Field(() => Boolean)
  fixable!: boolean;

  @Field(() => Int)
  count!: number;

  @Field(() => Int)
  limit!: number;

  @Field(() => [String])
  issueIds!: string[];

  @Field(() => Boolean, { description: "False for advisory policies and non-required scanners" })
  blocking!: boolean;
}

@ObjectType({ description: "Whether an image complies with the policies of a cluster, and why not" })
export class ImageVerdict {
  imageId!: string;

  clusterId!: string;

  @Field(() => VerdictStatus)
  status!: VerdictStatus;

  @Field(() => [VerdictReason])
  reasons!: VerdictReason[];

  @Field(() => DateTime)
  computedAt!: Date;
}

@ObjectType({ description: "registry + repository + digest: scanned once, shared by every cluster that runs it" })
export class Image {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  registry!: string;

  @Field(() => String)
  repository!: string;

  @Field(() => String)
  digest!: string;

  latestScanId!: string | null;

  @Field(() => DateTime, { nullable: true })
  lastScannedAt!: Date | null;

  @Field(() => DateTime)
  createdAt!: Date;
}

@ObjectType({ description: "An image as known to one cluster" })
export class ClusterImage {
  clusterId!: string;

  imageId!: string;

  @Field(() => String, { nullable: true, description: "The tag it was last referred to by here" })
  tag!: string | null;

  @Field(() => Boolean)
  running!: boolean;

  @Field(() => DateTime)
  firstSeenAt!: Date;

  @Field(() => DateTime)
  lastSeenAt!: Date;

  summary!: unknown;
}

@ObjectType()
export class ImageConnection {
  @Field(() => [ClusterImage])
  nodes!: ClusterImage[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class ImageFilter {
  @Field(() => ID, { nullable: true })
  clusterId?: string;

  @Field(() => VerdictStatus, { nullable: true })
  verdict?: VerdictStatus;

  @Field(() => Severity, { nullable: true, description: "Has at least one finding of this severity" })
  severity?: Severity;

  @Field(() => Boolean, { nullable: true, description: "Has a finding that is (or is not) fixable" })
  fixable?: boolean;

  @Field(() => String, { nullable: true, description: "Has this issue id" })
  issueId?: string;

  @Field(() => Boolean, { nullable: true })
  running?: boolean;

  @Field(() => String, { nullable: true, description: "Run by a pod in this namespace (from the agent's inventory)" })
  namespace?: string;

  @Field(() => String, { nullable: true, description: "Matches registry/repository:tag or digest" })
  search?: string;
}

@ObjectType()
export class ScannerEvaluation {
  @Field(() => ID)
  scannerId!: string;

  @Field(() => String)
  scannerName!: string;

  @Field(() => Boolean)
  required!: boolean;

  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => FindingCounts, { description: "Counted findings after exceptions" })
  counts!: FindingCounts;
}

@ObjectType()
export class PolicyEvaluation {
  @Field(() => ID)
  policyId!: string;

  @Field(() => String)
  policyName!: string;

  @Field(() => Boolean)
  enforced!: boolean;

  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => [ScannerEvaluation])
  scanners!: ScannerEvaluation[];
}

@ObjectType({ description: "How one finding was treated under one policy's scanner" })
export class FindingTreatment {
  @Field(() => ID)
  findingId!: string;

  @Field(() => ID)
  policyId!: string;

  @Field(() => ID)
  scannerId!: string;

  @Field(() => Severity, {
    nullable: true,
    description: "The severity it was counted at; null when an exception excluded it",
  })
  countedSeverity!: Severity | null;

  excludedBy!: string | null;

  overriddenBy!: string | null;
}

@ObjectType({ description: "The verdict computed now, with every policy and finding explained" })
export class ComplianceExplanation {
  @Field(() => VerdictStatus)
  status!: VerdictStatus;

  @Field(() => [VerdictReason])
  reasons!: VerdictReason[];

  @Field(() => [PolicyEvaluation])
  policies!: PolicyEvaluation[];

  @Field(() => [FindingTreatment])
  findings!: FindingTreatment[];
}

@InputType()
export class SubmitTrivyReportInput {
  @Field(() => String, { description: "The cluster's name" })
  cluster!: string;

  @Field(() => String, { description: "The image reference scanned, e.g. nginx:1.25 or ghcr.io/org/app@sha256:…" })
  image!: string;

  @Field(() => JSONScalar, { description: "The output of `trivy image --format json`" })
  report!: unknown;
}

@ObjectType()
export class ScanSubmission {
  @Field(() => Image)
  image!: Image;

  @Field(() => Scan)
  scan!: Scan;

  clusterId!: string;

  @Field(() => ComplianceExplanation, {
    description: "The image's verdict in the cluster the report was submitted for",
  })
  verdict!: ComplianceExplanation;
}

@ObjectType()
export class VerdictCounts {
  @Field(() => Int)
  compliant!: number;

  @Field(() => Int)
  nonCompliant!: number;

  @Field(() => Int)
  unscanned!: number;

  @Field(() => Int)
  scanFailed!: number;
}

@ObjectType()
export class SeverityBucket {
  @Field(() => Severity)
  severity!: Severity;

  @Field(() => Boolean)
  fixable!: boolean;

  @Field(() => Int, { description: "Images with at least one such finding" })
  images!: number;

  @Field(() => Int)
  findings!: number;
}

@ObjectType({ description: "A cluster's images by verdict and by severity, for charts" })
export class ComplianceSummary {
  clusterId!: string;

  @Field(() => Int)
  total!: number;

  @Field(() => VerdictCounts)
  byVerdict!: VerdictCounts;

  @Field(() => [SeverityBucket])
  bySeverity!: SeverityBucket[];
}

@ObjectType()
export class VerdictChange {
  @Field(() => ID)
  imageId!: string;

  @Field(() => ID)
  clusterId!: string;

  @Field(() => VerdictStatus)
  status!: VerdictStatus;

  @Field(() => VerdictStatus, { nullable: true })
  previousStatus!: VerdictStatus | null;

  @Field(() => ID, {
    nullable: true,
    description: "The scan the verdict was computed from; a new one means new findings",
  })
  scanId!: string | null;

  @Field(() => DateTime)
  computedAt!: Date;
}
