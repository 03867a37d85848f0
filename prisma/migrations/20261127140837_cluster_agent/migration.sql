-- CreateEnum
CREATE TYPE "AdmissionMode" AS ENUM ('deny', 'warn');

-- CreateEnum
CREATE TYPE "UnscannedImageAction" AS ENUM ('deny', 'allow');

-- CreateEnum
CREATE TYPE "StaleSnapshotAction" AS ENUM ('allow', 'deny');

-- CreateEnum
CREATE TYPE "WebhookFailurePolicy" AS ENUM ('Ignore', 'Fail');

-- CreateEnum
CREATE TYPE "ContainerKind" AS ENUM ('app', 'init', 'ephemeral');

-- CreateEnum
CREATE TYPE "AdmissionDecision" AS ENUM ('allowed', 'denied', 'warned', 'would_deny');

-- AlterTable
ALTER TABLE "clusters" ADD COLUMN     "admission_mode" "AdmissionMode" NOT NULL DEFAULT 'deny',
ADD COLUMN     "agent_first_seen_at" TIMESTAMPTZ(3),
ADD COLUMN     "agent_last_seen_at" TIMESTAMPTZ(3),
ADD COLUMN     "agent_version" TEXT,
ADD COLUMN     "enforcement_enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "exempt_namespaces" TEXT[] DEFAULT ARRAY['bulwark', 'kube-system']::TEXT[],
ADD COLUMN     "kubernetes_version" TEXT,
ADD COLUMN     "stale_snapshot_action" "StaleSnapshotAction" NOT NULL DEFAULT 'allow',
ADD COLUMN     "stale_snapshot_seconds" INTEGER NOT NULL DEFAULT 900,
ADD COLUMN     "unscanned_images" "UnscannedImageAction" NOT NULL DEFAULT 'deny',
ADD COLUMN     "webhook_failure_policy" "WebhookFailurePolicy" NOT NULL DEFAULT 'Ignore';

-- CreateTable
CREATE TABLE "kube_namespaces" (
    "cluster_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3),
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kube_namespaces_pkey" PRIMARY KEY ("cluster_id","name")
);

-- CreateTable
CREATE TABLE "kube_pods" (
    "id" UUID NOT NULL,
    "cluster_id" UUID NOT NULL,
    "uid" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phase" TEXT,
    "node_name" TEXT,
    "owner_kind" TEXT,
    "owner_name" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3),
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kube_pods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kube_containers" (
    "pod_id" UUID NOT NULL,
    "kind" "ContainerKind" NOT NULL,
    "name" TEXT NOT NULL,
    "image_reference" TEXT NOT NULL,
    "canonical_reference" TEXT,
    "image_digest" TEXT,
    "image_id" UUID,

    CONSTRAINT "kube_containers_pkey" PRIMARY KEY ("pod_id","kind","name")
);

-- CreateTable
CREATE TABLE "admission_events" (
    "id" BIGSERIAL NOT NULL,
    "cluster_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "request_uid" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "user_name" TEXT,
    "decision" "AdmissionDecision" NOT NULL,
    "enforced" BOOLEAN NOT NULL,
    "mode" "AdmissionMode" NOT NULL,
    "message" TEXT NOT NULL,
    "images" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "admission_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "kube_pods_cluster_id_namespace_idx" ON "kube_pods"("cluster_id", "namespace");

-- CreateIndex
CREATE UNIQUE INDEX "kube_pods_cluster_id_uid_key" ON "kube_pods"("cluster_id", "uid");

-- CreateIndex
CREATE INDEX "kube_containers_image_id_idx" ON "kube_containers"("image_id");

-- CreateIndex
CREATE INDEX "kube_containers_canonical_reference_idx" ON "kube_containers"("canonical_reference");

-- CreateIndex
CREATE INDEX "admission_events_cluster_id_at_idx" ON "admission_events"("cluster_id", "at" DESC);

-- AddForeignKey
ALTER TABLE "kube_namespaces" ADD CONSTRAINT "kube_namespaces_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kube_pods" ADD CONSTRAINT "kube_pods_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kube_containers" ADD CONSTRAINT "kube_containers_pod_id_fkey" FOREIGN KEY ("pod_id") REFERENCES "kube_pods"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admission_events" ADD CONSTRAINT "admission_events_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;
