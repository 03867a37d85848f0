import { Spinner } from "./spinner";

/** Announced to screen readers; shown while the first page of data loads. */
export function LoadingState({ label = "Loading…", fill = false }: { label?: string; fill?: boolean }) {
  return (
    <div className={`loading-state${fill ? " loading-state--fill" : ""}`} role="status" aria-live="polite">
      <Spinner size="lg" />
      <span>{label}</span>
    </div>
  );
}
