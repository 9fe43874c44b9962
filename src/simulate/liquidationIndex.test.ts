/**
 * The liquidation-price index (docs/simulation.md S13) against the reference's own decision: a
 * hand-computed long and short, then every account of a generated population checked directly at
 * its indexed price and one tick beyond, and the index's queries against a full scan.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../arbitraries/defaultParams.ts';
import { Dec, toCanonical, ZERO } from '../model/decimal.ts';
import { liquidateParsed } from '../model/liquidate.ts';
import { parseParams } from '../model/parseScenario.ts';
import type { ParsedParams } from '../model/types.ts';
import { profileNamed } from '../profiles/index.ts';
import { healthCheck } from './liquidatable.ts';
import { LiquidationIndex, liquidationTicks } from './liquidationIndex.ts';
import { generatePopulation } from './population.ts';
import type { AccountState } from './stepEngine.ts';

const d = (x: string | number) => new Dec(x);
const pp = (parseParams(defaultParams) as { ok: true; value: ParsedParams }).value;
const TICK = d('0.1');
const check = healthCheck(pp, 'BTC-PERP', undefined);
const acct = (id: string, size: string, entry: string, collateral: string, isolated = false): AccountState => ({ id, size: d(size), entry: d(entry), collateral: d(collateral), isolated });

describe('liquidation price (S13)', () => {
  it('a long: the highest tick with E < MM', () => {
    // 1 BTC at 100 with C = 10: E = m − 90, MM = 0.004·m (first tier); E < MM ⇔ m < 90/0.996 = 90.3614…
    // → 90.3 (E 0.3 < MM 0.3612), and 90.4 is healthy (E 0.4 > 0.3616).
    const a = acct('a1', '1', '100', '10');
    expect(liquidationTicks(check, a, TICK)).toBe(903n);
    expect(check.at(a, d('90.3'))).toBe(true);
    expect(check.at(a, d('90.4'))).toBe(false);
  });

  it('a short: the lowest tick with E < MM, cross or isolated alike', () => {
    // −1 BTC at 100, C = 10: E = 110 − m < 0.004·m ⇔ m > 110/1.004 = 109.5617… → 109.6
    expect(liquidationTicks(check, acct('a1', '-1', '100', '10'), TICK)).toBe(1096n);
    expect(liquidationTicks(check, acct('a1', '-1', '100', '10', true), TICK)).toBe(1096n);
  });

  it('none for a long that no mark makes liquidatable, and none without a position', () => {
    // leverage 1: E = 100 + (m − 100) = m > 0.004·m at every mark
    expect(liquidationTicks(check, acct('a1', '1', '100', '100'), TICK)).toBe(null);
    expect(liquidationTicks(check, { ...acct('a1', '0', '100', '100') }, TICK)).toBe(null);
  });

  it('agrees with the reference at the indexed price and one tick beyond, for a whole population', () => {
    for (const name of ['binance-usdm', 'bybit-linear', 'hyperliquid'] as const) {
      const p = profileNamed(name)!;
      const ppp = (parseParams(p.params) as { ok: true; value: ParsedParams }).value;
      const market = [...ppp.markets.keys()].sort()[0]!;
      const m = ppp.markets.get(market)!;
      const hc = healthCheck(ppp, market, p.policy);
      const x0 = m.tick.mul(1_000_000);
      const pop = generatePopulation({ count: 150, longShare: d('0.5'), minNotional: d(100), maxNotional: d(1000000), entrySpread: d('0.05'), maxLeverage: d(50), isolatedShare: d('0.3') }, 3, x0, m, ppp.unit, hc);
      // The reference itself decides (status ≠ healthy), not the predicate under test.
      const reference = (a: AccountState, mark: Dec): boolean => {
        const o = liquidateParsed({ params: ppp, marks: new Map([[market, mark]]), collateral: a.isolated ? ZERO : a.collateral, positions: [{ market, size: a.size, entry: a.entry, isolatedMargin: a.isolated ? a.collateral : null }], insuranceFund: d(1000000), policy: p.policy });
        if (!o.ok) throw new Error(JSON.stringify(o.error));
        return o.result.status !== 'healthy';
      };
      let checked = 0;
      for (const a of pop.accounts) {
        const k = liquidationTicks(hc, a, m.tick);
        if (k === null) continue;
        const at = m.tick.mul(k.toString());
        const beyond = a.size.gt(0) ? at.add(m.tick) : at.sub(m.tick);
        expect(reference(a, at), `${name} ${a.id} at ${toCanonical(at)}`).toBe(true);
        if (beyond.gt(0)) expect(reference(a, beyond), `${name} ${a.id} at ${toCanonical(beyond)}`).toBe(false);
        checked++;
      }
      expect(checked).toBeGreaterThan(100);
    }
  });

  it('answers which accounts are liquidatable at a mark as a full scan does', () => {
    const pop = generatePopulation({ count: 300, longShare: d('0.5'), minNotional: d(100), maxNotional: d(1000000), entrySpread: d('0.05'), maxLeverage: d(20), isolatedShare: d('0.3') }, 11, d(100000), pp.markets.get('BTC-PERP')!, pp.unit, check);
    const index = new LiquidationIndex(check, TICK);
    for (const a of pop.accounts) index.update(a);
    for (const mark of ['80000', '92000', '97500', '100000', '103000', '110000']) {
      const k = BigInt(d(mark).div(TICK).toFixed(0));
      const scan = pop.accounts.filter((a) => check.at(a, d(mark))).map((a) => a.id);
      expect([...index.liquidatableAt(k)].sort()).toEqual(scan);
      expect(index.countAt(k)).toBe(scan.length);
    }
    // a state change re-indexes: closing an account removes it
    const first = pop.accounts[0]!;
    index.update({ ...first, size: ZERO });
    expect(index.ticksOf(first.id)).toBe(null);
  });
});
