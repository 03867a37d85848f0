import { Navigate, type RouteObject } from "react-router";
import { AreaPage } from "../pages/area-page";
import { ClusterDetailPage } from "../pages/cluster-detail-page";
import { ClustersPage } from "../pages/clusters-page";
import { LoginPage } from "../pages/login-page";
import { NotFoundPage } from "../pages/not-found-page";
import { SettingsPage } from "../pages/settings-page";
import {
  AccountSettingsPage,
  ApiKeysSettingsPage,
  AuditLogSettingsPage,
  OrganisationSettingsPage,
  UsersSettingsPage,
} from "../pages/settings-sections";
import { AppShell } from "./app-shell";
import { AREAS } from "./areas";
import { RequireAuth } from "./require-auth";

const placeholderAreas: RouteObject[] = AREAS.filter((area) => !area.built).map((area) => ({
  path: area.path.slice(1),
  element: <AreaPage path={area.path} />,
}));

export const appRoutes: RouteObject[] = [
  { path: "/login", element: <LoginPage /> },
  {
    path: "/",
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/clusters" replace /> },
      { path: "clusters", element: <ClustersPage /> },
      { path: "clusters/:id", element: <ClusterDetailPage /> },
      ...placeholderAreas,
      {
        path: "settings",
        element: <SettingsPage />,
        children: [
          { index: true, element: <Navigate to="account" replace /> },
          { path: "account", element: <AccountSettingsPage /> },
          { path: "users", element: <UsersSettingsPage /> },
          { path: "api-keys", element: <ApiKeysSettingsPage /> },
          { path: "audit", element: <AuditLogSettingsPage /> },
          { path: "organisation", element: <OrganisationSettingsPage /> },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
