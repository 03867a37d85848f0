import { useQuery } from "@apollo/client/react";
import { type ReactNode, useRef } from "react";
import { Navigate, useLocation } from "react-router";
import { ErrorBanner } from "../components/error-banner";
import { LoadingState } from "../components/loading-state";
import { ViewerDocument } from "../features/auth/auth.graphql";
import { ViewerProvider } from "../features/auth/viewer";

export type LoginRedirectState = { from?: string; sessionEnded?: boolean; signedOut?: boolean };

/** Renders its children for a signed-in viewer; anyone else goes to /login and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const { data, error, refetch } = useQuery(ViewerDocument, { fetchPolicy: "cache-first" });
  const hadViewer = useRef(false);

  if (data === undefined) {
    if (error) {
      return (
        <div className="full-page-message">
          <ErrorBanner title="Bulwark could not load your session." error={error} onRetry={() => void refetch()} />
        </div>
      );
    }
    return <LoadingState fill label="Loading Bulwark…" />;
  }

  if (!data.me) {
    const state: LoginRedirectState = {
      from: `${location.pathname}${location.search}${location.hash}`,
      ...(hadViewer.current ? { sessionEnded: true } : {}),
    };
    return <Navigate to="/login" replace state={state} />;
  }

  hadViewer.current = true;
  return <ViewerProvider viewer={data.me}>{children}</ViewerProvider>;
}
