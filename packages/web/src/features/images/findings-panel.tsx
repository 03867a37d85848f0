import { Fragment, useMemo, useState } from "react";
import { Link } from "react-router";
import { Button } from "../../components/button";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { icons } from "../../components/icons";
import { SectionHeader } from "../../components/page-header";
import { ariaSort, nextSort, SortButton, type SortState } from "../../components/sort-button";
import { ToggleChips } from "../../components/toggle-chips";
import { formatDateTime } from "../../lib/format";
import { SEVERITIES, SEVERITY_LABELS } from "../../lib/severity";
import { useCan } from "../auth/viewer";
import { ExceptionFormDialog } from "../exceptions/exception-form-dialog";
import type { ExceptionFormValues } from "../exceptions/exception-form";
import {
  cvssScores,
  DEFAULT_FINDING_SORT,
  EMPTY_FINDING_FILTER,
  type Finding,
  type FindingFilter,
  type FindingSortKey,
  filterFindings,
  naturalDirection,
  sortFindings,
  type Treatment,
} from "./findings";
import { SeverityBadge } from "./severity-counts";
import { useFindingsCsvExport } from "./use-images";

const SHOWN_AT_FIRST = 100;
const COLUMN_COUNT = 7;

type ImageRef = { id: string; name: string; registry: string; repository: string };
type ClusterRef = { id: string; name: string };

type FindingsPanelProps = {
  image: ImageRef;
  /** The latest scan; null when the image was never scanned. */
  scan: { createdAt: string; submittedBy: string; findings: readonly Finding[] } | null;
  /** The cluster whose exceptions the markers show. */
  cluster: ClusterRef | null;
  treatments: ReadonlyMap<string, Treatment>;
};

/** The values the exception form starts from when asked from a finding. */
export function exceptionFromFinding(
  finding: Pick<Finding, "issueId">,
  image: Pick<ImageRef, "name" | "registry" | "repository">,
  cluster: ClusterRef | null,
): Partial<ExceptionFormValues> {
  return {
    type: "policy",
    title: `${finding.issueId} in ${image.name}`,
    issueId: finding.issueId,
    imagePattern: `${image.registry}/${image.repository}`,
    ...(cluster ? { allClusters: false, clusterIds: [cluster.id] } : {}),
  };
}

function TreatmentMarker({ treatment }: { treatment: Treatment | undefined }) {
  if (!treatment) return <span className="muted">—</span>;
  return (
    <ul className="treatment-list">
      {treatment.excludedBy.map((exception) => (
        <li key={`x-${exception.id}`} className="treatment treatment--excluded">
          Excluded by <Link to={`/exceptions/${exception.id}`}>{exception.title}</Link>
        </li>
      ))}
      {treatment.overriddenBy.map((exception) => (
        <li key={`o-${exception.id}`} className="treatment treatment--override">
          Counted as {exception.countedAs ?? "another severity"} by{" "}
          <Link to={`/exceptions/${exception.id}`}>{exception.title}</Link>
        </li>
      ))}
    </ul>
  );
}

function FindingDetails({ finding }: { finding: Finding }) {
  const scores = cvssScores(finding.vulnerability.cvss);
  return (
    <div className="finding-details">
      {finding.vulnerability.description ? (
        <p className="finding-details__description">{finding.vulnerability.description}</p>
      ) : null}
      <dl className="finding-details__meta">
        <div>
          <dt>Target</dt>
          <dd className="mono">{finding.target}</dd>
        </div>
        <div>
          <dt>Package type</dt>
          <dd>
            {finding.packageType} ({finding.packageClass})
          </dd>
        </div>
        {scores.map((score) => (
          <div key={score.source}>
            <dt>
              CVSS {score.version} ({score.source})
            </dt>
            <dd>
              {score.score ?? "—"} {score.vector ? <span className="mono muted">{score.vector}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      {finding.vulnerability.references.length ? (
        <div>
          <p className="finding-details__label">References</p>
          <ul className="finding-details__references">
            {finding.vulnerability.references.slice(0, 12).map((url) => (
              <li key={url}>
                <a href={url} target="_blank" rel="noreferrer noopener">
                  {url}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** The latest scan's findings: filter, sort, see what exceptions did, and ask for one. */
export function FindingsPanel({ image, scan, cluster, treatments }: FindingsPanelProps) {
  const canWrite = useCan("exception:write");
  const canRequest = useCan("exception:request");
  const [filter, setFilter] = useState<FindingFilter>(EMPTY_FINDING_FILTER);
  const [sort, setSort] = useState<SortState<FindingSortKey>>(DEFAULT_FINDING_SORT);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [requesting, setRequesting] = useState<Finding | null>(null);
  const csv = useFindingsCsvExport();

  const findings = scan?.findings;
  const visible = useMemo(
    () => (findings ? sortFindings(filterFindings(findings, filter), sort) : []),
    [findings, filter, sort],
  );
  const shown = showAll ? visible : visible.slice(0, SHOWN_AT_FIRST);
  const filtered = Boolean(filter.search.trim() || filter.severity || filter.fixable);
  const exceptionLabel = canWrite ? "Create exception" : "Request exception";

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const onSort = (key: string) => setSort((current) => nextSort(current, key as FindingSortKey, naturalDirection));

  const header = (key: FindingSortKey, label: string) => (
    <th scope="col" aria-sort={ariaSort(sort, key)}>
      <SortButton label={label} columnKey={key} sort={sort} onSort={onSort} />
    </th>
  );

  let body;
  if (!scan) {
    body = (
      <EmptyState title="Not scanned yet" icon={icons.images}>
        <p>Findings appear once a scan of this image has been reported.</p>
      </EmptyState>
    );
  } else if (!scan.findings.length) {
    body = (
      <EmptyState title="No vulnerabilities found" icon={icons.shield}>
        <p>The latest scan ({formatDateTime(scan.createdAt)}) found nothing.</p>
      </EmptyState>
    );
  } else if (!visible.length) {
    body = (
      <EmptyState
        title="No findings match these filters"
        action={<Button onClick={() => setFilter(EMPTY_FINDING_FILTER)}>Clear filters</Button>}
      />
    );
  } else {
    body = (
      <>
        <div className="table-wrap">
          <table className="table findings-table">
            <caption className="visually-hidden">Findings of the latest scan</caption>
            <thead>
              <tr>
                <th scope="col" className="audit-table__toggle">
                  <span className="visually-hidden">Details</span>
                </th>
                {header("severity", "Severity")}
                {header("issue", "Issue")}
                {header("package", "Package")}
                {header("fixable", "Installed → fixed")}
                <th scope="col">Exception{cluster ? ` in ${cluster.name}` : ""}</th>
                <th scope="col" className="table__cell--actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((finding) => {
                const open = expanded.has(finding.id);
                const detailsId = `finding-${finding.id}`;
                const treatment = treatments.get(finding.id);
                return (
                  <Fragment key={finding.id}>
                    <tr className={treatment?.excludedBy.length ? "table__row--muted" : undefined}>
                      <td className="audit-table__toggle">
                        <button
                          type="button"
                          className={`disclosure${open ? " disclosure--open" : ""}`}
                          aria-expanded={open}
                          aria-controls={detailsId}
                          aria-label={`${open ? "Hide" : "Show"} details of ${finding.issueId} in ${finding.packageName}`}
                          onClick={() => toggle(finding.id)}
                        >
                          <svg viewBox="0 0 16 16" aria-hidden="true">
                            <path
                              d="M6 4l4 4-4 4"
                              fill="none"
                              stroke="currentColor"
                              strokeWidth="1.6"
                              strokeLinecap="round"
                            />
                          </svg>
                        </button>
                      </td>
                      <td>
                        <SeverityBadge severity={finding.severity} />
                      </td>
                      <td className="findings-table__issue">
                        <span className="stacked-cell">
                          {finding.vulnerability.primaryUrl ? (
                            <a
                              className="mono table__primary-link"
                              href={finding.vulnerability.primaryUrl}
                              target="_blank"
                              rel="noreferrer noopener"
                              title="Open the advisory"
                            >
                              {finding.issueId}
                            </a>
                          ) : (
                            <span className="mono table__primary-link">{finding.issueId}</span>
                          )}
                          {finding.vulnerability.title ? (
                            <span
                              className="stacked-cell__secondary findings-table__title"
                              title={finding.vulnerability.title}
                            >
                              {finding.vulnerability.title}
                            </span>
                          ) : null}
                        </span>
                      </td>
                      <td>
                        <span className="stacked-cell">
                          <span className="mono">{finding.packageName}</span>
                          <span className="stacked-cell__secondary">{finding.packageType}</span>
                        </span>
                      </td>
                      <td className="mono findings-table__versions">
                        {finding.installedVersion}
                        {" → "}
                        {finding.fixedVersion ? (
                          <span className="findings-table__fixed">{finding.fixedVersion}</span>
                        ) : (
                          <span className="muted">no fix yet</span>
                        )}
                      </td>
                      <td className="findings-table__treatment">
                        <TreatmentMarker treatment={treatment} />
                      </td>
                      <td className="table__cell--actions">
                        {canRequest || canWrite ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => setRequesting(finding)}
                            aria-label={`${exceptionLabel} for ${finding.issueId} in ${finding.packageName}`}
                          >
                            {exceptionLabel}
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                    {open ? (
                      <tr className="audit-table__details-row" id={detailsId}>
                        <td colSpan={COLUMN_COUNT}>
                          <FindingDetails finding={finding} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
        {visible.length > shown.length ? (
          <div className="load-more">
            <Button onClick={() => setShowAll(true)}>Show all {visible.length} findings</Button>
          </div>
        ) : null}
      </>
    );
  }

  return (
    <section className="card" aria-labelledby="findings-title">
      <SectionHeader
        title={<span id="findings-title">Findings</span>}
        description={
          scan
            ? `${scan.findings.length} in the latest scan, ${formatDateTime(scan.createdAt)}, submitted by ${scan.submittedBy}. Counted before exceptions; markers show what exceptions${cluster ? ` in ${cluster.name}` : ""} did.`
            : "Vulnerabilities of the latest scan."
        }
        actions={
          scan?.findings.length ? (
            <Button
              icon={icons.download}
              loading={csv.exporting}
              onClick={() => void csv.exportCsv(image.id, image.name, cluster)}
            >
              Export findings CSV
            </Button>
          ) : undefined
        }
      />
      {csv.error ? <ErrorBanner title="The export failed." error={csv.error} onDismiss={csv.clearError} /> : null}
      {scan?.findings.length ? (
        <form
          className="filters"
          role="search"
          aria-label="Filter findings"
          onSubmit={(event) => event.preventDefault()}
        >
          <div className="toolbar toolbar--chips">
            <label className="search-box">
              <span className="visually-hidden">Search findings</span>
              {icons.search}
              <input
                type="search"
                className="input"
                placeholder="Issue id, package or title"
                value={filter.search}
                onChange={(event) => setFilter({ ...filter, search: event.target.value })}
              />
            </label>
            <ToggleChips
              label="Severity"
              anyLabel="Any"
              value={filter.severity}
              onChange={(severity) => setFilter({ ...filter, severity })}
              options={SEVERITIES.map((severity) => ({
                value: severity,
                label: SEVERITY_LABELS[severity],
                tone: severity,
              }))}
            />
            <ToggleChips
              label="Fix"
              anyLabel="Any"
              value={filter.fixable}
              onChange={(fixable) => setFilter({ ...filter, fixable })}
              options={[
                { value: "fixable", label: "Fixable" },
                { value: "unfixable", label: "No fix yet" },
              ]}
            />
            {filtered ? (
              <span className="toolbar__count muted">
                {visible.length} of {scan.findings.length}
              </span>
            ) : null}
          </div>
        </form>
      ) : null}
      {body}
      {requesting ? (
        <ExceptionFormDialog
          mode={canWrite ? "create" : "request"}
          initial={exceptionFromFinding(requesting, image, cluster)}
          onClose={() => setRequesting(null)}
        />
      ) : null}
    </section>
  );
}
