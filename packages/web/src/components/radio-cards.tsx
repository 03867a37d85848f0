import { type ReactNode, useId } from "react";

/** One choice, with a sentence on what it does. */
export type Option<T extends string> = { value: T; title: string; description: string };

/** One choice among a few, as cards that explain each option. */
export function RadioCards<T extends string>({
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  columns = 2,
}: {
  legend: string;
  hint?: ReactNode;
  options: ReadonlyArray<Option<T>>;
  value: T;
  onChange: (value: T) => void;
  error?: string | null | undefined;
  columns?: 2 | 3;
}) {
  const name = useId();
  const errorId = `${name}-error`;
  return (
    <fieldset className="fieldset" aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">{legend}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      <div className={`radio-cards${columns === 2 ? " radio-cards--two" : ""}`}>
        {options.map((option) => (
          <label key={option.value} className={`radio-card${value === option.value ? " radio-card--checked" : ""}`}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span className="radio-card__title">{option.title}</span>
            <span className="radio-card__description">{option.description}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
