import { DomainError } from "../common/errors.js";
import { familiarName } from "./image-reference.js";

/**
 * Exception image patterns are globs: `*` matches any run of characters (including "/" and ":"),
 * `?` matches exactly one character, and everything else matches itself. A pattern matches an image
 * when it matches any of the image's names:
 *
 *   registry/repository:tag     docker.io/library/nginx:1.25
 *   registry/repository         docker.io/library/nginx
 *   familiar name:tag           nginx:1.25, bitnami/redis:7, ghcr.io/org/app:2
 *   familiar name               nginx, bitnami/redis, ghcr.io/org/app
 *
 * so `nginx*`, `docker.io/library/nginx:*` and `*` all match docker.io/library/nginx:1.25. An empty
 * pattern matches every image, like "*".
 */

export const IMAGE_PATTERN_MAX_LENGTH = 255;

export type PatternImage = { registry: string; repository: string; tag: string | null };
export type ImagePredicate = (image: PatternImage) => boolean;

export class ImagePatternError extends DomainError {
  constructor(
    readonly pattern: string,
    readonly problem: string,
  ) {
    const shown = pattern.length > 100 ? `${pattern.slice(0, 100)}…` : pattern;
    super("BAD_USER_INPUT", `${JSON.stringify(shown)} is not a valid image pattern: ${problem}`, {
      pattern: shown,
      problem,
    });
    this.name = "ImagePatternError";
  }
}

const matchAll: ImagePredicate = () => true;

const STAR = 42; // "*"
const QUESTION = 63; // "?"

/** Compiled predicates by pattern. Exceptions are few and long-lived, so the cache stays small. */
const cache = new Map<string, ImagePredicate>();
const CACHE_LIMIT = 1024;

/** Throws ImagePatternError when the pattern cannot be saved: too long, or containing whitespace. */
export function validateImagePattern(pattern: string): void {
  if (pattern.length > IMAGE_PATTERN_MAX_LENGTH) {
    throw new ImagePatternError(pattern, `it is longer than ${IMAGE_PATTERN_MAX_LENGTH} characters`);
  }
  if (/\s/.test(pattern)) throw new ImagePatternError(pattern, "it contains whitespace");
}

/** Returns a predicate for the pattern; compiled predicates are cached by pattern. */
export function compileImagePattern(pattern: string): ImagePredicate {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  validateImagePattern(pattern);

  let predicate: ImagePredicate;
  if (/^\**$/.test(pattern)) {
    predicate = matchAll;
  } else {
    predicate = ({ registry, repository, tag }) => {
      const full = `${registry}/${repository}`;
      if (matchGlob(pattern, full)) return true;
      if (tag !== null && matchGlob(pattern, `${full}:${tag}`)) return true;
      const familiar = familiarName(registry, repository);
      if (familiar === full) return false;
      return matchGlob(pattern, familiar) || (tag !== null && matchGlob(pattern, `${familiar}:${tag}`));
    };
  }

  if (cache.size >= CACHE_LIMIT) {
    // Drop the oldest entry (Maps iterate in insertion order).
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(pattern, predicate);
  return predicate;
}

/**
 * Glob matching without regular expressions: one pass that, on a mismatch, retries from the last
 * `*` one character further on. Its cost is at most pattern length × name length, so no pattern an
 * administrator saves can make matching slow (a `.*`-per-star regular expression could backtrack
 * exponentially).
 */
export function matchGlob(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const code = p < pattern.length ? pattern.charCodeAt(p) : -1;
    if (code === STAR) {
      star = p++;
      resume = t;
    } else if (code !== -1 && (code === QUESTION || code === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}
