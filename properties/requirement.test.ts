/**
 * The requirement part (spec §10.2) against an independent decimal.js computation of its formula:
 * for random scenarios under random requirement parts, every group's reported `before.maintenance`
 * and `before.target` equal `Σ MM_i` and `MM + b·Σ N_i` computed here on decimal.js from the
 * parsed inputs — tier lookup, loss term and size-scaled rounding all written again, not imported
 * from the code under test. And the minimal close under `tiers` at entry or with a loss buffer
 * (the generalized walk of §6.3) equals a brute-force scan of every lot, computed the same way.
 *
 * Seed: `LIQCHECK_SEED` via properties/profile.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario, singlePositionScenario } from '../src/arbitraries/index.ts';
import { scenariosUnder } from '../src/arbitraries/policyScenario.ts';
import { ceilTo, Dec, floorTo, ZERO } from '../src/model/decimal.ts';
import { liquidate } from '../src/model/liquidate.ts';
import { parseScenario } from '../src/model/parseScenario.ts';
import type { MarketParams, ParsedScenario, Position, Scenario } from '../src/model/types.ts';
import { parsePolicy } from '../src/policy/parsePolicy.ts';
import type { Policy } from '../src/wire/policy.ts';
import type { Requirement } from '../src/wire/policy/requirement.ts';
import { params } from './profile.ts';

const FILE = 'properties/requirement.test.ts';

const RATE_GRID = new Dec('1e-18');

/** A decimal string `m · 10^−s` with m in [lo, hi]. */
const amount = (lo: number, hi: number, scale: number): fc.Arbitrary<string> => fc.integer({ min: lo, max: hi }).map((m) => new Dec(m).div(new Dec(10).pow(scale)).toFixed());

/** Loss buffers from 0 to 2 (beyond 1 on purpose: the domain is β ≥ 0). */
const lossBuffer = fc.oneof(fc.constant('0'), amount(1, 500, 3), amount(1, 2000, 3));

const requirement: fc.Arbitrary<Requirement> = fc.oneof(
  fc.record({ kind: fc.constant('tiers' as const), valuation: fc.constantFrom('mark' as const, 'entry' as const), lossBuffer }),
  fc.record({
    kind: fc.constant('size-scaled' as const),
    baseRate: amount(1, 999, 4),
    sizeRate: fc.oneof(fc.constant('0'), amount(1, 1000, 6), amount(1, 9, 18)),
    minimum: fc.oneof(fc.constant('0'), amount(1, 5000, 2)),
    lossBuffer,
  }),
);

/** A requirement with the other parts that run it: minimal close is refused with size-scaled (§10.1). */
const policy: fc.Arbitrary<Policy> = requirement.map((r) => (r.kind === 'size-scaled' ? { requirement: r, closeSize: { kind: 'full' } } : { requirement: r }));

function under(p: Policy, base: fc.Arbitrary<Scenario>): fc.Arbitrary<Scenario> {
  const parsed = parsePolicy(p);
  if (!parsed.ok) throw new Error(`an invalid policy was drawn: ${JSON.stringify(parsed.issues)}`);
  return scenariosUnder(parsed.value, p, base);
}

/** §3, written again: the bracket is the last tier whose floor is ≤ the valued notional. */
function tierMM(m: MarketParams, n: Dec): Dec {
  let t = m.tiers[0]!;
  for (const x of m.tiers) if (x.floor.lte(n)) t = x;
  return n.mul(t.rate).sub(t.amount);
}

/** §10.2's MM_i on decimal.js. */
function oracleMM(r: Requirement, sc: ParsedScenario, p: Position): Dec {
  const mark = sc.marks.get(p.market)!;
  const n = p.size.abs().mul(mark);
  const loss = Dec.max(ZERO, p.size.mul(mark.sub(p.entry)).neg());
  const beta = new Dec(r.lossBuffer ?? '0');
  if (r.kind === 'tiers') {
    const valued = r.valuation === 'entry' ? p.size.abs().mul(p.entry) : n;
    return tierMM(sc.params.markets.get(p.market)!, valued).add(beta.mul(loss));
  }
  const rate = new Dec(r.baseRate).add(ceilTo(new Dec(r.sizeRate).mul(p.size.abs()), RATE_GRID));
  return n.mul(rate).add(new Dec(r.minimum)).add(beta.mul(loss));
}

function parsed(sc: Scenario): ParsedScenario {
  const p = parseScenario(sc);
  if (!p.ok) throw new Error(`a drawn scenario is invalid: ${JSON.stringify(p.issues)}`);
  return p.value;
}

describe('requirement part: reported maintenance equals the §10.2 formula on decimal.js', () => {
  it('every group, every requirement part', { timeout: 120_000 }, () => {
    const seen = { tiersMark: 0, tiersEntry: 0, sizeScaled: 0, lossBuffered: 0, atLoss: 0, liquidated: 0 };
    fc.assert(
      fc.property(
        policy.chain((p) => under(p, scenario({ positions: { min: 1, max: 4 } })).map((sc) => [p, sc] as const)),
        ([p, sc]) => {
          const r = p.requirement!;
          const ps = parsed(sc);
          const o = liquidate(sc);
          if (!o.ok) throw new Error(`the reference refused a drawn scenario: ${JSON.stringify(o.error)}`);
          const groups = new Map<string, Position[]>([['cross', []]]);
          for (const x of ps.positions) {
            if (x.isolatedMargin === null) groups.get('cross')!.push(x);
            else groups.set(x.market, [x]);
          }
          for (const g of o.result.groups) {
            const members = groups.get(g.group)!;
            const mm = members.reduce((s, x) => s.add(oracleMM(r, ps, x)), ZERO);
            const notional = members.reduce((s, x) => s.add(x.size.abs().mul(ps.marks.get(x.market)!)), ZERO);
            expect(new Dec(g.before.maintenance).eq(mm), `group ${g.group}: maintenance ${g.before.maintenance}, §10.2 gives ${mm.toFixed()}`).toBe(true);
            expect(new Dec(g.before.target).eq(mm.add(ps.params.buffer.mul(notional))), `group ${g.group}: target`).toBe(true);
            if (g.status !== 'healthy') seen.liquidated++;
          }
          if (r.kind === 'size-scaled') seen.sizeScaled++;
          else if (r.valuation === 'entry') seen.tiersEntry++;
          else seen.tiersMark++;
          if (r.lossBuffer !== undefined && r.lossBuffer !== '0') seen.lossBuffered++;
          if (ps.positions.some((x) => x.size.mul(ps.marks.get(x.market)!.sub(x.entry)).lt(0))) seen.atLoss++;
        },
      ),
      params(FILE, 'every group, every requirement part', 2),
    );
    // The generator reaches every option, buffered losses, and groups that get liquidated.
    console.log(`[requirement] reach: ${JSON.stringify(seen)}`);
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(0);
  });
});

/** The trial of closing Δ of the single position of a cross group (§7.2, §7.3, §10.2), on decimal.js. */
function meets(r: Requirement, ps: ParsedScenario, delta: Dec, rate: Dec): boolean {
  const p = ps.positions[0]!;
  const { params } = ps;
  const mark = ps.marks.get(p.market)!;
  const m = params.markets.get(p.market)!;
  const long = p.size.gt(0);
  const x = params.priceImpact.isZero() ? mark : long ? floorTo(mark.mul(new Dec(1).sub(params.priceImpact)), m.tick) : ceilTo(mark.mul(new Dec(1).add(params.priceImpact)), m.tick);
  const signed = long ? delta : delta.neg();
  const realized = floorTo(signed.mul(x.sub(p.entry)), params.unit);
  const left = p.size.sub(signed);
  const equityBeforePenalty = ps.collateral.add(realized).add(left.mul(mark.sub(p.entry)));
  const penalty = Dec.min(ceilTo(rate.mul(delta.mul(mark)), params.unit), Dec.max(ZERO, floorTo(equityBeforePenalty, params.unit)));
  const equity = equityBeforePenalty.sub(penalty);
  const leftPos = { ...p, size: left };
  const target = oracleMM(r, ps, leftPos).add(params.buffer.mul(left.abs().mul(mark)));
  return params.trigger === 'strict' ? equity.gte(target) : equity.gt(target);
}

describe('minimal close under tiers at entry / with a loss buffer equals a brute-force scan of every lot', () => {
  const MAX_LOTS = 3000;
  const tiersPolicy: fc.Arbitrary<Policy> = fc.record({ kind: fc.constant('tiers' as const), valuation: fc.constantFrom('mark' as const, 'entry' as const), lossBuffer }).map((r) => ({ requirement: r }));

  it('single-position cross groups', { timeout: 180_000 }, () => {
    const seen = { scanned: 0, partial: 0, full: 0, entry: 0, buffered: 0, crossedBracket: 0 };
    fc.assert(
      fc.property(
        tiersPolicy.chain((p) => under(p, singlePositionScenario()).map((sc) => [p, sc] as const)),
        ([p, sc]) => {
          const r = p.requirement!;
          const ps = parsed(sc);
          const o = liquidate(sc);
          if (!o.ok) return; // limit-exceeded: not this property's subject
          const fills = o.result.fills;
          if (fills.length === 0) return;
          const pos = ps.positions[0]!;
          const lot = ps.params.markets.get(pos.market)!.lot;
          const lots = pos.size.abs().div(lot).toNumber();
          if (lots > MAX_LOTS) return;
          seen.scanned++;
          const rate = new Dec(fills[0]!.penaltyRate); // §5.1's rate, judged by LIQ-006 elsewhere
          const mark = ps.marks.get(pos.market)!;
          let expected: Dec = pos.size.abs();
          for (let j = 1; j < lots; j++) {
            const d = lot.mul(j);
            if (pos.size.abs().sub(d).mul(mark).lt(ps.params.dustNotional)) break; // §6.4
            if (meets(r, ps, d, rate)) {
              expected = d;
              break;
            }
          }
          expect(fills.length, 'one fill').toBe(1);
          expect(new Dec(fills[0]!.size).eq(expected), `closed ${fills[0]!.size}, the first lot that meets the target is ${expected.toFixed()}`).toBe(true);
          if (expected.lt(pos.size.abs())) {
            seen.partial++;
            // The walk crossed a bracket when the remainder's valued notional is in a lower tier than the position's.
            const v = r.kind === 'tiers' && r.valuation === 'entry' ? pos.entry : mark;
            const tier = (n: Dec): number => ps.params.markets.get(pos.market)!.tiers.filter((t) => t.floor.lte(n)).length;
            if (tier(pos.size.abs().sub(expected).mul(v)) < tier(pos.size.abs().mul(v))) seen.crossedBracket++;
          } else seen.full++;
          if (r.kind === 'tiers' && r.valuation === 'entry') seen.entry++;
          if (r.lossBuffer !== '0') seen.buffered++;
        },
      ),
      params(FILE, 'single-position cross groups', 2),
    );
    console.log(`[requirement] minimal-close reach: ${JSON.stringify(seen)}`);
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(0);
  });
});
