/**
 * The agent's window on its environment: the only module in the package that reads process.env.
 * Everything else receives the values it needs from the settings.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A copy of the process environment, taken once at start. */
export function readEnvironment(): Environment {
  return { ...process.env };
}
