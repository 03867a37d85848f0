import { useState } from "react";
import { Link } from "react-router";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { useNotify } from "../../components/notices";
import { PageHeader } from "../../components/page-header";
import type { PolicyFieldsFragment, ScannerFieldsFragment } from "../../gql/graphql";
import { formatDateTime } from "../../lib/format";
import { useCan } from "../auth/viewer";
import { PolicyFormDialog } from "./policy-form-dialog";
import { ScannerFormDialog } from "./scanner-form-dialog";
import { summariseThresholds } from "./thresholds";
import { useDeletePolicy, useDeleteScanner, usePolicies } from "./use-policies";

type Action =
  | { kind: "create" }
  | { kind: "edit"; policy: PolicyFieldsFragment }
  | { kind: "delete"; policy: PolicyFieldsFragment }
  | { kind: "add-scanner"; policy: PolicyFieldsFragment }
  | { kind: "edit-scanner"; policy: PolicyFieldsFragment; scanner: ScannerFieldsFragment }
  | { kind: "delete-scanner"; policy: PolicyFieldsFragment; scanner: ScannerFieldsFragment };

function days(count: number): string {
  return `${count} ${count === 1 ? "day" : "days"}`;
}

function PolicyCard({
  policy,
  canWrite,
  onAction,
}: {
  policy: PolicyFieldsFragment;
  canWrite: boolean;
  onAction: (action: Action) => void;
}) {
  return (
    <article className="card policy-card" aria-labelledby={`policy-${policy.id}`}>
      <header className="policy-card__header">
        <div className="policy-card__title-row">
          <h2 className="policy-card__title" id={`policy-${policy.id}`}>
            {policy.name}
          </h2>
          {policy.enforced ? (
            <Badge tone="accent" title="An image that fails it is non-compliant and refused at admission">
              Enforced: blocks
            </Badge>
          ) : (
            <Badge tone="neutral" title="Failures are shown as reasons but never block">
              Advisory: reports only
            </Badge>
          )}
          {policy.active ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Inactive</Badge>}
        </div>
        {canWrite ? (
          <div className="row-actions">
            <Button
              size="sm"
              onClick={() => onAction({ kind: "edit", policy })}
              aria-label={`Edit policy ${policy.name}`}
            >
              Edit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="button--danger-text"
              onClick={() => onAction({ kind: "delete", policy })}
              aria-label={`Delete policy ${policy.name}`}
            >
              Delete
            </Button>
          </div>
        ) : null}
      </header>
      {policy.description ? <p className="policy-card__description">{policy.description}</p> : null}
      <dl className="details details--compact">
        <div>
          <dt>Clusters</dt>
          <dd>
            {policy.allClusters ? (
              "All clusters"
            ) : policy.clusters.length ? (
              <ul className="tag-list" aria-label="Clusters">
                {policy.clusters.map((cluster) => (
                  <li key={cluster.id}>
                    <Link className="chip chip--static" to={`/clusters/${cluster.id}`}>
                      {cluster.name}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">None: it applies nowhere</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Rescan</dt>
          <dd>Every {days(policy.rescanPeriodDays)}</dd>
        </div>
        <div>
          <dt>Grace period</dt>
          <dd>
            {policy.graceDays > 0 ? (
              `${days(policy.graceDays)} of temporary exceptions for new problems`
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>{formatDateTime(policy.updatedAt)}</dd>
        </div>
      </dl>
      <div className="policy-card__scanners">
        <div className="policy-card__scanners-header">
          <h3 className="policy-card__subtitle">Scanners</h3>
          {canWrite ? (
            <Button
              size="sm"
              icon={icons.plus}
              onClick={() => onAction({ kind: "add-scanner", policy })}
              aria-label={`Add a scanner to ${policy.name}`}
            >
              Add scanner
            </Button>
          ) : null}
        </div>
        {policy.scanners.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Scanners of {policy.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Scanner</th>
                  <th scope="col">Status</th>
                  <th scope="col">Thresholds</th>
                  {canWrite ? (
                    <th scope="col" className="table__cell--actions">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {policy.scanners.map((scanner) => (
                  <tr key={scanner.id} className={scanner.active ? undefined : "table__row--muted"}>
                    <td>
                      <span className="stacked-cell">
                        <span className="stacked-cell__primary">{scanner.name}</span>
                        <span className="stacked-cell__secondary">{scanner.type}</span>
                      </span>
                    </td>
                    <td>
                      <span className="badge-list">
                        {scanner.active ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Inactive</Badge>}
                        {scanner.required ? (
                          <Badge tone="info" title="An enforced policy fails when this scanner fails">
                            Required
                          </Badge>
                        ) : (
                          <Badge tone="neutral" title="Its failures are reported, never blocking">
                            Report-only
                          </Badge>
                        )}
                      </span>
                    </td>
                    <td className="table__cell--wide">
                      <ul className="threshold-summary">
                        {summariseThresholds(scanner.thresholds).map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </td>
                    {canWrite ? (
                      <td className="table__cell--actions">
                        <div className="row-actions">
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => onAction({ kind: "edit-scanner", policy, scanner })}
                            aria-label={`Edit scanner ${scanner.name} of ${policy.name}`}
                          >
                            Edit
                          </Button>
                          <Button
                            size="sm"
                            variant="ghost"
                            className="button--danger-text"
                            onClick={() => onAction({ kind: "delete-scanner", policy, scanner })}
                            aria-label={`Delete scanner ${scanner.name} of ${policy.name}`}
                          >
                            Delete
                          </Button>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No scanners: the policy has nothing to judge, so every image passes it.</p>
        )}
      </div>
    </article>
  );
}

export function PoliciesOverview() {
  const canWrite = useCan("policy:write");
  const { data, error, refetch } = usePolicies();
  const [action, setAction] = useState<Action | null>(null);
  const deletePolicy = useDeletePolicy();
  const deleteScanner = useDeleteScanner();
  const notify = useNotify();
  const policies = data?.policies ?? [];
  const close = () => setAction(null);

  const newPolicy = canWrite ? (
    <Button variant="primary" icon={icons.plus} onClick={() => setAction({ kind: "create" })}>
      New policy
    </Button>
  ) : undefined;

  let body;
  if (data === undefined && error)
    body = <ErrorBanner title="Policies could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (data === undefined) body = <LoadingState label="Loading policies…" />;
  else if (!policies.length)
    body = (
      <div className="card">
        <EmptyState title="No policies" icon={icons.policies} action={newPolicy}>
          <p>Without a policy every image is compliant. A policy sets the thresholds an image's scan must meet.</p>
          {!canWrite ? <p className="muted">An administrator can add policies.</p> : null}
        </EmptyState>
      </div>
    );
  else
    body = policies.map((policy) => (
      <PolicyCard key={policy.id} policy={policy} canWrite={canWrite} onAction={setAction} />
    ));

  const deleting = action?.kind === "delete" ? action.policy : null;
  const deletingScanner = action?.kind === "delete-scanner" ? action : null;

  return (
    <div className="page">
      <PageHeader
        title="Policies"
        description="The thresholds an image's scan must meet in the clusters each policy covers. A threshold holds when the count ≤ the limit."
        actions={newPolicy}
      />
      {!canWrite && data !== undefined ? (
        <p className="muted">You can view policies; administrators change them.</p>
      ) : null}
      {body}
      {action?.kind === "create" ? <PolicyFormDialog onClose={close} /> : null}
      {action?.kind === "edit" ? (
        <PolicyFormDialog key={action.policy.id} policy={action.policy} onClose={close} />
      ) : null}
      {action?.kind === "add-scanner" ? <ScannerFormDialog policy={action.policy} onClose={close} /> : null}
      {action?.kind === "edit-scanner" ? (
        <ScannerFormDialog key={action.scanner.id} policy={action.policy} scanner={action.scanner} onClose={close} />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete policy ${deleting?.name ?? ""}?`}
        confirmLabel="Delete policy"
        onCancel={close}
        onConfirm={async () => {
          if (!deleting) return;
          await deletePolicy(deleting.id);
          notify(`Policy ${deleting.name} deleted`);
          close();
        }}
      >
        <p>
          <strong>{deleting?.name}</strong> and its {deleting?.scanners.length ?? 0}{" "}
          {deleting?.scanners.length === 1 ? "scanner" : "scanners"} are deleted, and every verdict is recomputed:
          images it failed may become compliant. Exceptions naming it no longer match it.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={deletingScanner !== null}
        title={`Delete scanner ${deletingScanner?.scanner.name ?? ""}?`}
        confirmLabel="Delete scanner"
        onCancel={close}
        onConfirm={async () => {
          if (!deletingScanner) return;
          await deleteScanner(deletingScanner.scanner.id);
          notify(`Scanner ${deletingScanner.scanner.name} deleted from ${deletingScanner.policy.name}`);
          close();
        }}
      >
        <p>
          The scanner <strong>{deletingScanner?.scanner.name}</strong> of{" "}
          <strong>{deletingScanner?.policy.name}</strong> and its thresholds are deleted, and verdicts are recomputed.
        </p>
      </ConfirmDialog>
    </div>
  );
}
