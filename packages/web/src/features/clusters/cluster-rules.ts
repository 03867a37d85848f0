/** The server's rule for cluster names (DNS-label-like): checked here too so mistakes show as you type. */
export const CLUSTER_NAME_MAX = 63;
const CLUSTER_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function clusterNameProblem(name: string): string | null {
  const value = name.trim();
  if (!value) return "Enter a name";
  if (value.length > CLUSTER_NAME_MAX) return `Use at most ${CLUSTER_NAME_MAX} characters`;
  if (!CLUSTER_NAME.test(value)) {
    return "Use lower-case letters, digits and dashes, starting and ending with a letter or digit";
  }
  return null;
}

const TAG = /^[A-Za-z0-9._:/=-]+$/;

export function tagProblem(tags: string[]): string | null {
  if (tags.length > 50) return "Use at most 50 tags";
  const bad = tags.find((tag) => tag.length > 63 || !TAG.test(tag));
  return bad ? `"${bad}": tags may contain letters, digits and . _ : / = - (up to 63 characters)` : null;
}
