import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../model/decimal.ts';
import { parseScenario } from '../model/parseScenario.ts';
import { parsePolicy } from '../policy/parsePolicy.ts';
import type { Policy } from '../wire/policy.ts';
import { scenariosUnder } from './policyScenario.ts';
import { scenario } from './scenario.ts';

const WIRE: Policy = { closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'left' } };

describe('bookFor', () => {
  it('reaches every depth against the position, levels at and away from the mark, and is valid input', { timeout: 60_000 }, () => {
    const parsed = parsePolicy(WIRE);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const scenarios = fc.sample(scenariosUnder(parsed.value, WIRE, scenario()), { numRuns: 300, seed: 11 });
    const seen = new Map<string, number>();
    const bump = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
    for (const sc of scenarios) {
      const p = parseScenario(sc);
      expect(p.ok, JSON.stringify(!p.ok && p.issues)).toBe(true);
      for (const pos of sc.account.positions) {
        const q = new Dec(pos.size);
        const b = sc.book![pos.market]!;
        const walked = q.gt(0) ? b.bids : b.asks;
        const depth = walked.reduce((a, l) => a.add(l.size), new Dec(0));
        bump(walked.length === 0 ? 'empty' : depth.lt(q.abs()) ? 'shorter than |q|' : depth.eq(q.abs()) ? 'exactly |q|' : depth.gte(q.abs().mul(2)) ? '≥ 2|q|' : 'deeper than |q|');
        if (walked.length === 1) bump('one level');
        if (walked.length >= 3) bump('≥ 3 levels');
        if (walked.length > 0) bump(new Dec(walked[0]!.price).eq(sc.marks[pos.market]!) ? 'best at mark' : 'best away from mark');
      }
    }
    console.log(`[book distribution] ${[...seen].map(([k, n]) => `${k}: ${n}`).join(', ')}`);
    for (const k of ['empty', 'shorter than |q|', 'exactly |q|', 'deeper than |q|', '≥ 2|q|', 'one level', '≥ 3 levels', 'best at mark', 'best away from mark']) {
      expect(seen.get(k) ?? 0, k).toBeGreaterThanOrEqual(10);
    }
  });
});
