/**
 * LIQ-023 on the worked example of spec §10.4 (hand-computed, not a published vector): the
 * reference's fills pass; each wrong fill an engine could report is named.
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, LiquidationResult, Scenario } from '../model/types.ts';
import { bookExample } from '../model/__support__/bookExample.ts';
import { bookConsistent } from './bookConsistent.ts';
import { checkCase } from './checkCase.ts';

const example = (remainder: 'left' | 'bankruptcy'): Scenario => bookExample(remainder);

/** The reference's result with its fills rewritten. */
function reporting(edit: (r: LiquidationResult) => LiquidationResult): Engine {
  return (sc) => {
    const out = liquidate(sc);
    return out.ok ? { ok: true, result: edit(out.result) } : out;
  };
}

const fills = (r: LiquidationResult, f: (fs: LiquidationResult['fills']) => LiquidationResult['fills']): LiquidationResult => ({ ...r, fills: f(r.fills) });
const violations = (engine: Engine, sc: Scenario) => checkCase(engine, sc, { invariants: [bookConsistent] }).violations.map((v) => v.message);

describe('LIQ-023 book-consistent fills', () => {
  it('holds for the reference under both remainders', { timeout: 20_000 }, () => {
    expect(violations(liquidate, example('left'))).toEqual([]);
    expect(violations(liquidate, example('bankruptcy'))).toEqual([]);
  });

  it('names a fill larger than its level', { timeout: 20_000 }, () => {
    const merged = reporting((r) => fills(r, (fs) => [{ ...fs[0]!, size: '1.5' }]));
    expect(violations(merged, example('left'))).toEqual([expect.stringContaining('fill 0 (BTC) fills 1.5 at 89.5, more than the 0.5 left at level 0 of the bids')]);
  });

  it('names a fill that skips a level, and one on the wrong side', { timeout: 20_000 }, () => {
    const skipped = reporting((r) => fills(r, (fs) => [fs[1]!]));
    expect(violations(skipped, example('left'))).toEqual([expect.stringContaining('executes at 89, but the walk of the bids is at level 0 (price 89.5')]);
    const asks = reporting((r) => fills(r, (fs) => [{ ...fs[0]!, price: '90.5' }, fs[1]!]));
    expect(violations(asks, example('left'))[0]).toContain('executes at 90.5');
  });

  it('names a fill beyond the depth under "left"', { timeout: 20_000 }, () => {
    const beyond = reporting((r) => fills(r, (fs) => [...fs, { ...fs[1]!, size: '0.5', price: '88' }]));
    expect(violations(beyond, example('left'))).toEqual([expect.stringContaining('beyond the depth of the bids (1.5), which remainder "left" leaves open')]);
  });

  it('accepts only the bankruptcy price for the remainder: 102.5, not a tick either way', { timeout: 20_000 }, () => {
    // hand-computed in spec §10.4: B = −1.15; E⁻(102.5) = 0.10 ≥ 0, E⁻(102) = −0.15 < 0.
    for (const wrong of ['102', '103', '90']) {
      const priced = reporting((r) => fills(r, (fs) => fs.map((f, i) => (i === 2 ? { ...f, price: wrong } : f))));
      expect(violations(priced, example('bankruptcy')), wrong).toEqual([expect.stringContaining(`at ${wrong}, which is not the bankruptcy price`)]);
    }
  });
});
