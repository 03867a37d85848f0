import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { ErrorBanner } from "../../components/error-banner";
import { FormError, TextField } from "../../components/form-field";
import { LoadingState } from "../../components/loading-state";
import { useNotify } from "../../components/notices";
import { SectionHeader } from "../../components/page-header";
import type { OrganisationSettingsQuery } from "../../gql/graphql";
import { formatDateTime } from "../../lib/format";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { useCan } from "../auth/viewer";
import { OrganisationSettingsDocument, UpdateOrganisationSettingsDocument } from "./settings.graphql";

type Settings = OrganisationSettingsQuery["organisationSettings"];

const TTL_MIN = 1;
const TTL_MAX = 720;
const REMINDER_MIN = 0;
const REMINDER_MAX = 90;

function SettingsForm({ settings, canWrite }: { settings: Settings; canWrite: boolean }) {
  const [siteName, setSiteName] = useState(settings.siteName);
  const [ttl, setTtl] = useState(String(settings.sessionTtlHours));
  const [reminder, setReminder] = useState(String(settings.exceptionReminderDays));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [update, { loading }] = useMutation(UpdateOrganisationSettingsDocument);
  const notify = useNotify();

  const ttlNumber = Number(ttl);
  const ttlError =
    ttl.trim() === "" || !Number.isInteger(ttlNumber) || ttlNumber < TTL_MIN || ttlNumber > TTL_MAX
      ? `Enter a whole number of hours from ${TTL_MIN} to ${TTL_MAX} (30 days)`
      : null;
  const reminderNumber = Number(reminder);
  const reminderError =
    reminder.trim() === "" ||
    !Number.isInteger(reminderNumber) ||
    reminderNumber < REMINDER_MIN ||
    reminderNumber > REMINDER_MAX
      ? `Enter a whole number of days from ${REMINDER_MIN} to ${REMINDER_MAX}`
      : null;
  const nameError = siteName.trim() ? null : "Enter a site name";
  const dirty =
    siteName !== settings.siteName ||
    ttl !== String(settings.sessionTtlHours) ||
    reminder !== String(settings.exceptionReminderDays);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (ttlError || nameError || reminderError) return;
    setProblem(null);
    try {
      await update({
        variables: {
          input: { siteName: siteName.trim(), sessionTtlHours: ttlNumber, exceptionReminderDays: reminderNumber },
        },
      });
      notify("Organisation settings saved");
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  return (
    <form
      className="form form--narrow"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Organisation settings"
    >
      <FormError message={problem && !Object.keys(problem.fieldErrors).length ? problem.message : null} />
      <TextField
        label="Site name"
        value={siteName}
        maxLength={100}
        disabled={!canWrite}
        onChange={(event) => setSiteName(event.target.value)}
        hint="Shown to everyone who signs in, and in notifications."
        error={(dirty ? nameError : null) ?? problem?.fieldErrors.siteName}
      />
      <TextField
        label="Session lifetime (hours)"
        type="number"
        inputMode="numeric"
        min={TTL_MIN}
        max={TTL_MAX}
        step={1}
        value={ttl}
        disabled={!canWrite}
        onChange={(event) => setTtl(event.target.value)}
        hint="A session ends after this many hours without activity."
        error={(dirty ? ttlError : null) ?? problem?.fieldErrors.sessionTtlHours}
      />
      <TextField
        label="Exception reminder (days before the end)"
        type="number"
        inputMode="numeric"
        min={REMINDER_MIN}
        max={REMINDER_MAX}
        step={1}
        value={reminder}
        disabled={!canWrite}
        onChange={(event) => setReminder(event.target.value)}
        hint="Whoever created an exception, and the administrators, are emailed this many days before it ends. 0: no reminders."
        error={(dirty ? reminderError : null) ?? problem?.fieldErrors.exceptionReminderDays}
      />
      {canWrite ? (
        <div className="form__actions">
          <Button type="submit" variant="primary" loading={loading} disabled={!dirty}>
            Save settings
          </Button>
          <span className="muted">Last changed {formatDateTime(settings.updatedAt)}</span>
        </div>
      ) : (
        <p className="muted">Only administrators can change these settings.</p>
      )}
    </form>
  );
}

export function OrganisationSettingsPanel() {
  const canWrite = useCan("settings:write");
  const { data, error, refetch } = useQuery(OrganisationSettingsDocument);
  let body;
  if (data === undefined && error) body = <ErrorBanner error={error} onRetry={() => void refetch()} />;
  else if (data === undefined) body = <LoadingState label="Loading settings…" />;
  else
    body = (
      <SettingsForm
        key={data.organisationSettings.updatedAt}
        settings={data.organisationSettings}
        canWrite={canWrite}
      />
    );
  return (
    <section className="card">
      <SectionHeader title="Organisation" description="Settings that apply to everyone in this Bulwark." />
      {body}
    </section>
  );
}
