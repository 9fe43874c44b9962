/**
 * Wrong engines of the requirement part (issue 11; spec §10.2): each is the reference under its
 * declared policy with the requirement of one position swapped for one with a single, realistic
 * bug — the value the brackets apply to, the sign of the loss buffer, what the size rate scales
 * with, how often the minimum is charged. The invariants judge every health by the scenario's own
 * requirement (src/invariants/exactCase.ts), so LIQ-017 sees the reported maintenance, LIQ-001 and
 * LIQ-002 the decision, and LIQ-026 the loss buffer's direction.
 */
import { ceilTo, FZERO, Fixed, fmax } from '../../model/fixed.ts';
import { fixedMarks, fixedParams, maintenanceMargin, type FValuation, type RequirementFn } from '../../model/fixedCore.ts';
import { liquidateOnFixed } from '../../model/liquidate.ts';
import { parseScenario } from '../../model/parseScenario.ts';
import type { Engine, ParsedScenario } from '../../model/types.ts';
import { REFERENCE_POLICY, type FRequirement } from '../../policy/policy.ts';
import { RATE_GRID } from '../../policy/requirement/requirementOf.ts';
import type { Policy } from '../../wire/policy.ts';
import type { PolicyZooEntry } from './policyZooEntry.ts';

/** Bybit-like: tiers on the entry value. */
const ENTRY: Policy = { requirement: { kind: 'tiers', valuation: 'entry' } };
/** Drift-like: tiers at mark plus 5 % of each unrealized loss (hand-chosen). */
const BUFFERED: Policy = { requirement: { kind: 'tiers', lossBuffer: '0.05' } };
/** Synthetix-like, closed in full (minimal close is refused with size-scaled, §10.1); hand-chosen rates. */
const SIZE_SCALED: Policy = { requirement: { kind: 'size-scaled', baseRate: '0.005', sizeRate: '0.0001', minimum: '5' }, closeSize: { kind: 'full' } };

type Valuation = Omit<FValuation, 'requirement'>;
type WrongRequirement = (r: FRequirement, v: Valuation, sc: ParsedScenario) => RequirementFn;

/** The reference under the scenario's policy with the requirement `wrong` builds in place of §10.2's. */
function withRequirement(wrong: WrongRequirement): Engine {
  return (wire) => {
    const p = parseScenario(wire);
    if (!p.ok) return { ok: false, error: { code: 'invalid-input', issues: p.issues } };
    const sc = p.value;
    const v = { params: fixedParams(sc.params), marks: fixedMarks(sc.marks) };
    return liquidateOnFixed(sc, { requirement: wrong((sc.policy ?? REFERENCE_POLICY).requirement, v, sc) });
  };
}

const markOf = (v: Valuation, market: string): Fixed => v.marks.get(market)!;
const tiersOf = (v: Valuation, market: string) => v.params.markets.get(market)!.tiers;
const buffer = (r: FRequirement): Fixed => r.lossBuffer;
/** `−U = q·(e − P)`: positive for a loss. */
const minusPnl = (size: Fixed, entry: Fixed, mark: Fixed): Fixed => size.mul(entry.sub(mark));

/** Bug: `valuation: "entry"` is read but the brackets are still applied to the notional at mark. */
const entryAtMark: WrongRequirement = (r, v) =>
  Object.assign((market: string, size: Fixed, entry: Fixed, notional: Fixed) => maintenanceMargin(tiersOf(v, market), notional).add(buffer(r).mul(fmax(FZERO, minusPnl(size, entry, markOf(v, market))))), {
    linear: { atEntry: false, lossBuffer: buffer(r) },
  });

/** Bug: the loss buffer charges `β·|U|`, gains as well as losses. */
const bufferOnGains: WrongRequirement = (r, v) => (market, size, entry, notional) => maintenanceMargin(tiersOf(v, market), notional).add(buffer(r).mul(minusPnl(size, entry, markOf(v, market)).abs()));

/** Bug: `max(0, ·)` dropped — `β·(−U)` credits a gain against the requirement (a haircut read as a buffer). */
const bufferCreditsGains: WrongRequirement = (r, v) => (market, size, entry, notional) => maintenanceMargin(tiersOf(v, market), notional).add(buffer(r).mul(minusPnl(size, entry, markOf(v, market))));

/** Size-scaled parts, or a throw: these bugs only make sense under a size-scaled policy. */
function sizeScaled(r: FRequirement): Extract<FRequirement, { kind: 'size-scaled' }> {
  if (r.kind !== 'size-scaled') throw new Error('a size-scaled zoo engine ran under another requirement');
  return r;
}

/** Bug: the size rate is scaled by the notional `|q|·P` instead of the size `|q|` (the notional counted twice). */
const sizeRateOnNotional: WrongRequirement = (r, v) => {
  const s = sizeScaled(r);
  return (market, size, entry, notional) =>
    notional.mul(s.baseRate.add(ceilTo(s.sizeRate.mul(notional), RATE_GRID))).add(s.minimum).add(s.lossBuffer.mul(fmax(FZERO, minusPnl(size, entry, markOf(v, market)))));
};

/** Bug: the minimum is charged once per margin group (on its first market by id), not once per position. */
const minimumOncePerGroup: WrongRequirement = (r, v, sc) => {
  const s = sizeScaled(r);
  const cross = sc.positions.filter((p) => p.isolatedMargin === null).map((p) => p.market).sort();
  const charged = new Set([...(cross.length > 0 ? [cross[0]!] : []), ...sc.positions.filter((p) => p.isolatedMargin !== null).map((p) => p.market)]);
  return (market, size, entry, notional) =>
    notional
      .mul(s.baseRate.add(ceilTo(s.sizeRate.mul(size.abs()), RATE_GRID)))
      .add(charged.has(market) ? s.minimum : FZERO)
      .add(s.lossBuffer.mul(fmax(FZERO, minusPnl(size, entry, markOf(v, market)))));
};

export const REQUIREMENT_ZOO: readonly PolicyZooEntry[] = [
  {
    name: 'entry-valued-at-mark',
    policy: ENTRY,
    engine: withRequirement(entryAtMark),
    bug: 'valuation "entry" ignored: the tier brackets are applied to the notional at mark',
    violates: ['LIQ-017', 'LIQ-002'],
  },
  {
    name: 'loss-buffer-on-gains',
    policy: BUFFERED,
    engine: withRequirement(bufferOnGains),
    bug: 'the loss buffer charges β·|U|: unrealized gains raise the requirement too',
    violates: ['LIQ-017', 'LIQ-001'],
  },
  {
    name: 'loss-buffer-credits-gains',
    policy: BUFFERED,
    engine: withRequirement(bufferCreditsGains),
    bug: 'max(0, −U) written as −U: an unrealized gain lowers the requirement, so a larger buffer can require less',
    violates: ['LIQ-026', 'LIQ-017'],
  },
  {
    name: 'size-rate-on-notional',
    policy: SIZE_SCALED,
    engine: withRequirement(sizeRateOnNotional),
    bug: 'the size rate is multiplied by the notional |q|·P instead of the size |q| (N·|q|·P)',
    violates: ['LIQ-017'],
  },
  {
    name: 'minimum-once-per-group',
    policy: SIZE_SCALED,
    engine: withRequirement(minimumOncePerGroup),
    bug: 'the size-scaled minimum is charged once per margin group instead of once per position',
    violates: ['LIQ-017'],
    shape: 'crossMulti',
  },
];
