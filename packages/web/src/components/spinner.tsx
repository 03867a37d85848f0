type SpinnerProps = { size?: "sm" | "md" | "lg"; label?: string };

/** A small rotating ring; decorative unless given a label. */
export function Spinner({ size = "md", label }: SpinnerProps) {
  return (
    <span
      className={`spinner spinner--${size}`}
      {...(label ? { role: "img", "aria-label": label } : { "aria-hidden": true })}
    />
  );
}
