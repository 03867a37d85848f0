import { ErrorBanner } from "../../components/error-banner";
import { LoadingState } from "../../components/loading-state";
import { useClusterNamespaces } from "../workloads/use-workloads";
import { AdmissionEventsTable } from "./admission-events-table";
import { AdmissionSettingsForm } from "./admission-settings-form";
import { useAdmissionSettings } from "./use-admission";

/** A cluster's admission control: how its webhook decides, and what it decided. */
export function ClusterAdmission({ clusterId }: { clusterId: string }) {
  const settings = useAdmissionSettings(clusterId);
  const namespaces = useClusterNamespaces(clusterId).data?.cluster.namespaces ?? [];
  const cluster = settings.data?.cluster;

  return (
    <>
      {cluster ? (
        <AdmissionSettingsForm key={cluster.id} cluster={cluster} />
      ) : settings.error ? (
        <ErrorBanner
          title="The admission settings could not be loaded."
          error={settings.error}
          onRetry={() => void settings.refetch()}
        />
      ) : (
        <section className="card">
          <LoadingState label="Loading admission settings…" />
        </section>
      )}
      <AdmissionEventsTable clusterId={clusterId} namespaces={namespaces.map((namespace) => namespace.name)} />
    </>
  );
}
