import { useQuery } from "@apollo/client/react";
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { CodeBlock } from "../../components/code-block";
import { ErrorBanner } from "../../components/error-banner";
import { FormError, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import { Spinner } from "../../components/spinner";
import { WizardProgress, WizardStep } from "../../components/wizard";
import { type Problem, toProblem } from "../../lib/graphql-errors";
import { ApiKeySecretPanel } from "../api-keys/api-key-secret-panel";
import { useCreateApiKey } from "../api-keys/use-api-keys";
import { ClusterAgentStatusDocument } from "./agent.graphql";
import { agentVersions } from "./agent-status";
import {
  AGENT_CHART_PATH,
  AGENT_LOGS_COMMAND,
  AGENT_NAMESPACE,
  apiUrlProblem,
  apiUrlWarning,
  helmInstallCommand,
  KEY_PLACEHOLDER,
  manifestsCommand,
} from "./install-commands";

/** How often step 4 asks whether the agent has sent its first heartbeat. */
export const CONNECT_POLL_MS = 5000;

type Step = 1 | 2 | 3 | 4;

const STEPS: ReadonlyArray<{ step: Step; title: string }> = [
  { step: 1, title: "What the agent does" },
  { step: 2, title: "Create its API key" },
  { step: 3, title: "Install it" },
  { step: 4, title: "Wait for it to connect" },
];

type CreatedKey = { name: string; prefix: string; secret: string };

type WizardCluster = { id: string; name: string };

/** The default name of a cluster's agent key, e.g. "agent prod-eu-1". */
export function agentKeyName(clusterName: string): string {
  return `agent ${clusterName}`;
}

function StepSection(props: { step: Step; title: string; children: ReactNode; footer: ReactNode }) {
  return <WizardStep {...props} total={STEPS.length} />;
}

function IntroStep({ onNext }: { onNext: () => void }) {
  return (
    <StepSection
      step={1}
      title="What the agent does"
      footer={
        <Button variant="primary" onClick={onNext}>
          Next: create its API key
        </Button>
      }
    >
      <p>
        The Bulwark agent runs inside the cluster and calls out to Bulwark over HTTPS with an API key bound to this
        cluster. Bulwark never holds a kubeconfig, and nothing has to reach into the cluster.
      </p>
      <ul className="plain-list">
        <li>
          <strong>Inventory:</strong> it watches namespaces, pods and the workloads that own them, and reports every
          container's image, init and ephemeral containers included.
        </li>
        <li>
          <strong>Scanning:</strong> images seen for the first time are scanned with Trivy and judged against the
          cluster's policies.
        </li>
        <li>
          <strong>Admission:</strong> a validating webhook checks the images of new pods and workloads against a local
          copy of the verdicts, and denies, warns or only records, as set on the Admission tab. Enforcement is off until
          you turn it on.
        </li>
      </ul>
      <p className="muted">
        It gets read-only access to namespaces, pods and workloads, and may manage only its own webhook configuration.
        Installing it needs cluster-admin rights once (it creates cluster roles and the webhook configuration).
      </p>
    </StepSection>
  );
}

function KeyStep({
  cluster,
  created,
  onCreated,
  onSkip,
  onBack,
  onNext,
}: {
  cluster: WizardCluster;
  created: CreatedKey | null;
  onCreated: (key: CreatedKey) => void;
  onSkip: () => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const [name, setName] = useState(() => agentKeyName(cluster.name));
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
        variables: { input: { name: name.trim(), scopes: ["agent"], clusterId: cluster.id } },
      });
      const payload = result.data?.createApiKey;
      if (payload) {
        onCreated({ name: payload.apiKey.name, prefix: payload.apiKey.prefix, secret: payload.secret });
        notify(`API key ${payload.apiKey.name} created`);
      }
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  if (created) {
    return (
      <StepSection
        step={2}
        title="Create its API key"
        footer={
          <>
            <Button onClick={onBack}>Back</Button>
            <Button variant="primary" onClick={onNext}>
              Next: install the agent
            </Button>
          </>
        }
      >
        <p>
          The key <strong>{created.name}</strong> has the <code>agent</code> scope and works for{" "}
          <strong>{cluster.name}</strong> only. The next step puts it into the install command.
        </p>
        <ApiKeySecretPanel name={created.name} secret={created.secret} />
      </StepSection>
    );
  }

  const general = problem && !Object.keys(problem.fieldErrors).length ? problem.message : null;
  return (
    <StepSection
      step={2}
      title="Create its API key"
      footer={
        <>
          <Button onClick={onBack} disabled={loading}>
            Back
          </Button>
          <Button variant="ghost" onClick={onSkip} disabled={loading}>
            I already have a key for this cluster
          </Button>
          <Button type="submit" form="agent-key-form" variant="primary" loading={loading}>
            Create key
          </Button>
        </>
      }
    >
      <p>
        The agent needs an API key with the <code>agent</code> scope, bound to <strong>{cluster.name}</strong>: with it,
        the agent can report and read this cluster only. Bulwark shows the key once and keeps only a hash of it.
      </p>
      <form id="agent-key-form" className="form form--narrow" onSubmit={(event) => void submit(event)} noValidate>
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
    </StepSection>
  );
}

function InstallStep({
  cluster,
  apiKey,
  apiUrl,
  onApiUrl,
  onBack,
  onNext,
}: {
  cluster: WizardCluster;
  apiKey: string | null;
  apiUrl: string;
  onApiUrl: (value: string) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const problem = apiUrlProblem(apiUrl);
  const warning = problem ? null : apiUrlWarning(apiUrl);
  const values = { apiUrl, apiKey, clusterName: cluster.name };
  return (
    <StepSection
      step={3}
      title="Install it"
      footer={
        <>
          <Button onClick={onBack}>Back</Button>
          <Button variant="primary" onClick={onNext} disabled={Boolean(problem)}>
            Next: wait for it to connect
          </Button>
        </>
      }
    >
      <div className="form form--narrow">
        <TextField
          label="Bulwark's address, as the cluster sees it"
          type="url"
          required
          value={apiUrl}
          spellCheck={false}
          autoComplete="off"
          className="mono-field"
          onChange={(event) => onApiUrl(event.target.value)}
          hint="The agent calls this address from inside the cluster, so its pods must be able to reach it. This page's own address is filled in; change it when the cluster reaches Bulwark another way."
          error={problem}
        />
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
              Replace <code>{KEY_PLACEHOLDER}</code> with the agent key you already have for {cluster.name}.
            </p>
          )}
          <p>
            With Helm, from a checkout of the Bulwark repository (the chart is in <code>{AGENT_CHART_PATH}</code>):
          </p>
          <CodeBlock title="Install with Helm" code={helmInstallCommand(values)} copyLabel="Copy command" />
          <p>Or without Helm: the agent prints the same Kubernetes objects, and kubectl applies them.</p>
          <CodeBlock title="Install without Helm" code={manifestsCommand(values)} copyLabel="Copy command" />
          <p className="muted">
            Either way the agent runs in the <code>{AGENT_NAMESPACE}</code> namespace, which its webhook never checks.
            The command contains the key: run it where your shell history is safe, or see the chart's README for a
            Secret you create yourself.
          </p>
        </>
      )}
    </StepSection>
  );
}

function ConnectStep({
  cluster,
  connected,
  onConnected,
  onBack,
}: {
  cluster: WizardCluster;
  connected: boolean;
  onConnected: () => void;
  onBack: () => void;
}) {
  const { data, error } = useQuery(ClusterAgentStatusDocument, {
    variables: { id: cluster.id },
    fetchPolicy: "network-only",
    pollInterval: connected ? 0 : CONNECT_POLL_MS,
    notifyOnNetworkStatusChange: false,
  });
  const agent = data?.cluster;
  const isConnected = agent?.agentStatus === "connected";
  useEffect(() => {
    if (isConnected) onConnected();
  }, [isConnected, onConnected]);

  return (
    <StepSection
      step={4}
      title="Wait for it to connect"
      footer={
        connected ? (
          <>
            <Link className="button button--secondary button--md" to={`/clusters/${cluster.id}/workloads`}>
              See its workloads
            </Link>
            <Link className="button button--primary button--md" to={`/clusters/${cluster.id}/admission`}>
              Set up admission
            </Link>
          </>
        ) : (
          <Button onClick={onBack}>Back</Button>
        )
      }
    >
      <div className="connect-status" role="status" aria-live="polite">
        {connected && agent ? (
          <>
            <Badge tone="success">Connected</Badge>
            <span>
              The agent of <strong>{cluster.name}</strong> has sent its first heartbeat
              {agentVersions(agent) ? ` (${agentVersions(agent)})` : ""}. Its inventory arrives in a moment.
            </span>
          </>
        ) : (
          <>
            <Spinner size="md" />
            <span>Waiting for the agent's first heartbeat… This page checks every few seconds.</span>
          </>
        )}
      </div>
      {error && !connected ? (
        <ErrorBanner title="The agent's status could not be checked; trying again." error={error} />
      ) : null}
      {connected ? null : (
        <>
          <p>Once the pods are running, the agent reports within a minute. If nothing arrives, its log says why:</p>
          <CodeBlock title="The agent's log" code={AGENT_LOGS_COMMAND} copyLabel="Copy command" />
          <ul className="plain-list">
            <li>Can the cluster reach the address in the command? The log names it when it cannot.</li>
            <li>
              Is the key still active, and bound to {cluster.name}? A revoked key or one for another cluster is refused.
            </li>
            <li>
              Was the cluster name in the command exactly <code>{cluster.name}</code>?
            </li>
          </ul>
        </>
      )}
    </StepSection>
  );
}

/**
 * Connects a cluster in four steps: what the agent is, its API key (shown once), the install
 * command with everything filled in, and the wait for its first heartbeat.
 */
export function ConnectClusterWizard({ cluster }: { cluster: WizardCluster }) {
  const [step, setStep] = useState<Step>(1);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [apiUrl, setApiUrl] = useState(() => window.location.origin);
  const [connected, setConnected] = useState(false);
  const markConnected = useCallback(() => setConnected(true), []);

  // The secret exists only on this page: leaving it by accident would lose it.
  useEffect(() => {
    if (!created || step === 4) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [created, step]);

  let content;
  if (step === 1) content = <IntroStep onNext={() => setStep(2)} />;
  else if (step === 2)
    content = (
      <KeyStep
        cluster={cluster}
        created={created}
        onCreated={setCreated}
        onSkip={() => setStep(3)}
        onBack={() => setStep(1)}
        onNext={() => setStep(3)}
      />
    );
  else if (step === 3)
    content = (
      <InstallStep
        cluster={cluster}
        apiKey={created?.secret ?? null}
        apiUrl={apiUrl}
        onApiUrl={setApiUrl}
        onBack={() => setStep(2)}
        onNext={() => setStep(4)}
      />
    );
  else
    content = (
      <ConnectStep cluster={cluster} connected={connected} onConnected={markConnected} onBack={() => setStep(3)} />
    );

  return (
    <div className="wizard">
      <WizardProgress steps={STEPS} current={step} lastDone={connected} />
      {content}
    </div>
  );
}
