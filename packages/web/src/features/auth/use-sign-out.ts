import { useApolloClient, useMutation } from "@apollo/client/react";
import { useCallback } from "react";
import { useNavigate } from "react-router";
import { LogoutDocument, ViewerDocument } from "./auth.graphql";

/** Ends the session, forgets everything cached for this user and goes to the sign-in page. */
export function useSignOut(): { signOut: () => Promise<void>; signingOut: boolean } {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [logout, { loading }] = useMutation(LogoutDocument);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // The session may already be over; signing out locally is still right.
    }
    // Leave the protected pages first, so none of them sees the viewer vanish and asks to come back.
    await navigate("/login", { replace: true, state: { signedOut: true } });
    await client.clearStore();
    client.writeQuery({ query: ViewerDocument, data: { me: null } });
  }, [client, logout, navigate]);

  return { signOut, signingOut: loading };
}
