import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ExceptionStatus, ExceptionType, Severity } from "../../graphql/enums.js";
import { DateTime, JSONScalar } from "../../graphql/scalars.js";

@ObjectType({ description: "Permission for findings to break a policy, within a scope and dates" })
export class Exception {
  @Field(() => ID)
  id!: string;

  @Field(() => ExceptionType)
  type!: ExceptionType;

  @Field(() => ExceptionStatus)
  status!: ExceptionStatus;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => DateTime, { description: "In force from (inclusive)" })
  startsAt!: Date;

  @Field(() => DateTime, { nullable: true, description: "In force until (exclusive); null = no end" })
  endsAt!: Date | null;

  @Field(() => Boolean)
  allClusters!: boolean;

  @Field(() => [ID])
  clusterIds!: string[];

  @Field(() => Boolean)
  allNamespaces!: boolean;

  @Field(() => [String])
  namespaces!: string[];

  @Field(() => Boolean)
  allPolicies!: boolean;

  @Field(() => [ID])
  policyIds!: string[];

  scannerId!: string | null;

  @Field(() => String, { nullable: true, description: "A CVE id; null = every issue" })
  issueId!: string | null;

  @Field(() => String, { description: "Glob on registry/repository[:tag]; * = every image" })
  imagePattern!: string;

  @Field(() => Severity, {
    nullable: true,
    description: "Override exceptions: the severity matching findings count at",
  })
  alternateSeverity!: Severity | null;

  @Field(() => Boolean, { description: "Granted automatically for a policy's grace period" })
  temporary!: boolean;

  createdById!: string | null;

  @Field(() => String)
  createdByLabel!: string;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@ObjectType()
export class ExceptionComment {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  authorLabel!: string;

  @Field(() => String)
  body!: string;

  @Field(() => DateTime)
  createdAt!: Date;
}

@ObjectType({ description: "One change in an exception's history" })
export class ExceptionEvent {
  id!: bigint;

  @Field(() => ID, { name: "id" })
  get eventId(): string {
    return String(this.id);
  }

  @Field(() => DateTime)
  at!: Date;

  @Field(() => String, { description: "requested, created, approved, rejected, edited, commented, expired, reminded" })
  action!: string;

  @Field(() => String)
  actorLabel!: string;

  @Field(() => JSONScalar, { nullable: true, description: "For edits: { field: { from, to } }" })
  changes!: unknown;
}

@InputType()
export class ExceptionFilter {
  @Field(() => ExceptionStatus, { nullable: true })
  status?: ExceptionStatus;

  @Field(() => ExceptionType, { nullable: true })
  type?: ExceptionType;

  @Field(() => String, { nullable: true })
  issueId?: string;

  @Field(() => Boolean, { nullable: true })
  temporary?: boolean;

  @Field(() => String, { nullable: true, description: "Matches title, reason, issue id or image pattern" })
  search?: string;
}

@InputType()
export class ExceptionInput {
  @Field(() => ExceptionType, { nullable: true })
  type?: ExceptionType;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  reason?: string;

  @Field(() => DateTime, { nullable: true, description: "Default: now" })
  startsAt?: Date;

  @Field(() => DateTime, { nullable: true })
  endsAt?: Date | null;

  @Field(() => Boolean, { nullable: true })
  allClusters?: boolean;

  @Field(() => [ID], { nullable: true })
  clusterIds?: string[];

  @Field(() => Boolean, { nullable: true })
  allNamespaces?: boolean;

  @Field(() => [String], { nullable: true })
  namespaces?: string[];

  @Field(() => Boolean, { nullable: true })
  allPolicies?: boolean;

  @Field(() => [ID], { nullable: true })
  policyIds?: string[];

  @Field(() => ID, { nullable: true })
  scannerId?: string | null;

  @Field(() => String, { nullable: true })
  issueId?: string | null;

  @Field(() => String, { nullable: true })
  imagePattern?: string;

  @Field(() => Severity, { nullable: true })
  alternateSeverity?: Severity | null;
}

@InputType()
export class UpdateExceptionInput {
  @Field(() => ExceptionType, { nullable: true })
  type?: ExceptionType;

  @Field(() => ExceptionStatus, { nullable: true })
  status?: ExceptionStatus;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => String, { nullable: true })
  reason?: string;

  @Field(() => DateTime, { nullable: true })
  startsAt?: Date;

  @Field(() => DateTime, { nullable: true })
  endsAt?: Date | null;

  @Field(() => Boolean, { nullable: true })
  allClusters?: boolean;

  @Field(() => [ID], { nullable: true })
  clusterIds?: string[];

  @Field(() => Boolean, { nullable: true })
  allNamespaces?: boolean;

  @Field(() => [String], { nullable: true })
  namespaces?: string[];

  @Field(() => Boolean, { nullable: true })
  allPolicies?: boolean;

  @Field(() => [ID], { nullable: true })
  policyIds?: string[];

  @Field(() => ID, { nullable: true })
  scannerId?: string | null;

  @Field(() => String, { nullable: true })
  issueId?: string | null;

  @Field(() => String, { nullable: true })
  imagePattern?: string;

  @Field(() => Severity, { nullable: true })
  alternateSeverity?: Severity | null;
}
