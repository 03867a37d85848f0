import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { describe, expect, it } from "vitest";
import { formFieldOf, toProblem } from "./graphql-errors";

describe("toProblem", () => {
  it("keeps the server's message and code, and the field it names", () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [
        {
          message: "name must be at most 63 characters",
          extensions: {
            code: "BAD_USER_INPUT",
            details: { field: "name", problems: [{ field: "tags.2", message: "must not be empty" }] },
          },
        },
      ],
    });
    expect(toProblem(error)).toEqual({
      code: "BAD_USER_INPUT",
      message: "name must be at most 63 characters",
      field: "name",
      fieldErrors: { name: "name must be at most 63 characters", tags: "tags.2 must not be empty" },
    });
  });

  it("explains HTTP failures without leaking internals", () => {
    const error = new ServerError("bad gateway", { response: new Response("", { status: 502 }), bodyText: "" });
    expect(toProblem(error)).toMatchObject({ code: "NETWORK", field: null });
    expect(toProblem(error).message).toMatch(/HTTP 502/);
  });

  it("treats a failed fetch as unreachable", () => {
    expect(toProblem(new TypeError("Failed to fetch")).message).toMatch(/could not be reached/);
  });
});

describe("formFieldOf", () => {
  it("maps nested paths to the form field", () => {
    expect(formFieldOf("tags.3")).toBe("tags");
    expect(formFieldOf("input.name")).toBe("name");
    expect(formFieldOf("newPassword")).toBe("newPassword");
  });
});
