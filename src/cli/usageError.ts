/** A user mistake on the command line or in an input file: reported in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, violation: 1, usage: 2, engine: 3 } as const;
