import type { SummaryData } from "./falco.repository.js";
import { FALCO_PRIORITIES, type FalcoPriorityName } from "./falco-priority.js";

/** The text of Falco emails. Pure: links are made by the caller's `link`. */

export type AnomalyMailEvent = {
  id: string;
  clusterId: string;
  time: Date;
  priority: FalcoPriorityName;
  rule: string;
  output: string;
  namespace: string | null;
  pod: string | null;
  container: string | null;
  image: string | null;
  process: string | null;
  commandLine: string | null;
  user: string | null;
  hostname: string | null;
};

const line = (label: string, value: string | null) => (value ? [`${`${label}:`.padEnd(14)}${value}`] : []);

export function anomalyMail(
  event: AnomalyMailEvent,
  clusterName: string,
  windowDays: number,
  link: (path: string) => string,
): { subject: string; text: string } {
  const days = windowDays === 1 ? "day" : `${windowDays} days`;
  return {
    subject: `Falco anomaly in ${clusterName}: ${event.rule} (${event.priority})`,
    text: [
      `Falco raised an alert in cluster ${clusterName} that it had not raised there in the previous ${days}.`,
      "",
      ...line("Rule", event.rule),
      ...line("Priority", event.priority),
      ...line("Time", event.time.toISOString()),
      ...line("Namespace", event.namespace),
      ...line("Pod", event.pod),
      ...line("Container", event.container),
      ...line("Image", event.image),
      ...line("Process", event.process),
      ...line("Command line", event.commandLine),
      ...line("User", event.user),
      ...line("Host", event.hostname),
      "",
      event.output,
      "",
      `Details: ${link(`/falco/events/${event.id}`)}`,
      "",
      `This alert is not emailed again for ${days}. Notification settings: ${link(`/clusters/${event.clusterId}/falco`)}`,
    ].join("\n"),
  };
}

export type SummaryPeriod = { frequency: "daily" | "weekly"; from: Date; to: Date };

const day = (date: Date) => date.toISOString().slice(0, 10);

export function summaryMail(
  clusterId: string,
  clusterName: string,
  period: SummaryPeriod,
  data: SummaryData,
  link: (path: string) => string,
): { subject: string; text: string } {
  const total = data.byPriority.reduce((sum, row) => sum + row.count, 0);
  const last = new Date(period.to.getTime() - 1);
  const span = period.frequency === "daily" ? day(period.from) : `${day(period.from)} to ${day(last)}`;
  const subject =
    period.frequency === "daily"
      ? `Falco daily summary for ${clusterName}: ${span}`
      : `Falco weekly summary for ${clusterName}: ${span}`;
  const intro = `Falco alerts in cluster ${clusterName}, ${span} (UTC).`;
  const footer = [
    "",
    `All events: ${link(`/clusters/${clusterId}/falco`)}`,
    `Summary settings: ${link(`/clusters/${clusterId}/falco`)}`,
  ];
  if (total === 0) {
    return {
      subject,
      text: [intro, "", "No events: Falco reported nothing in this period.", ...footer].join("\n"),
    };
  }
  const counts = new Map(data.byPriority.map((row) => [row.priority, row.count]));
  const anomalies = data.anomalies.map(
    (a) =>
      `  ${a.time.toISOString()}  ${a.priority.padEnd(13)} ${a.rule}${a.namespace ? `  (${a.namespace}${a.pod ? `/${a.pod}` : ""})` : ""}  ${link(`/falco/events/${a.id}`)}`,
  );
  return {
    subject,
    text: [
      intro,
      "",
      `Events: ${total}${data.silenced ? ` (${data.silenced} silenced by rules)` : ""}`,
      "",
      "By priority:",
      ...FALCO_PRIORITIES.filter((p) => counts.has(p)).map((p) => `  ${p.padEnd(14)}${counts.get(p)}`),
      "",
      "Top rules:",
      ...data.topRules.map((r) => `  ${String(r.count).padStart(7)}  ${r.rule}`),
      "",
      "Top workloads (namespace/pod):",
      ...data.topWorkloads.map(
        (w) => `  ${String(w.count).padStart(7)}  ${w.namespace ?? "(no namespace)"}/${w.pod ?? "(no pod)"}`,
      ),
      "",
      data.anomalyCount
        ? `New anomalies: ${data.anomalyCount}${data.anomalyCount > anomalies.length ? ` (the first ${anomalies.length} below)` : ""}`
        : "New anomalies: none",
      ...anomalies,
      ...footer,
    ].join("\n"),
  };
}
