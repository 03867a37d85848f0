import { useState } from "react";
import { Link } from "react-router";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { ErrorBanner } from "../../components/error-banner";
import { LoadingState } from "../../components/loading-state";
import type { ImageComplianceQuery, VerdictReasonFieldsFragment } from "../../gql/graphql";
import { SEVERITY_LABELS } from "../../lib/severity";
import { SeverityCounts } from "./severity-counts";
import { VERDICT_DESCRIPTIONS } from "./verdict";
import { VerdictBadge } from "./verdict-badge";

type Compliance = ImageComplianceQuery["image"]["compliance"];

const ISSUES_SHOWN = 8;

function IssueIds({ ids }: { ids: readonly string[] }) {
  const [all, setAll] = useState(false);
  if (!ids.length) return null;
  const shown = all ? ids : ids.slice(0, ISSUES_SHOWN);
  return (
    <ul className="issue-list" aria-label="Issues">
      {shown.map((id) => (
        <li key={id} className="chip chip--static">
          {id}
        </li>
      ))}
      {ids.length > shown.length ? (
        <li>
          <Button size="sm" variant="ghost" onClick={() => setAll(true)}>
            +{ids.length - shown.length} more
          </Button>
        </li>
      ) : null}
    </ul>
  );
}

/** One threshold that did not hold, in words. */
export function ReasonItem({ reason }: { reason: VerdictReasonFieldsFragment }) {
  return (
    <li className={`reason${reason.blocking ? " reason--blocking" : ""}`}>
      <div className="reason__head">
        {reason.blocking ? (
          <Badge tone="danger" title="An enforced policy's required scanner: it makes the image non-compliant">
            Blocking
          </Badge>
        ) : (
          <Badge tone="neutral" title="An advisory policy or a report-only scanner: reported, never blocks">
            Advisory
          </Badge>
        )}
        <span className="reason__text">
          <strong>
            {reason.count} {reason.fixable ? "fixable" : "unfixable"} {SEVERITY_LABELS[reason.severity].toLowerCase()}
          </strong>{" "}
          {reason.count === 1 ? "finding" : "findings"}, more than the limit of <strong>{reason.limit}</strong>
        </span>
      </div>
      <p className="reason__where muted">
        Policy <Link to="/policies">{reason.policyName}</Link>, scanner {reason.scannerName}
      </p>
      <IssueIds ids={reason.issueIds} />
    </li>
  );
}

type VerdictPanelProps = {
  clusterName: string;
  compliance: Compliance | undefined;
  error: unknown;
  onRetry: () => void;
};

/** The verdict in the selected cluster, computed now: every reason and every policy's result. */
export function VerdictPanel({ clusterName, compliance, error, onRetry }: VerdictPanelProps) {
  if (compliance === undefined && error)
    return <ErrorBanner title="The verdict could not be loaded." error={error} onRetry={onRetry} />;
  if (compliance === undefined) return <LoadingState label="Judging the image…" />;

  return (
    <div className="verdict-panel">
      <div className="verdict-panel__status">
        <VerdictBadge status={compliance.status} />
        <span>
          {compliance.policies.length
            ? VERDICT_DESCRIPTIONS[compliance.status]
            : `No active policy applies to ${clusterName}, so there is nothing to break.`}
        </span>
      </div>
      {compliance.reasons.length ? (
        <ul className="reason-list" aria-label="Reasons">
          {compliance.reasons.map((reason) => (
            <ReasonItem
              key={`${reason.policyId}/${reason.scannerId}/${reason.severity}/${String(reason.fixable)}`}
              reason={reason}
            />
          ))}
        </ul>
      ) : compliance.status === "compliant" && compliance.policies.length ? (
        <p className="muted">Every threshold of every applicable policy holds.</p>
      ) : null}
      {compliance.policies.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Policies that apply in {clusterName}</caption>
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col">Mode</th>
                <th scope="col">Result</th>
                <th scope="col">Scanner</th>
                <th scope="col">Counted findings (after exceptions)</th>
              </tr>
            </thead>
            <tbody>
              {compliance.policies.flatMap((policy) => {
                const scanners = policy.scanners.length ? policy.scanners : [null];
                return scanners.map((scanner, index) => (
                  <tr key={`${policy.policyId}/${scanner?.scannerId ?? "none"}`}>
                    {index === 0 ? (
                      <>
                        <td rowSpan={scanners.length}>
                          <strong>{policy.policyName}</strong>
                        </td>
                        <td rowSpan={scanners.length}>
                          {policy.enforced ? (
                            <Badge tone="accent">Enforced: blocks</Badge>
                          ) : (
                            <Badge tone="neutral">Advisory: reports only</Badge>
                          )}
                        </td>
                        <td rowSpan={scanners.length}>
                          {policy.passed ? <Badge tone="success">Passed</Badge> : <Badge tone="danger">Failed</Badge>}
                        </td>
                      </>
                    ) : null}
                    <td>
                      {scanner ? (
                        <span className="stacked-cell">
                          <span>
                            {scanner.scannerName}{" "}
                            {scanner.passed ? (
                              <Badge tone="success">Passed</Badge>
                            ) : (
                              <Badge tone="danger">Failed</Badge>
                            )}
                          </span>
                          <span className="stacked-cell__secondary">
                            {scanner.required ? "Required" : "Report-only"}
                          </span>
                        </span>
                      ) : (
                        <span className="muted">No active scanner</span>
                      )}
                    </td>
                    <td>{scanner ? <SeverityCounts counts={scanner.counts} empty="None" /> : null}</td>
                  </tr>
                ));
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
