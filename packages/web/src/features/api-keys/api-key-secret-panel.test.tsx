import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiKeySecretPanel } from "./api-key-secret-panel";

const SECRET = "bwk_0123456789abcdefghijklmnopqrstuvwxyzABCDEF";
const original = Object.getOwnPropertyDescriptor(window.navigator, "clipboard");

function setClipboard(value: unknown) {
  Object.defineProperty(window.navigator, "clipboard", { value, configurable: true });
}

afterEach(() => {
  if (original) Object.defineProperty(window.navigator, "clipboard", original);
  else Reflect.deleteProperty(window.navigator, "clipboard");
});

describe("ApiKeySecretPanel", () => {
  it("shows the secret once, with a warning that it will not be shown again", () => {
    render(<ApiKeySecretPanel name="prod agent" secret={SECRET} />);
    expect(screen.getByTestId("api-key-secret")).toHaveTextContent(SECRET);
    expect(screen.getByRole("alert")).toHaveTextContent(/will not be shown again/i);
  });

  it("copies the secret to the clipboard", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    setClipboard({ writeText });
    render(<ApiKeySecretPanel name="prod agent" secret={SECRET} />);

    fireEvent.click(screen.getByRole("button", { name: "Copy key" }));

    expect(await screen.findByRole("button", { name: "Copied" })).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith(SECRET);
  });

  it("selects the secret for a manual copy when the clipboard is refused", async () => {
    setClipboard({ writeText: vi.fn().mockRejectedValue(new Error("denied")) });
    render(<ApiKeySecretPanel name="prod agent" secret={SECRET} />);

    fireEvent.click(screen.getByRole("button", { name: "Copy key" }));

    expect(await screen.findByText(/press Ctrl\+C/i)).toBeInTheDocument();
    expect(window.getSelection()?.toString()).toBe(SECRET);
  });
});
