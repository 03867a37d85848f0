import { Field, ID, Int, ObjectType } from "type-graphql";
import { ScanJobReason, ScanJobStatus, ScannerType } from "../../graphql/enums.js";
import { DateTime } from "../../graphql/scalars.js";

@ObjectType({ description: "A durable scan job: queued → claimed → done or failed" })
export class ScanJob {
  @Field(() => ID)
  id!: string;

  imageId!: string | null;

  @Field(() => String, { description: "What to scan: registry/repository@digest (or :tag)" })
  reference!: string;

  @Field(() => ScannerType)
  scanner!: ScannerType;

  @Field(() => ScanJobReason)
  reason!: ScanJobReason;

  @Field(() => Int, { description: "Higher runs first" })
  priority!: number;

  @Field(() => ScanJobStatus)
  status!: ScanJobStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int)
  maxAttempts!: number;

  @Field(() => DateTime)
  runAfter!: Date;

  @Field(() => String, { nullable: true })
  claimedBy!: string | null;

  @Field(() => DateTime, { nullable: true })
  leaseUntil!: Date | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => String)
  requestedBy!: string;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime)
  updatedAt!: Date;

  @Field(() => DateTime, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType()
export class ScanQueueCounts {
  @Field(() => Int)
  queued!: number;

  @Field(() => Int)
  claimed!: number;

  @Field(() => Int)
  done!: number;

  @Field(() => Int)
  failed!: number;
}
