/**
 * The proof per venue profile (issue 12, item 4; issue 13 for the lending profiles), as one command:
 * for every shipped profile with an example engine (examples/python/venues/<name>.py,
 * examples/js/venues/<name>.mjs, or examples/python/lending_engine.py for a lending one), the correct
 * engine passes `liqcheck check --impl …` under its profile on every seed, and each of its wrong
 * variants (`--list-bugs`) fails it.
 *
 *   npm run prove:profiles                                   # 5,000 scenarios on seeds 1, 2, 3; every bug on 1,000
 *   npm run prove:profiles -- --profile dydx-v4 --runs 200 --seeds 7 --bug-runs 300
 *
 * It runs the CLI a user runs (bin/liqcheck.mjs, one process per check), prints one line per run
 * and writes reports/prove-profiles.json atomically. Exit 0 when every correct engine passed and
 * every wrong one was caught, 1 otherwise, 2 on a usage error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import { lendingProfileList } from '../src/lending/profiles/lendingProfiles.ts';
import { profileList } from '../src/profiles/profiles.ts';

const ROOT = new URL('..', import.meta.url).pathname;

/** The example engine of `profile`, or undefined when it has none. */
function venueEngine(profile: string): string | undefined {
  if (lendingProfileList().some((p) => p.wire.name === profile)) return `python3 examples/python/lending_engine.py --profile ${profile}`;
  if (existsSync(join(ROOT, 'examples/python/venues', `${profile.replaceAll('-', '_')}.py`))) return `python3 examples/python/profile_engine.py --profile ${profile}`;
  if (existsSync(join(ROOT, 'examples/js/venues', `${profile}.mjs`))) return `node examples/js/profileEngine.mjs --profile ${profile}`;
  return undefined;
}

/** The differential: REF-001 for a perp profile, LREF-001 for a lending one (src/lending/gate/). */
const DIFFERENTIAL = ['REF-001', 'LREF-001'];

interface Run {
  readonly profile: string;
  readonly engine: string;
  readonly bug: string | null;
  readonly seed: number;
  readonly runs: number;
  readonly exit: number | null;
  readonly violated: readonly string[];
  /** the cases the differential judged (the generated ones and any replayed) */
  readonly compared: number;
  readonly seconds: number;
  readonly ok: boolean;
}

function check(profile: string, engine: string, bug: string | null, seed: number, runs: number): Run {
  const dir = mkdtempSync(join(tmpdir(), 'liqcheck-prove-'));
  const json = join(dir, 'report.json');
  const impl = bug === null ? engine : `${engine} --bug ${bug}`;
  const started = process.hrtime.bigint();
  const r = spawnSync('node', ['bin/liqcheck.mjs', 'check', '--impl', impl, '--runs', String(runs), '--seed', String(seed), '--failures', '', '--json', json], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LIQCHECK_PROGRESS: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let violated: string[] = [];
  let compared = 0;
  try {
    const report = JSON.parse(readFileSync(json, 'utf8')) as { tallies: { id: string; checked: number; violations: number }[] };
    violated = report.tallies.filter((t) => t.violations > 0).map((t) => t.id);
    compared = report.tallies.find((t) => DIFFERENTIAL.includes(t.id))?.checked ?? 0;
  } catch {
    violated = ['(no report)'];
  }
  rmSync(dir, { recursive: true, force: true });
  // A correct engine passes (exit 0); a wrong one fails the check (exit 1), not the run (2, 130 …).
  const ok = bug === null ? r.status === 0 && compared >= runs : r.status === 1 && violated.some((id) => DIFFERENTIAL.includes(id));
  if (!ok && r.status !== 0 && r.status !== 1) process.stderr.write(r.stdout + r.stderr);
  return { profile, engine, bug, seed, runs, exit: r.status, violated, compared, seconds, ok };
}

function bugsOf(engine: string): string[] {
  const [cmd, ...args] = engine.split(' ');
  const r = spawnSync(cmd!, [...args, '--list-bugs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${engine} --list-bugs: exit ${r.status}: ${r.stderr}`);
  return Object.keys(JSON.parse(r.stdout) as Record<string, string>);
}

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        profile: { type: 'string', multiple: true },
        runs: { type: 'string', default: '5000' },
        seeds: { type: 'string', default: '1,2,3' },
        'bug-runs': { type: 'string', default: '1000' },
        out: { type: 'string', default: 'reports/prove-profiles.json' },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`prove:profiles: ${(e as Error).message}\n`);
    return 2;
  }
  const count = (name: string, text: string): number => {
    if (!/^[1-9]\d*$/.test(text)) throw new Error(`--${name}: expected a positive integer, received ${JSON.stringify(text)}`);
    return Number(text);
  };
  let runs: number, bugRuns: number, seeds: number[];
  try {
    runs = count('runs', values.runs);
    bugRuns = count('bug-runs', values['bug-runs']);
    seeds = values.seeds.split(',').map((s) => count('seeds', s));
  } catch (e) {
    process.stderr.write(`prove:profiles: ${(e as Error).message}\n`);
    return 2;
  }
  const shipped = [...profileList(), ...lendingProfileList()].map((p) => p.wire.name);
  const wanted = values.profile ?? shipped;
  const unknown = wanted.filter((p) => !shipped.includes(p));
  if (unknown.length > 0) {
    process.stderr.write(`prove:profiles: --profile: expected one of ${shipped.join(', ')}, received ${unknown.join(', ')}\n`);
    return 2;
  }
  const results: Run[] = [];
  const missing: string[] = [];
  for (const profile of wanted) {
    const engine = venueEngine(profile);
    if (engine === undefined) {
      missing.push(profile);
      process.stdout.write(`✗ ${profile}: no example engine (examples/python/venues/, examples/js/venues/)\n`);
      continue;
    }
    for (const seed of seeds) {
      const r = check(profile, engine, null, seed, runs);
      results.push(r);
      process.stdout.write(`${r.ok ? '✓' : '✗'} ${profile} seed ${seed}: ${runs} scenarios, differential on ${r.compared}, ${r.violated.length === 0 ? 'no violation' : `violated ${r.violated.join(', ')}`} (${r.seconds.toFixed(1)} s)\n`);
    }
    for (const bug of bugsOf(engine)) {
      const r = check(profile, engine, bug, seeds[0]!, bugRuns);
      results.push(r);
      process.stdout.write(`${r.ok ? '✓' : '✗'} ${profile} --bug ${bug}: ${r.ok ? 'caught' : 'NOT caught'} in ${bugRuns} scenarios (${r.violated.join(', ') || 'nothing violated'}; ${r.seconds.toFixed(1)} s)\n`);
    }
  }
  const ok = missing.length === 0 && results.every((r) => r.ok);
  writeFileAtomic(resolve(ROOT, values.out), `${JSON.stringify({ ok, runs, seeds, bugRuns, missing, results }, null, 2)}\n`);
  process.stdout.write(`${ok ? 'proved' : 'NOT proved'}: ${results.filter((r) => r.bug === null).length} correct-engine runs, ${results.filter((r) => r.bug !== null).length} wrong variants; ${values.out}\n`);
  return ok ? 0 : 1;
}

process.exitCode = main();
