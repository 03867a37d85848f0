import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ScannerType } from "../../graphql/enums.js";
import { DateTime } from "../../graphql/scalars.js";

@ObjectType({ description: "Max counts per severity; null = no limit. A threshold holds when count ≤ limit." })
export class SeverityLimits {
  @Field(() => Int, { nullable: true })
  critical!: number | null;

  @Field(() => Int, { nullable: true })
  high!: number | null;

  @Field(() => Int, { nullable: true })
  medium!: number | null;

  @Field(() => Int, { nullable: true })
  low!: number | null;

  @Field(() => Int, { nullable: true })
  negligible!: number | null;
}

@ObjectType()
export class Thresholds {
  @Field(() => SeverityLimits, { description: "Findings with a fixed version available" })
  fixable!: SeverityLimits;

  @Field(() => SeverityLimits, { description: "Findings with no fixed version" })
  unfixable!: SeverityLimits;
}

@InputType()
export class SeverityLimitsInput {
  @Field(() => Int, { nullable: true })
  critical?: number | null;

  @Field(() => Int, { nullable: true })
  high?: number | null;

  @Field(() => Int, { nullable: true })
  medium?: number | null;

  @Field(() => Int, { nullable: true })
  low?: number | null;

  @Field(() => Int, { nullable: true })
  negligible?: number | null;
}

@InputType()
export class ThresholdsInput {
  @Field(() => SeverityLimitsInput, { nullable: true })
  fixable?: SeverityLimitsInput;

  @Field(() => SeverityLimitsInput, { nullable: true })
  unfixable?: SeverityLimitsInput;
}

@ObjectType()
export class Scanner {
  @Field(() => ID)
  id!: string;

  policyId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ScannerType)
  type!: ScannerType;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Boolean, { description: "An enforced policy fails when a required scanner fails" })
  required!: boolean;

  thresholds!: unknown;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@ObjectType()
export class Policy {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Boolean, { description: "A non-enforced policy is reported but never blocks" })
  enforced!: boolean;

  @Field(() => Boolean)
  allClusters!: boolean;

  clusters!: Array<{ clusterId: string }>;

  @Field(() => Int)
  rescanPeriodDays!: number;

  @Field(() => Int, { description: "Temporary-exception grace days; 0 = none" })
  graceDays!: number;

  @Field(() => [Scanner])
  scanners!: Scanner[];

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@InputType()
export class ScannerInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => ScannerType, { nullable: true })
  type?: ScannerType;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;

  @Field(() => Boolean, { nullable: true })
  required?: boolean;

  @Field(() => ThresholdsInput)
  thresholds!: ThresholdsInput;
}

@InputType()
export class UpdateScannerInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;

  @Field(() => Boolean, { nullable: true })
  required?: boolean;

  @Field(() => ThresholdsInput, { nullable: true })
  thresholds?: ThresholdsInput;
}

@InputType()
export class CreatePolicyInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;

  @Field(() => Boolean, { nullable: true })
  enforced?: boolean;

  @Field(() => Boolean, { nullable: true })
  allClusters?: boolean;

  @Field(() => [ID], { nullable: true })
  clusterIds?: string[];

  @Field(() => Int, { nullable: true })
  rescanPeriodDays?: number;

  @Field(() => Int, { nullable: true })
  graceDays?: number;

  @Field(() => [ScannerInput], { nullable: true })
  scanners?: ScannerInput[];
}

@InputType()
export class UpdatePolicyInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;

  @Field(() => Boolean, { nullable: true })
  enforced?: boolean;

  @Field(() => Boolean, { nullable: true })
  allClusters?: boolean;

  @Field(() => [ID], { nullable: true })
  clusterIds?: string[];

  @Field(() => Int, { nullable: true })
  rescanPeriodDays?: number;

  @Field(() => Int, { nullable: true })
  graceDays?: number;
}
