/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AdmissionSettingsFields on AdmissionSettings {\n    enforcementEnabled\n    mode\n    unscannedImages\n    exemptNamespaces\n    staleSnapshotSeconds\n    staleSnapshotAction\n    failurePolicy\n  }\n": typeof types.AdmissionSettingsFieldsFragmentDoc,
    "\n  query ClusterAdmissionSettings($id: ID!) {\n    cluster(id: $id) {\n      id\n      name\n      admissionSettings {\n        ...AdmissionSettingsFields\n      }\n    }\n  }\n": typeof types.ClusterAdmissionSettingsDocument,
    "\n  mutation UpdateClusterAdmissionSettings($clusterId: ID!, $input: AdmissionSettingsInput!) {\n    updateClusterAdmissionSettings(clusterId: $clusterId, input: $input) {\n      id\n      name\n      admissionSettings {\n        ...AdmissionSettingsFields\n      }\n    }\n  }\n": typeof types.UpdateClusterAdmissionSettingsDocument,
    "\n  fragment AdmissionEventFields on AdmissionEvent {\n    id\n    at\n    requestUid\n    operation\n    kind\n    namespace\n    name\n    userName\n    decision\n    enforced\n    mode\n    message\n    images {\n      container\n      kind\n      reference\n      status\n    }\n  }\n": typeof types.AdmissionEventFieldsFragmentDoc,
    "\n  query AdmissionEvents($clusterId: ID!, $filter: AdmissionEventFilter, $first: Int!, $after: String) {\n    cluster(id: $clusterId) {\n      id\n      admissionEvents(filter: $filter, first: $first, after: $after) {\n        nodes {\n          ...AdmissionEventFields\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n": typeof types.AdmissionEventsDocument,
    "\n  subscription AdmissionEventAdded($clusterId: ID!) {\n    admissionEventAdded(clusterId: $clusterId) {\n      ...AdmissionEventFields\n    }\n  }\n": typeof types.AdmissionEventAddedDocument,
    "\n  query ClusterAgentStatus($id: ID!) {\n    cluster(id: $id) {\n      id\n      name\n      agentStatus\n      agentLastSeenAt\n      agentVersion\n      kubernetesVersion\n    }\n  }\n": typeof types.ClusterAgentStatusDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    status\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdAt\n    cluster {\n      id\n      name\n    }\n    owner {\n      id\n      email\n      name\n    }\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys($all: Boolean!) {\n    apiKeys(all: $all) {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  query ApiKeyClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n": typeof types.ApiKeyClusterOptionsDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actorLabel\n    actorUserId\n    actorApiKeyId\n    entityType\n    entityId\n    outcome\n    sourceIp\n    userAgent\n    before\n    after\n  }\n": typeof types.AuditEntryFieldsFragmentDoc,
    "\n  query AuditEntries($filter: AuditFilter, $first: Int!, $after: String) {\n    auditEntries(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AuditEntryFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AuditEntriesDocument,
    "\n  subscription AuditEntryAdded($filter: AuditFilter) {\n    auditEntryAdded(filter: $filter) {\n      ...AuditEntryFields\n    }\n  }\n": typeof types.AuditEntryAddedDocument,
    "\n  query Viewer {\n    me {\n      authMethod\n      permissions\n      scopes\n      user {\n        id\n        email\n        name\n        role\n        active\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query SiteInfo {\n    siteInfo {\n      siteName\n    }\n  }\n": typeof types.SiteInfoDocument,
    "\n  fragment ClusterGroupFields on ClusterGroup {\n    id\n    name\n    description\n    clusterCount\n    createdAt\n    updatedAt\n  }\n": typeof types.ClusterGroupFieldsFragmentDoc,
    "\n  fragment ClusterFields on Cluster {\n    id\n    name\n    description\n    tags\n    createdAt\n    updatedAt\n    group {\n      id\n      name\n    }\n    agentStatus\n    agentLastSeenAt\n    agentVersion\n    kubernetesVersion\n  }\n": typeof types.ClusterFieldsFragmentDoc,
    "\n  query Clusters($filter: ClusterFilter) {\n    clusters(filter: $filter) {\n      ...ClusterFields\n    }\n  }\n": typeof types.ClustersDocument,
    "\n  query Cluster($id: ID!) {\n    cluster(id: $id) {\n      ...ClusterFields\n    }\n  }\n": typeof types.ClusterDocument,
    "\n  query ClusterGroups {\n    clusterGroups {\n      ...ClusterGroupFields\n    }\n  }\n": typeof types.ClusterGroupsDocument,
    "\n  mutation CreateCluster($input: CreateClusterInput!) {\n    createCluster(input: $input) {\n      ...ClusterFields\n    }\n  }\n": typeof types.CreateClusterDocument,
    "\n  mutation UpdateCluster($id: ID!, $input: UpdateClusterInput!) {\n    updateCluster(id: $id, input: $input) {\n      ...ClusterFields\n    }\n  }\n": typeof types.UpdateClusterDocument,
    "\n  mutation DeleteCluster($id: ID!) {\n    deleteCluster(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.DeleteClusterDocument,
    "\n  mutation CreateClusterGroup($input: ClusterGroupInput!) {\n    createClusterGroup(input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n": typeof types.CreateClusterGroupDocument,
    "\n  mutation UpdateClusterGroup($id: ID!, $input: UpdateClusterGroupInput!) {\n    updateClusterGroup(id: $id, input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n": typeof types.UpdateClusterGroupDocument,
    "\n  mutation DeleteClusterGroup($id: ID!) {\n    deleteClusterGroup(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.DeleteClusterGroupDocument,
    "\n  query ClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n": typeof types.ClusterOptionsDocument,
    "\n  query ComplianceSummary($clusterId: ID!) {\n    complianceSummary(clusterId: $clusterId) {\n      total\n      byVerdict {\n        compliant\n        nonCompliant\n        unscanned\n        scanFailed\n      }\n      bySeverity {\n        severity\n        fixable\n        images\n        findings\n      }\n    }\n  }\n": typeof types.ComplianceSummaryDocument,
    "\n  fragment ExceptionListFields on Exception {\n    id\n    type\n    status\n    title\n    temporary\n    issueId\n    imagePattern\n    startsAt\n    endsAt\n    allClusters\n    clusterIds\n    allNamespaces\n    namespaces\n    allPolicies\n    policyIds\n    alternateSeverity\n    createdByLabel\n    createdAt\n    updatedAt\n  }\n": typeof types.ExceptionListFieldsFragmentDoc,
    "\n  fragment ExceptionFields on Exception {\n    ...ExceptionListFields\n    reason\n    clusters {\n      id\n      name\n    }\n    policies {\n      id\n      name\n    }\n    scanner {\n      id\n      name\n    }\n  }\n": typeof types.ExceptionFieldsFragmentDoc,
    "\n  query Exceptions($filter: ExceptionFilter) {\n    exceptions(filter: $filter) {\n      ...ExceptionListFields\n    }\n  }\n": typeof types.ExceptionsDocument,
    "\n  query Exception($id: ID!) {\n    exception(id: $id) {\n      ...ExceptionFields\n      comments {\n        id\n        authorLabel\n        body\n        createdAt\n      }\n      history {\n        id\n        action\n        actorLabel\n        at\n        changes\n      }\n    }\n  }\n": typeof types.ExceptionDocument,
    "\n  query ExceptionScopeOptions {\n    clusters {\n      id\n      name\n    }\n    policies {\n      id\n      name\n      scanners {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ExceptionScopeOptionsDocument,
    "\n  mutation RequestException($input: ExceptionInput!) {\n    requestException(input: $input) {\n      ...ExceptionFields\n    }\n  }\n": typeof types.RequestExceptionDocument,
    "\n  mutation CreateException($input: ExceptionInput!) {\n    createException(input: $input) {\n      ...ExceptionFields\n    }\n  }\n": typeof types.CreateExceptionDocument,
    "\n  mutation UpdateException($id: ID!, $input: UpdateExceptionInput!) {\n    updateException(id: $id, input: $input) {\n      ...ExceptionFields\n    }\n  }\n": typeof types.UpdateExceptionDocument,
    "\n  mutation ApproveException($id: ID!, $comment: String) {\n    approveException(id: $id, comment: $comment) {\n      ...ExceptionFields\n    }\n  }\n": typeof types.ApproveExceptionDocument,
    "\n  mutation RejectException($id: ID!, $comment: String) {\n    rejectException(id: $id, comment: $comment) {\n      ...ExceptionFields\n    }\n  }\n": typeof types.RejectExceptionDocument,
    "\n  mutation DeleteException($id: ID!) {\n    deleteException(id: $id) {\n      id\n      title\n    }\n  }\n": typeof types.DeleteExceptionDocument,
    "\n  mutation CommentOnException($id: ID!, $body: String!) {\n    commentOnException(id: $id, body: $body) {\n      id\n      authorLabel\n      body\n      createdAt\n    }\n  }\n": typeof types.CommentOnExceptionDocument,
    "\n  fragment FalcoEventFields on FalcoEvent {\n    id\n    clusterId\n    clusterName\n    time\n    receivedAt\n    priority\n    rule\n    source\n    output\n    hostname\n    namespace\n    pod\n    container\n    image\n    process\n    commandLine\n    user\n    tags\n    signature\n    anomaly\n    silenced\n    cursor\n  }\n": typeof types.FalcoEventFieldsFragmentDoc,
    "\n  query FalcoEvents($filter: FalcoEventFilter, $first: Int!, $after: String) {\n    falcoEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...FalcoEventFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.FalcoEventsDocument,
    "\n  subscription FalcoEventAdded($filter: FalcoEventFilter) {\n    falcoEventAdded(filter: $filter) {\n      ...FalcoEventFields\n    }\n  }\n": typeof types.FalcoEventAddedDocument,
    "\n  query FalcoEvent($id: ID!) {\n    falcoEvent(id: $id) {\n      ...FalcoEventFields\n      uuid\n      outputFields\n    }\n  }\n": typeof types.FalcoEventDocument,
    "\n  query FalcoSignatureDays($signature: String!, $days: Int!) {\n    falcoSignatureDays(signature: $signature, days: $days) {\n      day\n      count\n    }\n  }\n": typeof types.FalcoSignatureDaysDocument,
    "\n  query FalcoRelatedEvents($id: ID!, $first: Int!) {\n    falcoRelatedEvents(id: $id, first: $first) {\n      ...FalcoEventFields\n    }\n  }\n": typeof types.FalcoRelatedEventsDocument,
    "\n  query FalcoPriorityTimeline($clusterId: ID!, $since: DateTimeISO!, $until: DateTimeISO, $bucketMinutes: Int!) {\n    falcoPriorityTimeline(clusterId: $clusterId, since: $since, until: $until, bucketMinutes: $bucketMinutes) {\n      bucketStart\n      priority\n      count\n    }\n  }\n": typeof types.FalcoPriorityTimelineDocument,
    "\n  query FalcoClusterSummary($clusterId: ID!, $since: DateTimeISO!) {\n    falcoPriorityTimeline(clusterId: $clusterId, since: $since, bucketMinutes: 60) {\n      bucketStart\n      priority\n      count\n    }\n    falcoEvents(filter: { clusterId: $clusterId }, first: 1) {\n      nodes {\n        id\n        time\n        priority\n        rule\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.FalcoClusterSummaryDocument,
    "\n  query FalcoEventsCsv($filter: FalcoEventFilter) {\n    falcoEventsCsv(filter: $filter)\n  }\n": typeof types.FalcoEventsCsvDocument,
    "\n  fragment FalcoRuleFields on FalcoRule {\n    id\n    name\n    action\n    rulePattern\n    imagePattern\n    namespaces\n    clusterIds\n    endsAt\n    builtIn\n    active\n    createdBy\n    createdAt\n    updatedAt\n  }\n": typeof types.FalcoRuleFieldsFragmentDoc,
    "\n  query FalcoRules {\n    falcoRules {\n      ...FalcoRuleFields\n    }\n  }\n": typeof types.FalcoRulesDocument,
    "\n  mutation CreateFalcoRule($input: FalcoRuleInput!) {\n    createFalcoRule(input: $input) {\n      ...FalcoRuleFields\n    }\n  }\n": typeof types.CreateFalcoRuleDocument,
    "\n  mutation UpdateFalcoRule($id: ID!, $input: FalcoRuleInput!) {\n    updateFalcoRule(id: $id, input: $input) {\n      ...FalcoRuleFields\n    }\n  }\n": typeof types.UpdateFalcoRuleDocument,
    "\n  mutation DeleteFalcoRule($id: ID!) {\n    deleteFalcoRule(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.DeleteFalcoRuleDocument,
    "\n  fragment FalcoSettingsFields on FalcoSettings {\n    clusterId\n    minimumPriority\n    retentionDays\n    anomalyWindowDays\n    notifyAnomalies\n    notifyMinPriority\n    recipients\n    addresses\n    summary\n    lastSummaryAt\n  }\n": typeof types.FalcoSettingsFieldsFragmentDoc,
    "\n  query FalcoSettings($clusterId: ID!) {\n    falcoSettings(clusterId: $clusterId) {\n      ...FalcoSettingsFields\n    }\n  }\n": typeof types.FalcoSettingsDocument,
    "\n  mutation UpdateFalcoSettings($clusterId: ID!, $input: FalcoSettingsInput!) {\n    updateFalcoSettings(clusterId: $clusterId, input: $input) {\n      ...FalcoSettingsFields\n    }\n  }\n": typeof types.UpdateFalcoSettingsDocument,
    "\n  fragment VerdictReasonFields on VerdictReason {\n    policyId\n    policyName\n    scannerId\n    scannerName\n    severity\n    fixable\n    count\n    limit\n    issueIds\n    blocking\n  }\n": typeof types.VerdictReasonFieldsFragmentDoc,
    "\n  fragment ClusterImageFields on ClusterImage {\n    tag\n    running\n    firstSeenAt\n    lastSeenAt\n    cluster {\n      id\n      name\n    }\n    image {\n      id\n      name\n      reference\n      registry\n      repository\n      digest\n      lastScannedAt\n    }\n    verdict {\n      status\n      computedAt\n      reasons {\n        ...VerdictReasonFields\n      }\n    }\n    counts {\n      fixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n      unfixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n    }\n  }\n": typeof types.ClusterImageFieldsFragmentDoc,
    "\n  query Images($filter: ImageFilter, $first: Int!, $after: String) {\n    images(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...ClusterImageFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ImagesDocument,
    "\n  query ImagesCsv($filter: ImageFilter) {\n    imagesCsv(filter: $filter)\n  }\n": typeof types.ImagesCsvDocument,
    "\n  query Image($id: ID!) {\n    image(id: $id) {\n      id\n      name\n      reference\n      registry\n      repository\n      digest\n      tags\n      lastScannedAt\n      createdAt\n      clusters {\n        tag\n        running\n        lastSeenAt\n        cluster {\n          id\n          name\n        }\n        verdict {\n          status\n          computedAt\n        }\n      }\n    }\n  }\n": typeof types.ImageDocument,
    "\n  query ImageFindings($id: ID!) {\n    image(id: $id) {\n      id\n      latestScan {\n        id\n        createdAt\n        submittedBy\n        findings {\n          id\n          issueId\n          packageName\n          installedVersion\n          fixedVersion\n          severity\n          fixable\n          target\n          packageClass\n          packageType\n          vulnerability {\n            id\n            title\n            description\n            primaryUrl\n            cvss\n            references\n          }\n        }\n      }\n    }\n  }\n": typeof types.ImageFindingsDocument,
    "\n  query ImageScans($id: ID!, $first: Int!) {\n    image(id: $id) {\n      id\n      scans(first: $first) {\n        id\n        createdAt\n        submittedBy\n        status\n        error\n        scanner\n        counts {\n          fixable {\n            critical\n            high\n            medium\n            low\n            negligible\n          }\n          unfixable {\n            critical\n            high\n            medium\n            low\n            negligible\n          }\n        }\n      }\n    }\n  }\n": typeof types.ImageScansDocument,
    "\n  query ImageCompliance($id: ID!, $clusterId: ID!) {\n    image(id: $id) {\n      id\n      compliance(clusterId: $clusterId) {\n        status\n        reasons {\n          ...VerdictReasonFields\n        }\n        policies {\n          policyId\n          policyName\n          enforced\n          passed\n          scanners {\n            scannerId\n            scannerName\n            required\n            passed\n            counts {\n              fixable {\n                critical\n                high\n                medium\n                low\n                negligible\n              }\n              unfixable {\n                critical\n                high\n                medium\n                low\n                negligible\n              }\n            }\n          }\n        }\n        findings {\n          findingId\n          policyId\n          scannerId\n          countedSeverity\n          excludedBy {\n            id\n            title\n          }\n          overriddenBy {\n            id\n            title\n            alternateSeverity\n          }\n        }\n      }\n    }\n  }\n": typeof types.ImageComplianceDocument,
    "\n  query ImageFindingsCsv($imageId: ID!, $clusterId: ID) {\n    imageFindingsCsv(imageId: $imageId, clusterId: $clusterId)\n  }\n": typeof types.ImageFindingsCsvDocument,
    "\n  subscription VerdictChanged($clusterId: ID, $imageId: ID) {\n    verdictChanged(clusterId: $clusterId, imageId: $imageId) {\n      imageId\n      clusterId\n      status\n      previousStatus\n      computedAt\n    }\n  }\n": typeof types.VerdictChangedDocument,
    "\n  mutation RequestRescan($imageId: ID!) {\n    requestRescan(imageId: $imageId) {\n      id\n      status\n      priority\n      reference\n    }\n  }\n": typeof types.RequestRescanDocument,
    "\n  fragment ScannerFields on Scanner {\n    id\n    name\n    type\n    active\n    required\n    thresholds {\n      fixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n      unfixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n    }\n    updatedAt\n  }\n": typeof types.ScannerFieldsFragmentDoc,
    "\n  fragment PolicyFields on Policy {\n    id\n    name\n    description\n    active\n    enforced\n    allClusters\n    clusters {\n      id\n      name\n    }\n    rescanPeriodDays\n    graceDays\n    createdAt\n    updatedAt\n    scanners {\n      ...ScannerFields\n    }\n  }\n": typeof types.PolicyFieldsFragmentDoc,
    "\n  query Policies {\n    policies {\n      ...PolicyFields\n    }\n  }\n": typeof types.PoliciesDocument,
    "\n  mutation CreatePolicy($input: CreatePolicyInput!) {\n    createPolicy(input: $input) {\n      ...PolicyFields\n    }\n  }\n": typeof types.CreatePolicyDocument,
    "\n  mutation UpdatePolicy($id: ID!, $input: UpdatePolicyInput!) {\n    updatePolicy(id: $id, input: $input) {\n      ...PolicyFields\n    }\n  }\n": typeof types.UpdatePolicyDocument,
    "\n  mutation DeletePolicy($id: ID!) {\n    deletePolicy(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.DeletePolicyDocument,
    "\n  mutation AddScanner($policyId: ID!, $input: ScannerInput!) {\n    addScanner(policyId: $policyId, input: $input) {\n      ...ScannerFields\n    }\n  }\n": typeof types.AddScannerDocument,
    "\n  mutation UpdateScanner($id: ID!, $input: UpdateScannerInput!) {\n    updateScanner(id: $id, input: $input) {\n      ...ScannerFields\n    }\n  }\n": typeof types.UpdateScannerDocument,
    "\n  mutation DeleteScanner($id: ID!) {\n    deleteScanner(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.DeleteScannerDocument,
    "\n  fragment RegistryFields on Registry {\n    id\n    name\n    hostname\n    aliases\n    username\n    hasPassword\n    createdAt\n    updatedAt\n  }\n": typeof types.RegistryFieldsFragmentDoc,
    "\n  query Registries {\n    registries {\n      ...RegistryFields\n    }\n  }\n": typeof types.RegistriesDocument,
    "\n  mutation CreateRegistry($input: CreateRegistryInput!) {\n    createRegistry(input: $input) {\n      ...RegistryFields\n    }\n  }\n": typeof types.CreateRegistryDocument,
    "\n  mutation UpdateRegistry($id: ID!, $input: UpdateRegistryInput!) {\n    updateRegistry(id: $id, input: $input) {\n      ...RegistryFields\n    }\n  }\n": typeof types.UpdateRegistryDocument,
    "\n  mutation DeleteRegistry($id: ID!) {\n    deleteRegistry(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.DeleteRegistryDocument,
    "\n  fragment ScanJobFields on ScanJob {\n    id\n    reference\n    reason\n    priority\n    status\n    attempts\n    maxAttempts\n    lastError\n    runAfter\n    claimedBy\n    leaseUntil\n    requestedBy\n    createdAt\n    finishedAt\n    image {\n      id\n      name\n    }\n  }\n": typeof types.ScanJobFieldsFragmentDoc,
    "\n  query ScanQueue($statuses: [ScanJobStatus!], $first: Int!) {\n    scanQueueCounts {\n      queued\n      claimed\n      done\n      failed\n    }\n    scanJobs(statuses: $statuses, first: $first) {\n      ...ScanJobFields\n    }\n  }\n": typeof types.ScanQueueDocument,
    "\n  mutation RetryScanJob($id: ID!) {\n    retryScanJob(id: $id) {\n      ...ScanJobFields\n    }\n  }\n": typeof types.RetryScanJobDocument,
    "\n  query OrganisationSettings {\n    organisationSettings {\n      siteName\n      sessionTtlHours\n      exceptionReminderDays\n      updatedAt\n    }\n  }\n": typeof types.OrganisationSettingsDocument,
    "\n  mutation UpdateOrganisationSettings($input: UpdateOrganisationSettingsInput!) {\n    updateOrganisationSettings(input: $input) {\n      siteName\n      sessionTtlHours\n      exceptionReminderDays\n      updatedAt\n    }\n  }\n": typeof types.UpdateOrganisationSettingsDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    active\n    lastLoginAt\n    createdAt\n    updatedAt\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n      email\n    }\n  }\n": typeof types.SetUserPasswordDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      updatedAt\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query ClusterNamespaces($id: ID!) {\n    cluster(id: $id) {\n      id\n      namespaces {\n        name\n        uid\n        labels\n        createdAt\n        lastSeenAt\n        podCount\n      }\n    }\n  }\n": typeof types.ClusterNamespacesDocument,
    "\n  query ClusterPods($id: ID!, $namespace: String, $first: Int!, $after: String) {\n    cluster(id: $id) {\n      id\n      pods(namespace: $namespace, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        nodes {\n          id\n          uid\n          namespace\n          name\n          phase\n          nodeName\n          ownerKind\n          ownerName\n          createdAt\n          lastSeenAt\n          containers {\n            name\n            kind\n            imageReference\n            canonicalReference\n            image {\n              id\n              name\n            }\n            verdict {\n              status\n              reasons {\n                policyName\n                severity\n                fixable\n                count\n                limit\n                blocking\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClusterPodsDocument,
};
const documents: Documents = {
    "\n  fragment AdmissionSettingsFields on AdmissionSettings {\n    enforcementEnabled\n    mode\n    unscannedImages\n    exemptNamespaces\n    staleSnapshotSeconds\n    staleSnapshotAction\n    failurePolicy\n  }\n": types.AdmissionSettingsFieldsFragmentDoc,
    "\n  query ClusterAdmissionSettings($id: ID!) {\n    cluster(id: $id) {\n      id\n      name\n      admissionSettings {\n        ...AdmissionSettingsFields\n      }\n    }\n  }\n": types.ClusterAdmissionSettingsDocument,
    "\n  mutation UpdateClusterAdmissionSettings($clusterId: ID!, $input: AdmissionSettingsInput!) {\n    updateClusterAdmissionSettings(clusterId: $clusterId, input: $input) {\n      id\n      name\n      admissionSettings {\n        ...AdmissionSettingsFields\n      }\n    }\n  }\n": types.UpdateClusterAdmissionSettingsDocument,
    "\n  fragment AdmissionEventFields on AdmissionEvent {\n    id\n    at\n    requestUid\n    operation\n    kind\n    namespace\n    name\n    userName\n    decision\n    enforced\n    mode\n    message\n    images {\n      container\n      kind\n      reference\n      status\n    }\n  }\n": types.AdmissionEventFieldsFragmentDoc,
    "\n  query AdmissionEvents($clusterId: ID!, $filter: AdmissionEventFilter, $first: Int!, $after: String) {\n    cluster(id: $clusterId) {\n      id\n      admissionEvents(filter: $filter, first: $first, after: $after) {\n        nodes {\n          ...AdmissionEventFields\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n": types.AdmissionEventsDocument,
    "\n  subscription AdmissionEventAdded($clusterId: ID!) {\n    admissionEventAdded(clusterId: $clusterId) {\n      ...AdmissionEventFields\n    }\n  }\n": types.AdmissionEventAddedDocument,
    "\n  query ClusterAgentStatus($id: ID!) {\n    cluster(id: $id) {\n      id\n      name\n      agentStatus\n      agentLastSeenAt\n      agentVersion\n      kubernetesVersion\n    }\n  }\n": types.ClusterAgentStatusDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    status\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdAt\n    cluster {\n      id\n      name\n    }\n    owner {\n      id\n      email\n      name\n    }\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys($all: Boolean!) {\n    apiKeys(all: $all) {\n      ...ApiKeyFields\n    }\n  }\n": types.ApiKeysDocument,
    "\n  query ApiKeyClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n": types.ApiKeyClusterOptionsDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actorLabel\n    actorUserId\n    actorApiKeyId\n    entityType\n    entityId\n    outcome\n    sourceIp\n    userAgent\n    before\n    after\n  }\n": types.AuditEntryFieldsFragmentDoc,
    "\n  query AuditEntries($filter: AuditFilter, $first: Int!, $after: String) {\n    auditEntries(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AuditEntryFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AuditEntriesDocument,
    "\n  subscription AuditEntryAdded($filter: AuditFilter) {\n    auditEntryAdded(filter: $filter) {\n      ...AuditEntryFields\n    }\n  }\n": types.AuditEntryAddedDocument,
    "\n  query Viewer {\n    me {\n      authMethod\n      permissions\n      scopes\n      user {\n        id\n        email\n        name\n        role\n        active\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query SiteInfo {\n    siteInfo {\n      siteName\n    }\n  }\n": types.SiteInfoDocument,
    "\n  fragment ClusterGroupFields on ClusterGroup {\n    id\n    name\n    description\n    clusterCount\n    createdAt\n    updatedAt\n  }\n": types.ClusterGroupFieldsFragmentDoc,
    "\n  fragment ClusterFields on Cluster {\n    id\n    name\n    description\n    tags\n    createdAt\n    updatedAt\n    group {\n      id\n      name\n    }\n    agentStatus\n    agentLastSeenAt\n    agentVersion\n    kubernetesVersion\n  }\n": types.ClusterFieldsFragmentDoc,
    "\n  query Clusters($filter: ClusterFilter) {\n    clusters(filter: $filter) {\n      ...ClusterFields\n    }\n  }\n": types.ClustersDocument,
    "\n  query Cluster($id: ID!) {\n    cluster(id: $id) {\n      ...ClusterFields\n    }\n  }\n": types.ClusterDocument,
    "\n  query ClusterGroups {\n    clusterGroups {\n      ...ClusterGroupFields\n    }\n  }\n": types.ClusterGroupsDocument,
    "\n  mutation CreateCluster($input: CreateClusterInput!) {\n    createCluster(input: $input) {\n      ...ClusterFields\n    }\n  }\n": types.CreateClusterDocument,
    "\n  mutation UpdateCluster($id: ID!, $input: UpdateClusterInput!) {\n    updateCluster(id: $id, input: $input) {\n      ...ClusterFields\n    }\n  }\n": types.UpdateClusterDocument,
    "\n  mutation DeleteCluster($id: ID!) {\n    deleteCluster(id: $id) {\n      id\n      name\n    }\n  }\n": types.DeleteClusterDocument,
    "\n  mutation CreateClusterGroup($input: ClusterGroupInput!) {\n    createClusterGroup(input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n": types.CreateClusterGroupDocument,
    "\n  mutation UpdateClusterGroup($id: ID!, $input: UpdateClusterGroupInput!) {\n    updateClusterGroup(id: $id, input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n": types.UpdateClusterGroupDocument,
    "\n  mutation DeleteClusterGroup($id: ID!) {\n    deleteClusterGroup(id: $id) {\n      id\n      name\n    }\n  }\n": types.DeleteClusterGroupDocument,
    "\n  query ClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n": types.ClusterOptionsDocument,
    "\n  query ComplianceSummary($clusterId: ID!) {\n    complianceSummary(clusterId: $clusterId) {\n      total\n      byVerdict {\n        compliant\n        nonCompliant\n        unscanned\n        scanFailed\n      }\n      bySeverity {\n        severity\n        fixable\n        images\n        findings\n      }\n    }\n  }\n": types.ComplianceSummaryDocument,
    "\n  fragment ExceptionListFields on Exception {\n    id\n    type\n    status\n    title\n    temporary\n    issueId\n    imagePattern\n    startsAt\n    endsAt\n    allClusters\n    clusterIds\n    allNamespaces\n    namespaces\n    allPolicies\n    policyIds\n    alternateSeverity\n    createdByLabel\n    createdAt\n    updatedAt\n  }\n": types.ExceptionListFieldsFragmentDoc,
    "\n  fragment ExceptionFields on Exception {\n    ...ExceptionListFields\n    reason\n    clusters {\n      id\n      name\n    }\n    policies {\n      id\n      name\n    }\n    scanner {\n      id\n      name\n    }\n  }\n": types.ExceptionFieldsFragmentDoc,
    "\n  query Exceptions($filter: ExceptionFilter) {\n    exceptions(filter: $filter) {\n      ...ExceptionListFields\n    }\n  }\n": types.ExceptionsDocument,
    "\n  query Exception($id: ID!) {\n    exception(id: $id) {\n      ...ExceptionFields\n      comments {\n        id\n        authorLabel\n        body\n        createdAt\n      }\n      history {\n        id\n        action\n        actorLabel\n        at\n        changes\n      }\n    }\n  }\n": types.ExceptionDocument,
    "\n  query ExceptionScopeOptions {\n    clusters {\n      id\n      name\n    }\n    policies {\n      id\n      name\n      scanners {\n        id\n        name\n      }\n    }\n  }\n": types.ExceptionScopeOptionsDocument,
    "\n  mutation RequestException($input: ExceptionInput!) {\n    requestException(input: $input) {\n      ...ExceptionFields\n    }\n  }\n": types.RequestExceptionDocument,
    "\n  mutation CreateException($input: ExceptionInput!) {\n    createException(input: $input) {\n      ...ExceptionFields\n    }\n  }\n": types.CreateExceptionDocument,
    "\n  mutation UpdateException($id: ID!, $input: UpdateExceptionInput!) {\n    updateException(id: $id, input: $input) {\n      ...ExceptionFields\n    }\n  }\n": types.UpdateExceptionDocument,
    "\n  mutation ApproveException($id: ID!, $comment: String) {\n    approveException(id: $id, comment: $comment) {\n      ...ExceptionFields\n    }\n  }\n": types.ApproveExceptionDocument,
    "\n  mutation RejectException($id: ID!, $comment: String) {\n    rejectException(id: $id, comment: $comment) {\n      ...ExceptionFields\n    }\n  }\n": types.RejectExceptionDocument,
    "\n  mutation DeleteException($id: ID!) {\n    deleteException(id: $id) {\n      id\n      title\n    }\n  }\n": types.DeleteExceptionDocument,
    "\n  mutation CommentOnException($id: ID!, $body: String!) {\n    commentOnException(id: $id, body: $body) {\n      id\n      authorLabel\n      body\n      createdAt\n    }\n  }\n": types.CommentOnExceptionDocument,
    "\n  fragment FalcoEventFields on FalcoEvent {\n    id\n    clusterId\n    clusterName\n    time\n    receivedAt\n    priority\n    rule\n    source\n    output\n    hostname\n    namespace\n    pod\n    container\n    image\n    process\n    commandLine\n    user\n    tags\n    signature\n    anomaly\n    silenced\n    cursor\n  }\n": types.FalcoEventFieldsFragmentDoc,
    "\n  query FalcoEvents($filter: FalcoEventFilter, $first: Int!, $after: String) {\n    falcoEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...FalcoEventFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.FalcoEventsDocument,
    "\n  subscription FalcoEventAdded($filter: FalcoEventFilter) {\n    falcoEventAdded(filter: $filter) {\n      ...FalcoEventFields\n    }\n  }\n": types.FalcoEventAddedDocument,
    "\n  query FalcoEvent($id: ID!) {\n    falcoEvent(id: $id) {\n      ...FalcoEventFields\n      uuid\n      outputFields\n    }\n  }\n": types.FalcoEventDocument,
    "\n  query FalcoSignatureDays($signature: String!, $days: Int!) {\n    falcoSignatureDays(signature: $signature, days: $days) {\n      day\n      count\n    }\n  }\n": types.FalcoSignatureDaysDocument,
    "\n  query FalcoRelatedEvents($id: ID!, $first: Int!) {\n    falcoRelatedEvents(id: $id, first: $first) {\n      ...FalcoEventFields\n    }\n  }\n": types.FalcoRelatedEventsDocument,
    "\n  query FalcoPriorityTimeline($clusterId: ID!, $since: DateTimeISO!, $until: DateTimeISO, $bucketMinutes: Int!) {\n    falcoPriorityTimeline(clusterId: $clusterId, since: $since, until: $until, bucketMinutes: $bucketMinutes) {\n      bucketStart\n      priority\n      count\n    }\n  }\n": types.FalcoPriorityTimelineDocument,
    "\n  query FalcoClusterSummary($clusterId: ID!, $since: DateTimeISO!) {\n    falcoPriorityTimeline(clusterId: $clusterId, since: $since, bucketMinutes: 60) {\n      bucketStart\n      priority\n      count\n    }\n    falcoEvents(filter: { clusterId: $clusterId }, first: 1) {\n      nodes {\n        id\n        time\n        priority\n        rule\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.FalcoClusterSummaryDocument,
    "\n  query FalcoEventsCsv($filter: FalcoEventFilter) {\n    falcoEventsCsv(filter: $filter)\n  }\n": types.FalcoEventsCsvDocument,
    "\n  fragment FalcoRuleFields on FalcoRule {\n    id\n    name\n    action\n    rulePattern\n    imagePattern\n    namespaces\n    clusterIds\n    endsAt\n    builtIn\n    active\n    createdBy\n    createdAt\n    updatedAt\n  }\n": types.FalcoRuleFieldsFragmentDoc,
    "\n  query FalcoRules {\n    falcoRules {\n      ...FalcoRuleFields\n    }\n  }\n": types.FalcoRulesDocument,
    "\n  mutation CreateFalcoRule($input: FalcoRuleInput!) {\n    createFalcoRule(input: $input) {\n      ...FalcoRuleFields\n    }\n  }\n": types.CreateFalcoRuleDocument,
    "\n  mutation UpdateFalcoRule($id: ID!, $input: FalcoRuleInput!) {\n    updateFalcoRule(id: $id, input: $input) {\n      ...FalcoRuleFields\n    }\n  }\n": types.UpdateFalcoRuleDocument,
    "\n  mutation DeleteFalcoRule($id: ID!) {\n    deleteFalcoRule(id: $id) {\n      id\n      name\n    }\n  }\n": types.DeleteFalcoRuleDocument,
    "\n  fragment FalcoSettingsFields on FalcoSettings {\n    clusterId\n    minimumPriority\n    retentionDays\n    anomalyWindowDays\n    notifyAnomalies\n    notifyMinPriority\n    recipients\n    addresses\n    summary\n    lastSummaryAt\n  }\n": types.FalcoSettingsFieldsFragmentDoc,
    "\n  query FalcoSettings($clusterId: ID!) {\n    falcoSettings(clusterId: $clusterId) {\n      ...FalcoSettingsFields\n    }\n  }\n": types.FalcoSettingsDocument,
    "\n  mutation UpdateFalcoSettings($clusterId: ID!, $input: FalcoSettingsInput!) {\n    updateFalcoSettings(clusterId: $clusterId, input: $input) {\n      ...FalcoSettingsFields\n    }\n  }\n": types.UpdateFalcoSettingsDocument,
    "\n  fragment VerdictReasonFields on VerdictReason {\n    policyId\n    policyName\n    scannerId\n    scannerName\n    severity\n    fixable\n    count\n    limit\n    issueIds\n    blocking\n  }\n": types.VerdictReasonFieldsFragmentDoc,
    "\n  fragment ClusterImageFields on ClusterImage {\n    tag\n    running\n    firstSeenAt\n    lastSeenAt\n    cluster {\n      id\n      name\n    }\n    image {\n      id\n      name\n      reference\n      registry\n      repository\n      digest\n      lastScannedAt\n    }\n    verdict {\n      status\n      computedAt\n      reasons {\n        ...VerdictReasonFields\n      }\n    }\n    counts {\n      fixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n      unfixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n    }\n  }\n": types.ClusterImageFieldsFragmentDoc,
    "\n  query Images($filter: ImageFilter, $first: Int!, $after: String) {\n    images(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...ClusterImageFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ImagesDocument,
    "\n  query ImagesCsv($filter: ImageFilter) {\n    imagesCsv(filter: $filter)\n  }\n": types.ImagesCsvDocument,
    "\n  query Image($id: ID!) {\n    image(id: $id) {\n      id\n      name\n      reference\n      registry\n      repository\n      digest\n      tags\n      lastScannedAt\n      createdAt\n      clusters {\n        tag\n        running\n        lastSeenAt\n        cluster {\n          id\n          name\n        }\n        verdict {\n          status\n          computedAt\n        }\n      }\n    }\n  }\n": types.ImageDocument,
    "\n  query ImageFindings($id: ID!) {\n    image(id: $id) {\n      id\n      latestScan {\n        id\n        createdAt\n        submittedBy\n        findings {\n          id\n          issueId\n          packageName\n          installedVersion\n          fixedVersion\n          severity\n          fixable\n          target\n          packageClass\n          packageType\n          vulnerability {\n            id\n            title\n            description\n            primaryUrl\n            cvss\n            references\n          }\n        }\n      }\n    }\n  }\n": types.ImageFindingsDocument,
    "\n  query ImageScans($id: ID!, $first: Int!) {\n    image(id: $id) {\n      id\n      scans(first: $first) {\n        id\n        createdAt\n        submittedBy\n        status\n        error\n        scanner\n        counts {\n          fixable {\n            critical\n            high\n            medium\n            low\n            negligible\n          }\n          unfixable {\n            critical\n            high\n            medium\n            low\n            negligible\n          }\n        }\n      }\n    }\n  }\n": types.ImageScansDocument,
    "\n  query ImageCompliance($id: ID!, $clusterId: ID!) {\n    image(id: $id) {\n      id\n      compliance(clusterId: $clusterId) {\n        status\n        reasons {\n          ...VerdictReasonFields\n        }\n        policies {\n          policyId\n          policyName\n          enforced\n          passed\n          scanners {\n            scannerId\n            scannerName\n            required\n            passed\n            counts {\n              fixable {\n                critical\n                high\n                medium\n                low\n                negligible\n              }\n              unfixable {\n                critical\n                high\n                medium\n                low\n                negligible\n              }\n            }\n          }\n        }\n        findings {\n          findingId\n          policyId\n          scannerId\n          countedSeverity\n          excludedBy {\n            id\n            title\n          }\n          overriddenBy {\n            id\n            title\n            alternateSeverity\n          }\n        }\n      }\n    }\n  }\n": types.ImageComplianceDocument,
    "\n  query ImageFindingsCsv($imageId: ID!, $clusterId: ID) {\n    imageFindingsCsv(imageId: $imageId, clusterId: $clusterId)\n  }\n": types.ImageFindingsCsvDocument,
    "\n  subscription VerdictChanged($clusterId: ID, $imageId: ID) {\n    verdictChanged(clusterId: $clusterId, imageId: $imageId) {\n      imageId\n      clusterId\n      status\n      previousStatus\n      computedAt\n    }\n  }\n": types.VerdictChangedDocument,
    "\n  mutation RequestRescan($imageId: ID!) {\n    requestRescan(imageId: $imageId) {\n      id\n      status\n      priority\n      reference\n    }\n  }\n": types.RequestRescanDocument,
    "\n  fragment ScannerFields on Scanner {\n    id\n    name\n    type\n    active\n    required\n    thresholds {\n      fixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n      unfixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n    }\n    updatedAt\n  }\n": types.ScannerFieldsFragmentDoc,
    "\n  fragment PolicyFields on Policy {\n    id\n    name\n    description\n    active\n    enforced\n    allClusters\n    clusters {\n      id\n      name\n    }\n    rescanPeriodDays\n    graceDays\n    createdAt\n    updatedAt\n    scanners {\n      ...ScannerFields\n    }\n  }\n": types.PolicyFieldsFragmentDoc,
    "\n  query Policies {\n    policies {\n      ...PolicyFields\n    }\n  }\n": types.PoliciesDocument,
    "\n  mutation CreatePolicy($input: CreatePolicyInput!) {\n    createPolicy(input: $input) {\n      ...PolicyFields\n    }\n  }\n": types.CreatePolicyDocument,
    "\n  mutation UpdatePolicy($id: ID!, $input: UpdatePolicyInput!) {\n    updatePolicy(id: $id, input: $input) {\n      ...PolicyFields\n    }\n  }\n": types.UpdatePolicyDocument,
    "\n  mutation DeletePolicy($id: ID!) {\n    deletePolicy(id: $id) {\n      id\n      name\n    }\n  }\n": types.DeletePolicyDocument,
    "\n  mutation AddScanner($policyId: ID!, $input: ScannerInput!) {\n    addScanner(policyId: $policyId, input: $input) {\n      ...ScannerFields\n    }\n  }\n": types.AddScannerDocument,
    "\n  mutation UpdateScanner($id: ID!, $input: UpdateScannerInput!) {\n    updateScanner(id: $id, input: $input) {\n      ...ScannerFields\n    }\n  }\n": types.UpdateScannerDocument,
    "\n  mutation DeleteScanner($id: ID!) {\n    deleteScanner(id: $id) {\n      id\n      name\n    }\n  }\n": types.DeleteScannerDocument,
    "\n  fragment RegistryFields on Registry {\n    id\n    name\n    hostname\n    aliases\n    username\n    hasPassword\n    createdAt\n    updatedAt\n  }\n": types.RegistryFieldsFragmentDoc,
    "\n  query Registries {\n    registries {\n      ...RegistryFields\n    }\n  }\n": types.RegistriesDocument,
    "\n  mutation CreateRegistry($input: CreateRegistryInput!) {\n    createRegistry(input: $input) {\n      ...RegistryFields\n    }\n  }\n": types.CreateRegistryDocument,
    "\n  mutation UpdateRegistry($id: ID!, $input: UpdateRegistryInput!) {\n    updateRegistry(id: $id, input: $input) {\n      ...RegistryFields\n    }\n  }\n": types.UpdateRegistryDocument,
    "\n  mutation DeleteRegistry($id: ID!) {\n    deleteRegistry(id: $id) {\n      id\n      name\n    }\n  }\n": types.DeleteRegistryDocument,
    "\n  fragment ScanJobFields on ScanJob {\n    id\n    reference\n    reason\n    priority\n    status\n    attempts\n    maxAttempts\n    lastError\n    runAfter\n    claimedBy\n    leaseUntil\n    requestedBy\n    createdAt\n    finishedAt\n    image {\n      id\n      name\n    }\n  }\n": types.ScanJobFieldsFragmentDoc,
    "\n  query ScanQueue($statuses: [ScanJobStatus!], $first: Int!) {\n    scanQueueCounts {\n      queued\n      claimed\n      done\n      failed\n    }\n    scanJobs(statuses: $statuses, first: $first) {\n      ...ScanJobFields\n    }\n  }\n": types.ScanQueueDocument,
    "\n  mutation RetryScanJob($id: ID!) {\n    retryScanJob(id: $id) {\n      ...ScanJobFields\n    }\n  }\n": types.RetryScanJobDocument,
    "\n  query OrganisationSettings {\n    organisationSettings {\n      siteName\n      sessionTtlHours\n      exceptionReminderDays\n      updatedAt\n    }\n  }\n": types.OrganisationSettingsDocument,
    "\n  mutation UpdateOrganisationSettings($input: UpdateOrganisationSettingsInput!) {\n    updateOrganisationSettings(input: $input) {\n      siteName\n      sessionTtlHours\n      exceptionReminderDays\n      updatedAt\n    }\n  }\n": types.UpdateOrganisationSettingsDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    active\n    lastLoginAt\n    createdAt\n    updatedAt\n  }\n": types.UserFieldsFragmentDoc,
    "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n": types.UpdateUserDocument,
    "\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n      email\n    }\n  }\n": types.SetUserPasswordDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      updatedAt\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query ClusterNamespaces($id: ID!) {\n    cluster(id: $id) {\n      id\n      namespaces {\n        name\n        uid\n        labels\n        createdAt\n        lastSeenAt\n        podCount\n      }\n    }\n  }\n": types.ClusterNamespacesDocument,
    "\n  query ClusterPods($id: ID!, $namespace: String, $first: Int!, $after: String) {\n    cluster(id: $id) {\n      id\n      pods(namespace: $namespace, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        nodes {\n          id\n          uid\n          namespace\n          name\n          phase\n          nodeName\n          ownerKind\n          ownerName\n          createdAt\n          lastSeenAt\n          containers {\n            name\n            kind\n            imageReference\n            canonicalReference\n            image {\n              id\n              name\n            }\n            verdict {\n              status\n              reasons {\n                policyName\n                severity\n                fixable\n                count\n                limit\n                blocking\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ClusterPodsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdmissionSettingsFields on AdmissionSettings {\n    enforcementEnabled\n    mode\n    unscannedImages\n    exemptNamespaces\n    staleSnapshotSeconds\n    staleSnapshotAction\n    failurePolicy\n  }\n"): (typeof documents)["\n  fragment AdmissionSettingsFields on AdmissionSettings {\n    enforcementEnabled\n    mode\n    unscannedImages\n    exemptNamespaces\n    staleSnapshotSeconds\n    staleSnapshotAction\n    failurePolicy\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClusterAdmissionSettings($id: ID!) {\n    cluster(id: $id) {\n      id\n      name\n      admissionSettings {\n        ...AdmissionSettingsFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClusterAdmissionSettings($id: ID!) {\n    cluster(id: $id) {\n      id\n      name\n      admissionSettings {\n        ...AdmissionSettingsFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateClusterAdmissionSettings($clusterId: ID!, $input: AdmissionSettingsInput!) {\n    updateClusterAdmissionSettings(clusterId: $clusterId, input: $input) {\n      id\n      name\n      admissionSettings {\n        ...AdmissionSettingsFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateClusterAdmissionSettings($clusterId: ID!, $input: AdmissionSettingsInput!) {\n    updateClusterAdmissionSettings(clusterId: $clusterId, input: $input) {\n      id\n      name\n      admissionSettings {\n        ...AdmissionSettingsFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdmissionEventFields on AdmissionEvent {\n    id\n    at\n    requestUid\n    operation\n    kind\n    namespace\n    name\n    userName\n    decision\n    enforced\n    mode\n    message\n    images {\n      container\n      kind\n      reference\n      status\n    }\n  }\n"): (typeof documents)["\n  fragment AdmissionEventFields on AdmissionEvent {\n    id\n    at\n    requestUid\n    operation\n    kind\n    namespace\n    name\n    userName\n    decision\n    enforced\n    mode\n    message\n    images {\n      container\n      kind\n      reference\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdmissionEvents($clusterId: ID!, $filter: AdmissionEventFilter, $first: Int!, $after: String) {\n    cluster(id: $clusterId) {\n      id\n      admissionEvents(filter: $filter, first: $first, after: $after) {\n        nodes {\n          ...AdmissionEventFields\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdmissionEvents($clusterId: ID!, $filter: AdmissionEventFilter, $first: Int!, $after: String) {\n    cluster(id: $clusterId) {\n      id\n      admissionEvents(filter: $filter, first: $first, after: $after) {\n        nodes {\n          ...AdmissionEventFields\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AdmissionEventAdded($clusterId: ID!) {\n    admissionEventAdded(clusterId: $clusterId) {\n      ...AdmissionEventFields\n    }\n  }\n"): (typeof documents)["\n  subscription AdmissionEventAdded($clusterId: ID!) {\n    admissionEventAdded(clusterId: $clusterId) {\n      ...AdmissionEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClusterAgentStatus($id: ID!) {\n    cluster(id: $id) {\n      id\n      name\n      agentStatus\n      agentLastSeenAt\n      agentVersion\n      kubernetesVersion\n    }\n  }\n"): (typeof documents)["\n  query ClusterAgentStatus($id: ID!) {\n    cluster(id: $id) {\n      id\n      name\n      agentStatus\n      agentLastSeenAt\n      agentVersion\n      kubernetesVersion\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    status\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdAt\n    cluster {\n      id\n      name\n    }\n    owner {\n      id\n      email\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    status\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdAt\n    cluster {\n      id\n      name\n    }\n    owner {\n      id\n      email\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($all: Boolean!) {\n    apiKeys(all: $all) {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys($all: Boolean!) {\n    apiKeys(all: $all) {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeyClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query ApiKeyClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actorLabel\n    actorUserId\n    actorApiKeyId\n    entityType\n    entityId\n    outcome\n    sourceIp\n    userAgent\n    before\n    after\n  }\n"): (typeof documents)["\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actorLabel\n    actorUserId\n    actorApiKeyId\n    entityType\n    entityId\n    outcome\n    sourceIp\n    userAgent\n    before\n    after\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEntries($filter: AuditFilter, $first: Int!, $after: String) {\n    auditEntries(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AuditEntryFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEntries($filter: AuditFilter, $first: Int!, $after: String) {\n    auditEntries(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AuditEntryFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AuditEntryAdded($filter: AuditFilter) {\n    auditEntryAdded(filter: $filter) {\n      ...AuditEntryFields\n    }\n  }\n"): (typeof documents)["\n  subscription AuditEntryAdded($filter: AuditFilter) {\n    auditEntryAdded(filter: $filter) {\n      ...AuditEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      authMethod\n      permissions\n      scopes\n      user {\n        id\n        email\n        name\n        role\n        active\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      authMethod\n      permissions\n      scopes\n      user {\n        id\n        email\n        name\n        role\n        active\n        createdAt\n        lastLoginAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteInfo {\n    siteInfo {\n      siteName\n    }\n  }\n"): (typeof documents)["\n  query SiteInfo {\n    siteInfo {\n      siteName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClusterGroupFields on ClusterGroup {\n    id\n    name\n    description\n    clusterCount\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment ClusterGroupFields on ClusterGroup {\n    id\n    name\n    description\n    clusterCount\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClusterFields on Cluster {\n    id\n    name\n    description\n    tags\n    createdAt\n    updatedAt\n    group {\n      id\n      name\n    }\n    agentStatus\n    agentLastSeenAt\n    agentVersion\n    kubernetesVersion\n  }\n"): (typeof documents)["\n  fragment ClusterFields on Cluster {\n    id\n    name\n    description\n    tags\n    createdAt\n    updatedAt\n    group {\n      id\n      name\n    }\n    agentStatus\n    agentLastSeenAt\n    agentVersion\n    kubernetesVersion\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Clusters($filter: ClusterFilter) {\n    clusters(filter: $filter) {\n      ...ClusterFields\n    }\n  }\n"): (typeof documents)["\n  query Clusters($filter: ClusterFilter) {\n    clusters(filter: $filter) {\n      ...ClusterFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Cluster($id: ID!) {\n    cluster(id: $id) {\n      ...ClusterFields\n    }\n  }\n"): (typeof documents)["\n  query Cluster($id: ID!) {\n    cluster(id: $id) {\n      ...ClusterFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClusterGroups {\n    clusterGroups {\n      ...ClusterGroupFields\n    }\n  }\n"): (typeof documents)["\n  query ClusterGroups {\n    clusterGroups {\n      ...ClusterGroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCluster($input: CreateClusterInput!) {\n    createCluster(input: $input) {\n      ...ClusterFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCluster($input: CreateClusterInput!) {\n    createCluster(input: $input) {\n      ...ClusterFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCluster($id: ID!, $input: UpdateClusterInput!) {\n    updateCluster(id: $id, input: $input) {\n      ...ClusterFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCluster($id: ID!, $input: UpdateClusterInput!) {\n    updateCluster(id: $id, input: $input) {\n      ...ClusterFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCluster($id: ID!) {\n    deleteCluster(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteCluster($id: ID!) {\n    deleteCluster(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateClusterGroup($input: ClusterGroupInput!) {\n    createClusterGroup(input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateClusterGroup($input: ClusterGroupInput!) {\n    createClusterGroup(input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateClusterGroup($id: ID!, $input: UpdateClusterGroupInput!) {\n    updateClusterGroup(id: $id, input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateClusterGroup($id: ID!, $input: UpdateClusterGroupInput!) {\n    updateClusterGroup(id: $id, input: $input) {\n      ...ClusterGroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteClusterGroup($id: ID!) {\n    deleteClusterGroup(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteClusterGroup($id: ID!) {\n    deleteClusterGroup(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query ClusterOptions {\n    clusters {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComplianceSummary($clusterId: ID!) {\n    complianceSummary(clusterId: $clusterId) {\n      total\n      byVerdict {\n        compliant\n        nonCompliant\n        unscanned\n        scanFailed\n      }\n      bySeverity {\n        severity\n        fixable\n        images\n        findings\n      }\n    }\n  }\n"): (typeof documents)["\n  query ComplianceSummary($clusterId: ID!) {\n    complianceSummary(clusterId: $clusterId) {\n      total\n      byVerdict {\n        compliant\n        nonCompliant\n        unscanned\n        scanFailed\n      }\n      bySeverity {\n        severity\n        fixable\n        images\n        findings\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExceptionListFields on Exception {\n    id\n    type\n    status\n    title\n    temporary\n    issueId\n    imagePattern\n    startsAt\n    endsAt\n    allClusters\n    clusterIds\n    allNamespaces\n    namespaces\n    allPolicies\n    policyIds\n    alternateSeverity\n    createdByLabel\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment ExceptionListFields on Exception {\n    id\n    type\n    status\n    title\n    temporary\n    issueId\n    imagePattern\n    startsAt\n    endsAt\n    allClusters\n    clusterIds\n    allNamespaces\n    namespaces\n    allPolicies\n    policyIds\n    alternateSeverity\n    createdByLabel\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExceptionFields on Exception {\n    ...ExceptionListFields\n    reason\n    clusters {\n      id\n      name\n    }\n    policies {\n      id\n      name\n    }\n    scanner {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ExceptionFields on Exception {\n    ...ExceptionListFields\n    reason\n    clusters {\n      id\n      name\n    }\n    policies {\n      id\n      name\n    }\n    scanner {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Exceptions($filter: ExceptionFilter) {\n    exceptions(filter: $filter) {\n      ...ExceptionListFields\n    }\n  }\n"): (typeof documents)["\n  query Exceptions($filter: ExceptionFilter) {\n    exceptions(filter: $filter) {\n      ...ExceptionListFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Exception($id: ID!) {\n    exception(id: $id) {\n      ...ExceptionFields\n      comments {\n        id\n        authorLabel\n        body\n        createdAt\n      }\n      history {\n        id\n        action\n        actorLabel\n        at\n        changes\n      }\n    }\n  }\n"): (typeof documents)["\n  query Exception($id: ID!) {\n    exception(id: $id) {\n      ...ExceptionFields\n      comments {\n        id\n        authorLabel\n        body\n        createdAt\n      }\n      history {\n        id\n        action\n        actorLabel\n        at\n        changes\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExceptionScopeOptions {\n    clusters {\n      id\n      name\n    }\n    policies {\n      id\n      name\n      scanners {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExceptionScopeOptions {\n    clusters {\n      id\n      name\n    }\n    policies {\n      id\n      name\n      scanners {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestException($input: ExceptionInput!) {\n    requestException(input: $input) {\n      ...ExceptionFields\n    }\n  }\n"): (typeof documents)["\n  mutation RequestException($input: ExceptionInput!) {\n    requestException(input: $input) {\n      ...ExceptionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateException($input: ExceptionInput!) {\n    createException(input: $input) {\n      ...ExceptionFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateException($input: ExceptionInput!) {\n    createException(input: $input) {\n      ...ExceptionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateException($id: ID!, $input: UpdateExceptionInput!) {\n    updateException(id: $id, input: $input) {\n      ...ExceptionFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateException($id: ID!, $input: UpdateExceptionInput!) {\n    updateException(id: $id, input: $input) {\n      ...ExceptionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveException($id: ID!, $comment: String) {\n    approveException(id: $id, comment: $comment) {\n      ...ExceptionFields\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveException($id: ID!, $comment: String) {\n    approveException(id: $id, comment: $comment) {\n      ...ExceptionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectException($id: ID!, $comment: String) {\n    rejectException(id: $id, comment: $comment) {\n      ...ExceptionFields\n    }\n  }\n"): (typeof documents)["\n  mutation RejectException($id: ID!, $comment: String) {\n    rejectException(id: $id, comment: $comment) {\n      ...ExceptionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteException($id: ID!) {\n    deleteException(id: $id) {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteException($id: ID!) {\n    deleteException(id: $id) {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CommentOnException($id: ID!, $body: String!) {\n    commentOnException(id: $id, body: $body) {\n      id\n      authorLabel\n      body\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation CommentOnException($id: ID!, $body: String!) {\n    commentOnException(id: $id, body: $body) {\n      id\n      authorLabel\n      body\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FalcoEventFields on FalcoEvent {\n    id\n    clusterId\n    clusterName\n    time\n    receivedAt\n    priority\n    rule\n    source\n    output\n    hostname\n    namespace\n    pod\n    container\n    image\n    process\n    commandLine\n    user\n    tags\n    signature\n    anomaly\n    silenced\n    cursor\n  }\n"): (typeof documents)["\n  fragment FalcoEventFields on FalcoEvent {\n    id\n    clusterId\n    clusterName\n    time\n    receivedAt\n    priority\n    rule\n    source\n    output\n    hostname\n    namespace\n    pod\n    container\n    image\n    process\n    commandLine\n    user\n    tags\n    signature\n    anomaly\n    silenced\n    cursor\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FalcoEvents($filter: FalcoEventFilter, $first: Int!, $after: String) {\n    falcoEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...FalcoEventFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query FalcoEvents($filter: FalcoEventFilter, $first: Int!, $after: String) {\n    falcoEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...FalcoEventFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FalcoEventAdded($filter: FalcoEventFilter) {\n    falcoEventAdded(filter: $filter) {\n      ...FalcoEventFields\n    }\n  }\n"): (typeof documents)["\n  subscription FalcoEventAdded($filter: FalcoEventFilter) {\n    falcoEventAdded(filter: $filter) {\n      ...FalcoEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FalcoEvent($id: ID!) {\n    falcoEvent(id: $id) {\n      ...FalcoEventFields\n      uuid\n      outputFields\n    }\n  }\n"): (typeof documents)["\n  query FalcoEvent($id: ID!) {\n    falcoEvent(id: $id) {\n      ...FalcoEventFields\n      uuid\n      outputFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FalcoSignatureDays($signature: String!, $days: Int!) {\n    falcoSignatureDays(signature: $signature, days: $days) {\n      day\n      count\n    }\n  }\n"): (typeof documents)["\n  query FalcoSignatureDays($signature: String!, $days: Int!) {\n    falcoSignatureDays(signature: $signature, days: $days) {\n      day\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FalcoRelatedEvents($id: ID!, $first: Int!) {\n    falcoRelatedEvents(id: $id, first: $first) {\n      ...FalcoEventFields\n    }\n  }\n"): (typeof documents)["\n  query FalcoRelatedEvents($id: ID!, $first: Int!) {\n    falcoRelatedEvents(id: $id, first: $first) {\n      ...FalcoEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FalcoPriorityTimeline($clusterId: ID!, $since: DateTimeISO!, $until: DateTimeISO, $bucketMinutes: Int!) {\n    falcoPriorityTimeline(clusterId: $clusterId, since: $since, until: $until, bucketMinutes: $bucketMinutes) {\n      bucketStart\n      priority\n      count\n    }\n  }\n"): (typeof documents)["\n  query FalcoPriorityTimeline($clusterId: ID!, $since: DateTimeISO!, $until: DateTimeISO, $bucketMinutes: Int!) {\n    falcoPriorityTimeline(clusterId: $clusterId, since: $since, until: $until, bucketMinutes: $bucketMinutes) {\n      bucketStart\n      priority\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FalcoClusterSummary($clusterId: ID!, $since: DateTimeISO!) {\n    falcoPriorityTimeline(clusterId: $clusterId, since: $since, bucketMinutes: 60) {\n      bucketStart\n      priority\n      count\n    }\n    falcoEvents(filter: { clusterId: $clusterId }, first: 1) {\n      nodes {\n        id\n        time\n        priority\n        rule\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query FalcoClusterSummary($clusterId: ID!, $since: DateTimeISO!) {\n    falcoPriorityTimeline(clusterId: $clusterId, since: $since, bucketMinutes: 60) {\n      bucketStart\n      priority\n      count\n    }\n    falcoEvents(filter: { clusterId: $clusterId }, first: 1) {\n      nodes {\n        id\n        time\n        priority\n        rule\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FalcoEventsCsv($filter: FalcoEventFilter) {\n    falcoEventsCsv(filter: $filter)\n  }\n"): (typeof documents)["\n  query FalcoEventsCsv($filter: FalcoEventFilter) {\n    falcoEventsCsv(filter: $filter)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FalcoRuleFields on FalcoRule {\n    id\n    name\n    action\n    rulePattern\n    imagePattern\n    namespaces\n    clusterIds\n    endsAt\n    builtIn\n    active\n    createdBy\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment FalcoRuleFields on FalcoRule {\n    id\n    name\n    action\n    rulePattern\n    imagePattern\n    namespaces\n    clusterIds\n    endsAt\n    builtIn\n    active\n    createdBy\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FalcoRules {\n    falcoRules {\n      ...FalcoRuleFields\n    }\n  }\n"): (typeof documents)["\n  query FalcoRules {\n    falcoRules {\n      ...FalcoRuleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFalcoRule($input: FalcoRuleInput!) {\n    createFalcoRule(input: $input) {\n      ...FalcoRuleFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateFalcoRule($input: FalcoRuleInput!) {\n    createFalcoRule(input: $input) {\n      ...FalcoRuleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateFalcoRule($id: ID!, $input: FalcoRuleInput!) {\n    updateFalcoRule(id: $id, input: $input) {\n      ...FalcoRuleFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateFalcoRule($id: ID!, $input: FalcoRuleInput!) {\n    updateFalcoRule(id: $id, input: $input) {\n      ...FalcoRuleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteFalcoRule($id: ID!) {\n    deleteFalcoRule(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteFalcoRule($id: ID!) {\n    deleteFalcoRule(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FalcoSettingsFields on FalcoSettings {\n    clusterId\n    minimumPriority\n    retentionDays\n    anomalyWindowDays\n    notifyAnomalies\n    notifyMinPriority\n    recipients\n    addresses\n    summary\n    lastSummaryAt\n  }\n"): (typeof documents)["\n  fragment FalcoSettingsFields on FalcoSettings {\n    clusterId\n    minimumPriority\n    retentionDays\n    anomalyWindowDays\n    notifyAnomalies\n    notifyMinPriority\n    recipients\n    addresses\n    summary\n    lastSummaryAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FalcoSettings($clusterId: ID!) {\n    falcoSettings(clusterId: $clusterId) {\n      ...FalcoSettingsFields\n    }\n  }\n"): (typeof documents)["\n  query FalcoSettings($clusterId: ID!) {\n    falcoSettings(clusterId: $clusterId) {\n      ...FalcoSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateFalcoSettings($clusterId: ID!, $input: FalcoSettingsInput!) {\n    updateFalcoSettings(clusterId: $clusterId, input: $input) {\n      ...FalcoSettingsFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateFalcoSettings($clusterId: ID!, $input: FalcoSettingsInput!) {\n    updateFalcoSettings(clusterId: $clusterId, input: $input) {\n      ...FalcoSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VerdictReasonFields on VerdictReason {\n    policyId\n    policyName\n    scannerId\n    scannerName\n    severity\n    fixable\n    count\n    limit\n    issueIds\n    blocking\n  }\n"): (typeof documents)["\n  fragment VerdictReasonFields on VerdictReason {\n    policyId\n    policyName\n    scannerId\n    scannerName\n    severity\n    fixable\n    count\n    limit\n    issueIds\n    blocking\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClusterImageFields on ClusterImage {\n    tag\n    running\n    firstSeenAt\n    lastSeenAt\n    cluster {\n      id\n      name\n    }\n    image {\n      id\n      name\n      reference\n      registry\n      repository\n      digest\n      lastScannedAt\n    }\n    verdict {\n      status\n      computedAt\n      reasons {\n        ...VerdictReasonFields\n      }\n    }\n    counts {\n      fixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n      unfixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ClusterImageFields on ClusterImage {\n    tag\n    running\n    firstSeenAt\n    lastSeenAt\n    cluster {\n      id\n      name\n    }\n    image {\n      id\n      name\n      reference\n      registry\n      repository\n      digest\n      lastScannedAt\n    }\n    verdict {\n      status\n      computedAt\n      reasons {\n        ...VerdictReasonFields\n      }\n    }\n    counts {\n      fixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n      unfixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Images($filter: ImageFilter, $first: Int!, $after: String) {\n    images(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...ClusterImageFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query Images($filter: ImageFilter, $first: Int!, $after: String) {\n    images(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...ClusterImageFields\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImagesCsv($filter: ImageFilter) {\n    imagesCsv(filter: $filter)\n  }\n"): (typeof documents)["\n  query ImagesCsv($filter: ImageFilter) {\n    imagesCsv(filter: $filter)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Image($id: ID!) {\n    image(id: $id) {\n      id\n      name\n      reference\n      registry\n      repository\n      digest\n      tags\n      lastScannedAt\n      createdAt\n      clusters {\n        tag\n        running\n        lastSeenAt\n        cluster {\n          id\n          name\n        }\n        verdict {\n          status\n          computedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Image($id: ID!) {\n    image(id: $id) {\n      id\n      name\n      reference\n      registry\n      repository\n      digest\n      tags\n      lastScannedAt\n      createdAt\n      clusters {\n        tag\n        running\n        lastSeenAt\n        cluster {\n          id\n          name\n        }\n        verdict {\n          status\n          computedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageFindings($id: ID!) {\n    image(id: $id) {\n      id\n      latestScan {\n        id\n        createdAt\n        submittedBy\n        findings {\n          id\n          issueId\n          packageName\n          installedVersion\n          fixedVersion\n          severity\n          fixable\n          target\n          packageClass\n          packageType\n          vulnerability {\n            id\n            title\n            description\n            primaryUrl\n            cvss\n            references\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImageFindings($id: ID!) {\n    image(id: $id) {\n      id\n      latestScan {\n        id\n        createdAt\n        submittedBy\n        findings {\n          id\n          issueId\n          packageName\n          installedVersion\n          fixedVersion\n          severity\n          fixable\n          target\n          packageClass\n          packageType\n          vulnerability {\n            id\n            title\n            description\n            primaryUrl\n            cvss\n            references\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageScans($id: ID!, $first: Int!) {\n    image(id: $id) {\n      id\n      scans(first: $first) {\n        id\n        createdAt\n        submittedBy\n        status\n        error\n        scanner\n        counts {\n          fixable {\n            critical\n            high\n            medium\n            low\n            negligible\n          }\n          unfixable {\n            critical\n            high\n            medium\n            low\n            negligible\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImageScans($id: ID!, $first: Int!) {\n    image(id: $id) {\n      id\n      scans(first: $first) {\n        id\n        createdAt\n        submittedBy\n        status\n        error\n        scanner\n        counts {\n          fixable {\n            critical\n            high\n            medium\n            low\n            negligible\n          }\n          unfixable {\n            critical\n            high\n            medium\n            low\n            negligible\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageCompliance($id: ID!, $clusterId: ID!) {\n    image(id: $id) {\n      id\n      compliance(clusterId: $clusterId) {\n        status\n        reasons {\n          ...VerdictReasonFields\n        }\n        policies {\n          policyId\n          policyName\n          enforced\n          passed\n          scanners {\n            scannerId\n            scannerName\n            required\n            passed\n            counts {\n              fixable {\n                critical\n                high\n                medium\n                low\n                negligible\n              }\n              unfixable {\n                critical\n                high\n                medium\n                low\n                negligible\n              }\n            }\n          }\n        }\n        findings {\n          findingId\n          policyId\n          scannerId\n          countedSeverity\n          excludedBy {\n            id\n            title\n          }\n          overriddenBy {\n            id\n            title\n            alternateSeverity\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImageCompliance($id: ID!, $clusterId: ID!) {\n    image(id: $id) {\n      id\n      compliance(clusterId: $clusterId) {\n        status\n        reasons {\n          ...VerdictReasonFields\n        }\n        policies {\n          policyId\n          policyName\n          enforced\n          passed\n          scanners {\n            scannerId\n            scannerName\n            required\n            passed\n            counts {\n              fixable {\n                critical\n                high\n                medium\n                low\n                negligible\n              }\n              unfixable {\n                critical\n                high\n                medium\n                low\n                negligible\n              }\n            }\n          }\n        }\n        findings {\n          findingId\n          policyId\n          scannerId\n          countedSeverity\n          excludedBy {\n            id\n            title\n          }\n          overriddenBy {\n            id\n            title\n            alternateSeverity\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageFindingsCsv($imageId: ID!, $clusterId: ID) {\n    imageFindingsCsv(imageId: $imageId, clusterId: $clusterId)\n  }\n"): (typeof documents)["\n  query ImageFindingsCsv($imageId: ID!, $clusterId: ID) {\n    imageFindingsCsv(imageId: $imageId, clusterId: $clusterId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription VerdictChanged($clusterId: ID, $imageId: ID) {\n    verdictChanged(clusterId: $clusterId, imageId: $imageId) {\n      imageId\n      clusterId\n      status\n      previousStatus\n      computedAt\n    }\n  }\n"): (typeof documents)["\n  subscription VerdictChanged($clusterId: ID, $imageId: ID) {\n    verdictChanged(clusterId: $clusterId, imageId: $imageId) {\n      imageId\n      clusterId\n      status\n      previousStatus\n      computedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestRescan($imageId: ID!) {\n    requestRescan(imageId: $imageId) {\n      id\n      status\n      priority\n      reference\n    }\n  }\n"): (typeof documents)["\n  mutation RequestRescan($imageId: ID!) {\n    requestRescan(imageId: $imageId) {\n      id\n      status\n      priority\n      reference\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScannerFields on Scanner {\n    id\n    name\n    type\n    active\n    required\n    thresholds {\n      fixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n      unfixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n    }\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment ScannerFields on Scanner {\n    id\n    name\n    type\n    active\n    required\n    thresholds {\n      fixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n      unfixable {\n        critical\n        high\n        medium\n        low\n        negligible\n      }\n    }\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PolicyFields on Policy {\n    id\n    name\n    description\n    active\n    enforced\n    allClusters\n    clusters {\n      id\n      name\n    }\n    rescanPeriodDays\n    graceDays\n    createdAt\n    updatedAt\n    scanners {\n      ...ScannerFields\n    }\n  }\n"): (typeof documents)["\n  fragment PolicyFields on Policy {\n    id\n    name\n    description\n    active\n    enforced\n    allClusters\n    clusters {\n      id\n      name\n    }\n    rescanPeriodDays\n    graceDays\n    createdAt\n    updatedAt\n    scanners {\n      ...ScannerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Policies {\n    policies {\n      ...PolicyFields\n    }\n  }\n"): (typeof documents)["\n  query Policies {\n    policies {\n      ...PolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePolicy($input: CreatePolicyInput!) {\n    createPolicy(input: $input) {\n      ...PolicyFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePolicy($input: CreatePolicyInput!) {\n    createPolicy(input: $input) {\n      ...PolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePolicy($id: ID!, $input: UpdatePolicyInput!) {\n    updatePolicy(id: $id, input: $input) {\n      ...PolicyFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePolicy($id: ID!, $input: UpdatePolicyInput!) {\n    updatePolicy(id: $id, input: $input) {\n      ...PolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletePolicy($id: ID!) {\n    deletePolicy(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation DeletePolicy($id: ID!) {\n    deletePolicy(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddScanner($policyId: ID!, $input: ScannerInput!) {\n    addScanner(policyId: $policyId, input: $input) {\n      ...ScannerFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddScanner($policyId: ID!, $input: ScannerInput!) {\n    addScanner(policyId: $policyId, input: $input) {\n      ...ScannerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateScanner($id: ID!, $input: UpdateScannerInput!) {\n    updateScanner(id: $id, input: $input) {\n      ...ScannerFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateScanner($id: ID!, $input: UpdateScannerInput!) {\n    updateScanner(id: $id, input: $input) {\n      ...ScannerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteScanner($id: ID!) {\n    deleteScanner(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteScanner($id: ID!) {\n    deleteScanner(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RegistryFields on Registry {\n    id\n    name\n    hostname\n    aliases\n    username\n    hasPassword\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment RegistryFields on Registry {\n    id\n    name\n    hostname\n    aliases\n    username\n    hasPassword\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Registries {\n    registries {\n      ...RegistryFields\n    }\n  }\n"): (typeof documents)["\n  query Registries {\n    registries {\n      ...RegistryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRegistry($input: CreateRegistryInput!) {\n    createRegistry(input: $input) {\n      ...RegistryFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRegistry($input: CreateRegistryInput!) {\n    createRegistry(input: $input) {\n      ...RegistryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRegistry($id: ID!, $input: UpdateRegistryInput!) {\n    updateRegistry(id: $id, input: $input) {\n      ...RegistryFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRegistry($id: ID!, $input: UpdateRegistryInput!) {\n    updateRegistry(id: $id, input: $input) {\n      ...RegistryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteRegistry($id: ID!) {\n    deleteRegistry(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteRegistry($id: ID!) {\n    deleteRegistry(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScanJobFields on ScanJob {\n    id\n    reference\n    reason\n    priority\n    status\n    attempts\n    maxAttempts\n    lastError\n    runAfter\n    claimedBy\n    leaseUntil\n    requestedBy\n    createdAt\n    finishedAt\n    image {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ScanJobFields on ScanJob {\n    id\n    reference\n    reason\n    priority\n    status\n    attempts\n    maxAttempts\n    lastError\n    runAfter\n    claimedBy\n    leaseUntil\n    requestedBy\n    createdAt\n    finishedAt\n    image {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScanQueue($statuses: [ScanJobStatus!], $first: Int!) {\n    scanQueueCounts {\n      queued\n      claimed\n      done\n      failed\n    }\n    scanJobs(statuses: $statuses, first: $first) {\n      ...ScanJobFields\n    }\n  }\n"): (typeof documents)["\n  query ScanQueue($statuses: [ScanJobStatus!], $first: Int!) {\n    scanQueueCounts {\n      queued\n      claimed\n      done\n      failed\n    }\n    scanJobs(statuses: $statuses, first: $first) {\n      ...ScanJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryScanJob($id: ID!) {\n    retryScanJob(id: $id) {\n      ...ScanJobFields\n    }\n  }\n"): (typeof documents)["\n  mutation RetryScanJob($id: ID!) {\n    retryScanJob(id: $id) {\n      ...ScanJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganisationSettings {\n    organisationSettings {\n      siteName\n      sessionTtlHours\n      exceptionReminderDays\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query OrganisationSettings {\n    organisationSettings {\n      siteName\n      sessionTtlHours\n      exceptionReminderDays\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOrganisationSettings($input: UpdateOrganisationSettingsInput!) {\n    updateOrganisationSettings(input: $input) {\n      siteName\n      sessionTtlHours\n      exceptionReminderDays\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateOrganisationSettings($input: UpdateOrganisationSettingsInput!) {\n    updateOrganisationSettings(input: $input) {\n      siteName\n      sessionTtlHours\n      exceptionReminderDays\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    active\n    lastLoginAt\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    active\n    lastLoginAt\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n      email\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClusterNamespaces($id: ID!) {\n    cluster(id: $id) {\n      id\n      namespaces {\n        name\n        uid\n        labels\n        createdAt\n        lastSeenAt\n        podCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClusterNamespaces($id: ID!) {\n    cluster(id: $id) {\n      id\n      namespaces {\n        name\n        uid\n        labels\n        createdAt\n        lastSeenAt\n        podCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClusterPods($id: ID!, $namespace: String, $first: Int!, $after: String) {\n    cluster(id: $id) {\n      id\n      pods(namespace: $namespace, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        nodes {\n          id\n          uid\n          namespace\n          name\n          phase\n          nodeName\n          ownerKind\n          ownerName\n          createdAt\n          lastSeenAt\n          containers {\n            name\n            kind\n            imageReference\n            canonicalReference\n            image {\n              id\n              name\n            }\n            verdict {\n              status\n              reasons {\n                policyName\n                severity\n                fixable\n                count\n                limit\n                blocking\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClusterPods($id: ID!, $namespace: String, $first: Int!, $after: String) {\n    cluster(id: $id) {\n      id\n      pods(namespace: $namespace, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        nodes {\n          id\n          uid\n          namespace\n          name\n          phase\n          nodeName\n          ownerKind\n          ownerName\n          createdAt\n          lastSeenAt\n          containers {\n            name\n            kind\n            imageReference\n            canonicalReference\n            image {\n              id\n              name\n            }\n            verdict {\n              status\n              reasons {\n                policyName\n                severity\n                fixable\n                count\n                limit\n                blocking\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;