import { Badge } from "../../components/badge";
import { SectionHeader } from "../../components/page-header";
import { formatDateTime, ROLE_LABELS } from "../../lib/format";
import { useViewer } from "../auth/viewer";
import { ROLE_DESCRIPTIONS } from "../users/user-rules";
import { ChangePasswordForm } from "./change-password-form";

export function AccountPanel() {
  const viewer = useViewer();
  const { user } = viewer;
  return (
    <>
      <section className="card">
        <SectionHeader title="Your account" description="How you appear in Bulwark and in its audit log." />
        <dl className="details">
          <div>
            <dt>Name</dt>
            <dd>{user.name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>
              <Badge tone={user.role === "read_only" ? "neutral" : user.role === "super_admin" ? "accent" : "info"}>
                {ROLE_LABELS[user.role]}
              </Badge>{" "}
              <span className="muted">{ROLE_DESCRIPTIONS[user.role]}</span>
            </dd>
          </div>
          <div>
            <dt>Member since</dt>
            <dd>{formatDateTime(user.createdAt)}</dd>
          </div>
          <div>
            <dt>Last sign-in</dt>
            <dd>{formatDateTime(user.lastLoginAt, "This is your first")}</dd>
          </div>
        </dl>
      </section>
      {viewer.authMethod === "session" ? (
        <section className="card">
          <SectionHeader
            title="Change password"
            description="You stay signed in here; every other session of yours is signed out."
          />
          <ChangePasswordForm />
        </section>
      ) : null}
    </>
  );
}
