-- CreateEnum
CREATE TYPE "FalcoPriority" AS ENUM ('emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug');

-- CreateEnum
CREATE TYPE "FalcoRuleAction" AS ENUM ('ignore', 'silence');

-- CreateEnum
CREATE TYPE "FalcoRecipients" AS ENUM ('all_admins', 'addresses');

-- CreateEnum
CREATE TYPE "FalcoSummaryFrequency" AS ENUM ('none', 'daily', 'weekly');

-- CreateTable
CREATE TABLE "falco_events" (
    "id" UUID NOT NULL,
    "cluster_id" UUID NOT NULL,
    "uuid" TEXT,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "priority" "FalcoPriority" NOT NULL,
    "rule" TEXT NOT NULL,
    "source" TEXT,
    "output" TEXT NOT NULL,
    "hostname" TEXT,
    "namespace" TEXT,
    "pod" TEXT,
    "container" TEXT,
    "image" TEXT,
    "process" TEXT,
    "command_line" TEXT,
    "user_name" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "signature" TEXT NOT NULL,
    "anomaly" BOOLEAN NOT NULL DEFAULT false,
    "silenced" BOOLEAN NOT NULL DEFAULT false,
    "output_fields" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "falco_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "falco_signatures" (
    "signature" TEXT NOT NULL,
    "cluster_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "namespace" TEXT,
    "image" TEXT,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_notified_at" TIMESTAMPTZ(3),

    CONSTRAINT "falco_signatures_pkey" PRIMARY KEY ("signature")
);

-- CreateTable
CREATE TABLE "falco_rules" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "action" "FalcoRuleAction" NOT NULL,
    "rule_pattern" TEXT,
    "image_pattern" TEXT,
    "namespaces" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cluster_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "ends_at" TIMESTAMPTZ(3),
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "falco_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "falco_settings" (
    "cluster_id" UUID NOT NULL,
    "minimum_priority" "FalcoPriority" NOT NULL DEFAULT 'debug',
    "retention_days" INTEGER NOT NULL DEFAULT 30,
    "anomaly_window_days" INTEGER NOT NULL DEFAULT 7,
    "notify_anomalies" BOOLEAN NOT NULL DEFAULT false,
    "notify_min_priority" "FalcoPriority" NOT NULL DEFAULT 'error',
    "recipients" "FalcoRecipients" NOT NULL DEFAULT 'all_admins',
    "addresses" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "summary" "FalcoSummaryFrequency" NOT NULL DEFAULT 'none',
    "last_summary_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "falco_settings_pkey" PRIMARY KEY ("cluster_id")
);

-- CreateIndex
CREATE INDEX "falco_events_cluster_id_time_id_idx" ON "falco_events"("cluster_id", "time" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "falco_events_time_id_idx" ON "falco_events"("time" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "falco_events_cluster_id_priority_time_idx" ON "falco_events"("cluster_id", "priority", "time");

-- CreateIndex
CREATE INDEX "falco_events_cluster_id_rule_idx" ON "falco_events"("cluster_id", "rule");

-- CreateIndex
CREATE INDEX "falco_events_signature_time_idx" ON "falco_events"("signature", "time");

-- CreateIndex
CREATE INDEX "falco_events_cluster_id_namespace_idx" ON "falco_events"("cluster_id", "namespace");

-- CreateIndex
CREATE INDEX "falco_events_cluster_id_image_idx" ON "falco_events"("cluster_id", "image");

-- CreateIndex
CREATE INDEX "falco_signatures_cluster_id_last_seen_at_idx" ON "falco_signatures"("cluster_id", "last_seen_at");

-- CreateIndex
CREATE UNIQUE INDEX "falco_rules_name_key" ON "falco_rules"("name");

-- AddForeignKey
ALTER TABLE "falco_events" ADD CONSTRAINT "falco_events_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "falco_signatures" ADD CONSTRAINT "falco_signatures_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "falco_settings" ADD CONSTRAINT "falco_settings_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The built-in rule: alerts from the agent's own namespace and kube-system are stored but never emailed.
INSERT INTO "falco_rules" ("id", "name", "action", "namespaces", "cluster_ids", "built_in", "created_by", "updated_at")
VALUES ('00000000-0000-4000-8000-00000000fa1c', 'Agent and system namespaces', 'silence', ARRAY['bulwark', 'kube-system']::TEXT[], ARRAY[]::UUID[], true, 'system', CURRENT_TIMESTAMP);
