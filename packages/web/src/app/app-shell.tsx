import { NavLink, Outlet } from "react-router";
import { Badge } from "../components/badge";
import { Button } from "../components/button";
import { icons } from "../components/icons";
import { useSignOut } from "../features/auth/use-sign-out";
import { hasPermission, useViewer } from "../features/auth/viewer";
import { ROLE_LABELS } from "../lib/format";
import { AREAS, type Area } from "./areas";

export const PRODUCT_NAME = "Bulwark";

const SECTIONS: Array<{ id: Area["section"]; label: string }> = [
  { id: "inventory", label: "Compliance" },
  { id: "signals", label: "Cluster security" },
  { id: "admin", label: "Administration" },
];

export function AppShell() {
  const viewer = useViewer();
  const { signOut, signingOut } = useSignOut();
  const visible = AREAS.filter((area) => !area.permission || hasPermission(viewer, area.permission));
  const role = viewer.user.role;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="sidebar__brand">
          <span className="sidebar__logo">{icons.shield}</span>
          <span className="sidebar__name">{PRODUCT_NAME}</span>
        </div>
        <nav className="sidebar__nav" aria-label="Main">
          {SECTIONS.map((section) => {
            const items = visible.filter((area) => area.section === section.id);
            if (!items.length) return null;
            return (
              <div key={section.id} className="sidebar__section">
                <p className="sidebar__section-label">{section.label}</p>
                <ul>
                  {items.map((area) => (
                    <li key={area.path}>
                      <NavLink to={area.path} className="sidebar__link">
                        {area.icon}
                        <span>{area.label}</span>
                        {!area.built ? <span className="sidebar__soon">No data</span> : null}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
      </aside>
      <div className="shell__body">
        <header className="topbar">
          <div className="topbar__spacer" />
          <div className="topbar__user">
            <div className="topbar__identity">
              <span className="topbar__name">{viewer.user.name}</span>
              <span className="topbar__email">{viewer.user.email}</span>
            </div>
            <Badge tone={role === "read_only" ? "neutral" : role === "super_admin" ? "accent" : "info"}>
              {ROLE_LABELS[role]}
            </Badge>
            <Button variant="ghost" size="sm" icon={icons.signOut} loading={signingOut} onClick={() => void signOut()}>
              Sign out
            </Button>
          </div>
        </header>
        <main id="main" className="shell__main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
