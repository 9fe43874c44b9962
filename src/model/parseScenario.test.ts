import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { toCanonical } from './decimal.ts';
import { parseParams, parseScenario } from './parseScenario.ts';
import type { Issue } from './types.ts';

/** A mutable, JSON-shaped scenario: tests edit it freely before parsing. */
type Json = { [key: string]: any };

function validScenario(): Json {
  return {
    params: {
      quoteScale: 6,
      trigger: 'strict',
      targetBuffer: '0.002',
      penalty: {
        steps: [
          { maxMarginRatio: '1', rate: '0.005' },
          { maxMarginRatio: '0.5', rate: '0.01' },
        ],
        liquidatorShare: '0.5',
      },
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
      },
    },
    marks: { 'BTC-PERP': '50000' },
    account: {
      collateral: '1000',
      positions: [{ market: 'BTC-PERP', size: '0.5', entryPrice: '52000' }],
    },
    insuranceFund: '100000',
  };
}

/** A scenario with a second market, a short isolated position, and a mark for an unheld market. */
function twoMarketScenario(): Json {
  const s = validScenario();
  s.params.markets['ETH-PERP'] = {
    lotSize: '0.01',
    tickSize: '0.01',
    tiers: [{ notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' }],
  };
  s.params.markets['SOL-PERP'] = {
    lotSize: '1',
    tickSize: '0.001',
    tiers: [{ notionalFloor: '0', maintenanceRate: '0.01', maintenanceAmount: '0', initialRate: '0.02' }],
  };
  s.marks['ETH-PERP'] = '3000.25';
  s.marks['SOL-PERP'] = '150.0005';
  s.account.positions.push({ market: 'ETH-PERP', size: '-2.5', entryPrice: '2900', isolatedMargin: '120.5' });
  return s;
}

function issuesOf(edit: (s: Json) => void, base: () => Json = validScenario): readonly Issue[] {
  const s = base();
  edit(s);
  const r = parseScenario(s);
  return r.ok ? [] : r.issues;
}

/** Asserts that exactly one issue was reported, at `path`, and returns it. */
function onlyIssue(edit: (s: Json) => void, path: string): Issue {
  const issues = issuesOf(edit);
  expect(issues.map((i) => i.path)).toEqual([path]);
  return issues[0] as Issue;
}

describe('parseScenario: valid input', () => {
  it('parses a realistic scenario', () => {
    const r = parseScenario(validScenario());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const { params, marks, collateral, positions, insuranceFund } = r.value;
    expect(params.quoteScale).toBe(6);
    expect(toCanonical(params.unit)).toBe('0.000001');
    expect(params.trigger).toBe('strict');
    expect(toCanonical(params.buffer)).toBe('0.002');
    expect(params.steps.map((s) => [toCanonical(s.maxMarginRatio), toCanonical(s.rate)])).toEqual([
      ['1', '0.005'],
      ['0.5', '0.01'],
    ]);
    expect(toCanonical(params.liquidatorShare)).toBe('0.5');
    expect(toCanonical(params.dustNotional)).toBe('10');
    expect(params.priceImpact.isZero()).toBe(true);
    const btc = params.markets.get('BTC-PERP');
    expect(btc && toCanonical(btc.lot)).toBe('0.001');
    expect(btc && toCanonical(btc.tick)).toBe('0.1');
    expect(btc?.tiers.map((t) => [t.floor, t.rate, t.amount, t.initialRate].map(toCanonical))).toEqual([
      ['0', '0.004', '0', '0.008'],
      ['250000', '0.005', '250', '0.01'],
    ]);
    expect(toCanonical(marks.get('BTC-PERP')!)).toBe('50000');
    expect(toCanonical(collateral)).toBe('1000');
    expect(positions).toHaveLength(1);
    expect(positions[0]?.market).toBe('BTC-PERP');
    expect(positions[0] && toCanonical(positions[0].size)).toBe('0.5');
    expect(positions[0] && toCanonical(positions[0].entry)).toBe('52000');
    expect(positions[0]?.isolatedMargin).toBeNull();
    expect(toCanonical(insuranceFund)).toBe('100000');
  });

  it('parses shorts, isolated margin and marks of unheld markets, keeping position order', () => {
    const s = twoMarketScenario();
    s.account.positions.reverse();
    const r = parseScenario(s);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.positions.map((p) => p.market)).toEqual(['ETH-PERP', 'BTC-PERP']);
    const eth = r.value.positions[0];
    expect(eth && toCanonical(eth.size)).toBe('-2.5');
    expect(eth?.isolatedMargin && toCanonical(eth.isolatedMargin)).toBe('120.5');
    expect(r.value.params.markets.size).toBe(3);
    expect(r.value.marks.size).toBe(3);
  });

  it('accepts boundary values', () => {
    const r = parseScenario(
      (() => {
        const s = validScenario();
        s.params.quoteScale = 0;
        s.params.trigger = 'inclusive';
        s.params.targetBuffer = '0';
        s.params.penalty.liquidatorShare = '1';
        s.params.penalty.steps = [{ maxMarginRatio: '1', rate: '0' }];
        s.params.dustNotional = '0';
        s.params.priceImpact = '0.99';
        s.params.markets['BTC-PERP'].tiers[1].initialRate = '1';
        s.account.collateral = '0';
        s.account.positions = [];
        s.insuranceFund = '0';
        s.marks = {};
        return s;
      })(),
    );
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('accepts trailing fraction zeros beyond quoteScale', () => {
    expect(issuesOf((s) => (s.account.collateral = '1000.000000000'))).toEqual([]);
  });

  it('accepts a later penalty step below ratio 0 (deeper than bankrupt)', () => {
    expect(issuesOf((s) => s.params.penalty.steps.push({ maxMarginRatio: '-0.5', rate: '0.02' }))).toEqual([]);
  });
});

describe('parseScenario: structure', () => {
  it('rejects a non-object scenario at the root path', () => {
    for (const input of [null, undefined, 'scenario', 42, [], new Map()]) {
      const r = parseScenario(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['']);
    }
  });

  it('rejects unknown keys at every level', () => {
    const issues = issuesOf((s) => {
      s.extra = 1;
      s.params.penalty.slope = '1';
      s.params.markets['BTC-PERP'].tiers[1].maxLeverage = '50';
      s.account.positions[0].isolatedMagin = '10';
    });
    expect(issues).toEqual([
      { path: 'extra', expected: 'no such field', received: 'number 1' },
      { path: 'params.penalty.slope', expected: 'no such field', received: '"1"' },
      { path: 'params.markets["BTC-PERP"].tiers[1].maxLeverage', expected: 'no such field', received: '"50"' },
      { path: 'account.positions[0].isolatedMagin', expected: 'no such field', received: '"10"' },
    ]);
  });

  it('quotes keys that are not identifiers', () => {
    expect(onlyIssue((s) => (s.account['bad key'] = 1), 'account["bad key"]').expected).toBe('no such field');
  });

  it('rejects missing required keys', () => {
    const issues = issuesOf((s) => {
      delete s.params.trigger;
      delete s.params.markets['BTC-PERP'].tiers[0].initialRate;
      delete s.account.positions[0].entryPrice;
      delete s.insuranceFund;
    });
    expect(issues.map((i) => [i.path, i.received])).toEqual([
      ['params.trigger', 'undefined'],
      ['params.markets["BTC-PERP"].tiers[0].initialRate', 'undefined'],
      ['account.positions[0].entryPrice', 'undefined'],
      ['insuranceFund', 'undefined'],
    ]);
  });

  it('rejects objects that are arrays or class instances', () => {
    expect(onlyIssue((s) => (s.params.penalty = []), 'params.penalty').received).toBe('array of 0 items');
    expect(onlyIssue((s) => (s.account = new Date(0)), 'account').received).toContain('Date');
  });

  it('accepts null-prototype objects', () => {
    expect(issuesOf((s) => (s.marks = Object.assign(Object.create(null), s.marks)))).toEqual([]);
  });

  it('treats __proto__ as an ordinary (unknown) key', () => {
    const s = JSON.parse(JSON.stringify(validScenario()).replace('"trigger"', '"__proto__":{"x":1},"trigger"'));
    const r = parseScenario(s);
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.expected])).toEqual([['params.__proto__', 'no such field']]);
  });

  it('rejects JSON numbers for amounts and says so', () => {
    const issue = onlyIssue((s) => (s.account.collateral = 1000), 'account.collateral');
    expect(issue.expected).toContain('JSON numbers are not allowed');
    expect(issue.received).toBe('number 1000');
  });

  it('rejects an exponent with the offending value in received', () => {
    const issue = onlyIssue((s) => (s.account.positions[0].size = '1e999999'), 'account.positions[0].size');
    expect(issue.received).toContain('1e999999');
    expect(issue.expected).toContain('no exponent');
  });

  it('collects every issue, not just the first', () => {
    const issues = issuesOf((s) => {
      s.params.quoteScale = 19;
      s.params.trigger = 'lenient';
      s.marks['BTC-PERP'] = '-1';
      s.account.positions[0].size = '0';
      s.insuranceFund = 5;
    });
    expect(issues.map((i) => i.path)).toEqual([
      'params.quoteScale',
      'params.trigger',
      'marks["BTC-PERP"]',
      'account.positions[0].size',
      'insuranceFund',
    ]);
  });
});

describe('parseScenario: params (§2.1)', () => {
  it.each([19, -1, 1.5, '6', null])('quoteScale %j', (q) => {
    const issue = onlyIssue((s) => (s.params.quoteScale = q), 'params.quoteScale');
    expect(issue.expected).toBe('an integer 0…18 (a JSON number)');
  });

  it('trigger', () => {
    expect(onlyIssue((s) => (s.params.trigger = 'lenient'), 'params.trigger')).toEqual({
      path: 'params.trigger',
      expected: 'one of "strict", "inclusive"',
      received: '"lenient"',
    });
  });

  it('targetBuffer ≥ 0', () => {
    expect(onlyIssue((s) => (s.params.targetBuffer = '-0.001'), 'params.targetBuffer').expected).toBe('a decimal ≥ 0');
  });

  it('maintenanceRate + targetBuffer < 1 on every tier', () => {
    const issues = issuesOf((s) => (s.params.targetBuffer = '0.995'));
    expect(issues).toEqual([
      {
        path: 'params.markets["BTC-PERP"].tiers[1].maintenanceRate',
        expected: 'a decimal < 0.005 (maintenanceRate + targetBuffer < 1, targetBuffer = 0.995)',
        received: '"0.005"',
      },
    ]);
    expect(issuesOf((s) => (s.params.targetBuffer = '0.996')).map((i) => i.path)).toEqual([
      'params.markets["BTC-PERP"].tiers[0].maintenanceRate',
      'params.markets["BTC-PERP"].tiers[1].maintenanceRate',
    ]);
  });

  it('penalty.steps non-empty', () => {
    expect(onlyIssue((s) => (s.params.penalty.steps = []), 'params.penalty.steps').received).toBe('array of 0 items');
  });

  it('first maxMarginRatio ≥ 1', () => {
    const issue = onlyIssue((s) => (s.params.penalty.steps[0].maxMarginRatio = '0.9'), 'params.penalty.steps[0].maxMarginRatio');
    expect(issue.expected).toContain('≥ 1');
    expect(issue.received).toBe('"0.9"');
  });

  it('maxMarginRatio strictly decreasing', () => {
    const issue = onlyIssue((s) => (s.params.penalty.steps[1].maxMarginRatio = '1'), 'params.penalty.steps[1].maxMarginRatio');
    expect(issue.expected).toBe('a decimal < 1 (maxMarginRatio strictly decreasing)');
  });

  it('penalty rate non-decreasing and in [0, 1)', () => {
    expect(onlyIssue((s) => (s.params.penalty.steps[1].rate = '0.004'), 'params.penalty.steps[1].rate').expected).toBe(
      'a decimal in [0.005, 1) (rates non-decreasing)',
    );
    expect(onlyIssue((s) => (s.params.penalty.steps[0].rate = '-0.001'), 'params.penalty.steps[0].rate').expected).toBe(
      'a decimal in [0, 1)',
    );
    expect(onlyIssue((s) => (s.params.penalty.steps[1].rate = '1'), 'params.penalty.steps[1].rate').expected).toBe(
      'a decimal in [0, 1)',
    );
  });

  it('liquidatorShare in [0, 1]', () => {
    expect(onlyIssue((s) => (s.params.penalty.liquidatorShare = '1.01'), 'params.penalty.liquidatorShare')).toEqual({
      path: 'params.penalty.liquidatorShare',
      expected: 'a decimal in [0, 1]',
      received: '"1.01"',
    });
  });

  it('dustNotional ≥ 0', () => {
    expect(onlyIssue((s) => (s.params.dustNotional = '-10'), 'params.dustNotional').expected).toBe('a decimal ≥ 0');
  });

  it('priceImpact in [0, 1)', () => {
    expect(onlyIssue((s) => (s.params.priceImpact = '1'), 'params.priceImpact').expected).toBe('a decimal in [0, 1)');
  });

  it('at least one market, with a non-empty id', () => {
    const issues = issuesOf((s) => (s.params.markets = {}));
    expect(issues.map((i) => i.path)).toEqual(['params.markets', 'account.positions[0].market']);
    expect(issues[0]?.expected).toContain('at least one market');
    const issue = onlyIssue((s) => (s.params.markets[''] = s.params.markets['BTC-PERP']), 'params.markets[""]');
    expect(issue.expected).toBe('a non-empty market id');
  });

  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'])('no market or mark named %s (it would collide with Object.prototype)', (id) => {
    // Own data properties, as JSON.parse creates them (an assignment to __proto__ would not).
    const issues = issuesOf((s) => {
      Object.defineProperty(s.params.markets, id, { value: s.params.markets['BTC-PERP'], enumerable: true });
      Object.defineProperty(s.marks, id, { value: '1', enumerable: true });
    });
    expect(issues.map((i) => i.path)).toEqual([`params.markets[${JSON.stringify(id)}]`, `marks[${JSON.stringify(id)}]`]);
    expect(issues[0]?.expected).toContain('not a property name of a plain JavaScript object');
  });

  it('lotSize and tickSize > 0', () => {
    const issues = issuesOf((s) => {
      s.params.markets['BTC-PERP'].lotSize = '0';
      s.params.markets['BTC-PERP'].tickSize = '-0.1';
    });
    expect(issues).toEqual([
      { path: 'params.markets["BTC-PERP"].lotSize', expected: 'a decimal > 0', received: '"0"' },
      { path: 'params.markets["BTC-PERP"].tickSize', expected: 'a decimal > 0', received: '"-0.1"' },
    ]);
  });
});

describe('parseScenario: tiers (§3)', () => {
  const tiers = 'params.markets["BTC-PERP"].tiers';
  const tier = (s: Json, n: number): Json => s.params.markets['BTC-PERP'].tiers[n];

  it('non-empty', () => {
    expect(onlyIssue((s) => (s.params.markets['BTC-PERP'].tiers = []), tiers).expected).toBe('a non-empty array of tiers');
  });

  it('first floor is 0', () => {
    const issue = onlyIssue((s) => (tier(s, 0).notionalFloor = '1'), `${tiers}[0].notionalFloor`);
    expect(issue.expected).toContain('0 (the first tier starts at notional 0)');
  });

  it('floors strictly increasing', () => {
    const issues = issuesOf((s) => {
      tier(s, 1).notionalFloor = '0';
      tier(s, 1).maintenanceAmount = '0';
    });
    expect(issues).toEqual([
      { path: `${tiers}[1].notionalFloor`, expected: 'a decimal > 0 (floors strictly increasing)', received: '"0"' },
    ]);
  });

  it.each(['0', '1', '-0.004'])('0 < maintenanceRate < 1: %s', (rate) => {
    const issues = issuesOf((s) => (tier(s, 0).maintenanceRate = rate));
    expect(issues[0]).toEqual({ path: `${tiers}[0].maintenanceRate`, expected: 'a decimal in (0, 1)', received: JSON.stringify(rate) });
  });

  it('maintenance rates non-decreasing', () => {
    const issues = issuesOf((s) => {
      tier(s, 1).maintenanceRate = '0.003';
      tier(s, 1).maintenanceAmount = '-250';
      tier(s, 1).initialRate = '0.008';
    });
    expect(issues).toEqual([
      {
        path: `${tiers}[1].maintenanceRate`,
        expected: 'a decimal in [0.004, 1) (maintenance rates non-decreasing)',
        received: '"0.003"',
      },
    ]);
  });

  it('first maintenanceAmount is 0', () => {
    const issues = issuesOf((s) => (tier(s, 0).maintenanceAmount = '5'));
    expect(issues).toEqual([
      { path: `${tiers}[0].maintenanceAmount`, expected: 'maintenanceAmount = 0 (the first tier has no offset)', received: '"5"' },
    ]);
  });

  it('discontinuous tier: states the required amount', () => {
    expect(onlyIssue((s) => (tier(s, 1).maintenanceAmount = '150'), `${tiers}[1].maintenanceAmount`)).toEqual({
      path: `${tiers}[1].maintenanceAmount`,
      expected: 'maintenanceAmount = 250 (continuous with tier 0)',
      received: '"150"',
    });
  });

  it('continuity is exact, not approximate', () => {
    const issue = onlyIssue((s) => (tier(s, 1).maintenanceAmount = '250.000000000000000001'), `${tiers}[1].maintenanceAmount`);
    expect(issue.expected).toBe('maintenanceAmount = 250 (continuous with tier 0)');
  });

  it('one wrong offset does not make later tiers look wrong', () => {
    const issues = issuesOf((s) => {
      const t = s.params.markets['BTC-PERP'].tiers;
      t.push({ notionalFloor: '1000000', maintenanceRate: '0.01', maintenanceAmount: '5250', initialRate: '0.02' });
      t[1].maintenanceAmount = '251';
    });
    expect(issues.map((i) => [i.path, i.expected])).toEqual([
      [`${tiers}[1].maintenanceAmount`, 'maintenanceAmount = 250 (continuous with tier 0)'],
    ]);
    const both = issuesOf((s) => {
      const t = s.params.markets['BTC-PERP'].tiers;
      t.push({ notionalFloor: '1000000', maintenanceRate: '0.01', maintenanceAmount: '5251', initialRate: '0.02' });
      t[1].maintenanceAmount = '251';
    });
    expect(both.map((i) => i.expected)).toEqual([
      'maintenanceAmount = 250 (continuous with tier 0)',
      'maintenanceAmount = 5250 (continuous with tier 1)',
    ]);
  });

  it('maintenanceRate ≤ initialRate ≤ 1', () => {
    expect(onlyIssue((s) => (tier(s, 1).initialRate = '0.0049'), `${tiers}[1].initialRate`)).toEqual({
      path: `${tiers}[1].initialRate`,
      expected: 'a decimal in [0.005, 1] (maintenanceRate ≤ initialRate ≤ 1)',
      received: '"0.0049"',
    });
    expect(onlyIssue((s) => (tier(s, 1).initialRate = '1.5'), `${tiers}[1].initialRate`).expected).toBe('a decimal in (0, 1]');
  });
});

describe('parseScenario: marks (§2.2)', () => {
  it('every held market has a mark', () => {
    expect(onlyIssue((s) => delete s.marks['BTC-PERP'], 'marks["BTC-PERP"]')).toEqual({
      path: 'marks["BTC-PERP"]',
      expected: 'a mark price for "BTC-PERP" (held at account.positions[0])',
      received: 'undefined',
    });
  });

  it('marks are positive', () => {
    expect(onlyIssue((s) => (s.marks['BTC-PERP'] = '0'), 'marks["BTC-PERP"]').expected).toBe('a decimal > 0');
  });

  it('marks of held markets are on the tick', () => {
    expect(onlyIssue((s) => (s.marks['BTC-PERP'] = '50000.05'), 'marks["BTC-PERP"]')).toEqual({
      path: 'marks["BTC-PERP"]',
      expected: 'a multiple of the tick size 0.1',
      received: '"50000.05"',
    });
  });

  it('marks of unheld markets are still decimals > 0, but need no tick', () => {
    expect(issuesOf((s) => (s.marks['ETH-PERP'] = '3000.001'))).toEqual([]);
    expect(onlyIssue((s) => (s.marks['ETH-PERP'] = 3000), 'marks["ETH-PERP"]').received).toBe('number 3000');
    expect(onlyIssue((s) => (s.marks['ETH-PERP'] = '-1'), 'marks["ETH-PERP"]').expected).toBe('a decimal > 0');
  });

  it('marks is an object', () => {
    expect(onlyIssue((s) => (s.marks = ['50000']), 'marks').received).toBe('array of 1 item');
  });
});

describe('parseScenario: account (§2.3) and insurance fund (§2.4)', () => {
  it('collateral ≥ 0 on the quote unit', () => {
    expect(onlyIssue((s) => (s.account.collateral = '-1'), 'account.collateral').expected).toBe('a decimal ≥ 0');
    expect(onlyIssue((s) => (s.account.collateral = '1.0000001'), 'account.collateral')).toEqual({
      path: 'account.collateral',
      expected: 'a multiple of 0.000001 (at most 6 fraction digits)',
      received: '"1.0000001"',
    });
  });

  it('positions is an array', () => {
    expect(onlyIssue((s) => (s.account.positions = {}), 'account.positions').expected).toBe('an array of positions');
  });

  it('position market is a known market id', () => {
    const issues = issuesOf((s) => (s.account.positions[0].market = 'ETH-PERP'));
    expect(issues).toEqual([
      { path: 'account.positions[0].market', expected: 'a market id defined in params.markets ("BTC-PERP")', received: '"ETH-PERP"' },
      { path: 'marks["ETH-PERP"]', expected: 'a mark price for "ETH-PERP" (held at account.positions[0])', received: 'undefined' },
    ]);
    expect(onlyIssue((s) => (s.account.positions[0].market = ''), 'account.positions[0].market').expected).toBe('a non-empty string');
    expect(onlyIssue((s) => (s.account.positions[0].market = 7), 'account.positions[0].market').received).toBe('number 7');
  });

  it('size ≠ 0', () => {
    expect(onlyIssue((s) => (s.account.positions[0].size = '0'), 'account.positions[0].size').expected).toBe(
      'a non-zero decimal (long > 0, short < 0)',
    );
  });

  it('size is a multiple of the lot', () => {
    expect(onlyIssue((s) => (s.account.positions[0].size = '-0.0005'), 'account.positions[0].size')).toEqual({
      path: 'account.positions[0].size',
      expected: 'a multiple of the lot size 0.001',
      received: '"-0.0005"',
    });
  });

  it('entryPrice > 0', () => {
    expect(onlyIssue((s) => (s.account.positions[0].entryPrice = '0'), 'account.positions[0].entryPrice').expected).toBe(
      'a decimal > 0',
    );
  });

  it('isolatedMargin ≥ 0 on the quote unit; null is not absent', () => {
    const path = 'account.positions[0].isolatedMargin';
    expect(issuesOf((s) => (s.account.positions[0].isolatedMargin = '0'))).toEqual([]);
    expect(onlyIssue((s) => (s.account.positions[0].isolatedMargin = '-1'), path).expected).toBe('a decimal ≥ 0');
    expect(onlyIssue((s) => (s.account.positions[0].isolatedMargin = '0.0000001'), path).expected).toContain('0.000001');
    expect(onlyIssue((s) => (s.account.positions[0].isolatedMargin = null), path).received).toBe('null');
  });

  it('market ids unique within the account', () => {
    const issue = onlyIssue(
      (s) => s.account.positions.push({ market: 'BTC-PERP', size: '-1', entryPrice: '1', isolatedMargin: '5' }),
      'account.positions[1].market',
    );
    expect(issue.expected).toContain('account.positions[0] holds it');
  });

  it('insuranceFund ≥ 0, at full precision (it holds sub-unit rounding residues)', () => {
    expect(onlyIssue((s) => (s.insuranceFund = '-5'), 'insuranceFund').expected).toBe('a decimal ≥ 0');
    expect(parseScenario({ ...validScenario(), insuranceFund: '0.1234567' }).ok).toBe(true);
  });

  it('scale follows quoteScale', () => {
    expect(issuesOf((s) => { s.params.quoteScale = 2; s.account.collateral = '1.001'; }).map((i) => i.path)).toEqual([
      'account.collateral',
    ]);
  });

  it('still checks the rest when quoteScale is invalid', () => {
    const issues = issuesOf((s) => {
      s.params.quoteScale = 'six';
      s.account.collateral = '-1';
      s.account.positions[0].size = '0.0001';
    });
    expect(issues.map((i) => i.path)).toEqual(['params.quoteScale', 'account.collateral', 'account.positions[0].size']);
  });
});

describe('parseParams', () => {
  it('parses params on their own', () => {
    const r = parseParams(validScenario().params);
    expect(r.ok).toBe(true);
    if (r.ok) expect([...r.value.markets.keys()]).toEqual(['BTC-PERP']);
  });

  it('prefixes issues with the given path', () => {
    const params = validScenario().params;
    params.priceImpact = '1';
    const byDefault = parseParams(params);
    expect(byDefault.ok ? [] : byDefault.issues.map((i) => i.path)).toEqual(['params.priceImpact']);
    const atRoot = parseParams(params, '');
    expect(atRoot.ok ? [] : atRoot.issues.map((i) => i.path)).toEqual(['priceImpact']);
  });

  it('rejects a non-object', () => {
    const r = parseParams('params');
    expect(r.ok ? [] : r.issues).toEqual([
      {
        path: 'params',
        expected: 'an object {quoteScale, trigger, targetBuffer, penalty, dustNotional, priceImpact, markets, assets, quoteDebt}',
        received: '"params"',
      },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Robustness: garbage never throws, and a rejection always says why.

/** Every path (as keys) to a node of a JSON tree, including the root. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const children = Object.entries(value).flatMap(([k, v]) =>
    pathsOf(v, [...prefix, Array.isArray(value) ? Number(k) : k]),
  );
  return [prefix, ...children];
}

const DELETE = Symbol('delete');

function mutate(base: Json, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement === DELETE ? undefined : replacement;
  const copy = structuredClone(base);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1] as string | number;
  if (replacement === DELETE) delete node[last];
  else node[last] = replacement;
  return copy;
}

function expectVerdict(input: unknown): void {
  const r = parseScenario(input);
  if (!r.ok) {
    expect(r.issues.length).toBeGreaterThan(0);
    for (const issue of r.issues) {
      expect(typeof issue.path).toBe('string');
      expect(issue.expected.length).toBeGreaterThan(0);
      expect(issue.received.length).toBeLessThan(100);
    }
  }
}

describe('parseScenario robustness', () => {
  it('never throws on arbitrary values', () => {
    fc.assert(fc.property(fc.anything(), (v) => expectVerdict(v)));
  });

  it('never throws on mutated valid scenarios', () => {
    const base = twoMarketScenario();
    const replacement = fc.oneof(
      fc.anything(),
      fc.constant(DELETE),
      fc.constantFrom('0', '-0', '1', '-1', '0.5', '1e5', '0.0000001', '1'.repeat(31), '', 'NaN', 'strict'),
      fc.stringMatching(/^-?[0-9]{1,6}(\.[0-9]{1,8})?$/),
    );
    fc.assert(
      fc.property(fc.constantFrom(...pathsOf(base)), replacement, (path, r) => expectVerdict(mutate(base, path, r))),
      { numRuns: 500 },
    );
  });

  it('never throws on several mutations at once', () => {
    const base = twoMarketScenario();
    const paths = pathsOf(base).filter((p) => p.length > 0);
    const edits = fc.array(fc.tuple(fc.constantFrom(...paths), fc.oneof(fc.anything(), fc.constant(DELETE))), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(edits, (es) => {
        let s: unknown = base;
        for (const [path, r] of es) {
          try {
            s = mutate(s as Json, path, r);
          } catch {
            return; // an earlier edit removed this path's parent: nothing to mutate
          }
        }
        expectVerdict(s);
      }),
      { numRuns: 300 },
    );
  });
});
