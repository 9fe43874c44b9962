import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { toCanonical } from './decimal.ts';
import { liquidate } from './liquidate.ts';
import { parseResult } from './parseResult.ts';
import type { Issue } from './types.ts';

type Json = { [key: string]: any };

function validResult(): Json {
  return {
    status: 'partial',
    fills: [
      {
        market: 'BTC-PERP',
        side: 'sell',
        size: '0.2',
        price: '50000',
        notional: '10000',
        penaltyRate: '0.01',
        penalty: '100',
        liquidatorFee: '50',
        insuranceFee: '50',
        realizedPnl: '-400',
      },
    ],
    account: {
      collateral: '500',
      positions: [
        { market: 'BTC-PERP', size: '0.3', entryPrice: '52000' },
        { market: 'ETH-PERP', size: '-2', entryPrice: '2900', isolatedMargin: '100.5' },
      ],
    },
    insuranceFund: '100050',
    insurancePayout: '0',
    badDebt: '0',
    socializedLoss: '0',
    groups: [
      {
        group: 'ETH-PERP',
        status: 'healthy',
        before: { equity: '100', maintenance: '30', target: '42', marginRatio: '3.333333333333333333' },
        after: { equity: '100', maintenance: '30', target: '42', marginRatio: '3.333333333333333333' },
      },
      {
        group: 'cross',
        status: 'partial',
        before: { equity: '0', maintenance: '100', target: '150', marginRatio: '0' },
        after: { equity: '1', maintenance: '0', target: '0', marginRatio: null },
      },
    ],
  };
}

function issuesOf(edit: (r: Json) => void): readonly Issue[] {
  const r = validResult();
  edit(r);
  const parsed = parseResult(r);
  return parsed.ok ? [] : parsed.issues;
}

function onlyIssue(edit: (r: Json) => void, path: string): Issue {
  const issues = issuesOf(edit);
  expect(issues.map((i) => i.path)).toEqual([path]);
  return issues[0] as Issue;
}

describe('parseResult', () => {
  it('parses a well-formed result', () => {
    const r = parseResult(validResult());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const v = r.value;
    expect(v.status).toBe('partial');
    expect(v.fills).toHaveLength(1);
    expect(v.fills[0]?.side).toBe('sell');
    expect(v.fills[0] && toCanonical(v.fills[0].realizedPnl)).toBe('-400');
    expect(toCanonical(v.account.collateral)).toBe('500');
    expect(v.account.positions.map((p) => [p.market, toCanonical(p.size), toCanonical(p.entry)])).toEqual([
      ['BTC-PERP', '0.3', '52000'],
      ['ETH-PERP', '-2', '2900'],
    ]);
    expect(v.account.positions[0]?.isolatedMargin).toBeNull();
    expect(v.account.positions[1]?.isolatedMargin && toCanonical(v.account.positions[1].isolatedMargin)).toBe('100.5');
    expect([v.insuranceFund, v.insurancePayout, v.badDebt, v.socializedLoss].map(toCanonical)).toEqual([
      '100050',
      '0',
      '0',
      '0',
    ]);
    expect(v.groups.map((g) => [g.group, g.status])).toEqual([
      ['ETH-PERP', 'healthy'],
      ['cross', 'partial'],
    ]);
    expect(v.groups[1]?.after.marginRatio).toBeNull();
    expect(v.groups[0]?.before.marginRatio && toCanonical(v.groups[0].before.marginRatio)).toBe('3.333333333333333333');
  });

  it('uses the given root path', () => {
    const r = parseResult({ ...validResult(), status: 'ok' }, 'engine');
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['engine.status']);
  });

  it('does not judge values: wrong signs and totals parse', () => {
    expect(
      issuesOf((r) => {
        r.fills[0].size = '-0.2';
        r.fills[0].penalty = '-1';
        r.account.collateral = '-5';
        r.account.positions[0].size = '0';
        r.badDebt = '-1';
        r.socializedLoss = '12345';
      }),
    ).toEqual([]);
  });

  it('accepts the result decimals of spec §1.1: 120 integer and 54 fraction digits (size × price × rate)', () => {
    expect(issuesOf((r) => (r.groups[0].before.maintenance = '9'.repeat(120) + '.' + '1'.repeat(54)))).toEqual([]);
    const issue = onlyIssue((r) => (r.groups[0].before.maintenance = '0.' + '1'.repeat(55)), 'result.groups[0].before.maintenance');
    expect(issue.expected).toContain('≤54 fraction digits');
    onlyIssue((r) => (r.fills[0].notional = '9'.repeat(121)), 'result.fills[0].notional');
  });

  it('accepts every result the reference model gives at the input limits: a maintenance of 54 fraction digits', () => {
    // size, price and rate of 18 fraction digits each: MM = |q|·P·r has 54.
    const o = liquidate({
      params: {
        quoteScale: 18,
        trigger: 'strict',
        targetBuffer: '0.000000000000000001',
        penalty: { steps: [{ maxMarginRatio: '1', rate: '0.000000000000000001' }], liquidatorShare: '0.5' },
        dustNotional: '0',
        priceImpact: '0',
        markets: { X: { lotSize: '0.000000000000000001', tickSize: '0.000000000000000001', tiers: [{ notionalFloor: '0', maintenanceRate: '0.100000000000000001', maintenanceAmount: '0', initialRate: '0.2' }] } },
      },
      marks: { X: '1.000000000000000001' },
      account: { collateral: '0.1', positions: [{ market: 'X', size: '1.000000000000000001', entryPrice: '1.000000000000000001' }] },
      insuranceFund: '0',
    });
    if (!o.ok) throw new Error(JSON.stringify(o.error));
    expect(o.result.groups[0]!.before.maintenance.split('.')[1]!.length).toBe(54);
    expect(parseResult(o.result)).toMatchObject({ ok: true });
  });

  it('rejects exponents, NaN and JSON numbers', () => {
    expect(onlyIssue((r) => (r.fills[0].price = '5e4'), 'result.fills[0].price').received).toBe('"5e4"');
    expect(onlyIssue((r) => (r.insuranceFund = 'NaN'), 'result.insuranceFund').received).toBe('"NaN"');
    const issue = onlyIssue((r) => (r.groups[0].after.equity = 100), 'result.groups[0].after.equity');
    expect(issue.expected).toContain('JSON numbers are not allowed');
    expect(issue.received).toBe('number 100');
  });

  it('rejects an unknown status or side', () => {
    expect(onlyIssue((r) => (r.status = 'liquidated'), 'result.status')).toEqual({
      path: 'result.status',
      expected: 'one of "healthy", "partial", "full", "bankrupt"',
      received: '"liquidated"',
    });
    expect(onlyIssue((r) => (r.groups[1].status = 'FULL'), 'result.groups[1].status').received).toBe('"FULL"');
    expect(onlyIssue((r) => (r.fills[0].side = 'short'), 'result.fills[0].side').expected).toBe('one of "sell", "buy"');
  });

  it('marginRatio may be null but not missing', () => {
    const issue = onlyIssue((r) => delete r.groups[0].before.marginRatio, 'result.groups[0].before.marginRatio');
    expect(issue.received).toBe('undefined');
  });

  it('rejects missing and unknown fields', () => {
    const issues = issuesOf((r) => {
      delete r.fills[0].realizedPnl;
      r.fills[0].realisedPnl = '-400';
      delete r.groups;
      r.account.positions[1].leverage = '10';
    });
    expect(issues).toEqual([
      { path: 'result.fills[0].realisedPnl', expected: 'no such field', received: '"-400"' },
      { path: 'result.fills[0].realizedPnl', expected: expect.stringContaining('decimal string'), received: 'undefined' },
      { path: 'result.account.positions[1].leverage', expected: 'no such field', received: '"10"' },
      { path: 'result.groups', expected: 'an array of group reports', received: 'undefined' },
    ]);
  });

  it('rejects wrong container types', () => {
    expect(onlyIssue((r) => (r.fills = {}), 'result.fills').expected).toBe('an array of fills');
    expect(onlyIssue((r) => (r.account.positions = null), 'result.account.positions').received).toBe('null');
    expect(onlyIssue((r) => (r.groups[0].before = '100'), 'result.groups[0].before').received).toBe('"100"');
    expect(onlyIssue((r) => (r.fills[0].market = 1), 'result.fills[0].market').expected).toBe('a string');
  });

  it('accepts empty fills, positions and groups', () => {
    expect(
      issuesOf((r) => {
        r.status = 'healthy';
        r.fills = [];
        r.account.positions = [];
        r.groups = [];
      }),
    ).toEqual([]);
  });

  it('never throws, and a rejection always has issues', () => {
    const check = (v: unknown): void => {
      const r = parseResult(v);
      if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
    };
    fc.assert(fc.property(fc.anything(), check));
    const keys = fc.constantFrom('status', 'fills', 'account', 'insuranceFund', 'badDebt', 'groups');
    fc.assert(
      fc.property(keys, fc.anything(), (key, value) => check({ ...validResult(), [key]: value })),
      { numRuns: 300 },
    );
  });
});
