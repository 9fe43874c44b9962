import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Engine } from '../model/types.ts';
import { oneLotShort } from '../zoo/oneLotShort.ts';
import { checkEngine, formatViolations } from './checkEngine.ts';

describe('checkEngine', () => {
  it('passes the reference, and says nothing', async () => {
    const r = await checkEngine(liquidate, { runs: 80, seed: 3 });
    expect(r.ok, formatViolations(r)).toBe(true);
    expect(r.tallies.map((t) => t.id)).toContain('REF-001');
  });

  it('fails a wrong engine with the invariant it breaks and a shrunk, replayable counterexample', async () => {
    const r = await checkEngine(oneLotShort, { runs: 300, seed: 3, name: 'oneLotShort' });
    expect(r.ok).toBe(false);
    const safety = r.tallies.find((t) => t.id === 'LIQ-003')!;
    expect(safety.violations).toBeGreaterThan(0);
    const cx = safety.counterexample!;
    // The counterexample still fails when replayed on its own.
    const again = await checkEngine(oneLotShort, { runs: 1, scenarios: fc.constant(cx.scenario) });
    expect(again.tallies.find((t) => t.id === 'LIQ-003')!.violations).toBe(1);
    expect(formatViolations(r)).toContain('LIQ-003 post-liquidation safety');
  });

  it('compares with the reference field by field (REF-001)', async () => {
    const offByOneCent: Engine = (s) => {
      const o = liquidate(s);
      if (!o.ok || o.result.fills.length === 0) return o;
      return { ok: true, result: { ...o.result, insurancePayout: o.result.insurancePayout === '0' ? '0.01' : o.result.insurancePayout } };
    };
    const r = await checkEngine(offByOneCent, { runs: 60, seed: 5, invariants: [] });
    const ref = r.tallies.find((t) => t.id === 'REF-001')!;
    expect(ref.violations).toBeGreaterThan(0);
    expect(ref.counterexample!.message).toMatch(/insurancePayout +expected 0, got 0\.01/);
  });

  it('judges an engine by the policy it implements: the invariants it promises, REF-001 under that policy', async () => {
    const full = { closeSize: { kind: 'full' as const } };
    const r = await checkEngine(liquidate, { runs: 60, seed: 4, policy: full });
    expect(r.ok, formatViolations(r)).toBe(true);
    expect(r.tallies.find((t) => t.id === 'REF-001')?.checked).toBe(60);
    expect(r.notJudged).toContainEqual({ id: 'LIQ-004', missing: ['minimal'] });
    // The same engine answering minimal-close to a full-close policy is wrong for it.
    const minimalAnyway: Engine = ({ policy: _declared, ...s }) => liquidate(s);
    const wrong = await checkEngine(minimalAnyway, { runs: 60, seed: 4, policy: full, invariants: [] });
    const ref = wrong.tallies.find((t) => t.id === 'REF-001');
    expect(ref?.violations).toBeGreaterThan(0);
    expect(ref?.counterexample?.message).toMatch(/field\(s\) differ from the reference/);
    // A name the reference cannot run: no differential, and the report says it was left out.
    const unknown = await checkEngine(liquidate, { runs: 10, seed: 4, policy: 'house-rules' });
    expect(unknown.tallies.map((t) => t.id)).not.toContain('REF-001');
    expect(unknown.notJudged).toContainEqual({ id: 'REF-001', missing: ['runnable'] });
    await expect(checkEngine(liquidate, { runs: 1, policy: { closeSize: { kind: 'nope' } } as never })).rejects.toThrow(/checkEngine: bad policy: policy\.closeSize: expected a close-size part/);
  });

  it('runs a venue profile named as the policy on the profile\'s own params, as `check --profile` does', async () => {
    const seen: unknown[] = [];
    const recording: Engine = (s) => {
      seen.push(s.params);
      return liquidate(s);
    };
    const r = await checkEngine(recording, { runs: 20, seed: 6, policy: 'dydx-v4', invariants: [] });
    expect(r.ok, formatViolations(r)).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(20);
    const markets = new Set(seen.map((p) => Object.keys((p as { markets: object }).markets).join(',')));
    expect([...markets]).toEqual(['BTC-USD,ETH-USD']);
  });

  it('fails an engine that throws, and the message says so: no answer is not a pass', async () => {
    let n = 0;
    const throwsSometimes: Engine = (s) => {
      if (++n % 7 === 0) throw new Error('division by zero in the tier walk');
      return liquidate(s);
    };
    const r = await checkEngine(throwsSometimes, { runs: 60, seed: 5 });
    expect(r.ok).toBe(false);
    expect(r.tallies.filter((t) => t.violations > 0)).toEqual([]);
    expect(r.engineFailures.count).toBeGreaterThan(0);
    expect(formatViolations(r)).toMatch(/gave no answer on \d+ request\(s\)[\s\S]*engine-threw: division by zero in the tier walk/);
  });
});
