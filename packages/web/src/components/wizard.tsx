import { type ReactNode, useEffect, useId, useRef } from "react";

/** One step of a guide: its heading (focused when the step opens), its content and its buttons. */
export function WizardStep({
  step,
  total,
  title,
  children,
  footer,
}: {
  step: number;
  total: number;
  title: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  // Each step announces itself: focus moves to its heading when it opens.
  useEffect(() => {
    if (step > 1) headingRef.current?.focus();
  }, [step]);
  return (
    <section className="card wizard-step" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="wizard-step__title">
        <span className="wizard-step__count">
          Step {step} of {total}
        </span>
        {title}
      </h2>
      <div className="wizard-step__body">{children}</div>
      <div className="wizard-step__footer">{footer}</div>
    </section>
  );
}

/** The list of a guide's steps, marking the current one and those done. */
export function WizardProgress({
  steps,
  current,
  lastDone = false,
}: {
  steps: ReadonlyArray<{ step: number; title: string }>;
  current: number;
  /** The current step counts as done too (e.g. the awaited result arrived). */
  lastDone?: boolean;
}) {
  return (
    <ol className="wizard-steps" aria-label="Steps">
      {steps.map((item) => {
        const done = item.step < current || (lastDone && item.step === current);
        return (
          <li
            key={item.step}
            className={`wizard-steps__item${item.step === current ? " wizard-steps__item--current" : ""}${done ? " wizard-steps__item--done" : ""}`}
            aria-current={item.step === current ? "step" : undefined}
          >
            <span className="wizard-steps__number" aria-hidden="true">
              {done ? "✓" : item.step}
            </span>
            <span>{item.title}</span>
          </li>
        );
      })}
    </ol>
  );
}
