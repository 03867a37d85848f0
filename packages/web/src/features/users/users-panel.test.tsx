import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { aUser, aViewer } from "../../test/builders";
import { renderWithApp } from "../../test/render";
import { UpdateUserDocument, UsersDocument } from "./users.graphql";
import { UsersPanel } from "./users-panel";

const self = aUser({
  id: "u-self",
  email: "ada@example.com",
  name: "Ada Admin",
  role: "admin",
  lastLoginAt: "2026-11-20T08:00:00.000Z",
});
const bob = aUser({ id: "u-2", email: "bob@example.com", name: "Bob", role: "read_only" });
const root = aUser({ id: "u-3", email: "root@example.com", name: "Root", role: "super_admin" });
const usersMock = {
  request: { query: UsersDocument },
  result: { data: { users: [self, bob, root] } },
  maxUsageCount: 5,
};

describe("UsersPanel", () => {
  it("lists users and offers an administrator no way to touch a super admin", async () => {
    renderWithApp(<UsersPanel />, { viewer: aViewer({ role: "admin" }), mocks: [usersMock] });
    const table = await screen.findByRole("table", { name: "Users" });
    expect(within(table).getAllByRole("row")).toHaveLength(4);
    expect(screen.getByRole("button", { name: "Edit bob@example.com" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Edit root@example.com" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Deactivate ada@example.com" })).not.toBeInTheDocument();
  });

  it("does not offer the super admin role to an administrator", async () => {
    const user = userEvent.setup();
    renderWithApp(<UsersPanel />, { viewer: aViewer({ role: "admin" }), mocks: [usersMock] });
    await user.click(await screen.findByRole("button", { name: "New user" }));
    const role = within(screen.getByRole("dialog", { name: "New user" })).getByRole("combobox", { name: "Role" });
    expect(
      within(role)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Read-only", "Admin"]);
  });

  it("deactivates a user only after confirmation", async () => {
    const user = userEvent.setup();
    const update = vi.fn(() => ({ data: { updateUser: { ...bob, active: false } } }));
    renderWithApp(<UsersPanel />, {
      viewer: aViewer({ role: "admin" }),
      mocks: [
        usersMock,
        { request: { query: UpdateUserDocument, variables: { id: "u-2", input: { active: false } } }, result: update },
      ],
    });
    await user.click(await screen.findByRole("button", { name: "Deactivate bob@example.com" }));
    const dialog = screen.getByRole("alertdialog", { name: "Deactivate bob@example.com?" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(update).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Deactivate user" }));
    await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
    expect(await screen.findByRole("button", { name: "Reactivate bob@example.com" })).toBeInTheDocument();
    expect(screen.getByText("Deactivated")).toBeInTheDocument();
  });
});
