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

export function helpFor(command: string, summary: string, table: OptionTable): string {
  const rows = Object.entries(table).map(([k, v]) => `  --${k}${v.value ? ` ${v.value}` : ''}`.padEnd(28) + v.help);
  return `Usage: liqcheck ${command} [options]\n\n${summary}\n\nOptions:\n${rows.join('\n')}\n`;
}
