import type { ReactNode } from "react";

/** One number with its label, e.g. "Queued 4"; optionally a button that filters by it. */
export function Stat({
  label,
  value,
  tone,
  onClick,
  pressed,
  hint,
}: {
  label: string;
  value: ReactNode;
  tone?: "neutral" | "success" | "warning" | "danger" | "info";
  onClick?: () => void;
  pressed?: boolean;
  hint?: string;
}) {
  const content = (
    <>
      <span className="stat__value">{value}</span>
      <span className="stat__label">{label}</span>
    </>
  );
  const className = `stat stat--${tone ?? "neutral"}`;
  if (onClick) {
    return (
      <button
        type="button"
        className={`${className} stat--button`}
        onClick={onClick}
        aria-pressed={pressed}
        title={hint}
      >
        {content}
      </button>
    );
  }
  return (
    <div className={className} title={hint}>
      {content}
    </div>
  );
}
