/**
 * Base values of a lending account and the close-factor limit of a request, read from spec §11.2
 * and §11.4 for the generators and their labels.
 * @see docs/spec.md#11-lending-health-factor
 * @internal
 */
import type { LendingParams, LendingRequest, LendingScenario } from '../../wire/lending.ts';
import { addR, alignR, cmpR, mulR, ratioOf, type Ratio } from './ratio.ts';
import { floorDiv, rawOf, scaleOf, ten } from './units.ts';

/** An account as integers: token amounts in units of each asset, prices as exact ratios. */
export interface RawAccount {
  readonly supplies: ReadonlyMap<string, bigint>;
  readonly borrows: ReadonlyMap<string, bigint>;
  readonly prices: ReadonlyMap<string, Ratio>;
}

/** The integer form of a wire account: amounts in asset units, prices as ratios. */
export function rawAccount(s: LendingScenario): RawAccount {
  const amounts = (m: Readonly<Record<string, string>>): Map<string, bigint> =>
    new Map(Object.entries(m).map(([id, x]) => [id, rawOf(x, scaleOf(s.params.assets[id]!.unit))]));
  return {
    supplies: amounts(s.account.supplies),
    borrows: amounts(s.account.borrows),
    prices: new Map(Object.entries(s.prices).map(([id, p]) => [id, ratioOf(p)])),
  };
}

/**
 * The close-factor limit `M` of a request (spec §11.4), in debt-asset units: the whole reserve
 * debt when `W ≤ h·D` or, with `β > 0`, when the request's collateral value `C_c` or debt value
 * `D_d` is below `β`; else `⌊CF·q_d⌋_{u_d}` (`reserve`) or `min(q_d, ⌊CF·D/p_d⌋_{u_d})` (`total`).
 * Values as spec §11.2 takes them: collateral rounded down, debt up, to the base unit. Written
 * here from the spec's words, not taken from the reference, so the generator's "at the cap" is an
 * independent reading of the rule.
 */
export function closeFactorCap(p: LendingParams, s: RawAccount, req: Pick<LendingRequest, 'debtAsset' | 'collateralAsset'>): bigint {
  const r = p.rules;
  const debt = s.borrows.get(req.debtAsset) ?? 0n;
  if (r.kind !== 'close-factor') return debt;
  const v = valuesOf(p, s);
  const d = req.debtAsset;
  if (cmpR(v.weighted, mulR(ratioOf(r.fullBelowHealth), v.debt)) <= 0) return debt;
  const beta = ratioOf(r.fullBelowBase);
  if (beta.n > 0n && (cmpR(v.collateralOf(req.collateralAsset), beta) < 0 || cmpR(v.debtOf(d), beta) < 0)) return debt;
  const cf = ratioOf(r.closeFactor);
  const units = scaleOf(p.assets[d]!.unit);
  if (r.closeFactorOf === 'reserve') return floorDiv(debt * cf.n, ten(cf.s));
  // ⌊CF·D/p_d⌋ in units of u_d: CF·D·10^units / p_d, all as integers on one scale
  const price = s.prices.get(d)!;
  const num = mulR(cf, v.debt);
  const [a, b] = alignR(num, price);
  const m = floorDiv(a * ten(units), b);
  return m < debt ? m : debt;
}

/** Base values of an account as spec §11.2 takes them, in base units (`10^−baseScale`). */
export function valuesOf(p: LendingParams, s: RawAccount) {
  const b = p.baseScale;
  const value = (id: string, x: bigint, up: boolean): bigint => {
    // x·u·p / 10^−b = x·p.n / 10^(d + p.s − b)
    const price = s.prices.get(id)!;
    const e = scaleOf(p.assets[id]!.unit) + price.s - b;
    const raw = x * price.n;
    if (e <= 0) return raw * ten(-e);
    return up ? -floorDiv(-raw, ten(e)) : floorDiv(raw, ten(e));
  };
  const coll = new Map<string, bigint>();
  for (const [id, x] of s.supplies) if (p.assets[id]!.collateral) coll.set(id, value(id, x, false));
  const debts = new Map<string, bigint>();
  for (const [id, x] of s.borrows) debts.set(id, value(id, x, true));
  const weighted = [...coll].reduce((acc, [id, c]) => addR(acc, mulR({ n: c, s: b }, ratioOf(p.assets[id]!.liquidationThreshold))), { n: 0n, s: 0 });
  const debt = { n: [...debts.values()].reduce((x, y) => x + y, 0n), s: b };
  const collateral = { n: [...coll.values()].reduce((x, y) => x + y, 0n), s: b };
  return {
    weighted,
    debt,
    collateral,
    collateralOf: (id: string): Ratio => ({ n: coll.get(id) ?? 0n, s: b }),
    debtOf: (id: string): Ratio => ({ n: debts.get(id) ?? 0n, s: b }),
  };
}

