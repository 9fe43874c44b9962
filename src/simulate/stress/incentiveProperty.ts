/**
 * The liquidator-incentive property (spec S11): every account of a population, put at its own
 * liquidation price (the last tick at which it is liquidatable, for its side), is dry-run through
 * the reference; its liquidator's reward is `Σ fills.liquidatorFee`. The property "every
 * liquidatable account of notional ≥ N* is profitable to liquidate at cost c" holds when no
 * account of at least that notional rewards less than `c`. A keeper acts when reward ≥ cost
 * (S5), so "profitable" is reward ≥ c here too.
 *
 * @remarks Why at the liquidation price: that is the first mark a keeper can act at, and the
 * reward is largest there for penalties capped by equity (they shrink as the account decays);
 * an account unprofitable there is one no keeper ever takes on its own (it "sits and decays").
 * The notional is `|q|·p` at that price, the size a keeper would take.
 * @see docs/simulation.md#s11-stress-search
 */
import { Dec, toCanonical as s, ZERO } from '../../model/decimal.ts';
import { liquidateParsed } from '../../model/liquidate.ts';
import { healthCheck } from '../liquidatable.ts';
import { liquidationTicks } from '../liquidationIndex.ts';
import { parsedScenarioOf } from '../referenceStepEngine.ts';
import type { SimulationSetup } from '../simulationSetup.ts';
import { INCENTIVE_FORMAT, type IncentiveAccount, type IncentiveReport } from '../../wire/cascadeSweepReport.ts';

export interface IncentiveOptions {
  readonly cost: Dec;
  readonly minNotional: Dec;
}

/** Every account at its liquidation price, dry-run; the property and its extreme accounts. */
export function incentiveProperty(setup: SimulationSetup, o: IncentiveOptions): IncentiveReport {
  const check = healthCheck(setup.parsed, setup.market, setup.policy);
  const rows: (IncentiveAccount & { readonly n: Dec; readonly r: Dec })[] = [];
  const errors: { id: string; message: string }[] = [];
  for (const a of setup.accounts) {
    const ticks = liquidationTicks(check, a, setup.tick);
    if (ticks === null) continue;
    const price = setup.tick.mul(ticks.toString());
    const out = liquidateParsed(parsedScenarioOf(setup, a, price, setup.insuranceFund));
    if (!out.ok) {
      errors.push({ id: a.id, message: JSON.stringify(out.error) });
      continue;
    }
    const r = out.result.fills.reduce((t, f) => t.add(f.liquidatorFee), ZERO);
    const n = a.size.abs().mul(price);
    rows.push({ id: a.id, side: a.size.gt(0) ? 'long' : 'short', isolated: a.isolated, liquidationPrice: s(price), notional: s(n), reward: s(r), status: out.result.status, n, r });
  }
  const byNotional = (p: { n: Dec; id: string }, q: { n: Dec; id: string }) => p.n.cmp(q.n) || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0);
  const pays = (x: { r: Dec }) => x.r.gte(o.cost);
  const sorted = [...rows].sort(byNotional);
  const unprofitableAbove = sorted.filter((x) => !pays(x) && x.n.gte(o.minNotional));
  const strip = (x: (typeof rows)[number] | undefined): IncentiveAccount | null => (x === undefined ? null : { id: x.id, side: x.side, isolated: x.isolated, liquidationPrice: x.liquidationPrice, notional: x.notional, reward: x.reward, status: x.status });
  const unprofitable = sorted.filter((x) => !pays(x));
  return {
    format: INCENTIVE_FORMAT,
    profile: setup.profile,
    cost: s(o.cost),
    minNotional: s(o.minNotional),
    holds: unprofitableAbove.length === 0 && errors.length === 0,
    accounts: setup.accounts.length,
    liquidatable: rows.length,
    profitable: rows.filter(pays).length,
    unprofitableAbove: unprofitableAbove.length,
    smallestUnprofitableAbove: strip(unprofitableAbove[0]),
    smallestProfitable: strip(sorted.find(pays)),
    largestUnprofitable: strip(unprofitable[unprofitable.length - 1]),
    errors,
  };
}
