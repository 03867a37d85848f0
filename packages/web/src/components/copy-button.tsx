import { useEffect, useRef, useState } from "react";
import { Button } from "./button";

type CopyButtonProps = {
  value: string;
  label?: string;
  /** The element holding the text; it is selected when the clipboard cannot be written. */
  selectTarget?: () => HTMLElement | null;
};

function selectContents(element: HTMLElement): void {
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    element.focus();
    element.select();
    return;
  }
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** document.execCommand("copy") copies the selection in browsers without the Clipboard API. */
function legacyCopy(): boolean {
  try {
    return typeof document.execCommand === "function" && document.execCommand("copy");
  } catch {
    return false;
  }
}

/**
 * Copies with the Clipboard API; where that is missing or refused (plain HTTP, old browsers), it
 * selects the text so the user can press Ctrl+C / ⌘C.
 */
export function CopyButton({ value, label = "Copy", selectTarget }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const fallback = () => {
    const target = selectTarget?.();
    if (target) selectContents(target);
    setState(legacyCopy() ? "copied" : "manual");
  };

  const copy = async () => {
    clearTimeout(timer.current);
    try {
      if (!navigator.clipboard?.writeText) throw new Error("Clipboard API unavailable");
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      fallback();
    }
    timer.current = setTimeout(() => setState("idle"), 4000);
  };

  return (
    <span className="copy-button">
      <Button size="sm" variant="secondary" onClick={() => void copy()}>
        {state === "copied" ? "Copied" : label}
      </Button>
      <span className="copy-button__status" role="status" aria-live="polite">
        {state === "copied"
          ? "Copied to the clipboard"
          : state === "manual"
            ? "Selected: press Ctrl+C (⌘C on a Mac) to copy"
            : ""}
      </span>
    </span>
  );
}
