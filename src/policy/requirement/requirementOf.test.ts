/**
 * The requirement part (spec §10.2) on the worked examples of §10.2: every expected value below is
 * hand-computed (not a published vector) from the rule's formula, shown in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../../model/liquidate.ts';
import type { LiquidationResult, Scenario } from '../../model/types.ts';
import type { Policy } from '../../wire/policy.ts';
import { parsePolicy } from '../parsePolicy.ts';
import { promisesOf } from '../promises.ts';

const TIERS = [
  { notionalFloor: '0', maintenanceRate: '0.004', maintenanceAmount: '0', initialRate: '0.008' },
  { notionalFloor: '50000', maintenanceRate: '0.005', maintenanceAmount: '50', initialRate: '0.01' },
];

/** BTC-PERP of fixtures/params/default.json, cut to its first two tiers (the brackets the examples use). */
function scenario(policy: Policy | undefined, size: string, entry: string, mark: string, collateral: string): Scenario {
  return {
    params: {
      quoteScale: 6,
      trigger: 'strict',
      targetBuffer: '0.002',
      penalty: { steps: [{ maxMarginRatio: '1', rate: '0.002' }, { maxMarginRatio: '0.75', rate: '0.003' }, { maxMarginRatio: '0.5', rate: '0.004' }], liquidatorShare: '0.5' },
      dustNotional: '10',
      priceImpact: '0',
      markets: { 'BTC-PERP': { lotSize: '0.001', tickSize: '0.1', tiers: TIERS } },
    },
    marks: { 'BTC-PERP': mark },
    account: { collateral, positions: [{ market: 'BTC-PERP', size, entryPrice: entry }] },
    insuranceFund: '0',
    ...(policy === undefined ? {} : { policy }),
  } as Scenario;
}

function resultOf(sc: Scenario): LiquidationResult {
  const o = liquidate(sc);
  if (!o.ok) throw new Error(`expected a result, got ${JSON.stringify(o.error)}`);
  return o.result;
}

function before(sc: Scenario): { maintenance: string; target: string } {
  const g = resultOf(sc).groups[0]!;
  return { maintenance: g.before.maintenance, target: g.before.target };
}

const FULL = { kind: 'full' } as const;

describe('requirement part (spec §10.2, worked example 1: long 2 @ 30000, mark 24000, U = −12000)', () => {
  // Healthy collateral so nothing is closed: only the reported `before` is read.
  const at = (policy: Policy | undefined, mark = '24000'): { maintenance: string; target: string } => before(scenario(policy, '2', '30000', mark, '100000'));

  it('tiers at mark, no buffer: §3 (192 = 48000 · 0.004; target 192 + 0.002 · 48000)', () => {
    expect(at(undefined)).toEqual({ maintenance: '192', target: '288' });
    expect(at({ requirement: { kind: 'tiers', valuation: 'mark' } })).toEqual({ maintenance: '192', target: '288' });
  });

  it('tiers at entry: the bracket of the entry value 60000 (250 = 60000 · 0.005 − 50); the target buffer stays at mark (+96)', () => {
    expect(at({ requirement: { kind: 'tiers', valuation: 'entry' } })).toEqual({ maintenance: '250', target: '346' });
  });

  it('tiers at entry with β = 0.01: + 0.01 · 12000 = 120 (370; target 466)', () => {
    expect(at({ requirement: { kind: 'tiers', valuation: 'entry', lossBuffer: '0.01' } })).toEqual({ maintenance: '370', target: '466' });
  });

  it('tiers at mark with β = 0.01: 192 + 120 = 312 (target 408)', () => {
    expect(at({ requirement: { kind: 'tiers', lossBuffer: '0.01' } })).toEqual({ maintenance: '312', target: '408' });
  });

  it('the loss buffer charges losses only: at mark 31000 (U = +2000) the entry requirement is 250 alone (target 250 + 0.002 · 62000 = 374)', () => {
    expect(at({ requirement: { kind: 'tiers', valuation: 'entry', lossBuffer: '0.01' } }, '31000')).toEqual({ maintenance: '250', target: '374' });
  });
});

describe('requirement part (spec §10.2, worked example 2: size-scaled)', () => {
  const policy = (sizeRate: string, lossBuffer?: string): Policy => ({
    requirement: { kind: 'size-scaled', baseRate: '0.01', sizeRate, minimum: '15', ...(lossBuffer === undefined ? {} : { lossBuffer }) },
    closeSize: FULL,
  });

  it('short 40 @ 1900, mark 2000: 80000 · (0.01 + 0.0005 · 40) + 15 + 0.02 · 4000 = 2495 (target + 160)', () => {
    const sc = scenario(policy('0.0005', '0.02'), '-40', '1900', '2000', '100000');
    expect(before(sc)).toEqual({ maintenance: '2495', target: '2655' });
  });

  it('without the loss buffer: 2400 + 15 = 2415', () => {
    expect(before(scenario(policy('0.0005'), '-40', '1900', '2000', '100000'))).toEqual({ maintenance: '2415', target: '2575' });
  });

  it('the size rate is rounded up to 10^−18: k · |q| = 3·10^−18 · 0.5 = 1.5·10^−18 → 2·10^−18', () => {
    // N = 0.5 · 2000 = 1000; MM = 1000 · (0.01 + 0.000000000000000002) + 15 = 25.000000000000002
    const sc = scenario(policy('0.000000000000000003'), '0.5', '2000', '2000', '100000');
    expect(before(sc).maintenance).toBe('25.000000000000002');
  });
});

describe('minimal close under tiers at entry with a loss buffer (spec §10.2 worked example 3)', () => {
  const policy: Policy = { requirement: { kind: 'tiers', valuation: 'entry', lossBuffer: '0.01' } };

  it('closes 0.867: g(0.867) = 0.06 ≥ 0 and g(0.866) = −0.12 < 0 (the walk leaves bracket 1 at Δ = 0.334)', () => {
    const r = resultOf(scenario(policy, '2', '30000', '24000', '12300'));
    expect(r.status).toBe('partial');
    expect(r.fills.map((f) => [f.size, f.penaltyRate, f.penalty])).toEqual([['0.867', '0.002', '41.616']]);
    // after: E = 300 − 41.616 = 258.384; MM = 1.133 · 30000 · 0.004 + 0.01 · 6000 · 1.133 = 135.96 + 67.98
    expect(r.groups[0]!.after.equity).toBe('258.384');
    expect(r.groups[0]!.after.maintenance).toBe('203.94');
    expect(r.groups[0]!.after.target).toBe('258.324');
  });

  it('with negative equity (C = 400, E = −11600) the position is closed in full', () => {
    const r = resultOf(scenario(policy, '2', '30000', '24000', '400'));
    expect(r.fills.map((f) => f.size)).toEqual(['2']);
  });
});

describe('requirement part: domains (spec §10.2)', () => {
  const issuesOf = (policy: unknown): unknown => {
    const o = liquidate({ ...scenario(undefined, '2', '30000', '24000', '100000'), policy });
    return o.ok ? 'accepted' : o.error;
  };

  it.each([
    [{ requirement: { kind: 'tiers', lossBuffer: '-0.1' } }, 'policy.requirement.lossBuffer'],
    [{ requirement: { kind: 'size-scaled', baseRate: '0', sizeRate: '0', minimum: '0' }, closeSize: FULL }, 'policy.requirement.baseRate'],
    [{ requirement: { kind: 'size-scaled', baseRate: '1', sizeRate: '0', minimum: '0' }, closeSize: FULL }, 'policy.requirement.baseRate'],
    [{ requirement: { kind: 'size-scaled', baseRate: '0.01', sizeRate: '-1', minimum: '0' }, closeSize: FULL }, 'policy.requirement.sizeRate'],
    [{ requirement: { kind: 'size-scaled', baseRate: '0.01', sizeRate: '1', minimum: '0' }, closeSize: FULL }, 'policy.requirement.sizeRate'],
    [{ requirement: { kind: 'size-scaled', baseRate: '0.01', sizeRate: '0', minimum: '-1' }, closeSize: FULL }, 'policy.requirement.minimum'],
    [{ requirement: { kind: 'size-scaled', baseRate: '0.01', sizeRate: '0', minimum: '0' } }, 'policy.closeSize'],
  ])('%j is invalid at %s', (policy, path) => {
    const e = issuesOf(policy) as { code: string; issues: { path: string }[] };
    expect(e.code).toBe('invalid-input');
    expect(e.issues.map((i) => i.path)).toContain(path);
  });

  it('β = 1.5 and β = 0 are valid (β ≥ 0 has no upper bound)', () => {
    expect(issuesOf({ requirement: { kind: 'tiers', lossBuffer: '1.5' } })).toBe('accepted');
    expect(issuesOf({ requirement: { kind: 'tiers', lossBuffer: '0' } })).toBe('accepted');
  });
});

describe('requirement part: promises (spec §10.7)', () => {
  const promises = (policy: Policy): ReadonlySet<string> => {
    const p = parsePolicy(policy);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    return promisesOf(p.value);
  };
  const sizeScaled = { kind: 'size-scaled', baseRate: '0.01', sizeRate: '0.0005', minimum: '15' } as const;

  it('the mirror (e′ = 2P − e) keeps U, |q| and N: only a valuation at entry withdraws mirror-symmetric', () => {
    expect(promises({ requirement: { kind: 'tiers', lossBuffer: '0.05' } }).has('mirror-symmetric')).toBe(true);
    expect(promises({ requirement: sizeScaled, closeSize: FULL }).has('mirror-symmetric')).toBe(true);
    expect(promises({ requirement: { kind: 'tiers', valuation: 'entry' } }).has('mirror-symmetric')).toBe(false);
    expect(promises({ requirement: { kind: 'tiers', valuation: 'entry', lossBuffer: '0.05' } }).has('mirror-symmetric')).toBe(false);
  });

  it('loss-buffered exactly when β > 0', () => {
    expect(promises({ requirement: { kind: 'tiers', lossBuffer: '0.05' } }).has('loss-buffered')).toBe(true);
    expect(promises({ requirement: { ...sizeScaled, lossBuffer: '0.001' }, closeSize: FULL }).has('loss-buffered')).toBe(true);
    expect(promises({ requirement: { kind: 'tiers', lossBuffer: '0' } }).has('loss-buffered')).toBe(false);
    expect(promises({}).has('loss-buffered')).toBe(false);
  });

  it('the minimal close keeps its promises under tiers at entry and a loss buffer (the walk stays exact, §10.2)', () => {
    for (const p of [{ requirement: { kind: 'tiers', valuation: 'entry' } }, { requirement: { kind: 'tiers', lossBuffer: '0.05' } }] as const) {
      expect([...promises(p)].filter((x) => ['acts', 'restorative', 'minimal', 'price-monotone'].includes(x)).sort()).toEqual(['acts', 'minimal', 'price-monotone', 'restorative']);
    }
  });
});
