import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { GraphQLError } from "graphql";
import { of } from "rxjs";
import { describe, expect, it, vi } from "vitest";
import { LoginDocument, ViewerDocument } from "../features/auth/auth.graphql";
import { createAuthErrorLink, webSocketUrl } from "./apollo-client";

const unauthenticated = () =>
  new ApolloLink(() =>
    of({ errors: [new GraphQLError("Sign in first", { extensions: { code: "UNAUTHENTICATED" } }).toJSON()] }),
  );

function clientWith(onUnauthenticated: () => void) {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.from([createAuthErrorLink(onUnauthenticated), unauthenticated()]),
  });
}

describe("createAuthErrorLink", () => {
  it("reports an expired session on any other operation", async () => {
    const onUnauthenticated = vi.fn();
    await expect(clientWith(onUnauthenticated).query({ query: ViewerDocument })).rejects.toThrow("Sign in first");
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it("leaves the sign-in form's own errors to the form", async () => {
    const onUnauthenticated = vi.fn();
    await expect(
      clientWith(onUnauthenticated).mutate({ mutation: LoginDocument, variables: { email: "a@b.c", password: "x" } }),
    ).rejects.toThrow();
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});

describe("webSocketUrl", () => {
  it("uses the page's host, with wss behind https", () => {
    expect(webSocketUrl({ protocol: "https:", host: "bulwark.example.com" })).toBe("wss://bulwark.example.com/graphql");
    expect(webSocketUrl({ protocol: "http:", host: "localhost:8080" })).toBe("ws://localhost:8080/graphql");
  });
});
