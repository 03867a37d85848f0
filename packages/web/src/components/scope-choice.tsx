import type { ReactNode } from "react";
import { type ControlProps, Field } from "./form-field";

type ScopeChoiceProps = {
  label: string;
  allLabel: string;
  all: boolean;
  onAll: (all: boolean) => void;
  hint?: string;
  error?: string | undefined;
  children: (control: ControlProps) => ReactNode;
};

/** "All …" or a chosen few: a checkbox, and the chooser once it is cleared. */
export function ScopeChoice({ label, allLabel, all, onAll, hint, error, children }: ScopeChoiceProps) {
  return (
    <div className="scope-choice">
      <label className="switch scope-choice__all">
        <input type="checkbox" checked={all} onChange={(event) => onAll(event.target.checked)} />
        <span>{allLabel}</span>
      </label>
      {all ? (
        error ? (
          <p className="field__error">{error}</p>
        ) : null
      ) : (
        <Field label={label} hint={hint} error={error}>
          {children}
        </Field>
      )}
    </div>
  );
}
