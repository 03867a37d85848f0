type Option = { value: string; label: string };

type CheckboxListProps = {
  id?: string;
  /** Names the list for assistive technology. */
  label: string;
  options: readonly Option[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  disabled?: boolean;
  empty?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

/** Several choices from a list that may be long: checkboxes in a scrolling box. */
export function CheckboxList({
  id,
  label,
  options,
  value,
  onChange,
  disabled,
  empty = "Nothing to choose from",
  ...aria
}: CheckboxListProps) {
  if (!options.length) {
    return (
      <p id={id} className="checkbox-list checkbox-list--empty muted">
        {empty}
      </p>
    );
  }
  return (
    <ul
      id={id}
      className={`checkbox-list${aria["aria-invalid"] ? " checkbox-list--invalid" : ""}`}
      role="group"
      aria-label={label}
      aria-describedby={aria["aria-describedby"]}
    >
      {options.map((option) => (
        <li key={option.value}>
          <label>
            <input
              type="checkbox"
              checked={value.includes(option.value)}
              disabled={disabled}
              onChange={(event) =>
                onChange(
                  event.target.checked ? [...value, option.value] : value.filter((item) => item !== option.value),
                )
              }
            />
            <span>{option.label}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}
