import type { Actor } from "../../common/actor.js";
import { randomToken, sha256Hex } from "../../common/crypto.js";
import { DomainError, unauthenticated } from "../../common/errors.js";
import type { ApiKeyPrincipal, Principal, UserPrincipal } from "../../common/principal.js";
import type { Database } from "../../db/database.js";
import type { User } from "../../generated/prisma/client.js";
import { ApiKeysRepository } from "../api-keys/api-keys.repository.js";
import type { AuditService } from "../audit/audit.service.js";
import type { SettingsService } from "../settings/settings.service.js";
import { dummyPasswordHash, verifyPassword } from "../users/password.js";
import { UsersRepository } from "../users/users.repository.js";
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, describeWait, LOGIN_WINDOW_MS, retryAfterMs } from "./login-rate-limit.js";
import { SessionsRepository } from "./sessions.repository.js";
import { sharedLookUp } from "../../common/shared-look-up.js";

export const SESSION_COOKIE = "bulwark_session";
const LOGIN = "auth.login";
/** Sliding sessions are extended at most this often, to keep reads cheap. */
const SESSION_REFRESH_MS = 5 * 60 * 1000;
const KEY_TOUCH_MS = 60 * 1000;
const KEY_CACHE_LIMIT = 10_000;

export type LoginResult = { user: User; token: string; expiresAt: Date };

export class AuthService {
  private readonly users = new UsersRepository();
  private readonly sessions = new SessionsRepository();
  private readonly apiKeys = new ApiKeysRepository();
  private readonly keyTouchedAt = new Map<string, number>();
  private readonly keyCache = new Map<
    string,
    { principal: ApiKeyPrincipal; expiresAt: number | null; until: number }
  >();
  private readonly keyLookUps = new Map<string, Promise<{ principal: ApiKeyPrincipal; expiresAt: Date | null }>>();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async login(actor: Actor, rawEmail: string, password: string): Promise<LoginResult> {
    const email = rawEmail.trim().toLowerCase().slice(0, 254);
    const now = this.now();
    await this.checkRateLimit(actor, email, now);

    const user = email ? await this.users.findByEmail(this.db.prisma, email) : null;
    let valid = false;
    if (user?.passwordHash) valid = await verifyPassword(user.passwordHash, password);
    // An unknown email costs as much as a wrong password, so timing does not reveal which it was.
    else await verifyPassword(await dummyPasswordHash(), password);
    if (!user || !valid) {
      await this.audit.recordNow(actor, {
        action: LOGIN,
        outcome: "failure",
        actorLabel: email || "(no email)",
        entityType: user ? "user" : null,
        entityId: user?.id ?? null,
        after: { reason: user ? "wrong password" : "unknown email" },
      });
      throw unauthenticated("Email or password is incorrect");
    }
    if (!user.active) {
      await this.audit.recordNow(actor, {
        action: LOGIN,
        outcome: "failure",
        actorLabel: email,
        entityType: "user",
        entityId: user.id,
        after: { reason: "account deactivated" },
      });
      throw unauthenticated("This account is deactivated; ask an administrator to reactivate it");
    }

    const { sessionTtlHours } = await this.settings.current();
    const token = randomToken(32);
    const expiresAt = new Date(now.getTime() + sessionTtlHours * 3_600_000);
    const signedIn = await this.db.transaction(async (tx, afterCommit) => {
      const session = await this.sessions.create(tx, {
        tokenHash: sha256Hex(token),
        userId: user.id,
        sourceIp: actor.sourceIp,
        userAgent: actor.userAgent?.slice(0, 512) ?? null,
        expiresAt,
      });
      const updated = await this.users.update(tx, user.id, { lastLoginAt: now });
      const principal: UserPrincipal = {
        kind: "user",
        userId: user.id,
        email: user.email,
        role: user.role,
        sessionId: session.id,
      };
      await this.audit.record(
        tx,
        afterCommit,
        { ...actor, principal },
        {
          action: LOGIN,
          entityType: "user",
          entityId: user.id,
        },
      );
      return updated;
    });
    return { user: signedIn, token, expiresAt };
  }

  async logout(actor: Actor): Promise<void> {
    const principal = actor.principal;
    if (principal.kind !== "user") return;
    await this.db.transaction(async (tx, afterCommit) => {
      await this.sessions.delete(tx, principal.sessionId);
      await this.audit.record(tx, afterCommit, actor, {
        action: "auth.logout",
        entityType: "user",
        entityId: principal.userId,
      });
    });
  }

  /** The principal for a session cookie, or anonymous when the session is unknown or over. */
  async principalForSession(token: string): Promise<Principal> {
    if (!token || token.length > 200) return { kind: "anonymous" };
    const session = await this.sessions.findByTokenHash(this.db.prisma, sha256Hex(token));
    const now = this.now();
    if (!session || session.expiresAt <= now || !session.user.active) return { kind: "anonymous" };
    if (now.getTime() - session.lastSeenAt.getTime() > SESSION_REFRESH_MS) {
      const { sessionTtlHours } = await this.settings.current();
      await this.sessions.extend(
        this.db.prisma,
        session.id,
        now,
        new Date(now.getTime() + sessionTtlHours * 3_600_000),
      );
    }
    return {
      kind: "user",
      userId: session.user.id,
      email: session.user.email,
      role: session.user.role,
      sessionId: session.id,
    };
  }

  /** The principal for an API key; a key that is unknown, revoked or expired is an error, not anonymity. */
  async principalForApiKey(secret: string): Promise<ApiKeyPrincipal> {
    return (await this.lookUpApiKey(secret)).principal;
  }

  /**
   * The same, for high-volume ingest (one request per Falco event): a successful look-up is reused
   * for `maxAgeMs`. Its expiry is still checked on every call, and failures are never reused; the
   * caller checks revocation again where it writes (Falco ingest does, in each batch's transaction).
   */
  async principalForApiKeyCached(secret: string, maxAgeMs: number): Promise<ApiKeyPrincipal> {
    const now = this.now().getTime();
    const cacheKey = sha256Hex(secret);
    const hit = this.keyCache.get(cacheKey);
    if (hit && hit.until > now && (hit.expiresAt === null || hit.expiresAt > now)) return hit.principal;
    this.keyCache.delete(cacheKey);
    const { principal, expiresAt } = await sharedLookUp(this.keyLookUps, cacheKey, () => this.lookUpApiKey(secret));
    if (this.keyCache.size >= KEY_CACHE_LIMIT) this.keyCache.clear();
    this.keyCache.set(cacheKey, { principal, expiresAt: expiresAt?.getTime() ?? null, until: now + maxAgeMs });
    return principal;
  }

  /** Drops a key from the look-up cache (it was refused since it was cached). */
  forgetCachedApiKey(apiKeyId: string): void {
    for (const [hash, entry] of this.keyCache) if (entry.principal.apiKeyId === apiKeyId) this.keyCache.delete(hash);
  }

  private async lookUpApiKey(secret: string): Promise<{ principal: ApiKeyPrincipal; expiresAt: Date | null }> {
    const key = secret.length <= 512 ? await this.apiKeys.findByHash(this.db.prisma, sha256Hex(secret)) : null;
    const now = this.now();
    if (!key) throw unauthenticated("The API key is not valid");
    if (key.revokedAt) throw unauthenticated(`The API key "${key.name}" was revoked`);
    if (key.expiresAt && key.expiresAt <= now) throw unauthenticated(`The API key "${key.name}" has expired`);
    if (!key.user.active) throw unauthenticated(`The API key "${key.name}" belongs to a deactivated user`);
    const last = this.keyTouchedAt.get(key.id) ?? key.lastUsedAt?.getTime() ?? 0;
    if (now.getTime() - last > KEY_TOUCH_MS) {
      this.keyTouchedAt.set(key.id, now.getTime());
      await this.apiKeys.touch(this.db.prisma, key.id, now);
    }
    return {
      expiresAt: key.expiresAt,
      principal: {
        kind: "api_key",
        userId: key.user.id,
        email: key.user.email,
        role: key.user.role,
        apiKeyId: key.id,
        apiKeyName: key.name,
        scopes: key.scopes,
        clusterId: key.clusterId,
      },
    };
  }

  private async checkRateLimit(actor: Actor, email: string, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
    const lastSuccess = email ? await this.audit.lastSuccess(LOGIN, email) : null;
    const accountSince = lastSuccess && lastSuccess > windowStart ? lastSuccess : windowStart;
    const [account, address] = await Promise.all([
      email ? this.audit.countFailures(LOGIN, accountSince, { actorLabel: email }) : { count: 0, oldest: null },
      actor.sourceIp
        ? this.audit.countFailures(LOGIN, windowStart, { sourceIp: actor.sourceIp })
        : { count: 0, oldest: null },
    ]);
    const wait = Math.max(retryAfterMs(account, ACCOUNT_LIMIT, now), retryAfterMs(address, ADDRESS_LIMIT, now));
    if (wait > 0) {
      await this.audit.recordNow(actor, {
        action: "auth.login_throttled",
        outcome: "failure",
        actorLabel: email || "(no email)",
      });
      throw new DomainError("RATE_LIMITED", `Too many failed sign-in attempts. Try again in ${describeWait(wait)}.`, {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    }
  }
}
