import { describe, expect, it } from "vitest";
import { DomainError } from "../common/errors.js";
import { compileImagePattern, ImagePatternError, matchGlob, type PatternImage } from "./image-pattern.js";

const nginx: PatternImage = { registry: "docker.io", repository: "library/nginx", tag: "1.25" };
const redis: PatternImage = { registry: "docker.io", repository: "bitnami/redis", tag: "7.2" };
const nested: PatternImage = { registry: "docker.io", repository: "library/team/app", tag: "1" };
const ghcr: PatternImage = { registry: "ghcr.io", repository: "org/app", tag: "v1" };
const local: PatternImage = { registry: "localhost:5000", repository: "team/app", tag: null };
const images = { nginx, redis, nested, ghcr, local };
type ImageName = keyof typeof images;

describe("compileImagePattern", () => {
  it.each<[string, ImageName, boolean]>([
    // every image
    ["*", "nginx", true],
    ["*", "local", true],
    ["", "ghcr", true],
    ["**", "redis", true],
    // the four names of an image
    ["docker.io/library/nginx:1.25", "nginx", true],
    ["docker.io/library/nginx", "nginx", true],
    ["nginx:1.25", "nginx", true],
    ["nginx", "nginx", true],
    ["bitnami/redis:7.2", "redis", true],
    ["bitnami/redis", "redis", true],
    ["docker.io/bitnami/redis", "redis", true],
    ["ghcr.io/org/app:v1", "ghcr", true],
    ["ghcr.io/org/app", "ghcr", true],
    // not a name of the image
    ["library/nginx", "nginx", false],
    ["org/app", "ghcr", false],
    ["app", "ghcr", false],
    ["nginx:1.24", "nginx", false],
    ["nginx", "redis", false],
    // Docker keeps library/ when more than one segment follows it
    ["library/team/app:1", "nested", true],
    ["team/app", "nested", false],
    // `*` spans any characters, "/" and ":" included
    ["nginx*", "nginx", true],
    ["nginx*", "redis", false],
    ["docker.io/library/nginx:*", "nginx", true],
    ["docker.io/library/*", "nginx", true],
    ["docker.io/library/*", "redis", false],
    ["docker.io/*", "redis", true],
    ["bitnami/*", "redis", true],
    ["*/redis:7.2", "redis", true],
    ["*redis*", "redis", true],
    ["*:7.*", "redis", true],
    ["ghcr.io/org/*", "ghcr", true],
    ["*/app", "ghcr", true],
    ["*/app", "local", true],
    // `?` is exactly one character
    ["?ginx", "nginx", true],
    ["nginx:1.2?", "nginx", true],
    ["nginx:1.?", "nginx", false],
    ["ngin??", "nginx", false],
    // tags are compared exactly, and an image without a tag has no tagged names
    ["ghcr.io/org/app:V1", "ghcr", false],
    ["localhost:5000/team/app", "local", true],
    ["localhost:5000/team/app:*", "local", false],
    ["*:latest", "local", false],
    // everything other than * and ? is literal
    ["DOCKER.IO/library/nginx", "nginx", false],
    ["ngin.", "nginx", false],
    ["ngin[x]", "nginx", false],
    ["ngin(x)", "nginx", false],
    ["nginx$", "nginx", false],
    ["^nginx", "nginx", false],
    ["nginx|redis", "nginx", false],
    ["docker.io/library/nginx:1.25.", "nginx", false],
  ])("%j matches %s: %s", (pattern, image, expected) => {
    expect(compileImagePattern(pattern)(images[image])).toBe(expected);
  });

  it.each<[string, string]>([
    ["nginx latest", '"nginx latest" is not a valid image pattern: it contains whitespace'],
    ["\tnginx", '"\\tnginx" is not a valid image pattern: it contains whitespace'],
    [`${"a".repeat(256)}`, `"${"a".repeat(100)}…" is not a valid image pattern: it is longer than 255 characters`],
  ])("refuses %j", (pattern, message) => {
    let caught: unknown;
    try {
      compileImagePattern(pattern);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImagePatternError);
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ message, code: "BAD_USER_INPUT", pattern });
  });

  it("accepts a pattern of exactly 255 characters", () => {
    expect(compileImagePattern(`${"a".repeat(254)}*`)(nginx)).toBe(false);
  });

  it("returns the cached predicate for a pattern it has compiled", () => {
    expect(compileImagePattern("docker.io/library/nginx*")).toBe(compileImagePattern("docker.io/library/nginx*"));
    expect(compileImagePattern("*")).toBe(compileImagePattern(""));
  });
});

describe("matchGlob", () => {
  it.each<[string, string, boolean]>([
    ["", "", true],
    ["", "a", false],
    ["*", "", true],
    ["?", "", false],
    ["a*b", "ab", true],
    ["a*b", "axxb", true],
    ["a*b", "axxbx", false],
    ["a*b*c", "abc", true],
    ["a*b*c", "abxbxc", true],
    ["a*b*c", "acb", false],
    ["*a", "bba", true],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["a**", "a", true],
    // a literal "*" or "?" in the text is only matched by a wildcard
    ["a", "*", false],
    ["*", "*", true],
  ])("%j against %j: %s", (pattern, text, expected) => {
    expect(matchGlob(pattern, text)).toBe(expected);
  });

  it("settles patterns that would make a backtracking regular expression explode", () => {
    expect(matchGlob(`${"*a".repeat(30)}*b`, "a".repeat(250))).toBe(false);
    expect(matchGlob(`${"*a".repeat(30)}*`, "a".repeat(250))).toBe(true);
  });
});
