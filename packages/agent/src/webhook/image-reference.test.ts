import { describe, expect, it } from "vitest";
import {
  aliasTable,
  applyAliases,
  canonicalReference,
  normaliseRegistryHost,
  parseImageReference,
  type ImageReference,
} from "./image-reference.js";

/*
 * The api's parser (packages/api/src/compliance/image-reference.ts) decides how images are stored;
 * this one must read every reference the same way, so these cases are the api's own.
 */

const SHA256 = `sha256:${"0123456789abcdef".repeat(4)}`;
const SHA512 = `sha512:${"0123456789abcdef".repeat(8)}`;

const ref = (
  registry: string,
  repository: string,
  tag: string | null,
  digest: string | null = null,
): ImageReference => ({
  registry,
  repository,
  tag,
  digest,
});

function problemOf(input: string): string {
  const parsed = parseImageReference(input);
  if (parsed.ok) throw new Error(`${JSON.stringify(input)} was expected not to parse`);
  return parsed.problem;
}

describe("parseImageReference: valid references", () => {
  it.each<[string, ImageReference]>([
    // Docker Hub and its normalisation
    ["nginx", ref("docker.io", "library/nginx", "latest")],
    ["nginx:1.25", ref("docker.io", "library/nginx", "1.25")],
    ["library/nginx", ref("docker.io", "library/nginx", "latest")],
    ["docker.io/nginx", ref("docker.io", "library/nginx", "latest")],
    ["docker.io/library/nginx:stable-alpine", ref("docker.io", "library/nginx", "stable-alpine")],
    ["index.docker.io/library/nginx", ref("docker.io", "library/nginx", "latest")],
    ["registry-1.docker.io/bitnami/redis:7.2", ref("docker.io", "bitnami/redis", "7.2")],
    ["registry.hub.docker.com/nginx", ref("docker.io", "library/nginx", "latest")],
    ["DOCKER.IO/nginx", ref("docker.io", "library/nginx", "latest")],
    ["bitnami/redis", ref("docker.io", "bitnami/redis", "latest")],
    ["a/b/c/d", ref("docker.io", "a/b/c/d", "latest")],
    // other registries, ports, addresses
    ["ghcr.io/org/team/app:v1.2.3", ref("ghcr.io", "org/team/app", "v1.2.3")],
    ["quay.io/prometheus/node-exporter:v1.8.0", ref("quay.io", "prometheus/node-exporter", "v1.8.0")],
    ["localhost/app", ref("localhost", "app", "latest")],
    ["localhost:5000/app:dev", ref("localhost:5000", "app", "dev")],
    ["registry.example.com:5000/team/app", ref("registry.example.com:5000", "team/app", "latest")],
    ["10.0.0.1:5000/app", ref("10.0.0.1:5000", "app", "latest")],
    ["[::1]:5000/app:1", ref("[::1]:5000", "app", "1")],
    ["[fe80::1]/app", ref("[fe80::1]", "app", "latest")],
    ["Registry.Example.COM/app", ref("registry.example.com", "app", "latest")],
    // Docker reads an upper-case first segment as a registry host, never as a repository
    ["MyRegistry/app", ref("myregistry", "app", "latest")],
    // a colon without a slash after it is a tag, so this is Docker Hub's "localhost" at tag 5000
    ["localhost:5000", ref("docker.io", "library/localhost", "5000")],
    // digests: no default tag when the reference pins a digest
    [`nginx@${SHA256}`, ref("docker.io", "library/nginx", null, SHA256)],
    [`nginx:1.25@${SHA256}`, ref("docker.io", "library/nginx", "1.25", SHA256)],
    [`ghcr.io/org/app@${SHA512}`, ref("ghcr.io", "org/app", null, SHA512)],
    [`localhost:5000/app:2@${SHA256}`, ref("localhost:5000", "app", "2", SHA256)],
    // separators and tag characters
    ["my_org/my-app__x/a.b", ref("docker.io", "my_org/my-app__x/a.b", "latest")],
    ["foo---bar", ref("docker.io", "library/foo---bar", "latest")],
    ["nginx:_under", ref("docker.io", "library/nginx", "_under")],
    ["nginx:A.B-c_1", ref("docker.io", "library/nginx", "A.B-c_1")],
    [`nginx:${"t".repeat(128)}`, ref("docker.io", "library/nginx", "t".repeat(128))],
    [`${"a".repeat(255)}`, ref("docker.io", `library/${"a".repeat(255)}`, "latest")],
  ])("%s", (input, expected) => {
    expect(parseImageReference(input)).toEqual({ ok: true, reference: expected });
  });
});

describe("parseImageReference: invalid references", () => {
  it.each<[string, string]>([
    ["", '"" is not a valid image reference: it is empty'],
    [" nginx", '" nginx" is not a valid image reference: it contains whitespace'],
    ["nginx latest", '"nginx latest" is not a valid image reference: it contains whitespace'],
    ["nginx\n", '"nginx\\n" is not a valid image reference: it contains whitespace'],
    ["Nginx", '"Nginx" is not a valid image reference: repository names must be lower-case'],
    [
      "docker.io/Library/nginx",
      '"docker.io/Library/nginx" is not a valid image reference: repository names must be lower-case',
    ],
    ["ghcr.io/Org/app:1", '"ghcr.io/Org/app:1" is not a valid image reference: repository names must be lower-case'],
    ["nginx:", `"nginx:" is not a valid image reference: the tag after ':' is empty`],
    [
      "nginx:.bad",
      `"nginx:.bad" is not a valid image reference: tag ".bad" must start with a letter, digit or '_' and hold at most 128 letters, digits, '_', '.' or '-'`,
    ],
    [
      "nginx:a+b",
      `"nginx:a+b" is not a valid image reference: tag "a+b" must start with a letter, digit or '_' and hold at most 128 letters, digits, '_', '.' or '-'`,
    ],
    [
      "nginx@sha256:abc",
      '"nginx@sha256:abc" is not a valid image reference: a sha256 digest must have 64 lower-case hexadecimal digits',
    ],
    [
      `nginx@sha256:${"A".repeat(64)}`,
      `"nginx@sha256:${"A".repeat(64)}" is not a valid image reference: a sha256 digest must have 64 lower-case hexadecimal digits`,
    ],
    [
      `nginx@sha512:${"a".repeat(64)}`,
      `"nginx@sha512:${"a".repeat(64)}" is not a valid image reference: a sha512 digest must have 128 lower-case hexadecimal digits`,
    ],
    [
      `nginx@md5:${"a".repeat(32)}`,
      `"nginx@md5:${"a".repeat(32)}" is not a valid image reference: digest algorithm "md5" is not supported; use sha256 or sha512`,
    ],
    [
      `nginx@SHA256:${"a".repeat(64)}`,
      `"nginx@SHA256:${"a".repeat(64)}" is not a valid image reference: digest algorithm "SHA256" is not supported; use sha256 or sha512`,
    ],
    ["nginx@1abc:def", `"nginx@1abc:def" is not a valid image reference: digest algorithm "1abc" is not valid`],
    [
      "nginx@nodigest",
      '"nginx@nodigest" is not a valid image reference: digest "nodigest" must be algorithm:hex, e.g. sha256:<64 hex digits>',
    ],
    ["nginx@", '"nginx@" is not a valid image reference: digest "" must be algorithm:hex, e.g. sha256:<64 hex digits>'],
    [":latest", '":latest" is not a valid image reference: the repository name is empty'],
    [`@${SHA256}`, `"@${SHA256}" is not a valid image reference: the repository name is empty`],
    ["foo//bar", '"foo//bar" is not a valid image reference: repository "foo//bar" has an empty path component'],
    ["foo/", '"foo/" is not a valid image reference: repository "foo/" has an empty path component'],
    ["ghcr.io/", '"ghcr.io/" is not a valid image reference: repository "" has an empty path component'],
    [
      "-foo",
      `"-foo" is not a valid image reference: repository component "-foo" must be lower-case letters and digits, separated by '.', '_', '__' or dashes`,
    ],
    [
      "foo_-bar",
      `"foo_-bar" is not a valid image reference: repository component "foo_-bar" must be lower-case letters and digits, separated by '.', '_', '__' or dashes`,
    ],
    [
      "org/foo..bar",
      `"org/foo..bar" is not a valid image reference: repository component "foo..bar" must be lower-case letters and digits, separated by '.', '_', '__' or dashes`,
    ],
    [
      "org/foo___bar",
      `"org/foo___bar" is not a valid image reference: repository component "foo___bar" must be lower-case letters and digits, separated by '.', '_', '__' or dashes`,
    ],
    [
      "exa_mple.com/app",
      `"exa_mple.com/app" is not a valid image reference: registry "exa_mple.com" is not a valid host[:port]`,
    ],
    [
      "example.com:http/app",
      `"example.com:http/app" is not a valid image reference: registry "example.com:http" is not a valid host[:port]`,
    ],
    ["-bad.com/app", `"-bad.com/app" is not a valid image reference: registry "-bad.com" is not a valid host[:port]`],
    [
      "0123456789abcdef".repeat(4),
      `"${"0123456789abcdef".repeat(4)}" is not a valid image reference: a 64-character hexadecimal string is an image ID, not a repository name`,
    ],
  ])("%j", (input, message) => {
    // the api's messages are `"<reference>" is not a valid image reference: <problem>`
    expect(problemOf(input)).toBe(message.slice(message.indexOf(": ") + 2));
  });

  it("refuses a name longer than 255 characters", () => {
    expect(problemOf(`${"a".repeat(256)}:1`)).toBe("the repository name is longer than 255 characters");
  });
});

describe("canonicalReference", () => {
  it.each<[string, string]>([
    ["nginx", "docker.io/library/nginx:latest"],
    ["bitnami/redis:7", "docker.io/bitnami/redis:7"],
    [`nginx@${SHA256}`, `docker.io/library/nginx@${SHA256}`],
    [`nginx:1.25@${SHA256}`, `docker.io/library/nginx:1.25@${SHA256}`],
    ["localhost:5000/app", "localhost:5000/app:latest"],
  ])("%s → %s", (input, expected) => {
    const parsed = parseImageReference(input);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(canonicalReference(parsed.reference)).toBe(expected);
  });
});

describe("registry aliases", () => {
  const table = aliasTable([
    { hostname: "registry.example.com", aliases: ["Mirror.Example.com", "https://old.example.com/v2"] },
    { hostname: "index.docker.io", aliases: ["hub.local:5000"] },
    { hostname: "second.example.com", aliases: ["mirror.example.com"] },
  ]);

  it("normalises hosts on both sides, and the first group naming an alias wins", () => {
    expect([...table]).toEqual([
      ["mirror.example.com", "registry.example.com"],
      ["old.example.com", "registry.example.com"],
      ["hub.local:5000", "docker.io"],
    ]);
    expect(normaliseRegistryHost("HTTPS://Registry-1.Docker.IO/v2/")).toBe("docker.io");
  });

  it("rewrites an alias to the registry, moving a single-segment Docker Hub name under library/", () => {
    expect(applyAliases(ref("mirror.example.com", "team/app", "1"), table)).toEqual(
      ref("registry.example.com", "team/app", "1"),
    );
    expect(applyAliases(ref("hub.local:5000", "nginx", "1"), table)).toEqual(ref("docker.io", "library/nginx", "1"));
    expect(applyAliases(ref("hub.local:5000", "bitnami/redis", "7"), table)).toEqual(
      ref("docker.io", "bitnami/redis", "7"),
    );
  });

  it("leaves other registries alone", () => {
    const other = ref("ghcr.io", "org/app", "1");
    expect(applyAliases(other, table)).toBe(other);
    expect(applyAliases(other, new Map())).toBe(other);
  });
});
