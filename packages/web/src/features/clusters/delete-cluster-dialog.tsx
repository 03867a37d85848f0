import { ConfirmDialog } from "../../components/confirm-dialog";
import { useNotify } from "../../components/notices";
import { useDeleteCluster } from "./use-clusters";

type DeleteClusterDialogProps = {
  cluster: { id: string; name: string } | null;
  onClose: () => void;
  onDeleted?: () => void;
};

export function DeleteClusterDialog({ cluster, onClose, onDeleted }: DeleteClusterDialogProps) {
  const deleteCluster = useDeleteCluster();
  const notify = useNotify();
  return (
    <ConfirmDialog
      open={cluster !== null}
      title={`Delete cluster ${cluster?.name ?? ""}?`}
      confirmLabel="Delete cluster"
      onCancel={onClose}
      onConfirm={async () => {
        if (!cluster) return;
        await deleteCluster(cluster.id);
        notify(`Cluster ${cluster.name} deleted`);
        onClose();
        onDeleted?.();
      }}
    >
      <p>
        This permanently deletes <strong>{cluster?.name}</strong> and every API key bound to it. Agents using those keys
        will stop reporting.
      </p>
    </ConfirmDialog>
  );
}
