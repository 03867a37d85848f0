import type { ReactNode } from "react";

export type ToggleOption<T extends string> = {
  value: T;
  label: ReactNode;
  /** A colour hint, e.g. a severity or a verdict. */
  tone?: string;
  /** Shown after the label, e.g. how many items have this value. */
  count?: number;
};

type ToggleChipsProps<T extends string> = {
  /** Names the group for assistive technology and, unless hidden, above it. */
  label: string;
  hideLabel?: boolean;
  options: readonly ToggleOption<T>[];
  /** The chosen value; "" when none is chosen. */
  value: T | "";
  onChange: (value: T | "") => void;
  /** The label of the chip that clears the choice; leave out to always have one chosen. */
  anyLabel?: string;
  /** Shown after the "any" label, e.g. how many items there are in all. */
  anyCount?: number;
  variant?: "chips" | "segmented";
};

/**
 * One choice among a few, as pressable chips: pressing the chosen chip again clears it (when an
 * "any" chip exists).
 */
export function ToggleChips<T extends string>({
  label,
  hideLabel = false,
  options,
  value,
  onChange,
  anyLabel,
  anyCount,
  variant = "chips",
}: ToggleChipsProps<T>) {
  const withCount = (content: ReactNode, count: number | undefined) => (
    <>
      {content}
      {count !== undefined ? <span className="toggle-chip__count">{count}</span> : null}
    </>
  );
  const chip = (key: string, pressed: boolean, onClick: () => void, content: ReactNode, tone?: string) => (
    <button
      key={key}
      type="button"
      className={`toggle-chip${tone ? ` toggle-chip--${tone}` : ""}`}
      aria-pressed={pressed}
      onClick={onClick}
    >
      {content}
    </button>
  );
  return (
    <div className={`toggle-chips toggle-chips--${variant}`}>
      {hideLabel ? null : (
        <span className="toolbar__label" aria-hidden="true">
          {label}
        </span>
      )}
      <div className="toggle-chips__items" role="group" aria-label={label}>
        {anyLabel !== undefined ? chip("", value === "", () => onChange(""), withCount(anyLabel, anyCount)) : null}
        {options.map((option) =>
          chip(
            option.value,
            value === option.value,
            () => onChange(value === option.value && anyLabel !== undefined ? "" : option.value),
            withCount(option.label, option.count),
            option.tone,
          ),
        )}
      </div>
    </div>
  );
}
