/**
 * Input validation reports every problem on its own (spec §2: "a typed error listing every
 * offending field path, what was expected and what was received"): an unknown field is enough to
 * reject, one bad field neither hides nor fakes another issue, and paths name the field itself.
 */
import { describe, expect, it } from 'vitest';
import { toCanonical } from './decimal.ts';
import { parseResult } from './parseResult.ts';
import { parseParams, parseScenario } from './parseScenario.ts';
import type { Issue } from './types.ts';

type Json = { [key: string]: any };

function validScenario(): Json {
  return {
    params: {
      quoteScale: 6,
      trigger: 'strict',
      targetBuffer: '0.002',
      penalty: { steps: [{ maxMarginRatio: '1', rate: '0.005' }], liquidatorShare: '0.5' },
      dustNotional: '10',
      priceImpact: '0',
      markets: {
        'BTC-PERP': {
          lotSize: '0.001',
          tickSize: '0.1',
          tiers: [
            { notionalFloor: '0', maintenanceRate: '0.004', maintenanceAmount: '0', initialRate: '0.008' },
            { notionalFloor: '250000', maintenanceRate: '0.005', maintenanceAmount: '250', initialRate: '0.01' },
          ],
        },
        'ETH-PERP': {
          lotSize: '0.01',
          tickSize: '0.01',
          tiers: [{ notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' }],
        },
      },
    },
    marks: { 'BTC-PERP': '50000', 'ETH-PERP': '3000' },
    account: { collateral: '1000', positions: [{ market: 'BTC-PERP', size: '0.5', entryPrice: '52000' }] },
    insuranceFund: '100000',
  };
}

function issuesOf(edit: (s: Json) => void): readonly Issue[] {
  const s = validScenario();
  edit(s);
  const r = parseScenario(s);
  return r.ok ? [] : r.issues;
}

const tiers = 'params.markets["BTC-PERP"].tiers';

describe('an unknown field alone rejects the input', () => {
  it('in params parsed on their own', () => {
    const params = { ...validScenario().params, leverage: '10' };
    expect(parseParams(params)).toEqual({
      ok: false,
      issues: [{ path: 'params.leverage', expected: 'no such field', received: '"10"' }],
    });
  });

  it('in an engine result', () => {
    const result = {
      status: 'healthy',
      fills: [],
      account: { collateral: '1', positions: [] },
      insuranceFund: '0',
      insurancePayout: '0',
      badDebt: '0',
      socializedLoss: '0',
      groups: [],
    };
    expect(parseResult(result).ok).toBe(true);
    expect(parseResult({ ...result, engine: 'v2' })).toEqual({
      ok: false,
      issues: [{ path: 'result.engine', expected: 'no such field', received: '"v2"' }],
    });
  });
});

describe('one bad field neither hides nor fakes another issue', () => {
  it('a duplicate market is reported even when the duplicate position has another error', () => {
    const issues = issuesOf((s) => s.account.positions.push({ market: 'BTC-PERP', size: '0', entryPrice: '52000' }));
    expect(issues).toEqual([
      { path: 'account.positions[1].size', expected: 'a non-zero decimal (long > 0, short < 0)', received: '"0"' },
      {
        path: 'account.positions[1].market',
        expected: 'a market not already held (account.positions[0] holds it; one position per market)',
        received: '"BTC-PERP"',
      },
    ]);
  });

  it('positions without a market are not duplicates of each other', () => {
    const issues = issuesOf((s) => {
      s.account.positions = [
        { size: '0.5', entryPrice: '52000' },
        { size: '1', entryPrice: '3000' },
      ];
    });
    expect(issues).toEqual([
      { path: 'account.positions[0].market', expected: 'a non-empty string', received: 'undefined' },
      { path: 'account.positions[1].market', expected: 'a non-empty string', received: 'undefined' },
    ]);
  });

  it('an unparsable first-tier rate is reported once, without a cascade onto the next tier', () => {
    const issues = issuesOf((s) => (s.params.markets['BTC-PERP'].tiers[0].maintenanceRate = '4e-3'));
    expect(issues).toEqual([
      {
        path: `${tiers}[0].maintenanceRate`,
        expected: 'a decimal string (no exponent, ≤30 integer and ≤18 fraction digits)',
        received: '"4e-3"',
      },
    ]);
  });
  it('an unparsable middle floor is reported once; the next tier is not checked against an unknown offset', () => {
    const issues = issuesOf((s) => {
      const t = s.params.markets['BTC-PERP'].tiers;
      // Continuous third tier: cum_2 = 250 + 1000000·(0.01 − 0.005) = 5250.
      t.push({ notionalFloor: '1000000', maintenanceRate: '0.01', maintenanceAmount: '5250', initialRate: '0.02' });
      t[1].notionalFloor = '2.5e5';
    });
    expect(issues.map((i) => i.path)).toEqual([`${tiers}[1].notionalFloor`]);
  });
});

describe('paths and messages name the field', () => {
  it('a negative floor is out of domain, at the floor itself', () => {
    expect(issuesOf((s) => (s.params.markets['BTC-PERP'].tiers[1].notionalFloor = '-1'))).toEqual([
      { path: `${tiers}[1].notionalFloor`, expected: 'a decimal ≥ 0', received: '"-1"' },
    ]);
  });

  it('an unparsable maintenanceAmount, at the amount itself', () => {
    expect(issuesOf((s) => (s.params.markets['BTC-PERP'].tiers[1].maintenanceAmount = '2.5e2')).map((i) => i.path)).toEqual([
      `${tiers}[1].maintenanceAmount`,
    ]);
  });

  it('an empty market id in marks', () => {
    expect(issuesOf((s) => (s.marks[''] = '100'))).toEqual([
      { path: 'marks[""]', expected: 'a non-empty market id', received: '""' },
    ]);
  });

  it('an unknown market lists the known ones', () => {
    const issues = issuesOf((s) => {
      s.account.positions[0].market = 'XRP-PERP';
      s.marks['XRP-PERP'] = '1'; // so that the missing mark is not a second issue
    });
    expect(issues).toEqual([
      { path: 'account.positions[0].market', expected: 'a market id defined in params.markets ("BTC-PERP", "ETH-PERP")', received: '"XRP-PERP"' },
    ]);
  });
});

describe('quoteScale (§2.1: integer 0…18)', () => {
  it('accepts 18: u = 10^−18', () => {
    const r = parseParams({ ...validScenario().params, quoteScale: 18 });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(toCanonical(r.value.unit)).toBe(`0.${'0'.repeat(17)}1`);
  });

  it('reads a JSON -0 as 0', () => {
    const params = JSON.parse(JSON.stringify(validScenario().params).replace('"quoteScale":6', '"quoteScale":-0'));
    expect(Object.is(params.quoteScale, -0)).toBe(true);
    const r = parseParams(params);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.quoteScale).toBe(0); // toBe compares with Object.is: -0 would fail
  });
});
