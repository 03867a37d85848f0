import { useQuery } from "@apollo/client/react";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { CodeBlock } from "../../components/code-block";
import { ErrorBanner } from "../../components/error-banner";
import { FormError, SelectField, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import { Spinner } from "../../components/spinner";
import { WizardProgress, WizardStep } from "../../components/wizard";
import type { FalcoPriority } from "../../gql/graphql";
import { formatRelative } from "../../lib/format";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { apiUrlProblem, apiUrlWarning } from "../agent/install-commands";
import { ApiKeySecretPanel } from "../api-keys/api-key-secret-panel";
import { useCreateApiKey } from "../api-keys/use-api-keys";
import { PriorityBadge } from "./falco-badges";
import { FalcoEventsDocument } from "./falco.graphql";
import { falcoEventPath } from "./falco-events-table";
import {
  FALCO_KEY_PLACEHOLDER,
  FALCO_NAMESPACE,
  FALCOSIDEKICK_LOGS_COMMAND,
  falcoHelmCommand,
  falcoTestCommand,
  HELM_REPO_COMMAND,
  testEventPriority,
} from "./falco-install-commands";
import { FALCO_PRIORITIES, isFalcoPriority, PRIORITY_LABELS } from "./falco-priorities";

/** How often the last step asks whether an event has arrived. */
export const FIRST_EVENT_POLL_MS = 5000;

type Step = 1 | 2 | 3;

const STEPS: ReadonlyArray<{ step: Step; title: string }> = [
  { step: 1, title: "Create its API key" },
  { step: 2, title: "Install Falco" },
  { step: 3, title: "Check that events arrive" },
];

type CreatedKey = { name: string; secret: string };
type WizardCluster = { id: string; name: string };

/** The default name of a cluster's Falco key, e.g. "falco prod-eu-1". */
export function falcoKeyName(clusterName: string): string {
  return `falco ${clusterName}`;
}

function KeyStep({
  cluster,
  created,
  onCreated,
  onSkip,
  onNext,
}: {
  cluster: WizardCluster;
  created: CreatedKey | null;
  onCreated: (key: CreatedKey) => void;
  onSkip: () => void;
  onNext: () => void;
}) {
  const [name, setName] = useState(() => falcoKeyName(cluster.name));
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [createApiKey, { loading }] = useCreateApiKey();
  const notify = useNotify();
  const nameError = checked && !name.trim() ? "Enter a name for the key" : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!name.trim()) return;
    setProblem(null);
    try {
      const result = await createApiKey({
        variables: { input: { name: name.trim(), scopes: ["falco_ingest"], clusterId: cluster.id } },
      });
      const payload = result.data?.createApiKey;
      if (payload) {
        onCreated({ name: payload.apiKey.name, secret: payload.secret });
        notify(`API key ${payload.apiKey.name} created`);
      }
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  if (created) {
    return (
      <WizardStep
        step={1}
        total={STEPS.length}
        title="Create its API key"
        footer={
          <Button variant="primary" onClick={onNext}>
            Next: install Falco
          </Button>
        }
      >
        <p>
          The key <strong>{created.name}</strong> has the <code>falco_ingest</code> scope and works for{" "}
          <strong>{cluster.name}</strong> only. The next step puts it into the install command.
        </p>
        <ApiKeySecretPanel name={created.name} secret={created.secret} />
      </WizardStep>
    );
  }

  const general = problem && !Object.keys(problem.fieldErrors).length ? problem.message : null;
  return (
    <WizardStep
      step={1}
      total={STEPS.length}
      title="Create its API key"
      footer={
        <>
          <Button variant="ghost" onClick={onSkip} disabled={loading}>
            I already have a key for this cluster
          </Button>
          <Button type="submit" form="falco-key-form" variant="primary" loading={loading}>
            Create key
          </Button>
        </>
      }
    >
      <p>
        Falco watches what containers do (shells, unexpected processes, reads of secrets, writes below system
        directories), and its companion falcosidekick forwards each alert to Bulwark over HTTPS. It sends them with an
        API key of the <code>falco_ingest</code> scope, bound to <strong>{cluster.name}</strong>: the key can send
        events for this cluster and do nothing else. Bulwark shows the key once and keeps only a hash of it.
      </p>
      <form id="falco-key-form" className="form form--narrow" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={general} />
        <TextField
          label="Key name"
          required
          maxLength={100}
          value={name}
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
          hint="Shown in Settings → API keys, where the key can be revoked."
          error={
            nameError ?? problem?.fieldErrors.name ?? problem?.fieldErrors.scopes ?? problem?.fieldErrors.clusterId
          }
        />
      </form>
    </WizardStep>
  );
}

type InstallOptions = { apiUrl: string; minimumPriority: FalcoPriority };

function InstallStep({
  cluster,
  apiKey,
  options,
  onOptions,
  onBack,
  onNext,
}: {
  cluster: WizardCluster;
  apiKey: string | null;
  options: InstallOptions;
  onOptions: (options: InstallOptions) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const problem = apiUrlProblem(options.apiUrl);
  const warning = problem ? null : apiUrlWarning(options.apiUrl, "falcosidekick");
  const values = { ...options, clusterId: cluster.id, apiKey };
  return (
    <WizardStep
      step={2}
      total={STEPS.length}
      title="Install Falco"
      footer={
        <>
          <Button onClick={onBack}>Back</Button>
          <Button variant="primary" onClick={onNext} disabled={Boolean(problem)}>
            Next: check that events arrive
          </Button>
        </>
      }
    >
      <div className="form form--narrow">
        <TextField
          label="Bulwark's address, as the cluster sees it"
          type="url"
          required
          value={options.apiUrl}
          spellCheck={false}
          autoComplete="off"
          className="mono-field"
          onChange={(event) => onOptions({ ...options, apiUrl: event.target.value })}
          hint="Falcosidekick posts every event to this address from inside the cluster. This page's own address is filled in; change it when the cluster reaches Bulwark another way."
          error={problem}
        />
        <SelectField
          label="Send events of priority"
          value={options.minimumPriority}
          onChange={(event) => {
            if (isFalcoPriority(event.target.value)) onOptions({ ...options, minimumPriority: event.target.value });
          }}
          hint="Falcosidekick drops lower priorities before sending. Notice and above is a good start; debug sends everything Falco sees."
        >
          {FALCO_PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priority === "debug" ? "Every priority" : `${PRIORITY_LABELS[priority]} and above`}
            </option>
          ))}
        </SelectField>
      </div>
      {warning ? (
        <p className="notice-inline" role="status">
          {warning}
        </p>
      ) : null}
      {problem ? null : (
        <>
          {apiKey ? null : (
            <p className="notice-inline">
              Replace <code>{FALCO_KEY_PLACEHOLDER}</code> with the <code>falco_ingest</code> key you already have for{" "}
              {cluster.name}.
            </p>
          )}
          <p>Falco's Helm chart comes from the Falco project's repository:</p>
          <CodeBlock title="Add Falco's chart repository" code={HELM_REPO_COMMAND} copyLabel="Copy commands" />
          <p>Then install Falco with falcosidekick, which posts each event to Bulwark:</p>
          <CodeBlock title="Install with Helm" code={falcoHelmCommand(values)} copyLabel="Copy command" />
          <p className="muted">
            Falco runs as a DaemonSet in the <code>{FALCO_NAMESPACE}</code> namespace, one pod per node, and needs
            privileges on the nodes to load its driver. The command contains the key: run it where your shell history is
            safe. Falco installed already? Add the same <code>falcosidekick</code> values with <code>helm upgrade</code>
            .
          </p>
        </>
      )}
    </WizardStep>
  );
}

function CheckStep({
  cluster,
  apiKey,
  options,
  startedAt,
  arrived,
  onArrived,
  onBack,
}: {
  cluster: WizardCluster;
  apiKey: string | null;
  options: InstallOptions;
  startedAt: string;
  arrived: boolean;
  onArrived: () => void;
  onBack: () => void;
}) {
  const { data, error } = useQuery(FalcoEventsDocument, {
    variables: { filter: { clusterId: cluster.id, since: startedAt }, first: 1 },
    fetchPolicy: "network-only",
    pollInterval: arrived ? 0 : FIRST_EVENT_POLL_MS,
    notifyOnNetworkStatusChange: false,
  });
  const first = data?.falcoEvents.nodes[0];
  useEffect(() => {
    if (first) onArrived();
  }, [first, onArrived]);
  const values = { ...options, clusterId: cluster.id, apiKey };
  const eventsPath = `/clusters/${cluster.id}/falco`;

  return (
    <WizardStep
      step={3}
      total={STEPS.length}
      title="Check that events arrive"
      footer={
        <>
          <Button onClick={onBack}>Back</Button>
          <Link className={`button button--${first ? "primary" : "secondary"} button--md`} to={eventsPath}>
            See the events of {cluster.name}
          </Link>
        </>
      }
    >
      <div className="connect-status" role="status" aria-live="polite">
        {first ? (
          <>
            <Badge tone="success">Receiving events</Badge>
            <span>
              The first event arrived: <PriorityBadge priority={first.priority} />{" "}
              <Link to={falcoEventPath(first.id)}>{first.rule}</Link>, {formatRelative(first.time)}.
            </span>
          </>
        ) : (
          <>
            <Spinner size="md" />
            <span>Waiting for the first event… This page checks every few seconds.</span>
          </>
        )}
      </div>
      {error && !first ? <ErrorBanner title="Events could not be checked; trying again." error={error} /> : null}
      <p>
        {first
          ? "To check the path again at any time, send a test event the way falcosidekick does:"
          : "Falco reports only what it notices, so a quiet cluster can take a while. To check the path from the cluster to Bulwark at once, send a test event the way falcosidekick does (from anywhere that reaches Bulwark):"}
      </p>
      <CodeBlock title="Send a test event" code={falcoTestCommand(values)} copyLabel="Copy command" />
      <p className="muted">
        It arrives as a {PRIORITY_LABELS[testEventPriority(options.minimumPriority)].toLowerCase()} event of the rule
        “Test event from the install guide”; Bulwark answers with <code>"stored": true</code>, or says why it did not
        keep it.
      </p>
      {first ? null : (
        <>
          <p>If nothing arrives from the cluster, falcosidekick's log says why:</p>
          <CodeBlock title="Falcosidekick's log" code={FALCOSIDEKICK_LOGS_COMMAND} copyLabel="Copy command" />
          <ul className="plain-list">
            <li>Can the cluster reach the address in the command? Falcosidekick logs each failed post.</li>
            <li>
              Is the key still active, with the <code>falco_ingest</code> scope, and bound to {cluster.name}? Bulwark
              refuses other keys with 401 or 403.
            </li>
            <li>
              Are events below the minimum priority? They are dropped before sending, and the cluster's Falco settings
              can drop more.
            </li>
          </ul>
        </>
      )}
    </WizardStep>
  );
}

/**
 * Sends a cluster's Falco alerts to Bulwark in three steps: an API key bound to the cluster (shown
 * once), the Helm command with everything filled in, and a check that events arrive.
 */
export function FalcoInstallWizard({ cluster }: { cluster: WizardCluster }) {
  const [step, setStep] = useState<Step>(1);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [options, setOptions] = useState<InstallOptions>(() => ({
    apiUrl: window.location.origin,
    minimumPriority: "notice",
  }));
  // Events from a minute before the guide opened count, so a quick test event is never missed.
  const [startedAt] = useState(() => new Date(Date.now() - 60_000).toISOString());
  const [arrived, setArrived] = useState(false);
  const markArrived = useCallback(() => setArrived(true), []);

  // The secret exists only on this page: leaving it by accident would lose it.
  useEffect(() => {
    if (!created || step === 3) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [created, step]);

  const apiKey = created?.secret ?? null;
  let content;
  if (step === 1)
    content = (
      <KeyStep
        cluster={cluster}
        created={created}
        onCreated={setCreated}
        onSkip={() => setStep(2)}
        onNext={() => setStep(2)}
      />
    );
  else if (step === 2)
    content = (
      <InstallStep
        cluster={cluster}
        apiKey={apiKey}
        options={options}
        onOptions={setOptions}
        onBack={() => setStep(1)}
        onNext={() => setStep(3)}
      />
    );
  else
    content = (
      <CheckStep
        cluster={cluster}
        apiKey={apiKey}
        options={options}
        startedAt={startedAt}
        arrived={arrived}
        onArrived={markArrived}
        onBack={() => setStep(2)}
      />
    );

  return (
    <div className="wizard">
      <WizardProgress steps={STEPS} current={step} lastDone={arrived && step === 3} />
      {content}
    </div>
  );
}
