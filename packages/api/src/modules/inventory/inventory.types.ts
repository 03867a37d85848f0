import { Field, ID, Int, ObjectType } from "type-graphql";
import { ContainerKind } from "../../graphql/enums.js";
import { PageInfo } from "../../graphql/pagination.js";
import { DateTime, JSONScalar } from "../../graphql/scalars.js";

@ObjectType()
export class KubeNamespace {
  clusterId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  uid!: string;

  @Field(() => JSONScalar)
  labels!: unknown;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => DateTime)
  lastSeenAt!: Date;

  @Field(() => Int)
  podCount!: number;
}

@ObjectType({ description: "A container of a pod and the image it runs" })
export class KubeContainer {
  clusterId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ContainerKind)
  kind!: ContainerKind;

  @Field(() => String, { description: "As the pod spec names it" })
  imageReference!: string;

  @Field(() => String, { nullable: true })
  canonicalReference!: string | null;

  imageId!: string | null;
}

@ObjectType()
export class KubePod {
  @Field(() => ID)
  id!: string;

  clusterId!: string;

  @Field(() => String)
  uid!: string;

  @Field(() => String)
  namespace!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  phase!: string | null;

  @Field(() => String, { nullable: true })
  nodeName!: string | null;

  @Field(() => String, { nullable: true, description: "The top-level workload kind, e.g. Deployment" })
  ownerKind!: string | null;

  @Field(() => String, { nullable: true })
  ownerName!: string | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => DateTime)
  lastSeenAt!: Date;

  @Field(() => [KubeContainer])
  containers!: KubeContainer[];
}

@ObjectType()
export class KubePodConnection {
  @Field(() => [KubePod])
  nodes!: KubePod[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
