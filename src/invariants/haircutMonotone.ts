import { Dec } from '../model/decimal.ts';
import { Fixed, FZERO, fromDec } from '../model/fixed.ts';
import { INPUT_DIGITS } from '../model/parseDecimal.ts';
import type { LiquidationResult, Scenario } from '../model/types.ts';
import { assetsOf, balanceOf, type AssetTerms, type MultiAssetScenario } from './assetsOf.ts';
import { wireInput } from './caseInput.ts';
import type { Case, RelationInvariant } from './invariant.ts';
import { s } from './ledger.ts';
import { resultOf } from './relationSupport.ts';

const HALF = new Fixed(5n, 1);

/** The held asset with `w > 0` and the largest `a·p·w` (ties by id in code-unit order), or null. */
function chosen(c: Case): AssetTerms | null {
  const ac = assetsOf(c);
  if (ac === null) return null;
  let best: AssetTerms | null = null;
  let bestKey = FZERO;
  for (const a of [...ac.assets].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
    const held = balanceOf(ac.before, a.id);
    if (held.sign() <= 0 || a.weight.sign() <= 0 || a.price === null) continue;
    const key = held.mul(a.price).mul(a.weight);
    if (best === null || key.gt(bestKey)) {
      best = a;
      bestKey = key;
    }
  }
  return best;
}

const half = (x: string): Dec => new Dec(x).div(2);

/** The scenario with the chosen asset's `w` and `w′` halved (both written, `w′` defaulting to `w`). */
function halved(c: Case, a: AssetTerms): Scenario | null {
  const sc = c.scenario as unknown as MultiAssetScenario & Scenario;
  const wire = sc.params.assets![a.id]!;
  const w = half(wire.weight);
  const w2 = half(wire.targetWeight ?? wire.weight);
  // A halved weight with a 19th fraction digit is no input decimal (§1.1): outside the domain.
  if (w.decimalPlaces() > INPUT_DIGITS.fraction || w2.decimalPlaces() > INPUT_DIGITS.fraction) return null;
  const assets = { ...sc.params.assets, [a.id]: { ...wire, weight: w.toFixed(), targetWeight: w2.toFixed() } };
  return { ...sc, params: { ...sc.params, assets } } as unknown as Scenario;
}

function crossBefore(r: LiquidationResult): { equity: Fixed; maintenance: Fixed; target: Fixed; status: string } | null {
  const g = r.groups.find((x) => x.group === 'cross');
  if (g === undefined) return null;
  const f = (x: string): Fixed => fromDec(new Dec(x));
  return { equity: f(g.before.equity), maintenance: f(g.before.maintenance), target: f(g.before.target), status: g.status };
}

/**
 * LIQ-031 — haircut monotonicity: a larger haircut never makes an account healthier.
 *
 * @remarks §13.2: the asset adds `a·p·w` to `E` and `a·p·(w − w′)` to `T`, so halving both weights
 * takes exactly `a·p·w/2` off `E` and `a·p·w′/2` off the target slack `E − T`, and leaves `MM`
 * (no requirement reads a weight). `T` itself may fall (by `a·p·(w − w′)/2`): the slack is what the
 * haircut must not improve. As `E` falls and `MM` stays, a group that met the trigger meets it
 * again. Judged under any policy: the weights reach no part of §10.
 * @see docs/spec.md#132-values
 * @see docs/spec.md#136-invariants
 */
export const haircutMonotone: RelationInvariant = {
  kind: 'relation',
  id: 'LIQ-031',
  title: 'haircut monotonicity',
  statement:
    'Halving one held asset’s weight w and target weight w′ (the one with the largest a·p·w, ties by id; same account, prices and policy): the cross group’s before.equity falls by exactly a·p·w/2, its target slack before.target − before.equity rises by exactly a·p·w′/2, before.maintenance is unchanged, and a cross group that was liquidated (status not healthy) is liquidated again.',
  domain:
    'Scenarios with params.assets holding an asset with a > 0 and w > 0 whose halved weights stay within 18 fraction digits (§13.2), under any policy. Not judged without assets.',
  spec: '#136-invariants',
  presumes: [],
  derive: (c) => {
    const a = chosen(c);
    const sc = a === null ? null : halved(c, a);
    return sc === null ? [] : [wireInput(sc)];
  },
  compare: (c, runs) => {
    const a = chosen(c)!;
    const got = resultOf(runs[0]);
    if (typeof got === 'string') return [got];
    const was = crossBefore(c.result);
    const now = crossBefore(got);
    if (was === null || now === null) return [`the cross group is missing from the ${was === null ? 'original' : 'derived'} result`];
    const worth = balanceOf(assetsOf(c)!.before, a.id).mul(a.price!);
    const dropE = worth.mul(a.weight).mul(HALF);
    const dropSlack = worth.mul(a.targetWeight).mul(HALF);
    const what = `with ${a.id}'s weights halved (w ${s(a.weight)} → ${s(a.weight.mul(HALF))}, w′ ${s(a.targetWeight)} → ${s(a.targetWeight.mul(HALF))})`;
    const out: string[] = [];
    if (!was.equity.sub(now.equity).eq(dropE)) out.push(`${what} the cross group's before.equity goes from ${s(was.equity)} to ${s(now.equity)}, expected to fall by a·p·w/2 = ${s(dropE)}`);
    const slackWas = was.equity.sub(was.target);
    const slackNow = now.equity.sub(now.target);
    if (!slackWas.sub(slackNow).eq(dropSlack)) out.push(`${what} the cross group's before.equity − before.target goes from ${s(slackWas)} to ${s(slackNow)}, expected to fall by a·p·w′/2 = ${s(dropSlack)}`);
    if (!was.maintenance.eq(now.maintenance)) out.push(`${what} the cross group's before.maintenance changes from ${s(was.maintenance)} to ${s(now.maintenance)}`);
    if (was.status !== 'healthy' && now.status === 'healthy') out.push(`${what} the cross group, ${was.status} before, is left healthy: a larger haircut made the account healthier`);
    return out;
  },
};
