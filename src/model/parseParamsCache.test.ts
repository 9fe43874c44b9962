/**
 * Parsed risk parameters are cached by object identity (parseScenario.ts), yet a parse must always
 * answer for the object as it is now (spec §2: nothing is computed from invalid input).
 */
import { describe, expect, it } from 'vitest';
import { oneTier } from './__support__/oneTier.ts';
import { parseParams, parseScenario } from './parseScenario.ts';

type Json = { [key: string]: any };

const validParams = (): Json => oneTier();

const quoteScaleIssue = { path: 'params.quoteScale', expected: 'an integer 0…18 (a JSON number)', received: 'number 19' };

describe('params cache', () => {
  it('sees a params object edited after it was parsed', () => {
    const params = validParams();
    expect(parseParams(params).ok).toBe(true);
    params.quoteScale = 19;
    expect(parseParams(params)).toEqual({ ok: false, issues: [quoteScaleIssue] });
    params.quoteScale = 6;
    expect(parseParams(params).ok).toBe(true);
  });

  it('sees the edit through parseScenario too', () => {
    const params = validParams();
    const scenario = { params, marks: {}, account: { collateral: '0', positions: [] }, insuranceFund: '0' };
    expect(parseScenario(scenario).ok).toBe(true);
    params.quoteScale = 19;
    expect(parseScenario(scenario)).toEqual({ ok: false, issues: [quoteScaleIssue] });
  });

  it('answers the same for the same unchanged object, issues included', () => {
    const params = validParams();
    params.dustNotional = '-1';
    const first = parseParams(params);
    expect(first).toEqual({ ok: false, issues: [{ path: 'params.dustNotional', expected: 'a decimal ≥ 0', received: '"-1"' }] });
    expect(parseParams(params)).toEqual(first);
  });

  it.each([null, undefined, 6, 'params'])('reports non-object params %j instead of throwing', (value) => {
    const r = parseParams(value);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['params']);
    const s = parseScenario({ params: value, marks: {}, account: { collateral: '0', positions: [] }, insuranceFund: '0' });
    expect(s.ok ? [] : s.issues.map((i) => i.path)).toEqual(['params']);
  });
});
