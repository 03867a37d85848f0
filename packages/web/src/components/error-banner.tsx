import type { ReactNode } from "react";
import { toProblem } from "../lib/graphql-errors";
import { Button } from "./button";

type ErrorBannerProps = {
  /** An Apollo error or any thrown value; its server message is shown. */
  error?: unknown;
  message?: ReactNode;
  title?: string;
  onRetry?: () => void;
  onDismiss?: () => void;
};

export function ErrorBanner({ error, message, title, onRetry, onDismiss }: ErrorBannerProps) {
  const text = message ?? (error === undefined ? "Something went wrong" : toProblem(error).message);
  return (
    <div className="error-banner" role="alert">
      <svg className="error-banner__icon" viewBox="0 0 20 20" aria-hidden="true">
        <path
          fill="currentColor"
          d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-.9 4h1.8v5.2H9.1V6Zm0 6.6h1.8v1.8H9.1v-1.8Z"
        />
      </svg>
      <div className="error-banner__text">
        {title ? <strong>{title}</strong> : null}
        <span>{text}</span>
      </div>
      {onRetry ? (
        <Button size="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
      {onDismiss ? (
        <Button size="sm" variant="ghost" onClick={onDismiss} aria-label="Dismiss">
          ×
        </Button>
      ) : null}
    </div>
  );
}
