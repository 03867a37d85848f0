import { type ReactNode, useState } from "react";
import { toProblem } from "../lib/graphql-errors";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { ErrorBanner } from "./error-banner";

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  /** Runs the action; a rejection keeps the dialog open and shows the server's message. */
  onConfirm: () => Promise<unknown> | void;
  onCancel: () => void;
};

/** Asks before anything destructive, naming the thing it will act on. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = "danger",
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    if (pending) return;
    setError(null);
    onCancel();
  };

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setPending(false);
    } catch (caught) {
      setPending(false);
      setError(toProblem(caught).message);
    }
  };

  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      size="sm"
      role="alertdialog"
      footer={
        <>
          <Button onClick={close} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button variant={tone} onClick={() => void confirm()} loading={pending}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="confirm-dialog__message">{children}</div>
      {error ? <ErrorBanner message={error} /> : null}
    </Dialog>
  );
}
