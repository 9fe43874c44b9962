/**
 * The closed form of spec §6.3 (bracket walk, ⌈Δ*⌉_lot, bounded verification) finds exactly the
 * size that the declarative definition names: the smallest lot multiple that meets the target
 * without leaving dust — checked here by brute force over every lot multiple.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../src/arbitraries/scenario.ts';
import { closeFill } from '../src/model/closeFill.ts';
import { toCanonical } from '../src/model/decimal.ts';
import { groupHealth } from '../src/model/groupHealth.ts';
import { liquidate } from '../src/model/liquidate.ts';
import { marginGroups } from '../src/model/marginGroup.ts';
import { parseScenario } from '../src/model/parseScenario.ts';
import { penaltyRate } from '../src/model/penaltyRate.ts';
import { isLiquidatable, meetsTarget } from '../src/model/trigger.ts';
import { params } from './profile.ts';

const FILE = 'properties/minimalClose.test.ts';
const MAX_LOTS = 4000;

describe('minimal close', () => {
  const name = 'closed form + verification = brute-force smallest lot multiple';
  it(name, () => {
    let compared = 0;
    let partial = 0;
    fc.assert(
      fc.property(scenario({ positions: { min: 1, max: 1 }, margin: 'cross' }), (s) => {
        const parsed = parseScenario(s);
        if (!parsed.ok) throw new Error('generator produced an invalid scenario');
        const sc = parsed.value;
        const v = { params: sc.params, marks: sc.marks };
        const g = marginGroups(sc)[0]!;
        const pos = g.positions[0]!;
        const { lot } = sc.params.markets.get(pos.market)!;
        const lots = pos.size.abs().div(lot).toNumber();
        const h = groupHealth(v, g);
        if (lots > MAX_LOTS || !isLiquidatable(sc.params.trigger, h.equity, h.maintenance, true)) return;
        const rate = penaltyRate(sc.params.steps, h.equity, h.maintenance)!;
        const mark = sc.marks.get(pos.market)!;
        let expected: string | null = null;
        for (let d = lot; d.lt(pos.size.abs()); d = d.add(lot)) {
          if (pos.size.abs().sub(d).mul(mark).lt(sc.params.dustNotional)) break;
          const t = closeFill(v, g, pos.market, d, rate);
          if (meetsTarget(sc.params.trigger, t.uncappedEquity, groupHealth(v, t.group).target)) {
            expected = toCanonical(d);
            break;
          }
        }
        const o = liquidate(s);
        if (!o.ok) throw new Error(`reference refused: ${JSON.stringify(o.error)}`);
        const fill = o.result.fills[0]!;
        compared++;
        if (expected !== null) partial++;
        expect(fill.size).toBe(expected ?? toCanonical(pos.size.abs()));
      }),
      params(FILE, name),
    );
    console.log(`minimal close: compared ${compared} liquidatable single positions with brute force (${partial} partial)`);
    expect(partial).toBeGreaterThan(0);
  });
});
