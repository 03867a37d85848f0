import { createContext, type ReactNode, useContext } from "react";
import type { ViewerQuery } from "../../gql/graphql";

export type Viewer = NonNullable<ViewerQuery["me"]>;

/** Permissions the API grants (see Viewer.permissions); the UI hides what the viewer lacks. */
export type Permission =
  | "cluster:read"
  | "cluster:write"
  | "user:read"
  | "user:write"
  | "api_key:own"
  | "api_key:any"
  | "audit:read"
  | "settings:read"
  | "settings:write"
  | "image:read"
  | "scan:submit"
  | "scan_queue:read"
  | "scan_queue:write"
  | "registry:read"
  | "registry:write"
  | "policy:read"
  | "policy:write"
  | "exception:read"
  | "exception:request"
  | "exception:write"
  | "falco:read"
  | "falco:write";

const ViewerContext = createContext<Viewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

/** The signed-in viewer; only valid below the auth guard. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer must be used below <RequireAuth>");
  return viewer;
}

export function hasPermission(viewer: Viewer, permission: Permission): boolean {
  return viewer.permissions.includes(permission);
}

export function useCan(permission: Permission): boolean {
  return hasPermission(useViewer(), permission);
}
