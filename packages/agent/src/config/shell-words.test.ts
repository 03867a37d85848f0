import { describe, expect, it } from "vitest";
import { ShellWordsError, splitShellWords } from "./shell-words.js";

describe("splitShellWords", () => {
  it.each([
    ["", []],
    ["  --a   b\t c ", ["--a", "b", "c"]],
    [`--ignorefile "/etc/my file" 'it''s'`, ["--ignorefile", "/etc/my file", "its"]],
    [`"a \\"quoted\\" \\$word" 'single \\ kept'`, ['a "quoted" $word', "single \\ kept"]],
    ["back\\ slash \\'x", ["back slash", "'x"]],
    ["a \\\n b", ["a", "b"]],
    [`""`, [""]],
    ["$HOME *.json ~/x `id`", ["$HOME", "*.json", "~/x", "`id`"]],
  ])("splits %j", (input, words) => {
    expect(splitShellWords(input)).toEqual(words);
  });

  it.each([["'open"], ['"open'], ["trailing\\"]])("refuses %j", (input) => {
    expect(() => splitShellWords(input)).toThrow(ShellWordsError);
  });
});
