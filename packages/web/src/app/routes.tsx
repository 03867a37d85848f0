import { Navigate, type RouteObject } from "react-router";
import { AreaPage } from "../pages/area-page";
import { ClusterConnectPage } from "../pages/cluster-connect-page";
import { ClusterDetailPage } from "../pages/cluster-detail-page";
import { ClustersPage } from "../pages/clusters-page";
import { ExceptionDetailPage } from "../pages/exception-detail-page";
import { ExceptionsPage } from "../pages/exceptions-page";
import { FalcoEventPage } from "../pages/falco-event-page";
import { FalcoInstallPage } from "../pages/falco-install-page";
import { FalcoPage } from "../pages/falco-page";
import { FalcoRulesPage } from "../pages/falco-rules-page";
import { ImageDetailPage } from "../pages/image-detail-page";
import { ImagesPage } from "../pages/images-page";
import { LoginPage } from "../pages/login-page";
import { NotFoundPage } from "../pages/not-found-page";
import { PoliciesPage } from "../pages/policies-page";
import { SettingsPage } from "../pages/settings-page";
import {
  AccountSettingsPage,
  ApiKeysSettingsPage,
  AuditLogSettingsPage,
  OrganisationSettingsPage,
  RegistriesSettingsPage,
  ScanQueueSettingsPage,
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
      { path: "clusters/:id/workloads", element: <ClusterDetailPage section="workloads" /> },
      { path: "clusters/:id/admission", element: <ClusterDetailPage section="admission" /> },
      { path: "clusters/:id/falco", element: <ClusterDetailPage section="falco" /> },
      { path: "clusters/:id/falco/settings", element: <ClusterDetailPage section="falco-settings" /> },
      { path: "clusters/:id/falco/install", element: <FalcoInstallPage /> },
      { path: "clusters/:id/connect", element: <ClusterConnectPage /> },
      { path: "images", element: <ImagesPage /> },
      { path: "images/:id", element: <ImageDetailPage /> },
      { path: "policies", element: <PoliciesPage /> },
      { path: "exceptions", element: <ExceptionsPage /> },
      { path: "exceptions/:id", element: <ExceptionDetailPage /> },
      { path: "falco", element: <FalcoPage /> },
      { path: "falco/rules", element: <FalcoRulesPage /> },
      { path: "falco/events/:id", element: <FalcoEventPage /> },
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
          { path: "registries", element: <RegistriesSettingsPage /> },
          { path: "scan-queue", element: <ScanQueueSettingsPage /> },
          { path: "organisation", element: <OrganisationSettingsPage /> },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
