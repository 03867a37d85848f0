/**
 * Image references as Docker reads them (github.com/distribution/reference), the same grammar the
 * api applies when it stores images, so a reference in a pod spec finds the image the api judged:
 *
 *   reference  := name [ ":" tag ] [ "@" digest ]
 *   name       := [ registry "/" ] path
 *   registry   := host [ ":" port ]        host: a domain name, an IPv4 address or [IPv6]
 *   path       := component [ "/" component ]*
 *   component  := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *   tag        := [\w][\w.-]{0,127}
 *   digest     := algorithm ":" hex
 *
 * The first path segment is a registry when it contains "." or ":", is "localhost", or has an
 * upper-case letter (repositories never do). Without a registry the image is on Docker Hub, whose
 * single-segment names live under "library/".
 *
 * The admission path parses every container's reference on every request, so failures are returned
 * as values rather than thrown.
 */

export const DOCKER_HUB = "docker.io";

const DOCKER_HUB_HOSTS: ReadonlySet<string> = new Set([
  DOCKER_HUB,
  "index.docker.io",
  "registry-1.docker.io",
  "registry.hub.docker.com",
]);

const OFFICIAL_PREFIX = "library/";
const NAME_MAX_LENGTH = 255;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const REGISTRY = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const DIGEST_ALGORITHM = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/;
const DIGEST_HEX_LENGTHS: ReadonlyMap<string, number> = new Map([
  ["sha256", 64],
  ["sha512", 128],
]);
const LOWER_HEX = /^[a-f0-9]+$/;
const IMAGE_ID = /^[a-f0-9]{64}$/;
const WHITESPACE = /\s/;
const UPPER_CASE = /[A-Z]/;

export type ImageReference = {
  /** e.g. docker.io, ghcr.io, registry.example.com:5000 */
  registry: string;
  /** e.g. library/nginx */
  repository: string;
  /** null when the reference pins a digest only */
  tag: string | null;
  /** sha256:… when the reference pins one */
  digest: string | null;
};

export type ParsedReference = { ok: true; reference: ImageReference } | { ok: false; problem: string };

/**
 * `nginx` → docker.io/library/nginx:latest, `bitnami/redis@sha256:…` → docker.io/bitnami/redis with
 * that digest and no tag, `localhost:5000/team/app:1.2` → registry localhost:5000, repository
 * team/app, tag 1.2. The tag defaults to "latest" only when there is neither a tag nor a digest.
 */
export function parseImageReference(ref: string): ParsedReference {
  const fail = (problem: string): ParsedReference => ({ ok: false, problem });
  if (ref.length === 0) return fail("it is empty");
  if (WHITESPACE.test(ref)) return fail("it contains whitespace");

  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at !== -1) {
    const value = rest.slice(at + 1);
    const problem = digestProblem(value);
    if (problem !== null) return fail(problem);
    digest = value;
    rest = rest.slice(0, at);
  }

  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag.length === 0) return fail("the tag after ':' is empty");
    if (!TAG.test(tag)) {
      return fail(
        `tag ${JSON.stringify(tag)} must start with a letter, digit or '_' and hold at most 128 letters, digits, '_', '.' or '-'`,
      );
    }
  }

  const name = rest;
  if (name.length === 0) return fail("the repository name is empty");
  if (name.length > NAME_MAX_LENGTH) return fail(`the repository name is longer than ${NAME_MAX_LENGTH} characters`);

  let registry = DOCKER_HUB;
  let path = name;
  const slash = name.indexOf("/");
  if (slash !== -1) {
    const first = name.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost" || UPPER_CASE.test(first)) {
      if (!REGISTRY.test(first)) return fail(`registry ${JSON.stringify(first)} is not a valid host[:port]`);
      registry = normaliseRegistryHost(first);
      path = name.slice(slash + 1);
    }
  }

  if (IMAGE_ID.test(name)) return fail("a 64-character hexadecimal string is an image ID, not a repository name");
  if (UPPER_CASE.test(path)) return fail("repository names must be lower-case");
  for (const component of path.split("/")) {
    if (component.length === 0) return fail(`repository ${JSON.stringify(path)} has an empty path component`);
    if (!PATH_COMPONENT.test(component)) {
      return fail(
        `repository component ${JSON.stringify(component)} must be lower-case letters and digits, separated by '.', '_', '__' or dashes`,
      );
    }
  }

  const repository = registry === DOCKER_HUB && !path.includes("/") ? `${OFFICIAL_PREFIX}${path}` : path;
  return { ok: true, reference: { registry, repository, tag: tag ?? (digest === null ? "latest" : null), digest } };
}

function digestProblem(value: string): string | null {
  const colon = value.indexOf(":");
  if (colon === -1) return `digest ${JSON.stringify(value)} must be algorithm:hex, e.g. sha256:<64 hex digits>`;
  const algorithm = value.slice(0, colon);
  const hex = value.slice(colon + 1);
  if (!DIGEST_ALGORITHM.test(algorithm)) return `digest algorithm ${JSON.stringify(algorithm)} is not valid`;
  const length = DIGEST_HEX_LENGTHS.get(algorithm);
  if (length === undefined)
    return `digest algorithm ${JSON.stringify(algorithm)} is not supported; use sha256 or sha512`;
  if (hex.length !== length || !LOWER_HEX.test(hex)) {
    return `a ${algorithm} digest must have ${length} lower-case hexadecimal digits`;
  }
  return null;
}

/** Lower-case, without scheme or path, every Docker Hub host name folded into docker.io. */
export function normaliseRegistryHost(host: string): string {
  let value = host.trim().toLowerCase();
  const scheme = value.indexOf("://");
  if (scheme !== -1) value = value.slice(scheme + 3);
  const slash = value.indexOf("/");
  if (slash !== -1) value = value.slice(0, slash);
  return DOCKER_HUB_HOSTS.has(value) ? DOCKER_HUB : value;
}

/** registry/repository[:tag][@digest], e.g. docker.io/library/nginx:1.25. */
export function canonicalReference({ registry, repository, tag, digest }: ImageReference): string {
  return `${registry}/${repository}${tag === null ? "" : `:${tag}`}${digest === null ? "" : `@${digest}`}`;
}

/**
 * Alias host (normalised) → the registry's own hostname (normalised), built once per snapshot.
 * The first group naming an alias wins, as in the api.
 */
export function aliasTable(
  groups: ReadonlyArray<{ hostname: string; aliases: readonly string[] }>,
): Map<string, string> {
  const table = new Map<string, string>();
  for (const group of groups) {
    const hostname = normaliseRegistryHost(group.hostname);
    for (const alias of group.aliases) {
      const host = normaliseRegistryHost(alias);
      if (!table.has(host)) table.set(host, hostname);
    }
  }
  return table;
}

/**
 * Rewrites a reference whose registry is an alias (a mirror, another DNS name) to the registry's own
 * hostname. When the target is Docker Hub, a single-segment repository moves under "library/".
 */
export function applyAliases(ref: ImageReference, aliases: ReadonlyMap<string, string>): ImageReference {
  if (aliases.size === 0) return ref;
  const registry = aliases.get(ref.registry);
  if (registry === undefined || registry === ref.registry) return ref;
  const repository =
    registry === DOCKER_HUB && !ref.repository.includes("/") ? `${OFFICIAL_PREFIX}${ref.repository}` : ref.repository;
  return { ...ref, registry, repository };
}
