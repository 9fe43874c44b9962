/**
 * Issues in an engine's result (parseResult.ts, spec §8) name the offending field by its full path,
 * so that a report on a foreign engine points at the exact value.
 */
import { describe, expect, it } from 'vitest';
import { parseResult } from './parseResult.ts';

type Json = { [key: string]: any };

const snapshot = { equity: '1', maintenance: '1', target: '1', marginRatio: '1' };

function validResult(): Json {
  return {
    status: 'partial',
    fills: [],
    account: {
      collateral: '500',
      positions: [{ market: 'ETH', size: '-2', entryPrice: '2900', isolatedMargin: '100.5' }],
    },
    insuranceFund: '0',
    insurancePayout: '0',
    badDebt: '0',
    socializedLoss: '0',
    groups: [{ group: 'cross', status: 'partial', before: snapshot, after: snapshot }],
  };
}

function pathsOf(edit: (r: Json) => void): string[] {
  const r = validResult();
  edit(r);
  const parsed = parseResult(r);
  return parsed.ok ? [] : parsed.issues.map((i) => i.path);
}

describe('parseResult issue paths', () => {
  it('accepts the base result', () => {
    expect(pathsOf(() => {})).toEqual([]);
  });

  it.each([
    ['group', (r: Json) => (r.groups[0].group = 1), 'result.groups[0].group'],
    ['collateral', (r: Json) => (r.account.collateral = '5e2'), 'result.account.collateral'],
    ['position market', (r: Json) => (r.account.positions[0].market = null), 'result.account.positions[0].market'],
    ['position size', (r: Json) => (r.account.positions[0].size = -2), 'result.account.positions[0].size'],
    ['position entryPrice', (r: Json) => (r.account.positions[0].entryPrice = ''), 'result.account.positions[0].entryPrice'],
    ['position isolatedMargin', (r: Json) => (r.account.positions[0].isolatedMargin = null), 'result.account.positions[0].isolatedMargin'],
    ['a position that is not an object', (r: Json) => (r.account.positions[0] = 42), 'result.account.positions[0]'],
  ])('%s', (_, edit, path) => {
    expect(pathsOf(edit)).toEqual([path]);
  });

  it('says what positions must be', () => {
    const r = validResult();
    r.account.positions = 'none';
    expect(parseResult(r)).toEqual({
      ok: false,
      issues: [{ path: 'result.account.positions', expected: 'an array of positions', received: '"none"' }],
    });
  });
});
