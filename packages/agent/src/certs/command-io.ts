/** What a command of the agent's CLI writes to and reads from; main.ts passes the process's own. */
export type CommandIo = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The environment (process.env); commands read their documented variables from it. */
  env: Readonly<Record<string, string | undefined>>;
};

/** Exit codes of the agent's commands. */
export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;

/** Values of a repeatable option, each also split on commas. */
export function listOption(values: string | string[] | undefined): string[] {
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values];
  return list
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
