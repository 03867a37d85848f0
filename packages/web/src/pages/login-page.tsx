import { useApolloClient, useQuery } from "@apollo/client/react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { PRODUCT_NAME } from "../app/app-shell";
import type { LoginRedirectState } from "../app/require-auth";
import { icons } from "../components/icons";
import { SiteInfoDocument, ViewerDocument } from "../features/auth/auth.graphql";
import { LoginForm } from "../features/auth/login-form";
import { redirectTarget } from "../features/auth/redirect-target";

export function LoginPage() {
  const location = useLocation();
  const state = (location.state ?? null) as LoginRedirectState | null;
  const navigate = useNavigate();
  const client = useApolloClient();
  const { data } = useQuery(ViewerDocument, { fetchPolicy: "cache-first" });
  const site = useQuery(SiteInfoDocument);
  const siteName = site.data?.siteInfo.siteName;
  const target = redirectTarget(state?.from);

  // Someone already signed in who opens /login goes straight on (not while their sign-out finishes).
  if (data?.me && !state?.signedOut) return <Navigate to={target} replace />;

  const onSignedIn = async () => {
    // Forget anything cached for a previous user and load the new viewer, then go where they were headed.
    await client.resetStore();
    await navigate(target, { replace: true });
  };

  return (
    <div className="login">
      <main className="login__card">
        <div className="login__brand">
          <span className="login__logo">{icons.shield}</span>
          <span>{PRODUCT_NAME}</span>
        </div>
        <h1 className="login__title">Sign in</h1>
        <p className="login__subtitle">
          {siteName && siteName !== PRODUCT_NAME ? siteName : "Kubernetes security, cluster by cluster."}
        </p>
        {state?.sessionEnded ? (
          <p className="login__info" role="status">
            Your session has ended. Sign in again to continue.
          </p>
        ) : null}
        {state?.signedOut ? (
          <p className="login__info" role="status">
            You have signed out.
          </p>
        ) : null}
        <LoginForm onSignedIn={onSignedIn} />
      </main>
    </div>
  );
}
