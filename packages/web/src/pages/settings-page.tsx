import { NavLink, Outlet } from "react-router";
import { SETTINGS_SECTIONS } from "../app/settings-navigation";
import { PageHeader } from "../components/page-header";
import { hasPermission, useViewer } from "../features/auth/viewer";

export function SettingsPage() {
  const viewer = useViewer();
  const sections = SETTINGS_SECTIONS.filter(
    (section) => !section.permission || hasPermission(viewer, section.permission),
  );
  return (
    <div className="page">
      <PageHeader
        title="Settings"
        description="Your account, the people and keys that use Bulwark, its audit log, registries and scan queue."
      />
      <div className="settings">
        <nav className="settings__nav" aria-label="Settings">
          <ul>
            {sections.map((section) => (
              <li key={section.path}>
                <NavLink to={section.path} className="settings__link">
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings__content">
          <Outlet />
        </div>
      </div>
    </div>
  );
}
