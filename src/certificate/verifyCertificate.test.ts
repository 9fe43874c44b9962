/**
 * Hand-computed certificates (spec §14): every expected number below was worked out by hand from
 * spec §3–§7 and is written in the comment next to it; the reference's result is compared with the
 * hand result first, so an example that is wrong by hand fails here rather than passing by echo.
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
import type { Certificate } from '../wire/certificate.ts';
import { certify } from './certify.ts';
import { verifyCertificate, type Verdict } from './verifyCertificate.ts';

/** One market, lot 1, tick 1 (or `tick`), one tier of rate 0.05 unless `tiers` is given. */
function scenario(over: { trigger?: 'strict' | 'inclusive'; quoteScale?: number; collateral: string; size: string; entry: string; mark: string; tiers?: Scenario['params']['markets'][string]['tiers']; buffer?: string }): Scenario {
  return {
    params: {
      quoteScale: over.quoteScale ?? 2,
      trigger: over.trigger ?? 'strict',
      targetBuffer: over.buffer ?? '0.01',
      penalty: { steps: [{ maxMarginRatio: '1', rate: '0.01' }], liquidatorShare: '0.5' },
      dustNotional: '0',
      priceImpact: '0',
      markets: { BTC: { lotSize: '1', tickSize: '0.5', tiers: over.tiers ?? [{ notionalFloor: '0', maintenanceRate: '0.05', maintenanceAmount: '0', initialRate: '0.1' }] } },
    },
    marks: { BTC: over.mark },
    account: { collateral: over.collateral, positions: [{ market: 'BTC', size: over.size, entryPrice: over.entry }] },
    insuranceFund: '10',
  };
}

function certificateOf(sc: Scenario): { result: unknown; certificate: Certificate } {
  const o = liquidate(sc);
  if (!o.ok) throw new Error('the reference refused a hand example');
  const c = certify(sc, o.result);
  if (c.kind !== 'certificate') throw new Error(`unsupported: ${c.reason}`);
  return { result: o.result, certificate: c.certificate };
}

const claims = (v: Verdict): string[] => (v.ok ? [] : v.failures.map((f) => f.claim));

// E = MM = 5: one long lot at mark 100 (N = 100, MM = 0.05·100 = 5), collateral 5, entry = mark.
const boundary = { collateral: '5', size: '1', entry: '100', mark: '100' };

describe('the trigger boundary E = MM', () => {
  it('strict: healthy, a certificate with no step and no fills', () => {
    const sc = scenario({ ...boundary, trigger: 'strict' });
    const { result, certificate } = certificateOf(sc);
    // target = MM + b·N = 5 + 0.01·100 = 6; margin ratio 5/5 = 1
    expect(result).toMatchObject({ status: 'healthy', fills: [], groups: [{ before: { equity: '5', maintenance: '5', target: '6', marginRatio: '1' } }] });
    expect(certificate).toEqual({ format: 'liqcheck-certificate-1', groups: [{ group: 'cross', order: [0], tiers: [0], fills: [] }] });
    expect(verifyCertificate(sc, result, certificate)).toEqual({ ok: true });
    // claiming a liquidation of the healthy group is refused
    expect(claims(verifyCertificate(sc, result, { ...certificate, groups: [{ ...certificate.groups[0]!, step: 0 }] }))).toEqual(['trigger']);
  });

  it('inclusive: liquidated, the one lot closed in full (maxLots 0)', () => {
    const sc = scenario({ ...boundary, trigger: 'inclusive' });
    const { result, certificate } = certificateOf(sc);
    // f = 0.01 (E ≤ 1·MM); penalty ⌈0.01·100⌉ = 1, liquidator ⌊0.5⌋_0.01 = 0.5; C = 5 − 1 = 4
    expect(result).toMatchObject({
      status: 'full',
      fills: [{ size: '1', price: '100', notional: '100', penaltyRate: '0.01', penalty: '1', liquidatorFee: '0.5', insuranceFee: '0.5', realizedPnl: '0' }],
      account: { collateral: '4', positions: [] },
      insuranceFund: '10.5',
    });
    expect(certificate.groups[0]).toEqual({
      group: 'cross',
      order: [0],
      tiers: [0],
      step: 0,
      fills: [{ lots: '1', ticks: '200', tierAfter: 0, from: '1', misses: [], maxLots: '0' }],
    });
    expect(verifyCertificate(sc, result, certificate)).toEqual({ ok: true });
    // the same result checked under the strict trigger: the group was not liquidatable
    expect(claims(verifyCertificate(scenario({ ...boundary, trigger: 'strict' }), result, certificate))).toEqual(['trigger']);
  });
});

describe('a tier floor', () => {
  // Two brackets: [0, 1000) at 0.05, [1000, ∞) at 0.1 with cum = 1000·(0.1 − 0.05) = 50.
  const tiers = [
    { notionalFloor: '0', maintenanceRate: '0.05', maintenanceAmount: '0', initialRate: '0.1' },
    { notionalFloor: '1000', maintenanceRate: '0.1', maintenanceAmount: '50', initialRate: '0.2' },
  ];
  it('a notional exactly on the floor is in the upper bracket; the lower one is refused', () => {
    // 10 lots at 100: N = 1000 = L_1, MM = 1000·0.1 − 50 = 50; collateral 100 → healthy
    const sc = scenario({ collateral: '100', size: '10', entry: '100', mark: '100', tiers });
    const { result, certificate } = certificateOf(sc);
    expect(certificate.groups[0]!.tiers).toEqual([1]);
    expect(verifyCertificate(sc, result, certificate)).toEqual({ ok: true });
    const lower = { ...certificate, groups: [{ ...certificate.groups[0]!, tiers: [0] }] };
    const v = verifyCertificate(sc, result, lower);
    expect(v).toMatchObject({ ok: false, failures: [{ claim: 'tier', path: 'certificate.groups[0].tiers[0]', received: '0' }] });
  });
});

describe('a rounding miss', () => {
  // Quote scale 0 (u = 1), b = 0, rate 0.1, long 10 lots at mark 100, entry 100.5, collateral 96:
  // E = 96 + 10·(−0.5) = 91 < MM = 100. f = 0.01. g(i) = 91 − 0.01·100·i − 0.1·100·(10 − i) = 9i − 9,
  // so g(1) = 0 meets (strict) exactly; but ĝ(1) = 91 − ρ 0.5 (PnL −0.5 floored to −1) − ⌈1⌉ − 90
  // = −0.5 misses, and ĝ(2) = 91 − 0 − 2 − 80 = 9 meets: the close is 2 lots, one rounding miss at 1.
  const sc = scenario({ quoteScale: 0, buffer: '0', collateral: '96', size: '10', entry: '100.5', mark: '100', tiers: [{ notionalFloor: '0', maintenanceRate: '0.1', maintenanceAmount: '0', initialRate: '0.2' }] });

  it('the reference closes 2 lots and the certificate lists the miss at 1 lot', () => {
    const { result, certificate } = certificateOf(sc);
    // R = ⌊2·(−0.5)⌋ = −1, pen = ⌈2⌉ = 2, lf = ⌊1⌋ = 1; C' = 96 − 1 − 2 = 93; E' = 93 − 4 = 89, MM' = 80
    expect(result).toMatchObject({
      status: 'partial',
      fills: [{ size: '2', penalty: '2', liquidatorFee: '1', insuranceFee: '1', realizedPnl: '-1' }],
      account: { collateral: '93', positions: [{ market: 'BTC', size: '8' }] },
      groups: [{ before: { equity: '91', maintenance: '100', marginRatio: '0.91' }, after: { equity: '89', maintenance: '80', marginRatio: '1.1125' } }],
      insuranceFund: '11',
    });
    // the miss at 1 lot: PnL ⌊−0.5⌋ = −1 unit, penalty ⌈1⌉ = 1 unit, bracket 0; from = 1 (g(1) ≥ 0)
    expect(certificate.groups[0]!.fills).toEqual([{ lots: '2', ticks: '200', tierAfter: 0, from: '1', misses: [{ tier: 0, pnl: '-1', penalty: '1' }] }]);
    expect(verifyCertificate(sc, result, certificate)).toEqual({ ok: true });
  });

  it('a result closing 1 lot (ĝ misses there) or 3 lots (2 meets) is refused', () => {
    const { result, certificate } = certificateOf(sc);
    const r = result as { fills: Record<string, string>[] };
    // one lot: R = ⌊−0.5⌋ = −1, pen 1, lf ⌊0.5⌋ = 0; E' = 96 − 2 + 9·(−0.5) = 89.5 < T' = 90: misses
    const one = { ...r, fills: [{ ...r.fills[0]!, size: '1', notional: '100', penalty: '1', liquidatorFee: '0', insuranceFee: '1', realizedPnl: '-1' }] };
    const c1 = certify(sc, one);
    expect(c1.kind).toBe('certificate');
    if (c1.kind === 'certificate') expect(verifyCertificate(sc, one, c1.certificate).ok).toBe(false);
    // three lots: the run 1…2 must all miss, but ĝ(2) = 9 meets
    const three = { ...r, fills: [{ ...r.fills[0]!, size: '3', notional: '300', penalty: '3', liquidatorFee: '1', insuranceFee: '2', realizedPnl: '-2' }] };
    const c3 = certify(sc, three);
    if (c3.kind !== 'certificate') throw new Error('unsupported');
    expect(claims(verifyCertificate(sc, three, c3.certificate))).toEqual(['minimal']);
    // and the miss witnesses are ranges: PnL −1 is ⌊−0.5⌋, so 0 is refused; penalty 1 is ⌈1⌉, 2 is refused
    const mutate = (m: object): Certificate => ({ ...certificate, groups: [{ ...certificate.groups[0]!, fills: [{ ...certificate.groups[0]!.fills[0]!, misses: [{ tier: 0, pnl: '-1', penalty: '1', ...m }] }] }] });
    expect(claims(verifyCertificate(sc, result, mutate({ pnl: '0' })))).toEqual(['minimal']);
    expect(claims(verifyCertificate(sc, result, mutate({ penalty: '2' })))).toEqual(['minimal']);
  });
});

describe('a full close whose one partial size meets only by the exact slack', () => {
  // As above with 2 lots, collateral 12: E = 12 − 1 = 11 < MM = 20, g(i) = 9i − 9 + 0 → g(1) = 11 − 1 − 10
  // = 0 meets, ĝ(1) = 11 − 0.5 − 1 − 10 = −0.5 misses, and 1 is the only size below the position
  // (maxLots 1): closed in full, certified by a run of one rounding miss and no anchor.
  const sc = scenario({ quoteScale: 0, buffer: '0', collateral: '12', size: '2', entry: '100.5', mark: '100', tiers: [{ notionalFloor: '0', maintenanceRate: '0.1', maintenanceAmount: '0', initialRate: '0.2' }] });
  it('the certificate carries the miss and maxLots, and dropping the miss is refused', () => {
    const { result, certificate } = certificateOf(sc);
    // R = ⌊2·(−0.5)⌋ = −1, pen = ⌈2⌉ = 2 (E⁻ = 11: uncapped), lf = 1; C' = 12 − 1 − 2 = 9 ≥ 0: full
    expect(result).toMatchObject({ status: 'full', fills: [{ size: '2', penalty: '2', liquidatorFee: '1', realizedPnl: '-1' }], account: { collateral: '9', positions: [] } });
    expect(certificate.groups[0]!.fills).toEqual([{ lots: '2', ticks: '200', tierAfter: 0, from: '1', misses: [{ tier: 0, pnl: '-1', penalty: '1' }], maxLots: '1' }]);
    expect(verifyCertificate(sc, result, certificate)).toEqual({ ok: true });
    const fill = certificate.groups[0]!.fills[0]!;
    const dropped = { ...certificate, groups: [{ ...certificate.groups[0]!, fills: [{ ...fill, misses: [] }] }] };
    expect(claims(verifyCertificate(sc, result, dropped))).toEqual(['full-close']);
    // nor can an anchor stand in for it: g(1) = 0 meets, so (R) at 1 fails
    const anchored = { ...certificate, groups: [{ ...certificate.groups[0]!, fills: [{ ...fill, misses: [], right: { tier: 0, nextTier: 0 } }] }] };
    expect(claims(verifyCertificate(sc, result, anchored))).toEqual(['full-close']);
  });
});

describe('malformed input', () => {
  const sc = scenario({ ...boundary, trigger: 'inclusive' });
  it('a certificate off its schema is a shape failure with its path', () => {
    const { result, certificate } = certificateOf(sc);
    const bad = { ...certificate, groups: [{ ...certificate.groups[0]!, fills: [{ ...certificate.groups[0]!.fills[0]!, lots: '1.5' }] }] };
    expect(verifyCertificate(sc, result, bad)).toMatchObject({ ok: false, failures: [{ claim: 'shape', path: 'certificate.groups[0].fills[0].lots', received: '"1.5"' }] });
    expect(verifyCertificate(sc, result, { ...certificate, extra: 1 })).toMatchObject({ ok: false, failures: [{ claim: 'shape', path: 'certificate.extra', expected: 'no such field' }] });
    expect(verifyCertificate(sc, result, null)).toMatchObject({ ok: false, failures: [{ claim: 'shape', path: 'certificate' }] });
  });
  it('a scenario outside the domain is a domain failure; the certifier says why', () => {
    const { result, certificate } = certificateOf(sc);
    const under = { ...sc, policy: { closeSize: { kind: 'full' } } };
    expect(claims(verifyCertificate(under, result, certificate))).toEqual(['domain']);
    expect(certify(under, result)).toMatchObject({ kind: 'unsupported', reason: 'policy', path: 'policy' });
    expect(certify(sc, { status: 'full' })).toMatchObject({ kind: 'unsupported', reason: 'malformed-result' });
  });
});
