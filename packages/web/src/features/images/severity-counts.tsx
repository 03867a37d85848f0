import { SEVERITIES, SEVERITY_LABELS, type FindingCountValues, type SeverityName } from "../../lib/severity";

const SHORT: Record<SeverityName, string> = { critical: "C", high: "H", medium: "M", low: "L", negligible: "N" };

/** Findings per severity as small coloured chips (worst first); severities with none are left out. */
export function SeverityCounts({ counts, empty = "No findings" }: { counts: FindingCountValues; empty?: string }) {
  const items = SEVERITIES.map((severity) => ({
    severity,
    fixable: counts.fixable[severity],
    unfixable: counts.unfixable[severity],
  })).filter((item) => item.fixable + item.unfixable > 0);
  if (!items.length) return <span className="muted">{empty}</span>;
  return (
    <ul className="severity-counts" aria-label="Findings by severity">
      {items.map(({ severity, fixable, unfixable }) => {
        const total = fixable + unfixable;
        const detail = `${total} ${SEVERITY_LABELS[severity].toLowerCase()}: ${fixable} fixable, ${unfixable} unfixable`;
        return (
          <li key={severity} className={`severity-chip severity-chip--${severity}`} title={detail}>
            <span aria-hidden="true">
              <span className="severity-chip__letter">{SHORT[severity]}</span>
              {total}
            </span>
            <span className="visually-hidden">{detail}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** One severity as a coloured label. */
export function SeverityBadge({ severity }: { severity: SeverityName }) {
  return <span className={`severity-badge severity-badge--${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}
