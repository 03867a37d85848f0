const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");
const LEVEL_LINE = /\b(FATAL|ERROR)\b/;
const MAX_CHARS = 2000;

/**
 * The scanner's own explanation of a failure, from its standard error: Trivy's last FATAL (or
 * ERROR) entry and the lines after it (the "* docker error: …" list), without the timestamp and
 * level; otherwise the last lines. Trimmed to a readable length.
 */
export function scannerMessage(stderr: string): string {
  const lines = stderr
    .replace(ANSI, "")
    .split(/\r?\n/)
    .map((line) => line.trimEnd());
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    if (LEVEL_LINE.test(lines[i] as string)) {
      start = i;
      break;
    }
  }
  let picked: string[];
  if (start >= 0) {
    picked = lines.slice(start);
    picked[0] = (picked[0] as string)
      .replace(/^\S*\d{4}-\d\d-\d\dT\S*\s+/, "")
      .replace(/^(FATAL|ERROR)\s+/, "")
      .replace(/^Fatal error\s+/, "");
  } else {
    picked = lines.filter((line) => line.trim()).slice(-10);
  }
  const message = picked
    .filter((line) => line.trim())
    .join("\n")
    .trim();
  if (!message) return "no message on standard error";
  return message.length > MAX_CHARS ? `${message.slice(0, MAX_CHARS)}…` : message;
}
