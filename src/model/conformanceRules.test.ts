/**
 * The input rules an independent port hit only by probing the reference (issue 11 §4), as
 * docs/spec.md now states them: the decimal patterns of §1.1, the `x-` extension namespace and
 * unknown fields (§2.5), marks and markets (§2.1–§2.3), and the 2^20-candidate limit (§6.3).
 * Each rule is checked on both parse paths: the trusted one (the compiled schema accepted the
 * value) and the checking one (it rejected something else, so every reader checks again).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCanonical, Dec } from './decimal.ts';
import { liquidate } from './liquidate.ts';
import { INPUT_DIGITS, RESULT_DIGITS, parseDecimal } from './parseDecimal.ts';
import { parseResult } from './parseResult.ts';
import { parseParams, parseScenario } from './parseScenario.ts';
import { btcLong, ok, oneTier, oneTierMarket } from './__support__/oneTier.ts';
import type { Issue, Scenario } from './types.ts';
import { decimalPattern } from '../wire/common.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test surgery on plain JSON

const clone = <T>(x: T): T => structuredClone(x);
const issuesOf = (s: unknown): readonly Issue[] => {
  const o = parseScenario(s);
  return o.ok ? [] : o.issues;
};
/** 2 BTC long entered at 51000, marked 50000 (U = −2000, MM = 500, T = 600): E = 400 < MM, a partial close. */
const base = (): Scenario => btcLong(oneTier(), '2400');
/** The same scenario with one structural error elsewhere, so that the parse runs in checking mode. */
const withStructuralError = (s: Json): Json => ({ ...s, insuranceFund: 1000 });
const FUND_ISSUE = { path: 'insuranceFund', expected: expect.stringContaining('JSON numbers are not allowed') as unknown };

describe('spec §1.1: the decimal patterns, as docs/spec.md writes them', () => {
  const section = /### 1\.1 Representation\n([\s\S]*?)\n### 1\.2/.exec(readFileSync(new URL('../../docs/spec.md', import.meta.url), 'utf8'))![1]!;
  const patterns = [...section.matchAll(/`(\^[^`]*\$)`/g)].map((m) => new RegExp(m[1]!, 'u'));
  const [input, canonical] = patterns as [RegExp, RegExp];
  const schemaInput = new RegExp(decimalPattern('input', INPUT_DIGITS), 'u');
  const schemaCanonical = new RegExp(decimalPattern('canonical', RESULT_DIGITS), 'u');

  it('states two patterns: input, then canonical', () => expect(patterns).toHaveLength(2));

  it.each(['-0', '-0.0', '-0.00', '-0.000000'])('no pattern admits negative zero %j', (s) => {
    expect(input.test(s)).toBe(false);
    expect(canonical.test(s)).toBe(false);
    expect(parseDecimal(s, 'x', [])).toBeUndefined();
  });

  // Every string of up to 6 characters over the alphabet that matters (sign, zero, a non-zero
  // digit, the point): short enough that no digit limit applies, so the three must agree exactly.
  const alphabet = ['-', '0', '5', '.'];
  const strings: string[] = [''];
  for (let len = 1, layer = ['']; len <= 6; len++) {
    layer = layer.flatMap((p) => alphabet.map((c) => p + c));
    strings.push(...layer);
  }

  it('the spec input pattern, the shipped schema pattern and parseDecimal accept the same strings', () => {
    const disagree = strings.filter((s) => {
      const parsed = parseDecimal(s, 'x', []) !== undefined;
      return input.test(s) !== parsed || schemaInput.test(s) !== parsed;
    });
    expect(disagree).toEqual([]);
    expect(strings.filter((s) => input.test(s)).length).toBeGreaterThan(100); // the table reaches both sides
    // Trailing zeros and signed non-zero values are input, longer than the table's strings too.
    for (const s of ['1.50', '-0.50', '0.00', '0', '-1', '100.0', '0.000000000000000001']) {
      expect([s, input.test(s), parseDecimal(s, 'x', []) !== undefined]).toEqual([s, true, true]);
    }
  });

  it('a string is canonical (spec pattern, result schema) exactly when it is valid and equals its canonical form', () => {
    const disagree = strings.filter((s) => {
      const x = parseDecimal(s, 'x', []);
      const isCanonical = x !== undefined && toCanonical(x) === s;
      return canonical.test(s) !== isCanonical || schemaCanonical.test(s) !== isCanonical;
    });
    expect(disagree).toEqual([]);
    expect(toCanonical(new Dec('-0.50'))).toBe('-0.5'); // hand-checked anchor of the comparison
  });
});

describe('spec §2.5: unknown fields are rejected, `x-` keys are ignored', () => {
  /** `x-` keys at every depth of the scenario's objects. */
  const annotated = (): Json => {
    const s = clone(base()) as Json;
    s['x-note'] = 'top level';
    s['params']['x-note'] = { any: ['json', 1] };
    s['params']['penalty']['x-source'] = 'docs';
    s['params']['penalty']['steps'][0]['x-why'] = 1;
    s['params']['markets']['BTC']['x-venue'] = 'binance';
    s['params']['markets']['BTC']['tiers'][0]['x-bracket'] = 1;
    s['account']['x-owner'] = 'alice';
    s['account']['positions'][0]['x-note'] = null;
    return s;
  };

  it('a scenario with x- keys at every level is liquidated exactly as without them (trusted path)', () => {
    const plain = ok(base());
    expect(plain.status).toBe('partial'); // the example really liquidates something
    expect(liquidate(annotated())).toEqual({ ok: true, result: plain });
    // Dictionary keys are market ids, not fields: an "x-perp" mark is a mark, checked as one.
    const s = annotated();
    s['marks']['x-perp'] = '0';
    expect(issuesOf(s)).toEqual([{ path: 'marks["x-perp"]', expected: 'a decimal > 0', received: '"0"' }]);
  });

  it('x- keys are not issues in checking mode either: only the real problem is reported', () => {
    expect(issuesOf(withStructuralError(annotated()))).toEqual([expect.objectContaining(FUND_ISSUE)]);
  });

  it.each([
    ['top level', (s: Json) => void (s['note'] = 'x'), 'note'],
    ['params', (s: Json) => void (s['params']['note'] = 'x'), 'params.note'],
    ['a position', (s: Json) => void (s['account']['positions'][0]['note'] = 'x'), 'account.positions[0].note'],
    ['a tier', (s: Json) => void (s['params']['markets']['BTC']['tiers'][0]['X-note'] = 'x'), 'params.markets["BTC"].tiers[0]["X-note"]'],
  ])('a key without the x- prefix in %s is rejected with its path and "no such field"', (_where, edit, path) => {
    const s = annotated();
    edit(s);
    expect(issuesOf(s)).toEqual([{ path, expected: 'no such field', received: '"x"' }]);
    expect(issuesOf(withStructuralError(s))).toEqual(expect.arrayContaining([{ path, expected: 'no such field', received: '"x"' }]));
  });

  it('a result with x- keys parses as without them; an unknown field makes it malformed', () => {
    const r = clone(ok(base())) as Json;
    const plain = parseResult(clone(r));
    r['x-engine'] = 'v2';
    r['fills'][0]['x-order-id'] = 17;
    r['account']['positions'][0]['x-note'] = 'kept';
    r['groups'][0]['before']['x-debug'] = true;
    expect(parseResult(r)).toEqual(plain);
    r['debug'] = true;
    const o = parseResult(r);
    expect(o.ok ? [] : o.issues).toEqual([{ path: 'result.debug', expected: 'no such field', received: 'boolean true' }]);
  });
});

describe('spec §2.1–§2.3: marks and markets', () => {
  it('a mark of a market the account does not hold may name no market of params, and is not on any tick', () => {
    const s = clone(base()) as Json;
    s['params']['markets']['ETH'] = { ...oneTierMarket(), tickSize: '0.5' };
    s['marks']['ETH'] = '1.25'; // off ETH's tick 0.5: not checked, ETH is not held
    s['marks']['SOL'] = '0.000001'; // not a market of params at all
    expect(liquidate(s)).toEqual({ ok: true, result: ok(base()) });
  });

  it.each([
    ['0', 'a decimal > 0'],
    ['-5', 'a decimal > 0'],
  ])('a mark of an unheld market must still be > 0: %j', (mark, expected) => {
    const s = clone(base()) as Json;
    s['marks']['SOL'] = mark;
    expect(issuesOf(s)).toEqual([{ path: 'marks["SOL"]', expected, received: JSON.stringify(mark) }]);
  });

  it('params.markets must not be empty, even when the account holds no position', () => {
    const s = clone(base()) as Json;
    s['params']['markets'] = {};
    s['marks'] = {};
    s['account']['positions'] = [];
    const expected = { path: 'params.markets', expected: 'an object of markets by id, with at least one market', received: 'object {}' };
    expect(issuesOf(s)).toEqual([expected]);
    expect(issuesOf(withStructuralError(s))).toEqual([expected, expect.objectContaining(FUND_ISSUE)]);
    expect(parseParams(s['params']).ok).toBe(false);
  });

  it('an account with no position is valid (healthy, nothing computed)', () => {
    const s = clone(base()) as Json;
    s['account']['positions'] = [];
    expect(ok(s as Scenario).status).toBe('healthy');
  });

  it('the market id "" is rejected as a params.markets key, a marks key and a position market, on both parse paths', () => {
    const s = clone(base()) as Json;
    s['params']['markets'][''] = oneTierMarket();
    s['marks'][''] = '1';
    s['account']['positions'].push({ market: '', size: '1', entryPrice: '1' });
    const want = [
      { path: 'params.markets[""]', expected: 'a non-empty market id', received: '""' },
      { path: 'account.positions[1].market', expected: 'a non-empty string', received: '""' },
      { path: 'marks[""]', expected: 'a non-empty market id', received: '""' },
    ];
    expect(issuesOf(s)).toEqual(expect.arrayContaining(want));
    expect(issuesOf(s)).toHaveLength(want.length);
    expect(issuesOf(withStructuralError(s))).toEqual(expect.arrayContaining(want));
  });

  it('quoteScale written 6.0 in JSON is the number 6 (RFC 8259: one number type)', () => {
    const text = JSON.stringify(base()).replace('"quoteScale":6', '"quoteScale":6.0');
    expect(text).toContain('"quoteScale":6.0');
    expect(liquidate(JSON.parse(text))).toEqual({ ok: true, result: ok(base()) });
  });

  it.each([[6.5], ['6'], [19], [-1]])('quoteScale %j is invalid', (q) => {
    const s = clone(base()) as Json;
    s['params']['quoteScale'] = q;
    expect(issuesOf(s)).toEqual([{ path: 'params.quoteScale', expected: 'an integer 0…18 (a JSON number)', received: expect.any(String) as unknown }]);
  });
});

describe('spec §6.3: the 2^20-candidate limit counts failed verifications per position', () => {
  // Hand-computed, not a published vector. Quote scale 0 (u = 1), one market: lot 10^−6, tick 1,
  // one tier r = 0.5, penalty rate f = 0.001, no buffer, no price impact, no dust; a long of
  // Q·10^−6 entered and marked at 1 with collateral C = 4501. Entry = mark, so no PnL and no
  // residue: with Δ = m lots, g = C − 0.5·q + 0.499·Δ, and ĝ = C − ⌈0.001·Δ⌉ − 0.5·(q − Δ).
  // Δ_0 is the least m with g ≥ 0: m_0 = (500·Q − 10^9·C) / 499 (Q is chosen so this is exact).
  // For 10^9 < m ≤ 2·10^9 the rounded penalty is 2, and ĝ ≥ 0 ⟺ m ≥ m_pass = Q − 2·10^6·(C − 2).
  // So m_pass − m_0 candidates fail before m_pass meets the target (slope 0.499 > 0: no stop).
  const scenario = (size: string): Scenario => ({
    params: {
      quoteScale: 0,
      trigger: 'strict',
      targetBuffer: '0',
      penalty: { steps: [{ maxMarginRatio: '1', rate: '0.001' }], liquidatorShare: '0.5' },
      dustNotional: '0',
      priceImpact: '0',
      markets: { M: { lotSize: '0.000001', tickSize: '1', tiers: [{ notionalFloor: '0', maintenanceRate: '0.5', maintenanceAmount: '0', initialRate: '0.5' }] } },
    },
    marks: { M: '1' },
    account: { collateral: '4501', positions: [{ market: 'M', size, entryPrice: '1' }] },
    insuranceFund: '0',
  });

  it('2^20 − 1 failures: the 2^20-th candidate is verified and is the answer', { timeout: 120_000 }, () => {
    // Q = 10474761075: m_0 = 736380537500 / 499 = 1475712500, m_pass = 1476761075, 1048575 failures.
    const r = ok(scenario('10474.761075'));
    expect(r.status).toBe('partial');
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]).toMatchObject({ size: '1476.761075', penalty: '2', realizedPnl: '0' });
    // After: 8998 left, collateral 4499 = T = 0.5 · 8998 (met with equality, strict trigger).
    expect(r.account).toEqual({ collateral: '4499', positions: [{ market: 'M', size: '8998', entryPrice: '1' }] });
  });

  it('2^20 failures: limit-exceeded, no result', { timeout: 120_000 }, () => {
    // Q = 10474760576: m_0 = 736380288000 / 499 = 1475712000, m_pass = 1476760576, 1048576 failures.
    const o = liquidate(scenario('10474.760576'));
    expect(o.ok).toBe(false);
    expect(o.ok ? undefined : o.error.code).toBe('limit-exceeded');
  });
});
