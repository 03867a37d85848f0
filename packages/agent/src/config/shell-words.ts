/**
 * Splits a command line into words the way a POSIX shell would, without running one: blanks
 * separate words; single quotes keep everything literally; double quotes keep blanks and honour
 * backslash before `"`, `\`, `$` and a backquote; a backslash outside quotes escapes the next
 * character. No expansion of any kind happens (`$HOME`, `*` and `~` stay as written).
 */
export function splitShellWords(input: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i += 1;
      continue;
    }
    if (c === "\\" && input.charAt(i + 1) === "\n") {
      // A backslash before a newline joins lines, as in a shell.
      i += 2;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = input.indexOf("'", i + 1);
      if (end === -1) throw new ShellWordsError(`unterminated single quote at position ${i + 1}`);
      word += input.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i += 1;
      let closed = false;
      while (i < input.length) {
        const d = input.charAt(i);
        if (d === '"') {
          closed = true;
          i += 1;
          break;
        }
        if (d === "\\" && i + 1 < input.length && '"\\$`'.includes(input.charAt(i + 1))) {
          word += input.charAt(i + 1);
          i += 2;
          continue;
        }
        word += d;
        i += 1;
      }
      if (!closed) throw new ShellWordsError("unterminated double quote");
      continue;
    }
    if (c === "\\") {
      if (i + 1 >= input.length) throw new ShellWordsError("trailing backslash");
      word += input.charAt(i + 1);
      i += 2;
      continue;
    }
    word += c;
    i += 1;
  }
  if (inWord) words.push(word);
  return words;
}

export class ShellWordsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShellWordsError";
  }
}
