import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { Dialog } from "../../components/dialog";
import { ErrorBanner } from "../../components/error-banner";
import { TextAreaField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import { toProblem } from "../../lib/graphql-errors";
import { useReviewException } from "./use-exceptions";

type ReviewExceptionDialogProps = {
  decision: "approve" | "reject";
  exception: { id: string; title: string };
  onClose: () => void;
};

/** Approve or reject a request, with an optional comment for the person who asked. */
export function ReviewExceptionDialog({ decision, exception, onClose }: ReviewExceptionDialogProps) {
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const { approve, reject, pending } = useReviewException();
  const notify = useNotify();
  const approving = decision === "approve";

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const variables = { id: exception.id, comment: comment.trim() || null };
    try {
      if (approving) await approve({ variables });
      else await reject({ variables });
      notify(approving ? `Exception ${exception.title} approved` : `Exception ${exception.title} rejected`);
      onClose();
    } catch (caught) {
      setError(toProblem(caught).message);
    }
  };

  return (
    <Dialog
      open
      role="alertdialog"
      size="md"
      title={approving ? `Approve exception ${exception.title}?` : `Reject exception ${exception.title}?`}
      onClose={pending ? undefined : onClose}
      footer={
        <>
          <Button onClick={onClose} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button
            type="submit"
            form="review-exception-form"
            variant={approving ? "primary" : "danger"}
            loading={pending}
          >
            {approving ? "Approve" : "Reject"}
          </Button>
        </>
      }
    >
      <form id="review-exception-form" className="form" onSubmit={(event) => void submit(event)} noValidate>
        <p>
          {approving
            ? "It becomes active and counts from its first day; verdicts are recomputed at once."
            : "It becomes inactive and never counts."}{" "}
          The person who asked is told.
        </p>
        <TextAreaField
          label="Comment (optional)"
          value={comment}
          maxLength={5000}
          onChange={(event) => setComment(event.target.value)}
          hint="Added to the exception's comments."
        />
        {error ? <ErrorBanner message={error} /> : null}
      </form>
    </Dialog>
  );
}
