/**
 * liqcheck command line: a thin layer over the library. Each command returns an exit code;
 * user mistakes are UsageErrors (one message, exit 2), never stack traces.
 */
import { readFileSync } from 'node:fs';
import { check, type Io } from './commands/check.ts';
import { merge } from './commands/merge.ts';
import { fixtures } from './commands/fixtures.ts';
import { replay } from './commands/replay.ts';
import { params } from './commands/params.ts';
import { fuzz } from './commands/fuzz.ts';
import { sweep } from './commands/sweep.ts';
import { profiles } from './commands/profiles.ts';
import { simulate } from './commands/simulate.ts';
import { certifyCommand } from './commands/certify.ts';
import { EXIT, UsageError } from './usageError.ts';
import { killAllEngineGroups } from '../adapters/subprocessEngine.ts';

/** The package's version, from its package.json: two levels up from src/cli/ and from dist/cli/ alike. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return String(pkg.version);
}

/** The command table: one module per command under ./commands, each returning an exit code. */
const COMMANDS: Readonly<Record<string, { run: (argv: readonly string[], io: Io) => number | Promise<number>; help: string }>> = {
  check: { run: check, help: 'run the invariant catalog on generated scenarios against an engine (default: the reference)' },
  merge: { run: merge, help: 'merge the JSON reports of the shards of one run' },
  fixtures: { run: fixtures, help: 'generate or verify a canonical fixture suite (test vectors): fixtures generate|verify' },
  replay: { run: replay, help: 'replay one fixture file with a field-by-field diff of expected vs actual' },
  params: { run: params, help: 'check a risk-parameters file (PAR invariants, risk advisories): params check FILE' },
  fuzz: { run: fuzz, help: 'fuzz a risk-parameter set: catalog, parameter-level properties, worst-case search, risk figures' },
  profiles: { run: profiles, help: 'list the venue profiles shipped (profiles/*.json): name, venue, policy parts, source; --json' },
  sweep: { run: sweep, help: 'map the safe region over a grid of one or two parameters (CSV, JSON, HTML heatmap); --compare a proposal' },
  certify: { run: certifyCommand, help: 'write (or verify) the liquidation certificate of a result: integer witnesses a verifier checks without the model' },
  simulate: { run: simulate, help: 'simulate a market through a price path: cascades, bad debt, ADL, auctions; judged by the system invariants' },
};

const HELP = `Usage: liqcheck <command> [options]\n\nCommands:\n${Object.entries(COMMANDS)
  .map(([k, v]) => `  ${k.padEnd(10)}${v.help}`)
  .join('\n')}\n\nRun 'liqcheck <command> --help' for a command's options, 'liqcheck --version' for the version.\nExit codes: 0 all invariants held, 1 a violation, 2 usage or configuration error, 3 the engine could not be run or broke the protocol,\n130/143 stopped by SIGINT/SIGTERM (the report of what ran is written, marked interrupted).\n`;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  try {
    if (command === undefined) throw new UsageError(`unknown command ${JSON.stringify(name)}; commands: ${Object.keys(COMMANDS).join(', ')}`);
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`liqcheck: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

/** Entry point of the `liqcheck` binary. */
export async function run(): Promise<void> {
  // A reader that goes away (`liqcheck check | head`) closes stdout: the run goes on and still
  // writes its reports and saved failures and exits with its verdict, only without stdout —
  // never an EPIPE stack trace, never lost work.
  let stdoutClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutClosed = true;
  });
  const io: Io = {
    out: (s) => void (stdoutClosed || process.stdout.write(s)),
    err: (s) => void process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
  };
  // Engines run in their own process groups, so Ctrl-C does not reach them: stop them, then exit
  // with the conventional 128 + signal number.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      killAllEngineGroups();
      process.exit(code);
    });
  }
  process.exitCode = await main(process.argv.slice(2), io);
}
