import type { Permission } from "../features/auth/viewer";

export type SettingsSection = { path: string; label: string; permission?: Permission };

export const SETTINGS_SECTIONS: SettingsSection[] = [
  { path: "account", label: "Account" },
  { path: "users", label: "Users", permission: "user:read" },
  { path: "api-keys", label: "API keys", permission: "api_key:own" },
  { path: "audit", label: "Audit log", permission: "audit:read" },
  { path: "registries", label: "Registries", permission: "registry:read" },
  { path: "scan-queue", label: "Scan queue", permission: "scan_queue:read" },
  { path: "organisation", label: "Organisation", permission: "settings:read" },
];
