import { DomainError } from "../common/errors.js";
import type { ImageReference } from "./types.js";

/**
 * Image references as Docker reads them (github.com/distribution/reference):
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
 */

export const DOCKER_HUB = "docker.io";

/** Host names that all mean Docker Hub. */
const DOCKER_HUB_HOSTS: ReadonlySet<string> = new Set([
  DOCKER_HUB,
  "index.docker.io",
  "registry-1.docker.io",
  "registry.hub.docker.com",
]);

const OFFICIAL_PREFIX = "library/";

/** Docker's limit on registry + path, as written. */
export const NAME_MAX_LENGTH = 255;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const REGISTRY = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const DIGEST_ALGORITHM = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/;
/** Hex lengths of the digest algorithms images are addressed by (lower-case hex, as the OCI spec requires). */
const DIGEST_HEX_LENGTHS: ReadonlyMap<string, number> = new Map([
  ["sha256", 64],
  ["sha512", 128],
]);
/** A bare image ID, which Docker refuses to read as a repository name. */
const IMAGE_ID = /^[a-f0-9]{64}$/;
const WHITESPACE = /\s/;
const UPPER_CASE = /[A-Z]/;

/** Raised for a reference that does not follow the grammar; the message names the problem. */
export class ImageReferenceError extends DomainError {
  constructor(
    readonly reference: string,
    readonly problem: string,
  ) {
    const shown = reference.length > 100 ? `${reference.slice(0, 100)}…` : reference;
    super("BAD_USER_INPUT", `${JSON.stringify(shown)} is not a valid image reference: ${problem}`, {
      reference: shown,
      problem,
    });
    this.name = "ImageReferenceError";
  }
}

/**
 * Parses and normalises a reference: `nginx` → docker.io/library/nginx:latest,
 * `bitnami/redis@sha256:…` → docker.io/bitnami/redis with that digest and no tag,
 * `localhost:5000/team/app:1.2` → registry localhost:5000, repository team/app, tag 1.2.
 * The tag defaults to "latest" only when the reference has neither a tag nor a digest.
 */
export function parseImageReference(ref: string): ImageReference {
  const fail = (problem: string): never => {
    throw new ImageReferenceError(ref, problem);
  };
  if (ref.length === 0) fail("it is empty");
  if (WHITESPACE.test(ref)) fail("it contains whitespace");

  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = parseDigest(rest.slice(at + 1), fail);
    rest = rest.slice(0, at);
  }

  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag.length === 0) fail("the tag after ':' is empty");
    if (!TAG.test(tag)) {
      fail(
        `tag ${JSON.stringify(tag)} must start with a letter, digit or '_' and hold at most 128 letters, digits, '_', '.' or '-'`,
      );
    }
  }

  const name = rest;
  if (name.length === 0) fail("the repository name is empty");
  if (name.length > NAME_MAX_LENGTH) fail(`the repository name is longer than ${NAME_MAX_LENGTH} characters`);

  let registry = DOCKER_HUB;
  let path = name;
  const slash = name.indexOf("/");
  if (slash !== -1) {
    const first = name.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost" || UPPER_CASE.test(first)) {
      if (!REGISTRY.test(first)) fail(`registry ${JSON.stringify(first)} is not a valid host[:port]`);
      registry = normaliseRegistryHost(first);
      path = name.slice(slash + 1);
    }
  }

  if (IMAGE_ID.test(name)) fail("a 64-character hexadecimal string is an image ID, not a repository name");
  if (UPPER_CASE.test(path)) fail("repository names must be lower-case");
  for (const component of path.split("/")) {
    if (component.length === 0) fail(`repository ${JSON.stringify(path)} has an empty path component`);
    if (!PATH_COMPONENT.test(component)) {
      fail(
        `repository component ${JSON.stringify(component)} must be lower-case letters and digits, separated by '.', '_', '__' or dashes`,
      );
    }
  }

  const repository = registry === DOCKER_HUB && !path.includes("/") ? `${OFFICIAL_PREFIX}${path}` : path;
  return { registry, repository, tag: tag ?? (digest === null ? "latest" : null), digest };
}

function parseDigest(value: string, fail: (problem: string) => never): string {
  const colon = value.indexOf(":");
  if (colon === -1) return fail(`digest ${JSON.stringify(value)} must be algorithm:hex, e.g. sha256:<64 hex digits>`);
  const algorithm = value.slice(0, colon);
  const hex = value.slice(colon + 1);
  if (!DIGEST_ALGORITHM.test(algorithm)) return fail(`digest algorithm ${JSON.stringify(algorithm)} is not valid`);
  const length = DIGEST_HEX_LENGTHS.get(algorithm);
  if (length === undefined) {
    return fail(`digest algorithm ${JSON.stringify(algorithm)} is not supported; use sha256 or sha512`);
  }
  if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) {
    return fail(`a ${algorithm} digest must have ${length} lower-case hexadecimal digits`);
  }
  return value;
}

/**
 * A registry host as Bulwark stores it: lower-case (host names are case-insensitive), without a
 * scheme or path, and with every Docker Hub host name folded into docker.io.
 */
export function normaliseRegistryHost(host: string): string {
  let value = host.trim().toLowerCase();
  const scheme = value.indexOf("://");
  if (scheme !== -1) value = value.slice(scheme + 3);
  const slash = value.indexOf("/");
  if (slash !== -1) value = value.slice(0, slash);
  return DOCKER_HUB_HOSTS.has(value) ? DOCKER_HUB : value;
}

function isDockerHub(registry: string): boolean {
  return DOCKER_HUB_HOSTS.has(registry) || DOCKER_HUB_HOSTS.has(registry.toLowerCase());
}

/** registry/repository[:tag][@digest], e.g. docker.io/library/nginx:1.25. A string is parsed first. */
export function canonicalReference(ref: ImageReference | string): string {
  const { registry, repository, tag, digest } = typeof ref === "string" ? parseImageReference(ref) : ref;
  return `${registry}/${repository}${tag === null ? "" : `:${tag}`}${digest === null ? "" : `@${digest}`}`;
}

/**
 * The short name Docker shows: `nginx` for docker.io/library/nginx, `bitnami/redis` for
 * docker.io/bitnami/redis, and registry/repository for every other registry. Like Docker, "library/"
 * is only dropped when one path segment follows it.
 */
export function familiarName(registry: string, repository: string): string {
  if (!isDockerHub(registry)) return `${registry}/${repository}`;
  if (repository.startsWith(OFFICIAL_PREFIX) && !repository.includes("/", OFFICIAL_PREFIX.length)) {
    return repository.slice(OFFICIAL_PREFIX.length);
  }
  return repository;
}

export type RegistryAliases = Array<{ hostname: string; aliases: string[] }>;

/**
 * Rewrites a reference whose registry is an alias (a mirror, another DNS name) to the registry's
 * own hostname. Host names compare after normaliseRegistryHost. When the target is Docker Hub, a
 * single-segment repository moves under "library/", as it would had it been written for Docker Hub.
 */
export function applyRegistryAliases(ref: ImageReference, aliases: RegistryAliases): ImageReference {
  const host = normaliseRegistryHost(ref.registry);
  for (const entry of aliases) {
    if (!entry.aliases.some((alias) => normaliseRegistryHost(alias) === host)) continue;
    const registry = normaliseRegistryHost(entry.hostname);
    if (registry === ref.registry) return ref;
    const repository =
      registry === DOCKER_HUB && !ref.repository.includes("/") ? `${OFFICIAL_PREFIX}${ref.repository}` : ref.repository;
    return { ...ref, registry, repository };
  }
  return ref;
}
