import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ExceptionStatus } from "../../gql/graphql";
import { anException, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { ExceptionDetail } from "./exception-detail";
import { ApproveExceptionDocument, ExceptionDocument, RejectExceptionDocument } from "./exceptions.graphql";

function detail(status: ExceptionStatus) {
  return {
    ...anException({ status }),
    comments: [],
    history: [
      {
        __typename: "ExceptionEvent" as const,
        id: "h-1",
        action: "requested",
        actorLabel: "reader@example.com",
        at: "2026-11-27T09:00:00.000Z",
        changes: null,
      },
    ],
  };
}

const exceptionMock = (status: ExceptionStatus) => ({
  request: { query: ExceptionDocument, variables: { id: "e-1" } },
  result: { data: { exception: detail(status) } },
  maxUsageCount: 5,
});

describe("ExceptionDetail", () => {
  it("offers Approve and Reject to an administrator while the exception is in review", async () => {
    renderWithApp(<ExceptionDetail id="e-1" />, {
      viewer: aViewer({ role: "admin" }),
      mocks: [exceptionMock("in_review")],
    });
    expect(await screen.findByRole("heading", { name: /CVE-2024-0001 in nginx/ })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Approve" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Reject" })).toBeInTheDocument();
    expect(screen.getByText(/until and including/)).toBeInTheDocument();
  });

  it.each(["active", "inactive"] as const)("offers no review of an exception that is %s", async (status) => {
    renderWithApp(<ExceptionDetail id="e-1" />, { viewer: aViewer({ role: "admin" }), mocks: [exceptionMock(status)] });
    expect(await screen.findByRole("button", { name: "Edit" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Reject" })).not.toBeInTheDocument();
  });

  it("never offers review, edit or delete to a read-only viewer, who may still comment", async () => {
    renderWithApp(<ExceptionDetail id="e-1" />, {
      viewer: aViewer({ role: "read_only" }),
      mocks: [exceptionMock("in_review")],
    });
    expect(await screen.findByRole("heading", { name: /CVE-2024-0001 in nginx/ })).toBeInTheDocument();
    for (const name of ["Approve", "Reject", "Edit", "Delete"]) {
      expect(screen.queryByRole("button", { name })).not.toBeInTheDocument();
    }
    expect(screen.getByRole("textbox", { name: "Add a comment" })).toBeInTheDocument();
  });

  it("approves with the administrator's comment once confirmed", async () => {
    const user = userEvent.setup();
    const approved = vi.fn(() => ({ data: { approveException: anException({ status: "active" }) } }));
    renderWithApp(<ExceptionDetail id="e-1" />, {
      viewer: aViewer({ role: "admin" }),
      mocks: [
        exceptionMock("in_review"),
        {
          request: { query: ApproveExceptionDocument, variables: { id: "e-1", comment: "Fine until the rebuild" } },
          result: approved,
        },
      ],
    });
    await user.click(await screen.findByRole("button", { name: "Approve" }));
    const dialog = screen.getByRole("alertdialog", { name: "Approve exception CVE-2024-0001 in nginx?" });
    expect(approved).not.toHaveBeenCalled();
    await user.type(within(dialog).getByLabelText(/comment/i), "Fine until the rebuild");
    await user.click(within(dialog).getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(approved).toHaveBeenCalledTimes(1));
    expect(await screen.findByText("Exception CVE-2024-0001 in nginx approved")).toBeInTheDocument();
  });

  it("rejects without a comment, and shows the server's refusal in the dialog", async () => {
    const user = userEvent.setup();
    renderWithApp(<ExceptionDetail id="e-1" />, {
      viewer: aViewer({ role: "admin" }),
      mocks: [
        exceptionMock("in_review"),
        {
          request: { query: RejectExceptionDocument, variables: { id: "e-1", comment: null } },
          result: {
            errors: [
              {
                message: "Only exceptions in review can be rejected; this one is active",
                extensions: { code: "CONFLICT" },
              },
            ],
          },
        },
      ],
    });
    await user.click(await screen.findByRole("button", { name: "Reject" }));
    const dialog = screen.getByRole("alertdialog", { name: "Reject exception CVE-2024-0001 in nginx?" });
    await user.click(within(dialog).getByRole("button", { name: "Reject" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Only exceptions in review can be rejected");
  });
});
