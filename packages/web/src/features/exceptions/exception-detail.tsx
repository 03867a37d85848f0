import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { Button } from "../../components/button";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { ErrorBanner } from "../../components/error-banner";
import { TextAreaField } from "../../components/form-field";
import { LoadingState } from "../../components/loading-state";
import { useNotify } from "../../components/notices";
import { PageHeader, SectionHeader } from "../../components/page-header";
import type { ExceptionQuery } from "../../gql/graphql";
import { formatDateTime, formatRelative } from "../../lib/format";
import { errorCodeOf, type Problem, toProblem } from "../../lib/graphql-errors";
import { SEVERITY_LABELS } from "../../lib/severity";
import { useCan } from "../auth/viewer";
import { ExceptionStatusBadge, TemporaryBadge } from "./exception-badges";
import { formatEnd, formatStart } from "./exception-dates";
import { ExceptionFormDialog } from "./exception-form-dialog";
import { HISTORY_LABELS, TYPE_DESCRIPTIONS, TYPE_LABELS } from "./exception-labels";
import { changeLines } from "./history";
import { ReviewExceptionDialog } from "./review-exception-dialog";
import { useCommentOnException, useDeleteException, useException } from "./use-exceptions";

type ExceptionDetailData = ExceptionQuery["exception"];

function NameList({
  items,
  all,
  allLabel,
}: {
  items: ReadonlyArray<{ id: string; name: string }>;
  all: boolean;
  allLabel: string;
}) {
  if (all) return <>{allLabel}</>;
  if (!items.length) return <span className="muted">None (it matches nothing)</span>;
  return (
    <ul className="tag-list">
      {items.map((item) => (
        <li key={item.id} className="chip chip--static">
          {item.name}
        </li>
      ))}
    </ul>
  );
}

function CommentForm({ exceptionId }: { exceptionId: string }) {
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [comment, { loading }] = useCommentOnException();
  const notify = useNotify();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!body.trim()) {
      setProblem({
        code: "BAD_USER_INPUT",
        message: "Write a comment first",
        field: "body",
        fieldErrors: { body: "Write a comment first" },
      });
      return;
    }
    setProblem(null);
    try {
      await comment({ variables: { id: exceptionId, body: body.trim() } });
      setBody("");
      notify("Comment added");
    } catch (caught) {
      setProblem(toProblem(caught));
    }
  };

  return (
    <form className="form comment-form" onSubmit={(event) => void submit(event)} noValidate aria-label="Add a comment">
      <TextAreaField
        label="Add a comment"
        value={body}
        maxLength={5000}
        onChange={(event) => setBody(event.target.value)}
        hint="Everyone taking part is emailed."
        error={problem?.fieldErrors.body ?? (problem ? problem.message : null)}
      />
      <div className="form__actions">
        <Button type="submit" loading={loading}>
          Comment
        </Button>
      </div>
    </form>
  );
}

function History({ exception }: { exception: ExceptionDetailData }) {
  const names = new Map<string, string>([
    ...exception.clusters.map((cluster) => [cluster.id, cluster.name] as const),
    ...exception.policies.map((policy) => [policy.id, policy.name] as const),
    ...(exception.scanner ? [[exception.scanner.id, exception.scanner.name] as const] : []),
  ]);
  return (
    <ol className="timeline" aria-label="History">
      {[...exception.history].reverse().map((event) => {
        const lines = changeLines(event.changes, names);
        return (
          <li key={event.id} className={`timeline__item timeline__item--${event.action}`}>
            <div className="timeline__head">
              <strong>{HISTORY_LABELS[event.action] ?? event.action}</strong>
              <span className="muted">by {event.actorLabel}</span>
              <time dateTime={event.at} className="muted" title={formatDateTime(event.at)}>
                {formatRelative(event.at)}
              </time>
            </div>
            {lines.length ? (
              <ul className="timeline__changes">
                {lines.map((line) => (
                  <li key={line.field}>
                    {line.label}: <span className="timeline__from">{line.from}</span> → <span>{line.to}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

export function ExceptionDetail({ id }: { id: string }) {
  const canWrite = useCan("exception:write");
  const canComment = useCan("exception:request");
  const navigate = useNavigate();
  const notify = useNotify();
  const { data, error, refetch } = useException(id);
  const deleteException = useDeleteException();
  const [review, setReview] = useState<"approve" | "reject" | null>(null);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const breadcrumb = <Link to="/exceptions">Exceptions</Link>;

  if (data === undefined) {
    if (error && errorCodeOf(error) === "NOT_FOUND") {
      return (
        <div className="page">
          <PageHeader title="Exception not found" breadcrumb={breadcrumb} />
          <div className="card">
            <EmptyState title="This exception does not exist" action={<Link to="/exceptions">Back to exceptions</Link>}>
              <p>It may have been deleted, or the link may be wrong.</p>
            </EmptyState>
          </div>
        </div>
      );
    }
    if (error) {
      return (
        <div className="page">
          <PageHeader title="Exception" breadcrumb={breadcrumb} />
          <ErrorBanner title="The exception could not be loaded." error={error} onRetry={() => void refetch()} />
        </div>
      );
    }
    return <LoadingState label="Loading exception…" />;
  }

  const exception = data.exception;
  const inReview = exception.status === "in_review";

  return (
    <div className="page">
      <PageHeader
        breadcrumb={breadcrumb}
        title={
          <span className="title-with-badges">
            {exception.title}
            <ExceptionStatusBadge exception={exception} />
            {exception.temporary ? <TemporaryBadge /> : null}
          </span>
        }
        description={`${TYPE_LABELS[exception.type]}: ${TYPE_DESCRIPTIONS[exception.type]}`}
        actions={
          canWrite ? (
            <>
              {inReview ? (
                <>
                  <Button variant="primary" onClick={() => setReview("approve")}>
                    Approve
                  </Button>
                  <Button variant="danger" onClick={() => setReview("reject")}>
                    Reject
                  </Button>
                </>
              ) : null}
              <Button onClick={() => setEditing(true)}>Edit</Button>
              <Button variant="ghost" className="button--danger-text" onClick={() => setDeleting(true)}>
                Delete
              </Button>
            </>
          ) : undefined
        }
      />
      {inReview ? (
        <p className="notice-inline" role="status">
          {canWrite
            ? "This request waits for an administrator's review. It counts only once approved."
            : "This request waits for an administrator's review. It counts only once approved; you will be emailed."}
        </p>
      ) : null}
      <div className="detail-grid">
        <section className="card">
          <SectionHeader title="Details" />
          <dl className="details details--compact">
            <div>
              <dt>Type</dt>
              <dd>{TYPE_LABELS[exception.type]}</dd>
            </div>
            {exception.type === "override" && exception.alternateSeverity ? (
              <div>
                <dt>Counted as</dt>
                <dd>{SEVERITY_LABELS[exception.alternateSeverity]}</dd>
              </div>
            ) : null}
            <div>
              <dt>Starts (UTC)</dt>
              <dd>{formatStart(exception.startsAt)}</dd>
            </div>
            <div>
              <dt>Ends (UTC)</dt>
              <dd>{formatEnd(exception.endsAt)}</dd>
            </div>
            <div>
              <dt>Requested by</dt>
              <dd>{exception.createdByLabel}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDateTime(exception.createdAt)}</dd>
            </div>
          </dl>
          <div className="reason-block">
            <h3 className="reason-block__title">Reason</h3>
            {exception.reason ? (
              <p className="reason-block__text">{exception.reason}</p>
            ) : (
              <p className="muted">No reason given.</p>
            )}
          </div>
        </section>
        <section className="card">
          <SectionHeader title="Scope" description="A finding is matched when every line covers it." />
          <dl className="details details--compact details--single">
            <div>
              <dt>Issue</dt>
              <dd className="mono">{exception.issueId ?? <span className="muted">Every issue</span>}</dd>
            </div>
            <div>
              <dt>Images</dt>
              <dd>
                <code className="mono">{exception.imagePattern}</code>
                {exception.imagePattern === "*" ? <span className="muted"> (every image)</span> : null}
              </dd>
            </div>
            <div>
              <dt>Clusters</dt>
              <dd>
                <NameList items={exception.clusters} all={exception.allClusters} allLabel="All clusters" />
              </dd>
            </div>
            <div>
              <dt>Namespaces</dt>
              <dd>
                {exception.allNamespaces ? (
                  "All namespaces"
                ) : (
                  <NameList items={exception.namespaces.map((name) => ({ id: name, name }))} all={false} allLabel="" />
                )}
              </dd>
            </div>
            <div>
              <dt>Policies</dt>
              <dd>
                <NameList items={exception.policies} all={exception.allPolicies} allLabel="All policies" />
              </dd>
            </div>
            <div>
              <dt>Scanner</dt>
              <dd>{exception.scanner?.name ?? "Every scanner"}</dd>
            </div>
          </dl>
        </section>
      </div>
      <div className="detail-grid">
        <section className="card" aria-labelledby="comments-title">
          <SectionHeader title={<span id="comments-title">Comments</span>} />
          {exception.comments.length ? (
            <ul className="comments">
              {exception.comments.map((comment) => (
                <li key={comment.id} className="comment">
                  <div className="comment__head">
                    <strong>{comment.authorLabel}</strong>
                    <time className="muted" dateTime={comment.createdAt} title={formatDateTime(comment.createdAt)}>
                      {formatRelative(comment.createdAt)}
                    </time>
                  </div>
                  <p className="comment__body">{comment.body}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No comments yet.</p>
          )}
          {canComment ? <CommentForm exceptionId={exception.id} /> : null}
        </section>
        <section className="card" aria-labelledby="history-title">
          <SectionHeader title={<span id="history-title">History</span>} description="Newest first." />
          {exception.history.length ? <History exception={exception} /> : <p className="muted">No history.</p>}
        </section>
      </div>
      {review ? (
        <ReviewExceptionDialog decision={review} exception={exception} onClose={() => setReview(null)} />
      ) : null}
      {editing ? <ExceptionFormDialog mode="edit" exception={exception} onClose={() => setEditing(false)} /> : null}
      <ConfirmDialog
        open={deleting}
        title={`Delete exception ${exception.title}?`}
        confirmLabel="Delete exception"
        onCancel={() => setDeleting(false)}
        onConfirm={async () => {
          await deleteException(exception.id);
          notify(`Exception ${exception.title} deleted`);
          setDeleting(false);
          void navigate("/exceptions", { replace: true });
        }}
      >
        <p>
          <strong>{exception.title}</strong>, its comments and its history are deleted.
          {exception.status === "active"
            ? " The findings it covers count against their policies again, and verdicts are recomputed."
            : ""}{" "}
          To keep the record, edit it and make it inactive instead.
        </p>
      </ConfirmDialog>
    </div>
  );
}
