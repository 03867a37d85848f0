import type { IncomingMessage } from "node:http";
import { parse as parseCookie } from "cookie";
import type { Env } from "../env.js";

export function clientIp(req: IncomingMessage & { ip?: string | undefined }, trustProxy: boolean): string | null {
  if (req.ip) return req.ip;
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? null;
}

export function userAgent(req: IncomingMessage): string | null {
  const ua = req.headers["user-agent"];
  return ua ? ua.slice(0, 512) : null;
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[name];
}

/** An API key from `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function readApiKey(headers: Record<string, unknown>): string | undefined {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const authorization = lower.authorization;
  if (typeof authorization === "string") {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1]) return match[1];
  }
  const key = lower["x-api-key"];
  if (typeof key === "string" && key.trim()) return key.trim();
  return undefined;
}

function isSecure(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (trustProxy)
    return (
      String(req.headers["x-forwarded-proto"] ?? "")
        .split(",")[0]
        ?.trim() === "https"
    );
  return false;
}

export function secureCookies(req: IncomingMessage, env: Pick<Env, "secureCookies" | "trustProxy">): boolean {
  if (env.secureCookies === "always") return true;
  if (env.secureCookies === "never") return false;
  return isSecure(req, env.trustProxy);
}

/**
 * Browsers send an Origin header on cross-site requests and WebSocket handshakes. Requests from
 * another origin are refused, so a page elsewhere cannot use a signed-in user's cookie.
 */
export function originAllowed(
  req: IncomingMessage,
  env: Pick<Env, "allowedOrigins" | "publicUrl" | "trustProxy">,
): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false;
  }
  const forwardedHost = env.trustProxy
    ? String(req.headers["x-forwarded-host"] ?? "")
        .split(",")[0]
        ?.trim()
    : "";
  const host = forwardedHost || req.headers.host;
  if (host && originUrl.host === host) return true;
  if (env.publicUrl && originUrl.origin === new URL(env.publicUrl).origin) return true;
  return env.allowedOrigins.includes(originUrl.origin);
}

/** Query parameters that carry secrets (falcosidekick's webhook URL holds the API key as ?key=). */
const SECRET_PARAMS = /([?&](?:key|api[-_]?key|token|x-api-key)=)[^&#]*/gi;

/** A URL safe to log or label: secret query values replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, "$1[redacted]");
}
