/**
 * The circuit-friendly profile's honest prover and relation (spec §15): on the scenarios the gate
 * draws under fixtures/circuit/params.json, the honest witness's result equals the reference's
 * byte for byte, the relation accepts every honest witness, and it rejects every dishonest claim
 * of alternatives.ts (counted per kind).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenario } from '../src/arbitraries/scenario.ts';
import { ALTERNATIVE_KINDS, alternatives } from '../src/circuit/alternatives.ts';
import { circuitForm, type CircuitForm } from '../src/circuit/circuitForm.ts';
import { checkRelation } from '../src/circuit/relation.ts';
import { emptyResult, resultOf } from '../src/circuit/resultOf.ts';
import { honestWitness, inputsOf, Valuation } from '../src/circuit/witness.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { RiskParams, Scenario } from '../src/model/types.ts';

const PARAMS = JSON.parse(readFileSync('fixtures/circuit/params.json', 'utf8')) as RiskParams;
const STRICT: RiskParams = { ...PARAMS, trigger: 'strict' };
const SEED = 20261202;

/** Drawn exactly as `check --params` draws (src/cli/commands/check.ts: `scenario({ params })`). */
function drawn(params: RiskParams, runs: number, seed: number): Scenario[] {
  return fc.sample(scenario({ params: fc.constant(params) }), { numRuns: runs, seed });
}

const SCENARIOS = [...drawn(PARAMS, 3000, SEED), ...drawn(STRICT, 600, SEED + 1)];

function formOf(s: Scenario): CircuitForm {
  const f = circuitForm(s);
  if (!f.ok) throw new Error(`outside the profile: ${JSON.stringify(f.error)}`);
  return f.form;
}

/** A scenario of params.json with one long position of 1 BTC at mark = entry = 10000. */
function handCase(trigger: 'strict' | 'inclusive', collateral: string): Scenario {
  return {
    params: { ...PARAMS, trigger },
    marks: { 'BTC-PERP': '10000' },
    account: { collateral, positions: [{ market: 'BTC-PERP', size: '1', entryPrice: '10000' }] },
    insuranceFund: '0',
  };
}

describe('circuit profile: the honest prover', () => {
  it('a hand-computed case: the inclusive boundary ĝ = 0 takes the rounding step', () => {
    // By hand: N = 10000 (tier 0, MM = 200, T = 300); C = 180 → E/MM = 0.9, step 0, f = 0.005.
    // g(Δ) = 180 − 50Δ − 0.03·10000·(1 − Δ) = 250Δ − 120 → Δ* = 0.48 = 480 lots, exact g = 0.
    // At 480 lots: pen = 0.005·4800 = 24, T' = 0.03·5200 = 156, E' = 156 → ĝ = 0: meets under
    // strict (≥), misses under inclusive (>). At 481: pen = ⌈24.05⌉ = 24.05, T' = 155.7,
    // E' = 155.95 > 155.7. Fee = ⌊0.4·pen⌋_0.01: 9.6 and 9.62.
    for (const [trigger, size, penalty, fee] of [['strict', '0.48', '24', '9.6'], ['inclusive', '0.481', '24.05', '9.62']] as const) {
      const form = formOf(handCase(trigger, '180'));
      const w = honestWitness(form);
      expect(checkRelation(inputsOf(form, w))).toEqual({ ok: true });
      const r = resultOf(form, w.claim);
      expect(r.status).toBe('partial');
      expect(r.fills[0]).toMatchObject({ size, penalty, liquidatorFee: fee, realizedPnl: '0', penaltyRate: '0.005' });
      // j0 (the smallest lot count with exact g ≥ 0) is 480 under both; inclusive takes one more.
      // Exact g(480) = 0 misses the inclusive target, so the minimality bit is 0 either way.
      expect(new Valuation(form).firstLot()).toBe(480n);
      expect(w.claim.closeLots).toBe(trigger === 'inclusive' ? 481n : 480n);
      expect(w.hints.minBit).toBe(0n);
    }
  });

  it('the honest witness gives the reference result on the gate\'s draws (3,600 scenarios)', () => {
    const dist = { healthy: 0, partial: 0, full: 0, bankrupt: 0, isolated: 0, boundary: 0, roundingStep: 0, tiersCrossed: 0, tierFloorExact: 0, capped: 0, payoutCapped: 0, dustFull: 0 };
    let micros = 0;
    let witnessMicros = 0;
    let mismatch = 0;
    for (const s of SCENARIOS) {
      const ref = liquidate(s);
      if (!ref.ok) throw new Error(`the reference refused a drawn scenario: ${JSON.stringify(ref.error)}`);
      const t0 = performance.now();
      const form = formOf(s);
      const result = form.position === null ? emptyResult(form) : resultOf(form, honestWitness(form).claim);
      micros += (performance.now() - t0) * 1000;
      if (JSON.stringify(result) !== JSON.stringify(ref.result)) {
        mismatch++;
        if (mismatch === 1) expect(result, JSON.stringify(s)).toEqual(ref.result);
      }
      dist[ref.result.status]++;
      if (form.position === null) continue;
      const t1 = performance.now();
      const w = honestWitness(form);
      witnessMicros += (performance.now() - t1) * 1000;
      const v = new Valuation(form);
      if (form.position.isolated) dist.isolated++;
      if (v.equity * 10n ** 8n === v.mm0) dist.boundary++;
      if (w.claim.status === 1 && w.claim.closeLots === v.firstLot()! + 1n) dist.roundingStep++;
      if (w.claim.status === 1 && v.tier(v.rem(0n)) !== v.tier(v.rem(w.claim.closeLots))) dist.tiersCrossed++;
      if (form.tiers.some((t, k) => k > 0 && t.floor === v.rem(0n))) dist.tierFloorExact++;
      if (w.hints.capped === 1n) dist.capped++;
      if (w.hints.payCapped === 1n) dist.payoutCapped++;
      if (w.claim.status >= 2 && v.firstLot() !== null && w.hints.maxLots < v.firstLot()!) dist.dustFull++;
    }
    console.log(`circuit profile, ${SCENARIOS.length} drawn scenarios: ${JSON.stringify(dist)}; form + witness + result ${(micros / SCENARIOS.length).toFixed(0)} µs/case, witness alone ${(witnessMicros / SCENARIOS.length).toFixed(0)} µs/case`);
    expect(mismatch).toBe(0);
    // Every branch of the relation is exercised, not only the common ones.
    for (const k of ['healthy', 'partial', 'full', 'bankrupt', 'isolated', 'boundary', 'roundingStep', 'tiersCrossed', 'tierFloorExact', 'capped', 'dustFull'] as const) {
      expect(dist[k], k).toBeGreaterThan(10);
    }
  });

  it('the relation accepts every honest witness and rejects every alternative claim', () => {
    const rejected: Record<string, number> = Object.fromEntries(ALTERNATIVE_KINDS.map((k) => [k, 0]));
    const accepted: string[] = [];
    let honest = 0;
    const t0 = performance.now();
    let checks = 0;
    // Every honest witness; the alternatives of the first 2,000 (each builds and checks ~12 claims).
    for (const [index, s] of SCENARIOS.entries()) {
      const form = formOf(s);
      if (form.position === null) continue;
      const verdict = checkRelation(inputsOf(form, honestWitness(form), 12345n));
      checks++;
      if (!verdict.ok) throw new Error(`honest witness rejected (${verdict.failed.join(', ')}): ${JSON.stringify(s)}`);
      honest++;
      if (index >= 2000) continue;
      for (const alt of alternatives(form)) {
        checks++;
        if (checkRelation(inputsOf(form, alt.witness)).ok) accepted.push(`${alt.kind}: ${JSON.stringify(s)}`);
        else rejected[alt.kind]!++;
      }
    }
    const ms = performance.now() - t0;
    console.log(`relation: ${honest} honest accepted; alternatives rejected per kind ${JSON.stringify(rejected)}; ${((ms * 1000) / checks).toFixed(0)} µs per claim (alternatives built and checked)`);
    expect(accepted.slice(0, 3)).toEqual([]);
    for (const k of ALTERNATIVE_KINDS) expect(rejected[k], k).toBeGreaterThan(0);
  });

  it('the relation names the constraint a claim breaks', () => {
    const form = formOf(handCase('inclusive', '180'));
    const byKind = new Map(alternatives(form).map((a) => [a.kind, a.witness]));
    const failed = (kind: (typeof ALTERNATIVE_KINDS)[number]): readonly string[] => {
      const r = checkRelation(inputsOf(form, byKind.get(kind)!));
      return r.ok ? [] : r.failed;
    };
    // 480 lots: ĝ(480) = 0 misses the inclusive target (hand computation above).
    expect(failed('one-lot-less')).toContain('target-at-j');
    // 482 lots: 481 meets, so the minimality probe at j − 1 fails.
    expect(failed('one-lot-more')).toContain('minimal-prev');
    expect(failed('healthy-instead')).toContain('trigger');
    expect(failed('penalty-minus-u')).toContain('pen-ceil');
    expect(failed('fee-plus-u')).toContain('fee-floor');
    expect(failed('pnl-plus-u')).toContain('pnl-floor');
    // A malformed input is a failure with its name, never a throw.
    expect(checkRelation({ ...inputsOf(form, honestWitness(form)), lots: '1.5' })).toEqual({ ok: false, failed: ['input:lots'] });
  });

  it('refuses what is outside the profile by path, and invalid input as the reference does', () => {
    const base = handCase('inclusive', '180');
    const tooFine = { ...base, params: { ...base.params, targetBuffer: '0.000000001' } };
    expect(circuitForm(tooFine)).toMatchObject({ ok: false, error: { code: 'limit-exceeded', message: expect.stringContaining('params.targetBuffer') } });
    const impact = { ...base, params: { ...base.params, priceImpact: '0.001' } };
    expect(circuitForm(impact)).toMatchObject({ ok: false, error: { code: 'limit-exceeded', message: expect.stringContaining('params.priceImpact') } });
    // ℓ·P·(r_0 + b − f_max) = 0.001·1·0.015 < 2u = 0.02 at mark 1: the gain condition fails.
    const cheap = { ...base, marks: { 'BTC-PERP': '1' }, account: { ...base.account, positions: [{ market: 'BTC-PERP', size: '1', entryPrice: '1' }] } };
    expect(circuitForm(cheap)).toMatchObject({ ok: false, error: { code: 'limit-exceeded', message: expect.stringContaining('marks.BTC-PERP') } });
    const broken = { ...base, account: { ...base.account, collateral: '-0' } };
    const ref = liquidate(broken);
    expect(ref.ok).toBe(false);
    expect(circuitForm(broken)).toEqual(ref.ok ? null : { ok: false, error: ref.error });
  });
});
