import { parseArgs } from 'node:util';
import { UsageError } from './usageError.ts';

/** One command-line option, described as data so help text and parsing cannot drift. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly value?: string;
  readonly help: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** Parses argv strictly against a table; unknown flags and stray arguments are usage errors. */
export function parseOptions(argv: readonly string[], table: OptionTable, positionals = 0): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(table).map(([k, v]) => [k, { type: v.type }]));
  try {
    const r = parseArgs({ args: [...argv], options, strict: true, allowPositionals: positionals > 0 });
    if (r.positionals.length > positionals) throw new UsageError(`unexpected argument ${JSON.stringify(r.positionals[positionals])}`);
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // node's messages are good ("Unknown option '--foo'"); drop its hint about '--' and keep ours short.
    throw new UsageError(String((e as Error).message).split('. To specify')[0]!);
  }
}

export function intOption(values: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name}: expected an integer from ${min} to ${max}, received ${JSON.stringify(raw)}`);
  }
  return n;
}

/**
 * The exit codes each long-running command can return, shown in its --help (the README's exit-code
 * table says the same). Keyed by command so a help text cannot be written without them.
 */
export const EXIT_CODES: Readonly<Record<string, readonly (readonly [code: string, meaning: string])[]>> = {
  check: [
    ['0', 'every invariant held'],
    ['1', 'an invariant was violated (the shrunk scenario and the command that replays it are printed)'],
    ['2', 'usage or configuration error (a flag, an input file, a params file the reference cannot accept)'],
    ['3', 'the engine could not be started, or crashed, hung or broke the protocol on some request'],
    ['130, 143', 'stopped by SIGINT (Ctrl-C) or SIGTERM: the summary and reports of what ran, marked interrupted'],
  ],
  fuzz: [
    ['0', 'every invariant and parameter-level property held'],
    ['1', 'a violation (counterexamples saved as fixtures)'],
    ['2', 'usage or configuration error (a flag, a params file the reference cannot accept)'],
    ['130, 143', 'stopped by SIGINT (Ctrl-C) or SIGTERM: the report of what ran, marked interrupted'],
  ],
  sweep: [
    ['0', 'the grid was run (its verdicts are in the report, not in the exit code)'],
    ['1', '--cascade: the judge found a system-invariant violation in a cell; --incentive: the property fails'],
    ['2', 'usage or configuration error (an unknown axis, an empty or inverted range, a bad params file)'],
    ['130, 143', 'stopped by SIGINT (Ctrl-C) or SIGTERM: the cells run so far are written'],
  ],
  simulate: [
    ['0', 'the run held every system invariant (or --no-check)'],
    ['1', 'a system invariant was violated (each printed, with the command that replays the run; the trace is kept)'],
    ['2', 'usage or configuration error (the option or the field path named)'],
    ['3', '--engine: the engine could not be started, or crashed, hung or broke the protocol on a step'],
    ['130, 143', 'stopped by SIGINT (Ctrl-C) or SIGTERM: the steps run so far are written, marked interrupted'],
  ],
};

export function helpFor(command: string, summary: string, table: OptionTable): string {
  const rows = Object.entries(table).map(([k, v]) => `  --${k}${v.value ? ` ${v.value}` : ''}`.padEnd(28) + v.help);
  const exits = EXIT_CODES[command];
  const exitRows = exits === undefined ? '' : `\nExit codes:\n${exits.map(([code, meaning]) => `  ${code.padEnd(10)}${meaning}`).join('\n')}\n`;
  return `Usage: liqcheck ${command} [options]\n\n${summary}\n\nOptions:\n${rows.join('\n')}\n${exitRows}`;
}
