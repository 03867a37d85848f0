import { Stat } from "../../components/stat";
import type { VerdictStatus } from "../../gql/graphql";
import type { ComplianceSummaryValues } from "./use-compliance-summary";

type StripProps = {
  summary: ComplianceSummaryValues;
  /** The verdict the list is filtered by, if any; the tiles filter the list when pressed. */
  verdict?: VerdictStatus | "";
  onVerdict?: (verdict: VerdictStatus | "") => void;
};

/** A cluster's images by verdict, as a row of numbers and a proportion bar. */
export function ComplianceStrip({ summary, verdict, onVerdict }: StripProps) {
  const { total, byVerdict } = summary;
  const items: Array<{
    status: VerdictStatus;
    label: string;
    value: number;
    tone: "danger" | "warning" | "neutral" | "success";
  }> = [
    { status: "non_compliant", label: "Non-compliant", value: byVerdict.nonCompliant, tone: "danger" },
    { status: "scan_failed", label: "Scan failed", value: byVerdict.scanFailed, tone: "warning" },
    { status: "unscanned", label: "Not scanned", value: byVerdict.unscanned, tone: "neutral" },
    { status: "compliant", label: "Compliant", value: byVerdict.compliant, tone: "success" },
  ];
  const toggle = (status: VerdictStatus) => onVerdict?.(verdict === status ? "" : status);
  return (
    <div className="compliance-strip">
      <div className="compliance-strip__stats">
        <Stat label={total === 1 ? "Image" : "Images"} value={total} />
        {items.map((item) => (
          <Stat
            key={item.status}
            label={item.label}
            value={item.value}
            tone={item.tone}
            {...(onVerdict
              ? {
                  onClick: () => toggle(item.status),
                  pressed: verdict === item.status,
                  hint: `Show ${item.label.toLowerCase()} images only`,
                }
              : {})}
          />
        ))}
      </div>
      {total > 0 ? (
        <div className="proportion-bar" aria-hidden="true">
          {items
            .filter((item) => item.value > 0)
            .map((item) => (
              <span
                key={item.status}
                className={`proportion-bar__part proportion-bar__part--${item.status}`}
                style={{ flexGrow: item.value }}
              />
            ))}
        </div>
      ) : null}
    </div>
  );
}
