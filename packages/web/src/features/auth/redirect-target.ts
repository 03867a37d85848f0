export const DEFAULT_AFTER_LOGIN = "/clusters";

/** Where to go after signing in: the page the user was headed to, if it is a path inside this app. */
export function redirectTarget(from: unknown): string {
  if (typeof from !== "string" || !from.startsWith("/") || from.startsWith("//") || from.startsWith("/\\")) {
    return DEFAULT_AFTER_LOGIN;
  }
  if (from === "/" || from.startsWith("/login")) return DEFAULT_AFTER_LOGIN;
  return from;
}
