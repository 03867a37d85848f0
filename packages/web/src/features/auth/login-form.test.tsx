import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../../test/render";
import { LoginDocument } from "./auth.graphql";
import { LoginForm } from "./login-form";

const credentials = { email: "ada@example.com", password: "wrong-password-1" };

function loginMock(result: { errors?: GraphQLError[]; data?: Record<string, unknown> }, delay = 0) {
  return { request: { query: LoginDocument, variables: credentials }, result, delay } as const;
}

async function fillAndSubmit() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/email/i), credentials.email);
  await user.type(screen.getByLabelText(/password/i), credentials.password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("LoginForm", () => {
  it("shows the server's message for wrong credentials and keeps what was typed", async () => {
    const onSignedIn = vi.fn();
    renderWithApp(<LoginForm onSignedIn={onSignedIn} />, {
      mocks: [
        loginMock({
          errors: [new GraphQLError("Email or password is incorrect", { extensions: { code: "UNAUTHENTICATED" } })],
        }),
      ],
    });
    await fillAndSubmit();

    expect(await screen.findByRole("alert")).toHaveTextContent("Email or password is incorrect");
    expect(screen.getByLabelText(/email/i)).toHaveValue(credentials.email);
    expect(screen.getByLabelText(/password/i)).toHaveValue(credentials.password);
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it("shows the rate limit message as the server words it", async () => {
    renderWithApp(<LoginForm onSignedIn={vi.fn()} />, {
      mocks: [
        loginMock({
          errors: [
            new GraphQLError("Too many sign-in attempts; try again in 14 minutes", {
              extensions: { code: "RATE_LIMITED" },
            }),
          ],
        }),
      ],
    });
    await fillAndSubmit();
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many sign-in attempts; try again in 14 minutes");
  });

  it("disables the form while signing in, then hands over", async () => {
    const onSignedIn = vi.fn();
    renderWithApp(<LoginForm onSignedIn={onSignedIn} />, {
      mocks: [
        loginMock(
          {
            data: {
              login: {
                __typename: "LoginResult",
                user: { __typename: "User", id: "u-1", email: credentials.email, name: "Ada" },
              },
            },
          },
          50,
        ),
      ],
    });
    await fillAndSubmit();

    const button = screen.getByRole("button", { name: /signing in/i });
    expect(button).toBeDisabled();
    expect(screen.getByLabelText(/email/i)).toBeDisabled();
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
