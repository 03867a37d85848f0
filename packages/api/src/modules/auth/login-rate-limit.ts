/**
 * Sign-in throttling. Failed attempts are audit entries, so every replica sees the same count.
 * An account locks after ACCOUNT_LIMIT failures within WINDOW_MS (counted since its last
 * successful sign-in); an address after ADDRESS_LIMIT failures within the window.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;

export type FailureCount = { count: number; oldest: Date | null };

/** Milliseconds until the caller may try again, or 0 when under the limit. */
export function retryAfterMs(failures: FailureCount, limit: number, now: Date): number {
  if (failures.count < limit || !failures.oldest) return 0;
  return Math.max(1000, failures.oldest.getTime() + LOGIN_WINDOW_MS - now.getTime());
}

export function describeWait(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 1 ? "a minute" : `${minutes} minutes`;
}
