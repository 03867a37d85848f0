import { SEVERITIES, SEVERITY_LABELS } from "../../lib/severity";
import { FIXABILITIES, type Fixability, type ThresholdValues } from "./thresholds";

const HEADINGS: Record<Fixability, { title: string; hint: string }> = {
  fixable: { title: "Fixable", hint: "a fixed version exists" },
  unfixable: { title: "Unfixable", hint: "no fix yet" },
};

type ThresholdFieldsProps = {
  values: ThresholdValues;
  onChange: (values: ThresholdValues) => void;
  /** Messages by path, e.g. "fixable.high". */
  errors?: Record<string, string | undefined>;
  disabled?: boolean;
};

/**
 * The ten limits of a scanner: five severities × fixable or not. Each is the most findings of its
 * kind an image may have; an empty field means no limit.
 */
export function ThresholdFields({ values, onChange, errors = {}, disabled }: ThresholdFieldsProps) {
  const set = (fixability: Fixability, severity: (typeof SEVERITIES)[number], value: string) =>
    onChange({ ...values, [fixability]: { ...values[fixability], [severity]: value } });

  return (
    <fieldset className="fieldset thresholds">
      <legend className="field__label">Thresholds</legend>
      <p className="field__hint" id="thresholds-hint">
        Each field is the most findings of that kind an image may have. A threshold holds when the count ≤ the limit: 0
        allows none, 3 allows up to 3. Leave a field empty for no limit. The scanner passes when all ten hold.
      </p>
      <table className="threshold-grid">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            {FIXABILITIES.map((fixability) => (
              <th key={fixability} scope="col">
                {HEADINGS[fixability].title} <span className="threshold-grid__hint">({HEADINGS[fixability].hint})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SEVERITIES.map((severity) => (
            <tr key={severity}>
              <th scope="row">
                <span className={`severity-badge severity-badge--${severity}`}>{SEVERITY_LABELS[severity]}</span>
              </th>
              {FIXABILITIES.map((fixability) => {
                const error = errors[`${fixability}.${severity}`];
                const errorId = `threshold-${fixability}-${severity}-error`;
                return (
                  <td key={fixability}>
                    <input
                      className="input threshold-grid__input"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      step={1}
                      placeholder="No limit"
                      disabled={disabled}
                      aria-label={`Most ${fixability} ${severity} findings`}
                      aria-describedby={error ? `thresholds-hint ${errorId}` : "thresholds-hint"}
                      aria-invalid={error ? true : undefined}
                      value={values[fixability][severity]}
                      onChange={(event) => set(fixability, severity, event.target.value)}
                    />
                    {error ? (
                      <p className="field__error" id={errorId}>
                        {error}
                      </p>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}
