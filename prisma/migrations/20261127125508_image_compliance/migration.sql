-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('negligible', 'low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "ScannerType" AS ENUM ('trivy');

-- CreateEnum
CREATE TYPE "ScanStatus" AS ENUM ('succeeded', 'failed');

-- CreateEnum
CREATE TYPE "VerdictStatus" AS ENUM ('compliant', 'non_compliant', 'unscanned', 'scan_failed');

-- CreateEnum
CREATE TYPE "ExceptionType" AS ENUM ('policy', 'override', 'gatekeeper');

-- CreateEnum
CREATE TYPE "ExceptionStatus" AS ENUM ('active', 'in_review', 'inactive');

-- CreateEnum
CREATE TYPE "ScanJobStatus" AS ENUM ('queued', 'claimed', 'done', 'failed');

-- CreateEnum
CREATE TYPE "ScanJobReason" AS ENUM ('ci', 'admission', 'new_image', 'rescan', 'manual');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('pending', 'sent', 'failed');

-- AlterTable
ALTER TABLE "organisation_settings" ADD COLUMN     "exception_reminder_days" INTEGER NOT NULL DEFAULT 7;

-- CreateTable
CREATE TABLE "registries" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "username" TEXT,
    "password_sealed" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "registries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "images" (
    "id" UUID NOT NULL,
    "registry" TEXT NOT NULL,
    "repository" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_scanned_at" TIMESTAMPTZ(3),
    "latest_scan_id" UUID,

    CONSTRAINT "images_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "image_tags" (
    "registry" TEXT NOT NULL,
    "repository" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "image_id" UUID NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "image_tags_pkey" PRIMARY KEY ("registry","repository","tag")
);

-- CreateTable
CREATE TABLE "cluster_images" (
    "cluster_id" UUID NOT NULL,
    "image_id" UUID NOT NULL,
    "tag" TEXT,
    "running" BOOLEAN NOT NULL DEFAULT false,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cluster_images_pkey" PRIMARY KEY ("cluster_id","image_id")
);

-- CreateTable
CREATE TABLE "scans" (
    "id" UUID NOT NULL,
    "image_id" UUID NOT NULL,
    "scanner" "ScannerType" NOT NULL,
    "status" "ScanStatus" NOT NULL,
    "error" TEXT,
    "raw_report" BYTEA,
    "report_bytes" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "submitted_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vulnerabilities" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "severity" "Severity" NOT NULL,
    "cvss" JSONB,
    "primary_url" TEXT,
    "references" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "published_at" TIMESTAMPTZ(3),
    "last_modified_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "vulnerabilities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "findings" (
    "id" UUID NOT NULL,
    "scan_id" UUID NOT NULL,
    "vulnerability_id" TEXT NOT NULL,
    "package_name" TEXT NOT NULL,
    "installed_version" TEXT NOT NULL,
    "fixed_version" TEXT,
    "severity" "Severity" NOT NULL,
    "fixable" BOOLEAN NOT NULL,
    "target" TEXT NOT NULL DEFAULT '',
    "package_class" TEXT NOT NULL DEFAULT '',
    "package_type" TEXT NOT NULL DEFAULT '',
    "package_path" TEXT,

    CONSTRAINT "findings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policies" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "enforced" BOOLEAN NOT NULL DEFAULT true,
    "all_clusters" BOOLEAN NOT NULL DEFAULT true,
    "rescan_period_days" INTEGER NOT NULL DEFAULT 7,
    "grace_days" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_clusters" (
    "policy_id" UUID NOT NULL,
    "cluster_id" UUID NOT NULL,

    CONSTRAINT "policy_clusters_pkey" PRIMARY KEY ("policy_id","cluster_id")
);

-- CreateTable
CREATE TABLE "scanners" (
    "id" UUID NOT NULL,
    "policy_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" "ScannerType" NOT NULL DEFAULT 'trivy',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "thresholds" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scanners_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exceptions" (
    "id" UUID NOT NULL,
    "type" "ExceptionType" NOT NULL DEFAULT 'policy',
    "status" "ExceptionStatus" NOT NULL,
    "title" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "all_clusters" BOOLEAN NOT NULL DEFAULT true,
    "cluster_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "all_namespaces" BOOLEAN NOT NULL DEFAULT true,
    "namespaces" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "all_policies" BOOLEAN NOT NULL DEFAULT true,
    "policy_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "scanner_id" UUID,
    "issue_id" TEXT,
    "image_pattern" TEXT NOT NULL DEFAULT '*',
    "alternate_severity" "Severity",
    "temporary" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" UUID,
    "created_by_label" TEXT NOT NULL,
    "reminder_sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "exceptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exception_comments" (
    "id" UUID NOT NULL,
    "exception_id" UUID NOT NULL,
    "author_id" UUID,
    "author_label" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exception_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exception_events" (
    "id" BIGSERIAL NOT NULL,
    "exception_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "actor_user_id" UUID,
    "actor_label" TEXT NOT NULL,
    "changes" JSONB,

    CONSTRAINT "exception_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "temporary_exception_grants" (
    "policy_id" UUID NOT NULL,
    "issue_id" TEXT NOT NULL,
    "registry" TEXT NOT NULL,
    "repository" TEXT NOT NULL,
    "exception_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "temporary_exception_grants_pkey" PRIMARY KEY ("policy_id","issue_id","registry","repository")
);

-- CreateTable
CREATE TABLE "verdicts" (
    "image_id" UUID NOT NULL,
    "cluster_id" UUID NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '',
    "status" "VerdictStatus" NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "scan_id" UUID,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verdicts_pkey" PRIMARY KEY ("image_id","cluster_id","namespace")
);

-- CreateTable
CREATE TABLE "scan_jobs" (
    "id" UUID NOT NULL,
    "image_id" UUID,
    "reference" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "scanner" "ScannerType" NOT NULL DEFAULT 'trivy',
    "reason" "ScanJobReason" NOT NULL,
    "priority" INTEGER NOT NULL,
    "status" "ScanJobStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 3,
    "run_after" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_by" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "cluster_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "requested_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "scan_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "to" TEXT[],
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "background_leases" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "background_leases_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "registries_name_key" ON "registries"("name");

-- CreateIndex
CREATE UNIQUE INDEX "registries_hostname_key" ON "registries"("hostname");

-- CreateIndex
CREATE UNIQUE INDEX "images_latest_scan_id_key" ON "images"("latest_scan_id");

-- CreateIndex
CREATE INDEX "images_registry_repository_idx" ON "images"("registry", "repository");

-- CreateIndex
CREATE UNIQUE INDEX "images_registry_repository_digest_key" ON "images"("registry", "repository", "digest");

-- CreateIndex
CREATE INDEX "image_tags_image_id_idx" ON "image_tags"("image_id");

-- CreateIndex
CREATE INDEX "cluster_images_image_id_idx" ON "cluster_images"("image_id");

-- CreateIndex
CREATE INDEX "scans_image_id_scanner_created_at_idx" ON "scans"("image_id", "scanner", "created_at" DESC);

-- CreateIndex
CREATE INDEX "findings_scan_id_idx" ON "findings"("scan_id");

-- CreateIndex
CREATE INDEX "findings_vulnerability_id_idx" ON "findings"("vulnerability_id");

-- CreateIndex
CREATE UNIQUE INDEX "policies_name_key" ON "policies"("name");

-- CreateIndex
CREATE INDEX "policy_clusters_cluster_id_idx" ON "policy_clusters"("cluster_id");

-- CreateIndex
CREATE UNIQUE INDEX "scanners_policy_id_name_key" ON "scanners"("policy_id", "name");

-- CreateIndex
CREATE INDEX "exceptions_status_ends_at_idx" ON "exceptions"("status", "ends_at");

-- CreateIndex
CREATE INDEX "exceptions_issue_id_idx" ON "exceptions"("issue_id");

-- CreateIndex
CREATE INDEX "exception_comments_exception_id_created_at_idx" ON "exception_comments"("exception_id", "created_at");

-- CreateIndex
CREATE INDEX "exception_events_exception_id_at_idx" ON "exception_events"("exception_id", "at");

-- CreateIndex
CREATE INDEX "verdicts_cluster_id_status_idx" ON "verdicts"("cluster_id", "status");

-- CreateIndex
CREATE INDEX "scan_jobs_status_priority_run_after_idx" ON "scan_jobs"("status", "priority" DESC, "run_after");

-- CreateIndex
CREATE INDEX "scan_jobs_dedupe_key_status_idx" ON "scan_jobs"("dedupe_key", "status");

-- CreateIndex
CREATE INDEX "notifications_status_created_at_idx" ON "notifications"("status", "created_at");

-- AddForeignKey
ALTER TABLE "images" ADD CONSTRAINT "images_latest_scan_id_fkey" FOREIGN KEY ("latest_scan_id") REFERENCES "scans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_tags" ADD CONSTRAINT "image_tags_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_images" ADD CONSTRAINT "cluster_images_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_images" ADD CONSTRAINT "cluster_images_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scans" ADD CONSTRAINT "scans_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "findings" ADD CONSTRAINT "findings_scan_id_fkey" FOREIGN KEY ("scan_id") REFERENCES "scans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "findings" ADD CONSTRAINT "findings_vulnerability_id_fkey" FOREIGN KEY ("vulnerability_id") REFERENCES "vulnerabilities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_clusters" ADD CONSTRAINT "policy_clusters_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "policies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_clusters" ADD CONSTRAINT "policy_clusters_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scanners" ADD CONSTRAINT "scanners_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "policies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exception_comments" ADD CONSTRAINT "exception_comments_exception_id_fkey" FOREIGN KEY ("exception_id") REFERENCES "exceptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exception_events" ADD CONSTRAINT "exception_events_exception_id_fkey" FOREIGN KEY ("exception_id") REFERENCES "exceptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_jobs" ADD CONSTRAINT "scan_jobs_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- The default policy: no fixable critical or high finding, on every cluster.
INSERT INTO "policies" ("id", "name", "description", "active", "enforced", "all_clusters", "rescan_period_days", "grace_days", "updated_at")
VALUES ('00000000-0000-4000-8000-000000000001', 'No fixable critical or high',
        'Blocks images with a critical or high vulnerability that has a fixed version available.',
        true, true, true, 7, 0, CURRENT_TIMESTAMP);
INSERT INTO "scanners" ("id", "policy_id", "name", "type", "active", "required", "thresholds", "updated_at")
VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'Trivy', 'trivy', true, true,
        '{"fixable":{"critical":0,"high":0,"medium":null,"low":null,"negligible":null},"unfixable":{"critical":null,"high":null,"medium":null,"low":null,"negligible":null}}',
        CURRENT_TIMESTAMP);
