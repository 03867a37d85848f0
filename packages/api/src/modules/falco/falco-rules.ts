/**
 * Falco event rules (ignore / silence) and how they match an event. Pure: no I/O.
 *
 * A rule matches an event when every criterion it sets matches:
 * - rulePattern: a glob on the Falco rule name (`*` = any run of characters, case-insensitive);
 * - imagePattern: the same on the event's image; an event without an image never matches one;
 * - namespaces: contains the event's namespace (empty = every namespace);
 * - clusterIds: contains the event's cluster (empty = every cluster);
 * and the rule has not ended (endsAt null or later than now).
 */

export type FalcoRuleLike = {
  name: string;
  action: "ignore" | "silence";
  rulePattern: string | null;
  imagePattern: string | null;
  namespaces: string[];
  clusterIds: string[];
  endsAt: Date | null;
};

export type RuleSubject = { clusterId: string; rule: string; namespace: string | null; image: string | null };

const STAR = 42;

/** A glob where `*` matches any run of characters and everything else matches itself, ignoring case. */
export function matchesGlob(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const s = text.toLowerCase();
  // One pass that, on a mismatch, retries from the last `*` one character further on: at most
  // pattern length × text length steps, whatever the pattern.
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < s.length) {
    if (i < p.length && p.charCodeAt(i) === STAR) {
      star = i++;
      resume = j;
    } else if (i < p.length && p.charCodeAt(i) === s.charCodeAt(j)) {
      i++;
      j++;
    } else if (star !== -1) {
      i = star + 1;
      j = ++resume;
    } else {
      return false;
    }
  }
  while (i < p.length && p.charCodeAt(i) === STAR) i++;
  return i === p.length;
}

export function isRuleActive(rule: Pick<FalcoRuleLike, "endsAt">, now: Date): boolean {
  return rule.endsAt === null || rule.endsAt.getTime() > now.getTime();
}

export function ruleMatches(rule: FalcoRuleLike, event: RuleSubject, now: Date): boolean {
  if (!isRuleActive(rule, now)) return false;
  if (rule.clusterIds.length && !rule.clusterIds.includes(event.clusterId)) return false;
  if (rule.namespaces.length && (event.namespace === null || !rule.namespaces.includes(event.namespace))) return false;
  if (rule.rulePattern !== null && !matchesGlob(rule.rulePattern, event.rule)) return false;
  if (rule.imagePattern !== null && (event.image === null || !matchesGlob(rule.imagePattern, event.image)))
    return false;
  return true;
}

export type RuleDecision =
  { action: "ignore"; rule: FalcoRuleLike } | { action: "silence"; rule: FalcoRuleLike } | { action: "keep" };

/** Ignore wins over silence: an ignored event is never stored. */
export function decide(rules: readonly FalcoRuleLike[], event: RuleSubject, now: Date): RuleDecision {
  let silence: FalcoRuleLike | null = null;
  for (const rule of rules) {
    if (!ruleMatches(rule, event, now)) continue;
    if (rule.action === "ignore") return { action: "ignore", rule };
    silence ??= rule;
  }
  return silence ? { action: "silence", rule: silence } : { action: "keep" };
}
