import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { type Column, DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { LoadingState } from "../../components/loading-state";
import { useNotify } from "../../components/notices";
import { PageHeader, SectionHeader } from "../../components/page-header";
import type { FalcoRuleFieldsFragment } from "../../gql/graphql";
import { formatDate } from "../../lib/format";
import { useCan } from "../auth/viewer";
import { ClusterOptionsDocument } from "../clusters/clusters.graphql";
import { lastDayOfEndsAt } from "../exceptions/exception-dates";
import { ACTION_LABELS } from "./falco-rule-form";
import { FalcoRuleFormDialog } from "./falco-rule-form-dialog";
import { useDeleteFalcoRule, useFalcoRules } from "./use-falco";

type Action =
  { kind: "edit"; rule: FalcoRuleFieldsFragment | null } | { kind: "delete"; rule: FalcoRuleFieldsFragment };

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** The last day a rule applies, as people read it. */
function lastDay(endsAt: string): string {
  return dayFormat.format(new Date(`${lastDayOfEndsAt(endsAt)}T00:00:00Z`));
}

/** Built-in first, then rules in force by name, then ended ones. */
export function sortFalcoRules(rules: readonly FalcoRuleFieldsFragment[]): FalcoRuleFieldsFragment[] {
  const rank = (rule: FalcoRuleFieldsFragment) => (rule.builtIn ? 0 : rule.active ? 1 : 2);
  return [...rules].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

function List({ items, all }: { items: readonly string[]; all: string }) {
  if (!items.length) return <span className="muted">{all}</span>;
  return (
    <ul className="tag-list">
      {items.map((item) => (
        <li key={item} className="chip chip--static">
          {item}
        </li>
      ))}
    </ul>
  );
}

/** Rules that ignore or silence Falco events, with their scope and end. */
export function FalcoRules() {
  const canWrite = useCan("falco:write");
  const { data, error, refetch } = useFalcoRules();
  const clusters = useQuery(ClusterOptionsDocument).data?.clusters ?? [];
  const clusterName = (id: string) => clusters.find((cluster) => cluster.id === id)?.name ?? "a deleted cluster";
  const [action, setAction] = useState<Action | null>(null);
  const deleteRule = useDeleteFalcoRule();
  const notify = useNotify();
  const rules = sortFalcoRules(data?.falcoRules ?? []);

  const columns: Column<FalcoRuleFieldsFragment>[] = [
    {
      key: "name",
      header: "Rule",
      className: "table__cell--wide",
      cell: (rule) => (
        <span className="stacked-cell">
          <span className="stacked-cell__primary">
            {rule.name}
            {rule.builtIn ? (
              <Badge tone="info" title="Comes with Bulwark: it can be edited, not deleted">
                Built-in
              </Badge>
            ) : null}
          </span>
          <span className="stacked-cell__secondary">
            {rule.endsAt
              ? rule.active
                ? `Applies through ${lastDay(rule.endsAt)} (UTC)`
                : `Ended after ${lastDay(rule.endsAt)}`
              : "No end"}
          </span>
        </span>
      ),
    },
    {
      key: "action",
      header: "Action",
      cell: (rule) => (
        <span className="badge-list">
          <Badge
            tone={rule.action === "ignore" ? "warning" : "neutral"}
            title={
              rule.action === "ignore"
                ? "Matching events are dropped, not stored"
                : "Matching events are stored, never emailed about"
            }
          >
            {ACTION_LABELS[rule.action]}
          </Badge>
          {rule.active ? null : <Badge tone="neutral">Ended</Badge>}
        </span>
      ),
    },
    {
      key: "matches",
      header: "Falco rule and image",
      className: "table__cell--wide falco-rules__patterns",
      cell: (rule) => (
        <span className="stacked-cell">
          <span>{rule.rulePattern ? <code>{rule.rulePattern}</code> : <span className="muted">Every rule</span>}</span>
          <span className="stacked-cell__secondary">
            {rule.imagePattern ? <code>{rule.imagePattern}</code> : "Any image"}
          </span>
        </span>
      ),
    },
    {
      key: "namespaces",
      header: "Namespaces",
      cell: (rule) => <List items={rule.namespaces} all="All namespaces" />,
    },
    {
      key: "clusters",
      header: "Clusters",
      cell: (rule) => <List items={rule.clusterIds.map(clusterName)} all="All clusters" />,
    },
    {
      key: "changed",
      header: "Changed",
      className: "falco-rules__changed",
      cell: (rule) => (
        <span className="stacked-cell">
          <span>{formatDate(rule.updatedAt)}</span>
          {rule.createdBy ? <span className="stacked-cell__secondary">created by {rule.createdBy}</span> : null}
        </span>
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      key: "actions",
      header: "Actions",
      hiddenHeader: true,
      className: "table__cell--actions",
      cell: (rule) => (
        <div className="row-actions">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setAction({ kind: "edit", rule })}
            aria-label={`Edit rule ${rule.name}`}
          >
            Edit
          </Button>
          {rule.builtIn ? null : (
            <Button
              size="sm"
              variant="ghost"
              className="button--danger-text"
              onClick={() => setAction({ kind: "delete", rule })}
              aria-label={`Delete rule ${rule.name}`}
            >
              Delete
            </Button>
          )}
        </div>
      ),
    });
  }

  const newRule = canWrite ? (
    <Button variant="primary" icon={icons.plus} onClick={() => setAction({ kind: "edit", rule: null })}>
      New rule
    </Button>
  ) : undefined;

  let body;
  if (data === undefined && error)
    body = <ErrorBanner title="The rules could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (data === undefined) body = <LoadingState label="Loading rules…" />;
  else if (!rules.length)
    body = (
      <EmptyState title="No rules" icon={icons.falco} action={newRule}>
        <p>Every event Falco sends is stored, and emailed about as each cluster's settings say.</p>
      </EmptyState>
    );
  else
    body = (
      <DataTable
        caption="Falco rules"
        columns={columns}
        rows={rules}
        rowKey={(rule) => rule.id}
        rowClassName={(rule) => (rule.active ? undefined : "table__row--muted")}
      />
    );

  const deleting = action?.kind === "delete" ? action.rule : null;

  return (
    <div className="page">
      <PageHeader
        breadcrumb={<Link to="/falco">Falco</Link>}
        title="Rules"
        description="Rules quiet the noise: ignore drops matching events as they arrive, silence keeps them without emails. They apply to new events, in every cluster they cover."
        actions={newRule}
      />
      {canWrite ? null : (
        <p className="notice-inline">
          You can see the rules; changing them needs the <code>falco:write</code> permission.
        </p>
      )}
      <section className="card" aria-labelledby="falco-rules-title">
        <SectionHeader
          title={
            <span id="falco-rules-title">
              {data ? `${rules.length} ${rules.length === 1 ? "rule" : "rules"}` : "Rules"}
            </span>
          }
          description="The built-in rule first, then those in force by name, then those that ended."
        />
        {body}
      </section>
      {action?.kind === "edit" ? (
        <FalcoRuleFormDialog key={action.rule?.id ?? "new"} rule={action.rule} onClose={() => setAction(null)} />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete rule ${deleting?.name ?? ""}?`}
        confirmLabel="Delete rule"
        onCancel={() => setAction(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await deleteRule(deleting.id);
          notify(`Rule ${deleting.name} deleted`);
          setAction(null);
        }}
      >
        <p>
          From now on, events that <strong>{deleting?.name}</strong> would have{" "}
          {deleting?.action === "ignore" ? "dropped are stored" : "silenced may cause emails"}. Events already stored
          stay as they are.
        </p>
      </ConfirmDialog>
    </div>
  );
}
