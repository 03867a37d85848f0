import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { SEVERITIES, SEVERITY_LABELS } from "../../lib/severity";
import type { ComplianceSummaryValues } from "./use-compliance-summary";

const VERDICT_SLICES = [
  { key: "nonCompliant", label: "Non-compliant", color: "#b42318" },
  { key: "scanFailed", label: "Scan failed", color: "#c98a00" },
  { key: "unscanned", label: "Not scanned", color: "#9aa5b4" },
  { key: "compliant", label: "Compliant", color: "#17784a" },
] as const;

const FIXABLE_COLOR = "#2457b0";
const UNFIXABLE_COLOR = "#9fb1cc";

/** Verdict distribution (a ring) and images per severity (bars), for one cluster. */
export function ComplianceCharts({ summary }: { summary: ComplianceSummaryValues }) {
  const verdicts = VERDICT_SLICES.map((slice) => ({ ...slice, value: summary.byVerdict[slice.key] }));
  const severities = SEVERITIES.map((severity) => {
    const fixable = summary.bySeverity.find((bucket) => bucket.severity === severity && bucket.fixable);
    const unfixable = summary.bySeverity.find((bucket) => bucket.severity === severity && !bucket.fixable);
    return {
      severity: SEVERITY_LABELS[severity],
      fixable: fixable?.images ?? 0,
      unfixable: unfixable?.images ?? 0,
      fixableFindings: fixable?.findings ?? 0,
      unfixableFindings: unfixable?.findings ?? 0,
    };
  });

  return (
    <div className="compliance-charts">
      <figure className="compliance-charts__figure">
        <figcaption className="compliance-charts__caption">Images by verdict</figcaption>
        <div className="compliance-charts__ring">
          <ResponsiveContainer width="100%" height={220}>
            <PieChart>
              <Pie
                data={verdicts.filter((slice) => slice.value > 0)}
                dataKey="value"
                nameKey="label"
                innerRadius={62}
                outerRadius={92}
                paddingAngle={1}
                isAnimationActive={false}
              >
                {verdicts
                  .filter((slice) => slice.value > 0)
                  .map((slice) => (
                    <Cell key={slice.key} fill={slice.color} />
                  ))}
              </Pie>
              <Tooltip formatter={(value) => [`${String(value)} images`]} />
            </PieChart>
          </ResponsiveContainer>
          <div className="compliance-charts__total" aria-hidden="true">
            <strong>{summary.total}</strong>
            <span>{summary.total === 1 ? "image" : "images"}</span>
          </div>
        </div>
        <ul className="chart-legend">
          {verdicts.map((slice) => (
            <li key={slice.key}>
              <span className="chart-legend__swatch" style={{ background: slice.color }} aria-hidden="true" />
              <span>{slice.label}</span>
              <strong>{slice.value}</strong>
            </li>
          ))}
        </ul>
      </figure>
      <figure className="compliance-charts__figure compliance-charts__figure--wide">
        <figcaption className="compliance-charts__caption">Images with findings, by severity</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={severities} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e1e6ed" />
            <XAxis dataKey="severity" tick={{ fontSize: 12 }} tickLine={false} axisLine={{ stroke: "#c9d1dc" }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} tickLine={false} axisLine={false} />
            <Tooltip
              formatter={(value, name, item) => {
                const row = item.payload as (typeof severities)[number];
                const findings = name === "Fixable" ? row.fixableFindings : row.unfixableFindings;
                return [`${String(value)} images, ${findings} findings`, name];
              }}
            />
            <Legend iconType="square" wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="fixable"
              name="Fixable"
              fill={FIXABLE_COLOR}
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
            <Bar
              dataKey="unfixable"
              name="Unfixable"
              fill={UNFIXABLE_COLOR}
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
        <div className="visually-hidden">
          <table>
            <caption>Images and findings by severity</caption>
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Images with fixable findings</th>
                <th scope="col">Images with unfixable findings</th>
                <th scope="col">Fixable findings</th>
                <th scope="col">Unfixable findings</th>
              </tr>
            </thead>
            <tbody>
              {severities.map((row) => (
                <tr key={row.severity}>
                  <th scope="row">{row.severity}</th>
                  <td>{row.fixable}</td>
                  <td>{row.unfixable}</td>
                  <td>{row.fixableFindings}</td>
                  <td>{row.unfixableFindings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figure>
    </div>
  );
}
