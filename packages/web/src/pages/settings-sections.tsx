import { RequirePermission } from "../app/require-permission";
import { ApiKeysPanel } from "../features/api-keys/api-keys-panel";
import { AuditLog } from "../features/audit/audit-log";
import { AccountPanel } from "../features/settings/account-panel";
import { OrganisationSettingsPanel } from "../features/settings/organisation-settings-form";
import { RegistriesPanel } from "../features/registries/registries-panel";
import { ScanQueuePanel } from "../features/scan-queue/scan-queue-panel";
import { UsersPanel } from "../features/users/users-panel";

export function AccountSettingsPage() {
  return <AccountPanel />;
}

export function UsersSettingsPage() {
  return (
    <RequirePermission permission="user:read">
      <UsersPanel />
    </RequirePermission>
  );
}

export function ApiKeysSettingsPage() {
  return (
    <RequirePermission permission="api_key:own">
      <ApiKeysPanel />
    </RequirePermission>
  );
}

export function AuditLogSettingsPage() {
  return (
    <RequirePermission permission="audit:read">
      <AuditLog />
    </RequirePermission>
  );
}

export function OrganisationSettingsPage() {
  return (
    <RequirePermission permission="settings:read">
      <OrganisationSettingsPanel />
    </RequirePermission>
  );
}

export function RegistriesSettingsPage() {
  return (
    <RequirePermission permission="registry:read">
      <RegistriesPanel />
    </RequirePermission>
  );
}

export function ScanQueueSettingsPage() {
  return (
    <RequirePermission permission="scan_queue:read">
      <ScanQueuePanel />
    </RequirePermission>
  );
}
