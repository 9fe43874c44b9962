import { FONE, ceilDiv, floorDiv, toCanonical as s } from '../../model/fixed.ts';
import type { LendingOutputInvariant } from './invariant.ts';
import { amount, assetsOf, othersThan } from './lendingView.ts';

/**
 * LND-005 — the protocol fee is the stated share of the bonus, and the liquidator gets the rest.
 *
 * @remarks Domain: status liquidated. Under close-factor rules, on the seized `s` of `c`:
 * `φ = ⌈s · (1 − 1/LB_c) · f_c⌉_{u_c}` (spec §11.6, up as Aave v3.7's `percentMulCeil`) — under
 * `rounding: "aave"` on Aave's own bonus, `φ = ⌈(s − ⌊s / LB_c⌋_{u_c}) · f_c⌉_{u_c}` — and the
 * liquidator receives `s − φ`. Under absorb the protocol keeps the collateral: no fee, nothing to
 * a liquidator.
 * @see docs/spec.md#116-bonus-and-protocol-fee
 */
export const protocolFeeShare: LendingOutputInvariant = {
  kind: 'output',
  id: 'LND-005',
  title: 'protocol fee is its share of the bonus',
  statement: 'The protocol fee is the stated share f_c of the bonus part of the seizure, φ = ⌈s · (1 − 1/LB_c) · f_c⌉ to the token unit, and the liquidator receives exactly s − φ; under absorb both are empty.',
  domain: 'Status liquidated. Counter-cases in real engines: Sentiment v2 took its fee on the whole seized amount, not the bonus (sherlock-audit/2024-08-sentiment-v2-judging#105); Aave ≤ v3.6 rounds the fee half-up.',
  spec: '#116-bonus-and-protocol-fee',
  presumes: ['close-factor', 'absorb'],
  check: (c) => {
    const v = c.view;
    if (v.status !== 'liquidated') return [];
    const out: string[] = [];
    if (v.input.rules.kind === 'absorb') {
      for (const k of assetsOf(v.protocolFee)) out.push(`absorb pays no protocol fee, but protocolFee[${k}] = ${s(amount(v.protocolFee, k))}`);
      for (const k of assetsOf(v.liquidatorReceives)) out.push(`absorb pays no liquidator, but liquidatorReceives[${k}] = ${s(amount(v.liquidatorReceives, k))}`);
      return out;
    }
    const col = v.input.request!.collateralAsset;
    for (const k of othersThan(v.protocolFee, col)) out.push(`protocolFee[${k}] = ${s(amount(v.protocolFee, k))} on an asset that was not seized`);
    for (const k of othersThan(v.liquidatorReceives, col)) out.push(`liquidatorReceives[${k}] = ${s(amount(v.liquidatorReceives, k))} on an asset that was not seized`);
    const { liquidationBonus: lb, protocolFee: f, unit } = v.input.market.assets.get(col)!;
    const sz = amount(v.seized, col);
    const aave = v.input.rules.rounding === 'aave';
    const expected = aave
      ? ceilDiv(sz.sub(floorDiv(sz, lb.mul(unit)).mul(unit)).mul(f), unit).mul(unit)
      : ceilDiv(sz.mul(lb.sub(FONE)).mul(f), lb.mul(unit)).mul(unit);
    const fee = amount(v.protocolFee, col);
    const formula = aave ? `⌈(s − ⌊s/LB⌋) · f⌉ = ⌈(${s(sz)} − ⌊${s(sz)}/${s(lb)}⌋) · ${s(f)}⌉_${s(unit)}` : `⌈s · (1 − 1/LB) · f⌉ = ⌈${s(sz)} · (1 − 1/${s(lb)}) · ${s(f)}⌉_${s(unit)}`;
    if (!fee.eq(expected)) out.push(`protocol fee ${s(fee)} ${col} ≠ ${formula} = ${s(expected)}`);
    const got = amount(v.liquidatorReceives, col);
    if (!got.eq(sz.sub(fee))) out.push(`the liquidator receives ${s(got)} ${col} ≠ seized − fee = ${s(sz)} − ${s(fee)} = ${s(sz.sub(fee))}`);
    return out;
  },
};
