import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../__support__/runCli.ts';
import { validator } from '../../wire/validate.ts';
import { SimulationReport } from '../../wire/simulation.ts';
import { pasteInProcess } from '../../../properties/pasteInProcess.ts';
import { describeIssues, formatJudgement, joinSignedValues, parseMove, simulate, SIMULATE_OPTIONS } from './simulate.ts';
import { keeperIgnoresCost } from '../../simulate/zoo/keeperIgnoresCost.ts';
import { UsageError } from '../usageError.ts';
import { Dec } from '../../model/decimal.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/liqcheck.mjs');
const checkReport = validator(SimulationReport);

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'liqcheck-simulate-'));
  // a small population: 200 accounts (the command's own run below takes 20 steps)
  writeFileSync(join(tmp, 'small.json'), JSON.stringify({ population: { count: 200 } }));
});

describe('parseMove', () => {
  it.each([
    ['-30%', '-0.3'],
    ['-0.3', '-0.3'],
    ['30%', '0.3'],
    ['+5%', '0.05'],
    ['−12.5%', '-0.125'],
    ['-100%', '-1'],
    ['0', '0'],
    // 10 fraction digits of a percentage are the 12 of a fraction (spec S1 Φ = 12), divided exactly
    ['-0.0000000001%', '-0.000000000001'],
  ])('%s is the fraction %s', (raw, fraction) => {
    expect(parseMove('--shock', raw)).toBe(fraction);
  });

  it.each([
    ['abc', /--shock: expected a move such as -30%, -0.3 or 30%/],
    ['-30 %', /expected a move/],
    ['-101%', /a fall of at most 100%/],
    ['-1.5', /a fall of at most 100%/],
    ['-0.00000000001%', /at most 12 fraction digits/],
    ['1e-3', /expected a move/],
  ])('%s is refused', (raw, message) => {
    expect(() => parseMove('--shock', raw)).toThrow(message);
  });
});

describe('joinSignedValues', () => {
  it('joins a negative number to the option that takes a value, and nothing else', () => {
    expect(joinSignedValues(['--shock', '-30%', '--drift', '-0.001', '--steps', '20'])).toEqual(['--shock=-30%', '--drift=-0.001', '--steps', '20']);
    expect(joinSignedValues(['--depth', '-5', '--out', '-x', '--shock', '30%'])).toEqual(['--depth=-5', '--out', '-x', '--shock', '30%']);
    expect(joinSignedValues(['--venue', '-1', '--shock', '--venue'])).toEqual(['--venue', '-1', '--shock', '--venue']);
  });
});

describe('describeIssues', () => {
  it('names the flag that set a refused field, else the file it came from', () => {
    const issues = [
      { path: 'path.shockAt', expected: 'a step before the last', received: '50' },
      { path: 'population.count', expected: 'an integer ≥ 1', received: '0' },
      { path: 'accounts[2].size', expected: 'a decimal string', received: '"x"' },
    ];
    const text = describeIssues(issues, { flags: new Set(['--shock-at']), config: 'c.json', accounts: 'a.json' });
    expect(text).toBe(
      'the simulation configuration has 3 problem(s)\n' +
        '  --shock-at (path.shockAt): expected a step before the last, received 50\n' +
        '  --config c.json: population.count: expected an integer ≥ 1, received 0\n' +
        '  --accounts a.json: [2].size: expected a decimal string, received "x"',
    );
  });
});

describe('formatJudgement', () => {
  it('a clean run: the range of ids, the checks, and the invariants the run did not exercise', () => {
    expect(formatJudgement({ violations: [], checked: { 'SYS-002': 10, 'SYS-001': 5, 'SYS-006': 0 } }, 'x')).toBe('judge      SYS-001…SYS-006 held: 15 checks (not exercised by this run: SYS-006)\n');
  });

  it('violations: counted per invariant ("+" at the judge\'s cap), the first 20 shown, then the replay line', () => {
    const v = (id: string, step: number) => ({ id, step, round: 1, party: 'k1', message: 'm' });
    const violations = [...Array.from({ length: 50 }, (_, i) => v('SYS-009', i)), v('SYS-002', 3)];
    const text = formatJudgement({ violations, checked: { 'SYS-002': 1, 'SYS-009': 60 } }, 'npx liqcheck simulate --seed 1').split('\n');
    expect(text[0]).toBe('judge      violations of the system invariants: SYS-009 ×50+, SYS-002 ×1');
    expect(text[1]).toBe('  ✗ SYS-009 step 0 round 1 k1: m');
    expect(text).toHaveLength(1 + 20 + 1 + 1 + 1);
    expect(text[21]).toBe('  … and 31 more (the trace has the evidence)');
    expect(text[22]).toBe('Replay: npx liqcheck simulate --seed 1');
  });
});

describe('liqcheck simulate', () => {
  it('--help lists every option and the exit codes', async () => {
    const r = await runCli(['simulate', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: liqcheck simulate \[options\]/);
    for (const name of Object.keys(SIMULATE_OPTIONS)) expect(r.out, name).toContain(`  --${name}`);
    expect(r.out).toMatch(/\nExit codes:\n {2}0 +\S[\s\S]*\n {2}1 +a system invariant[\s\S]*\n {2}2 +usage/);
    expect(r.out).toMatch(/\n {2}130, 143 +stopped by SIGINT/);
  });

  it('a small run writes simulation.json (valid), series.csv (a row per step) and report.html (charts, offline), and the trace', async () => {
    const out = join(tmp, 'small');
    const trace = join(tmp, 'small.jsonl');
    const r = await runCli(['simulate', '--profile', 'binance-usdm', '--shock', '-30%', '--steps', '20', '--config', join(tmp, 'small.json'), '--out', out, '--trace', trace]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/^liqcheck simulate — binance-usdm, \S+: 200 accounts \(generated\), 20 steps, shock -30% at step 1/);
    expect(r.out).toMatch(/\ncascade +depth \d+ round/);
    expect(r.out).toMatch(/\nfund +[\d,.]+ → [\d,.]+/);
    expect(r.out).toMatch(/\njudge +SYS-001…SYS-\d+ held: [\d,]+ checks/);
    expect(r.out).toContain(`wrote ${join(out, 'simulation.json')}, series.csv, report.html, ${trace}`);
    const json = JSON.parse(readFileSync(join(out, 'simulation.json'), 'utf8')) as unknown;
    const checked = checkReport(json);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    const report = json as SimulationReport;
    expect(report.profile).toBe('binance-usdm');
    expect(report.config.path.shock).toBe('-0.3');
    expect(report.config.population.count).toBe(200);
    expect(report.series).toHaveLength(20);
    const csv = readFileSync(join(out, 'series.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('step,exogenous,mark,rounds,liquidations,liquidatedNotional,insuranceFund,badDebt,socialized,adlVolume,openInterest,flagged');
    expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    // a −30 % shock at step 1 (S3): x_1 = ⌊x_0·0.7⌋_τ, and x_0 = 10^6·τ makes 0.7·x_0 a multiple of τ
    const x0 = csv[1]!.split(',')[1]!;
    expect(csv[2]!.split(',')[1]).toBe(new Dec(x0).mul('0.7').toString());
    expect(csv.slice(3).every((l) => l.split(',')[1] === csv[2]!.split(',')[1])).toBe(true);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.match(/<svg[\s>]/g)?.length).toBe(7);
    expect(html).not.toMatch(/<script|<link|<img/i);
    expect([...html.matchAll(/(?:https?:)?\/\/[^\s"'<>)]+/g)].map((m) => m[0]).filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
    const events = readFileSync(trace, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(events[0]!.type).toBe('start');
    expect(events.filter((e) => e.type === 'series')).toHaveLength(20);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 20_000);

  it('a violation of a system invariant exits 1, prints it and the command that replays the run, and keeps the trace', async () => {
    const out = join(tmp, 'wrong');
    let printed = '';
    const io = { out: (t: string) => void (printed += t), err: (t: string) => void (printed += t), isTTY: false };
    // the zoo's keeper that liquidates whatever its cost: SYS-009 must catch it
    const code = await simulate(['--profile', 'binance-usdm', '--shock', '-30%', '--steps', '5', '--config', join(tmp, 'small.json'), '--out', out], io, keeperIgnoresCost.options);
    expect(code, printed).toBe(1);
    expect(printed).toMatch(/\njudge +violations of the system invariants: .*SYS-009 ×\d+\+?/);
    expect(printed).toMatch(/\n {2}✗ SYS-009 step \d+ round \d+ k\d+: /);
    const replay = /^Replay: npx liqcheck simulate (.*)$/m.exec(printed)![1]!;
    expect(replay).toBe(`--profile binance-usdm --shock=-30% --steps 5 --config ${join(tmp, 'small.json')} --out ${out} --seed 1 --trace ${join(out, 'trace.jsonl')}`);
    expect(printed).toContain(`wrote ${join(out, 'simulation.json')}, series.csv, report.html, trace.jsonl`);
    expect(readFileSync(join(out, 'trace.jsonl'), 'utf8').split('\n')[0]).toMatch(/^\{"type":"start"/);
    // the replay line is a command that runs: the same configuration with the reference engine holds
    const again = await runCli(['simulate', ...replay.split(' ')]);
    expect(again.code, again.out + again.err).toBe(0);
    expect(again.out).toMatch(/\njudge +SYS-001…SYS-\d+ held: [\d,]+ checks/);
  }, 20_000);

  it('--json prints the report itself on stdout, and the same run gives the same report', async () => {
    const argv = ['simulate', '--steps', '5', '--config', join(tmp, 'small.json'), '--shock', '-10%', '--json'];
    const a = await runCli([...argv, '--out', join(tmp, 'j1')]);
    const b = await runCli([...argv, '--out', join(tmp, 'j2')]);
    expect(a.code, a.err).toBe(0);
    const ra = JSON.parse(a.out) as SimulationReport;
    expect(ra.format).toBe('liqcheck-simulation/1');
    expect(ra.series).toHaveLength(5);
    expect({ ...ra, ms: 0 }).toEqual({ ...(JSON.parse(b.out) as SimulationReport), ms: 0 });
    expect(a.err).toContain('liqcheck simulate — built-in params');
  }, 20_000);

  it.each([
    [['--shock', 'abc'], /--shock: expected a move such as -30%/],
    [['--shock', '-150%'], /--shock: expected a fall of at most 100%/],
    [['--steps', '0'], /--steps: expected an integer from 1/],
    [['--mode', 'dutch'], /--mode: expected one of market, auction, received "dutch"/],
    [['--depth', '-5'], /--depth: expected a positive amount/],
    [['--profile', 'nope'], /--profile: unknown profile "nope"/],
    [['--market', 'NOPE'], /--market \(market\): expected one of the params' markets \(BTC-PERP, ETH-PERP\), received "NOPE"/],
    [['--profile', 'bybit-inverse'], /params\.markets: expected linear markets only/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--check', '--no-check'], /--check and --no-check: give one/],
  ])('%j exits 2 naming the option', async (argv, message) => {
    const r = await runCli(['simulate', ...argv, '--out', join(tmp, 'never')]);
    expect(r.code, r.out + r.err).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });

  it('an --out or --trace that cannot be written exits 2 before the run', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const out = await runCli(['simulate', '--out', file]);
    expect(out.code).toBe(2);
    expect(out.err).toMatch(new RegExp(`--out ${file}: cannot be written`));
    const trace = await runCli(['simulate', '--out', join(tmp, 'never'), '--trace', join(tmp, 'no/such/dir/t.jsonl')]);
    expect(trace.code).toBe(2);
    expect(trace.err).toMatch(/--trace .*no\/such\/dir\/t\.jsonl: cannot be written/);
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });

  it('a refused configuration file exits 2 with the field path of each problem', async () => {
    const file = join(tmp, 'bad-config.json');
    writeFileSync(file, JSON.stringify({ population: { count: 'many' }, liquidity: { kind: 'cubic' }, colour: 'red' }));
    const r = await runCli(['simulate', '--config', file, '--out', join(tmp, 'never')]);
    expect(r.code, r.out + r.err).toBe(2);
    expect(r.err).toMatch(/problem\(s\)/);
    expect(r.err).toContain(`--config ${file}: population.count: expected`);
    expect(r.err).toContain(`--config ${file}: liquidity.kind: expected`);
    expect(r.err).toContain('colour');
    const notJson = join(tmp, 'not.json');
    writeFileSync(notJson, '{ population');
    expect((await runCli(['simulate', '--config', notJson])).err).toMatch(new RegExp(`--config ${notJson}: \\$`));
  });

  it('a refused accounts file or price path exits 2 naming the file and the entry', async () => {
    const accounts = join(tmp, 'accounts.json');
    writeFileSync(accounts, JSON.stringify([{ id: 'a000001', side: 'long', size: 'lots', entry: '100000', collateral: '1000', mode: 'cross' }]));
    const a = await runCli(['simulate', '--accounts', accounts, '--out', join(tmp, 'never')]);
    expect(a.code, a.out + a.err).toBe(2);
    expect(a.err).toMatch(new RegExp(`--accounts ${accounts}: .*size`));
    const path = join(tmp, 'path.csv');
    writeFileSync(path, 'price\n100000\nfalling\n');
    const p = await runCli(['simulate', '--path', path, '--out', join(tmp, 'never')]);
    expect(p.code, p.out + p.err).toBe(2);
    expect(p.err).toContain(`--path ${path}: line 3: expected`);
    writeFileSync(path, 'close\n100000\n');
    expect((await runCli(['simulate', '--path', path])).err).toContain(`--path ${path}: line 1: expected a header "price" or "step,price"`);
    writeFileSync(path, 'step,price\n0,100000\n2,90000\n');
    expect((await runCli(['simulate', '--path', path])).err).toContain(`--path ${path}: line 3: expected step 1`);
  });

  it('SIGINT stops the run after the step in flight, writes what ran marked interrupted, exit 130', async () => {
    const out = join(tmp, 'interrupted');
    const child = spawn(process.execPath, [BIN, 'simulate', '--shock', '-30%', '--steps', '100000', '--config', join(tmp, 'small.json'), '--out', out, '--no-check'], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LIQCHECK_PROGRESS: '1' } });
    let err = '';
    let outText = '';
    child.stdout.on('data', (d: Buffer) => (outText += String(d)));
    child.stderr.on('data', (d: Buffer) => {
      err += String(d);
      if (/simulate: \d+\/100,000 steps/.test(err) && child.exitCode === null && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code, outText + err).toBe(130);
    expect(err).toContain('SIGINT — stopping');
    const report = JSON.parse(readFileSync(join(out, 'simulation.json'), 'utf8')) as SimulationReport;
    expect(report.interrupted).toBe(true);
    expect(report.series.length).toBeGreaterThan(0);
    expect(report.series.length).toBeLessThan(100_000);
    expect(readFileSync(join(out, 'series.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(report.series.length + 1);
    expect(outText).toMatch(/interrupted after [\d,]+ of 100,000 steps/);
  }, 30_000);

  it('the README command, as pasted, on a fresh checkout: npx liqcheck simulate --profile binance-usdm --shock -30%', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const command = 'npx liqcheck simulate --profile binance-usdm --shock -30%';
    expect(readme).toContain(`\n${command} `);
    const cwd = mkdtempSync(join(tmpdir(), 'liqcheck-readme-'));
    // as pasted: split as the shell splits it, the CLI's main in-process in that directory
    const r = await pasteInProcess(command, cwd);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/binance-usdm, \S+: 1,000 accounts \(generated\), 100 steps, shock -30% at step 1/);
    for (const f of ['simulation.json', 'series.csv', 'report.html']) expect(existsSync(join(cwd, 'simulation-out', f)), f).toBe(true);
    expect(r.out).toMatch(/\njudge +SYS-001…SYS-\d+ held/);
  }, 40_000);
});

// UsageError is what the option helpers throw: the command exits 2 on it (src/cli/main.ts)
it('parse errors are UsageErrors', () => {
  expect(() => parseMove('--shock', '')).toThrow(UsageError);
  expect(() => parseMove('--drift', 'x')).toThrow(/--drift: expected a signed fraction per step/);
});

describe('simulate --engine', () => {
  // The Python step engine (examples/python/step_engine.py) implements the reference's
  // minimal-close policy and S9's ADL, so under the built-in params it must hold every system
  // invariant and agree with the reference on every liquidation (SYS-010); its LIQENGINE_BUG
  // variant ranks ADL counterparties by id, which SYS-004 must catch. The shock is deep enough
  // (−40 %, 300 accounts, seed 3) that the fund runs dry and ADL happens: asserted below.
  const ENGINE = `python3 ${ROOT}examples/python/step_engine.py`;
  const args = (out: string, engine: string) => ['simulate', '--engine', engine, '--shock', '-40%', '--steps', '8', '--seed', '3', '--config', join(tmp, 'engine.json'), '--out', out];

  beforeAll(() => {
    writeFileSync(join(tmp, 'engine.json'), JSON.stringify({ population: { count: 300 }, insuranceFund: '1000' }));
  });

  it('runs a step engine through the path and judges it clean, ADL included', async () => {
    const out = join(tmp, 'engine-ok');
    const r = await runCli(args(out, ENGINE));
    expect(r.err).not.toMatch(/could not be started/);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'simulation.json'), 'utf8')) as { summary: { adlEvents: number; liquidations: number } };
    expect(report.summary.liquidations).toBeGreaterThan(0);
    expect(report.summary.adlEvents).toBeGreaterThan(0);
    expect(r.out).toMatch(/judge {6}SYS-001…SYS-010 held/);
  }, 60_000);

  it('catches the engine that ranks ADL by id (SYS-004), with the replay line', async () => {
    const out = join(tmp, 'engine-bug');
    const r = await runCli(args(out, `env LIQENGINE_BUG=adl-rank-by-id ${ENGINE}`));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/SYS-004 ×\d+/);
    expect(r.out).toMatch(/Replay: npx liqcheck simulate --engine/);
  }, 60_000);

  it('an engine that cannot be started exits 3 with the reason', async () => {
    const r = await runCli(['simulate', '--engine', 'no-such-engine-binary-xyz', '--steps', '2', '--config', join(tmp, 'small.json'), '--out', join(tmp, 'engine-none')]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/the engine could not be started/);
  }, 30_000);
});
