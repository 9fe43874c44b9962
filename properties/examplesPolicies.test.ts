/**
 * The example engines for policies other than minimal-close (examples/python/policy_engine.py,
 * examples/js/policyEngine.mjs; issue 11 "Done when"): each correct one answers exactly what the
 * reference answers under its declared policy and violates no invariant that policy promises; each
 * `--bug` variant is caught — it breaks the invariant named for it, on a counterexample the
 * reference gets right, and its answers differ from the reference's (the differential, REF-001).
 *
 * The engines are independent ports of docs/spec.md §10; agreeing with the reference on generated
 * scenarios is the evidence, so no expected value here is copied from either side.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine, type EngineHandle } from '../src/adapters/openEngine.ts';
import { riskParams, scenario } from '../src/arbitraries/index.ts';
import { checkEngine, formatViolations } from '../src/gate/checkEngine.ts';
import { CATALOG } from '../src/invariants/catalog.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Scenario } from '../src/model/types.ts';
import type { Policy } from '../src/wire/policy.ts';
import { CWD, MIXED, Opened, ROOT } from './adaptersSupport.ts';

const opened = new Opened();
afterAll(() => opened.closeAll());
async function open(command: string): Promise<EngineHandle> {
  return opened.track(await openEngine(command, { timeoutMs: 20_000, ...CWD }));
}

const PY = 'python3 examples/python/policy_engine.py';
const JS = 'node examples/js/policyEngine.mjs';

interface Example {
  readonly label: string;
  readonly command: string;
  /** the inline policy the engine declares in hello_ok (and the scenarios are drawn under) */
  readonly policy: Policy;
  readonly bugs: readonly { readonly bug: string; readonly violates: string; readonly shape: keyof typeof SHAPES }[];
}

const SHAPES = {
  mixed: MIXED,
  /** penalties below every maintenance rate, several positions: reductions rather than full closes */
  partial: scenario({ params: riskParams({ penalty: 'below' }), positions: { min: 2, max: 3 }, margin: 'cross' }),
} satisfies Record<string, fc.Arbitrary<Scenario>>;

const EXAMPLES: readonly Example[] = [
  {
    label: 'python full-close',
    command: `${PY} --policy full`,
    policy: { name: 'example-full', closeSize: { kind: 'full' } },
    bugs: [{ bug: 'skips-smallest', violates: 'LIQ-021', shape: 'partial' }],
  },
  {
    label: 'python fixed-portion',
    command: `${PY} --policy fixed-portion --portion 0.1 --minimum-notional 50`,
    policy: { name: 'example-fixed-portion', closeSize: { kind: 'fixed-portion', portion: '0.1', minimumNotional: '50' } },
    bugs: [
      { bug: 'portion-floor', violates: 'LIQ-019', shape: 'mixed' },
      { bug: 'every-position', violates: 'LIQ-019', shape: 'partial' },
    ],
  },
  {
    label: 'js step-down',
    command: `${JS} --policy step-down`,
    policy: { name: 'example-step-down', closeSize: { kind: 'step-down' } },
    bugs: [
      { bug: 'stops-at-floor', violates: 'LIQ-020', shape: 'mixed' },
      { bug: 'one-step', violates: 'LIQ-003', shape: 'partial' },
    ],
  },
  {
    label: 'js book-filling (full close, rest left)',
    command: `${JS} --policy book`,
    policy: { name: 'example-book-full', closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'left' } },
    bugs: [
      { bug: 'ignores-depth', violates: 'LIQ-023', shape: 'mixed' },
      { bug: 'no-walk', violates: 'REF-001', shape: 'mixed' },
    ],
  },
  {
    label: 'js book-filling (full close, rest at bankruptcy)',
    command: `${JS} --policy book-bankruptcy`,
    policy: { name: 'example-book-bankruptcy', closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'bankruptcy' } },
    bugs: [{ bug: 'bankruptcy-rounded-down', violates: 'LIQ-023', shape: 'mixed' }],
  },
];

const RUNS = 100;
const HUNT = 200;
const SEED = 20261201;

describe('example engines under their declared policies, through the gate (checkEngine over the subprocess adapter)', () => {
  for (const ex of EXAMPLES) {
    it(`${ex.label} passes the catalog and REF-001 under its policy`, async () => {
      const h = await open(ex.command);
      expect(h.policy).toEqual(ex.policy);
      const report = await checkEngine(h.run, { policy: ex.policy, runs: RUNS, seed: SEED, name: h.name });
      expect(report.tallies.find((t) => t.id === 'REF-001')?.checked, 'REF-001 judged on every case').toBe(RUNS);
      expect(report.ok, formatViolations(report)).toBe(true);
    }, 60_000);

    for (const b of ex.bugs) {
      it(`${ex.label} --bug ${b.bug} is caught by ${b.violates}`, async () => {
        const h = await open(`${ex.command} --bug ${b.bug}`);
        expect(h.name).toContain(b.bug);
        // only the invariant hunted and the differential: no relation runs, a short shrink
        const only = CATALOG.filter((i) => i.id === b.violates);
        const report = await checkEngine(h.run, { policy: ex.policy, runs: HUNT, seed: SEED, scenarios: SHAPES[b.shape], invariants: only });
        const t = report.tallies.find((x) => x.id === b.violates);
        expect(t?.violations, `${b.bug}: ${b.violates} not violated in ${HUNT} '${b.shape}' scenarios`).toBeGreaterThan(0);
        expect(report.tallies.find((x) => x.id === 'REF-001')?.violations, `${b.bug}: REF-001`).toBeGreaterThan(0);
        // the shrunk counterexample is one the reference gets right
        const reference = checkCase(liquidate, t!.counterexample!.scenario as Scenario).violations.map((v) => v.invariant);
        expect(reference).not.toContain(b.violates);
      }, 60_000);
    }
  }
});

/** `liqcheck check` as a user runs it: exit code and output. */
function gate(impl: string, ...extra: string[]): { status: number | null; out: string } {
  const failures = mkdtempSync(join(tmpdir(), 'liqcheck-examples-policies-'));
  const r = spawnSync('node', ['bin/liqcheck.mjs', 'check', '--impl', impl, '--seed', String(SEED), '--failures', failures, ...extra], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LIQCHECK_PROGRESS: '0' },
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('liqcheck check --impl on the policy examples', () => {
  it('passes the correct fixed-portion engine (exit 0) and names LIQ-019 and REF-001 for its rounding bug (exit 1)', () => {
    const ok = gate(EXAMPLES[1]!.command, '--runs', '40');
    expect(ok.out).toContain('policy example-fixed-portion');
    expect(ok.status, ok.out).toBe(0);
    const bad = gate(`${EXAMPLES[1]!.command} --bug portion-floor`, '--runs', '60', '--invariants', 'LIQ-019,REF-001');
    expect(bad.status, bad.out).toBe(1);
    expect(bad.out).toMatch(/✗ LIQ-019/);
    expect(bad.out).toMatch(/✗ REF-001/);
  }, 120_000);
});

/** One engine process answering `scenarios` in order (a hello first). */
function answers(command: string, scenarios: readonly unknown[]): { readonly type: string; readonly result?: { status: string; fills: { size: string; price: string; penalty: string; realizedPnl: string }[]; account: { positions: { market: string; size: string }[] } } }[] {
  const [file, ...args] = command.split(' ');
  const lines = [{ type: 'hello', protocol: '1.1' }, ...scenarios.map((scenario, i) => ({ type: 'liquidate', id: i + 1, scenario }))];
  const r = spawnSync(file!, args, { cwd: ROOT, input: lines.map((l) => `${JSON.stringify(l)}\n`).join(''), encoding: 'utf8', timeout: 30_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trimEnd().split('\n').slice(1).map((l) => JSON.parse(l) as ReturnType<typeof answers>[number]);
}

const step = (rate: string) => ({ steps: [{ maxMarginRatio: '1', rate }], liquidatorShare: '0.5' });
const tier = (notionalFloor: string, maintenanceRate: string, maintenanceAmount: string, initialRate: string) => ({ notionalFloor, maintenanceRate, maintenanceAmount, initialRate });

describe('the worked examples of spec §10.3 and §10.4 (hand-computed, not published vectors)', () => {
  it('fixed-portion: 10 at 100 closes 2.5 (the minimum 250 over ℓ·P = 1, in lots); 3 closes whole (the rest, 50, is below 250)', () => {
    const params = { quoteScale: 2, trigger: 'strict', targetBuffer: '0', penalty: step('0.01'), dustNotional: '10', priceImpact: '0', markets: { X: { lotSize: '0.01', tickSize: '0.01', tiers: [tier('0', '0.05', '0', '0.1')] } } };
    // entry 104: E = 10·(100 − 104) = −40 < MM = 50, and −12 < 15 for the 3
    const at = (size: string) => ({ params, marks: { X: '100' }, account: { collateral: '0', positions: [{ market: 'X', size, entryPrice: '104' }] }, insuranceFund: '0', policy: { closeSize: { kind: 'fixed-portion', portion: '0.1', minimumNotional: '250' } } });
    const [ten, three] = answers(`${PY} --policy fixed-portion --portion 0.1 --minimum-notional 250`, [at('10'), at('3')]);
    expect(ten!.result!.fills.map((f) => f.size)).toEqual(['2.5']);
    expect(ten!.result!.account.positions.map((p) => p.size)).toEqual(['7.5']);
    expect(three!.result!.fills.map((f) => f.size)).toEqual(['3']);
    expect(three!.result!.account.positions).toEqual([]);
  }, 30_000);

  it('step-down: 30 at 100 (bracket 2) steps to 19.9, which misses the target, then to 4.9: one fill of 25.1, penalty 25.1', () => {
    const params = {
      quoteScale: 2, trigger: 'strict', targetBuffer: '0', penalty: step('0.01'), dustNotional: '10', priceImpact: '0',
      markets: { X: { lotSize: '0.1', tickSize: '0.1', tiers: [tier('0', '0.01', '0', '0.02'), tier('500', '0.02', '5', '0.04'), tier('2000', '0.05', '65', '0.1')] } },
    };
    const s = { params, marks: { X: '100' }, account: { collateral: '40', positions: [{ market: 'X', size: '30', entryPrice: '100' }] }, insuranceFund: '0', policy: { closeSize: { kind: 'step-down' } } };
    const [a] = answers(`${JS} --policy step-down`, [s]);
    expect(a!.result!.status).toBe('partial');
    expect(a!.result!.fills.map((f) => [f.size, f.price, f.penalty, f.realizedPnl])).toEqual([['25.1', '100', '25.1', '0']]);
    expect(a!.result!.account.positions.map((p) => p.size)).toEqual(['4.9']);
  }, 30_000);

  it('book: an isolated long of 2 sells 0.5 at 89.5 and 1 at 89, both penalties capped to 0; the rest 0.5 stays open, or is sold at the bankruptcy price 102.5', () => {
    const params = { quoteScale: 2, trigger: 'strict', targetBuffer: '0', penalty: step('0.01'), dustNotional: '10', priceImpact: '0', markets: { X: { lotSize: '0.1', tickSize: '0.5', tiers: [tier('0', '0.05', '0', '0.1')] } } };
    const s = {
      params, marks: { X: '90' }, account: { collateral: '0', positions: [{ market: 'X', size: '2', entryPrice: '100', isolatedMargin: '15.1' }] }, insuranceFund: '0',
      policy: { closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'left' } },
      book: { X: { bids: [{ price: '89.5', size: '0.5' }, { price: '89', size: '1' }], asks: [] } },
    };
    const [a] = answers(`${JS} --policy book`, [s]);
    expect(a!.result!.status).toBe('partial');
    expect(a!.result!.fills.map((f) => [f.size, f.price, f.penalty, f.realizedPnl])).toEqual([['0.5', '89.5', '0', '-5.25'], ['1', '89', '0', '-11']]);
    expect(a!.result!.account.positions.map((p) => p.size)).toEqual(['0.5']);
    // Rest at bankruptcy: B = −6.15 − 0.5·(90 − 100) = −1.15, K = 1.15, x_b = 0.5·⌈(50 + 1.15)/0.25⌉ = 102.5;
    // R = 0.5·2.5 = 1.25, E⁻ = 0.10, penalty min(⌈0.45⌉_u, 0.10) = 0.10; collateral 0, status full.
    const [b] = answers(`${JS} --policy book-bankruptcy`, [{ ...s, policy: { closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'bankruptcy' } } }]);
    expect(b!.result!.status).toBe('full');
    expect(b!.result!.fills.map((f) => [f.size, f.price, f.penalty, f.realizedPnl])).toEqual([['0.5', '89.5', '0', '-5.25'], ['1', '89', '0', '-11'], ['0.5', '102.5', '0.1', '1.25']]);
    expect(b!.result!.account.positions).toEqual([]);
  }, 30_000);
});
