import { type ClipboardEvent, type KeyboardEvent, useState } from "react";

type TagInputProps = {
  id?: string;
  value: string[];
  onChange: (tags: string[]) => void;
  placeholder?: string;
  disabled?: boolean;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

function splitTags(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/**
 * Tags as chips: Enter or a comma adds what was typed, Backspace in an empty box removes the last
 * tag, and pasting "a, b, c" adds three.
 */
export function TagInput({ id, value, onChange, placeholder, disabled, ...aria }: TagInputProps) {
  const [draft, setDraft] = useState("");

  const add = (text: string) => {
    const incoming = splitTags(text).filter((tag) => !value.includes(tag));
    if (incoming.length) onChange([...value, ...new Set(incoming)]);
    setDraft("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      if (draft.trim()) {
        event.preventDefault();
        add(draft);
      } else if (event.key === ",") {
        event.preventDefault();
      }
    } else if (event.key === "Backspace" && draft === "" && value.length) {
      onChange(value.slice(0, -1));
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData("text");
    if (/[,\n]/.test(text)) {
      event.preventDefault();
      add(draft + text);
    }
  };

  return (
    <div className={`tag-input${disabled ? " tag-input--disabled" : ""}`}>
      <ul className="tag-input__tags" aria-label="Added tags">
        {value.map((tag) => (
          <li key={tag} className="chip">
            <span>{tag}</span>
            <button
              type="button"
              className="chip__remove"
              aria-label={`Remove tag ${tag}`}
              disabled={disabled}
              onClick={() => onChange(value.filter((item) => item !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        className="tag-input__input"
        value={draft}
        placeholder={value.length ? "" : placeholder}
        disabled={disabled}
        onChange={(event) => {
          const text = event.target.value;
          if (text.includes(",")) add(text);
          else setDraft(text);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => {
          if (draft.trim()) add(draft);
        }}
        {...aria}
      />
    </div>
  );
}
