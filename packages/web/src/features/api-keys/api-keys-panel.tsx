import { useState } from "react";
import { Badge, type BadgeTone } from "../../components/badge";
import { Button } from "../../components/button";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { type Column, DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { useNotify } from "../../components/notices";
import { SectionHeader } from "../../components/page-header";
import type { ApiKeyFieldsFragment } from "../../gql/graphql";
import { formatDate, formatDateTime, formatRelative } from "../../lib/format";
import { hasPermission, useViewer } from "../auth/viewer";
import { CreateApiKeyDialog } from "./create-api-key-dialog";
import { useApiKeys, useRevokeApiKey } from "./use-api-keys";

const STATUS_TONE: Record<string, BadgeTone> = { active: "success", revoked: "neutral", expired: "warning" };
const STATUS_LABEL: Record<string, string> = { active: "Active", revoked: "Revoked", expired: "Expired" };

export function ApiKeysPanel() {
  const viewer = useViewer();
  const canSeeAll = hasPermission(viewer, "api_key:any");
  const [all, setAll] = useState(false);
  const showAll = canSeeAll && all;
  const { data, error, loading, refetch } = useApiKeys(showAll);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyFieldsFragment | null>(null);
  const [revokeApiKey] = useRevokeApiKey();
  const notify = useNotify();
  const keys = data?.apiKeys ?? [];

  const canRevoke = (key: ApiKeyFieldsFragment) =>
    key.status === "active" && (key.owner?.id === viewer.user.id || canSeeAll);

  const columns: Column<ApiKeyFieldsFragment>[] = [
    {
      key: "name",
      header: "Key",
      cell: (key) => (
        <span className="stacked-cell">
          <span className="stacked-cell__primary">{key.name}</span>
          <code className="stacked-cell__secondary mono" title="The first characters of the key">
            {key.prefix}…
          </code>
        </span>
      ),
    },
    {
      key: "scopes",
      header: "Scopes",
      cell: (key) => (
        <span className="badge-list">
          {key.scopes.map((scope) => (
            <Badge key={scope} tone={scope === "admin" ? "accent" : "neutral"}>
              {scope}
            </Badge>
          ))}
        </span>
      ),
    },
    { key: "cluster", header: "Cluster", cell: (key) => key.cluster?.name ?? <span className="muted">Any</span> },
    {
      key: "status",
      header: "Status",
      cell: (key) => (
        <Badge tone={STATUS_TONE[key.status] ?? "neutral"}>{STATUS_LABEL[key.status] ?? key.status}</Badge>
      ),
    },
    {
      key: "lastUsed",
      header: "Last used",
      className: "table__cell--nowrap",
      cell: (key) => <span title={formatDateTime(key.lastUsedAt, "Never used")}>{formatRelative(key.lastUsedAt)}</span>,
    },
    {
      key: "expires",
      header: "Expires",
      className: "table__cell--nowrap",
      cell: (key) => formatDate(key.expiresAt, "Never"),
    },
    { key: "created", header: "Created", className: "table__cell--nowrap", cell: (key) => formatDate(key.createdAt) },
    {
      key: "actions",
      header: "Actions",
      hiddenHeader: true,
      className: "table__cell--actions",
      cell: (key) =>
        canRevoke(key) ? (
          <Button
            size="sm"
            variant="ghost"
            className="button--danger-text"
            onClick={() => setRevoking(key)}
            aria-label={`Revoke API key ${key.name}`}
          >
            Revoke
          </Button>
        ) : null,
    },
  ];

  if (showAll) {
    columns.splice(3, 0, {
      key: "owner",
      header: "Owner",
      cell: (key) => key.owner?.email ?? <span className="muted">—</span>,
    });
  }

  let body;
  if (data === undefined && error)
    body = <ErrorBanner title="API keys could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (data === undefined) body = <LoadingState label="Loading API keys…" />;
  else if (!keys.length)
    body = (
      <EmptyState
        title={showAll ? "Nobody has an API key yet" : "You have no API keys"}
        icon={icons.key}
        action={
          <Button icon={icons.plus} onClick={() => setCreating(true)}>
            New API key
          </Button>
        }
      >
        <p>Agents, CI pipelines, falcosidekick, kube-bench and kube-hunter each use an API key to talk to Bulwark.</p>
      </EmptyState>
    );
  else
    body = (
      <DataTable
        caption={showAll ? "Every API key" : "Your API keys"}
        columns={columns}
        rows={keys}
        rowKey={(key) => key.id}
        rowClassName={(key) => (key.status === "active" ? undefined : "table__row--muted")}
      />
    );

  return (
    <section className="card">
      <SectionHeader
        title="API keys"
        description="Each key is shown once when it is created; Bulwark keeps only a hash."
        actions={
          <>
            {canSeeAll ? (
              <label className="switch">
                <input type="checkbox" checked={all} onChange={(event) => setAll(event.target.checked)} />
                <span>Show every user's keys</span>
              </label>
            ) : null}
            {loading && data !== undefined ? <span className="muted">Updating…</span> : null}
            <Button variant="primary" icon={icons.plus} onClick={() => setCreating(true)}>
              New API key
            </Button>
          </>
        }
      />
      {body}
      {creating ? <CreateApiKeyDialog onClose={() => setCreating(false)} /> : null}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke API key ${revoking?.name ?? ""}?`}
        confirmLabel="Revoke key"
        onCancel={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await revokeApiKey({ variables: { id: revoking.id } });
          notify(`API key ${revoking.name} revoked`);
          setRevoking(null);
        }}
      >
        <p>
          Anything using <strong>{revoking?.name}</strong> (<code>{revoking?.prefix}…</code>) is refused from now on.
          This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
