import type { IncomingMessage } from "node:http";
import type { Actor } from "../common/actor.js";
import type { Env } from "../env.js";
import { SESSION_COOKIE } from "../modules/auth/auth.service.js";
import type { Services } from "../services.js";
import { clientIp, readApiKey, readCookie, userAgent } from "./request-info.js";

/**
 * Who is calling: an API key (header, or WebSocket connection params) wins over a session cookie.
 * An invalid key is an UNAUTHENTICATED error; a stale cookie is simply anonymous.
 */
export async function authenticate(
  services: Services,
  env: Pick<Env, "trustProxy">,
  req: IncomingMessage & { ip?: string | undefined },
  extraHeaders: Record<string, unknown> = {},
): Promise<Actor> {
  const base = { sourceIp: clientIp(req, env.trustProxy), userAgent: userAgent(req) };
  const apiKey = readApiKey(extraHeaders) ?? readApiKey(req.headers);
  if (apiKey) return { ...base, principal: await services.auth.principalForApiKey(apiKey) };
  const token = readCookie(req, SESSION_COOKIE);
  if (token) return { ...base, principal: await services.auth.principalForSession(token) };
  return { ...base, principal: { kind: "anonymous" } };
}
