import type { Actor } from "../common/actor.js";
import type { Principal } from "../common/principal.js";
import type { Services } from "../services.js";
import { createLoaders, type Loaders } from "./loaders.js";

/** How a resolver sets or clears the session cookie; absent on WebSocket operations. */
export type CookieJar = {
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
};

export type GraphQLContext = {
  principal: Principal;
  actor: Actor;
  services: Services;
  loaders: Loaders;
  cookies: CookieJar | null;
};

export function createContext(services: Services, actor: Actor, cookies: CookieJar | null): GraphQLContext {
  return { principal: actor.principal, actor, services, loaders: createLoaders(services), cookies };
}
