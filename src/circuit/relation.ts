/**
 * The relation R(public, private) of the circuit-friendly profile (spec §15.5), as an executable
 * checker on exact integers: the normative form the circom circuit (examples/zk/) must accept
 * exactly, constraint for constraint.
 *
 * @remarks Why executable: the circuit is tested by comparing its acceptance with this function
 * (and the engine built on it passes the gate), so the statement the proof makes is pinned by
 * code, not only by prose. Every inequality is a range check `0 ≤ x < 2^W` (Num2Bits(W) in the
 * circuit; a strict one through `x − 1`); a check "when c" is the range check of `c·x` with `c` a
 * 0/1 value (so it passes when `c = 0`); a check "when c: a = b" is `c·(a − b) = 0`; booleans are
 * `b·(b − 1) = 0`; `[x = 0]` is circomlib IsZero. The Poseidon commitment is NOT checked here: it
 * is a function of private inputs that the circuit computes as its output (spec §15.4), outside
 * the integer statement.
 * @see docs/spec.md#15-circuit-friendly-profile
 */
import { BITS, INPUTS, K, S, signalOf, W, type CircuitInputs } from './layout.ts';

export type RelationResult = { readonly ok: true } | { readonly ok: false; readonly failed: readonly string[] };

/**
 * The three planted circuit bugs (contract: H3 plants them in circom); the TS form exists so the
 * tests show the engine + gate catch each before the circuit does. Never used outside tests.
 */
export type PlantedBug = 'trigger-strict-lt' | 'penalty-truncated' | 'missing-range-check';

const TWO = 2n;
const E8 = 10n ** 8n;
const E16 = 10n ** 16n;

/**
 * Checks every constraint of spec §15.5 on `inputs`; the names of the failed constraints, each
 * once, in the order of the spec. A malformed input (a missing name, a non-integer string, an
 * array of the wrong length) fails as `input:<name>`.
 */
export function checkRelation(inputs: CircuitInputs): RelationResult {
  return relationWith(inputs, undefined);
}

/** {@link checkRelation} with one planted bug (tests only: plantedRelation.ts). */
export function relationWith(inputs: CircuitInputs, bug: PlantedBug | undefined): RelationResult {
  const parsed = parseInputs(inputs);
  if (!parsed.ok) return { ok: false, failed: parsed.failed };
  const v = parsed.value;
  const failed = new Set<string>();
  const range = (name: string, x: bigint, bits: number = W): void => {
    if (x < 0n || x >= TWO ** BigInt(bits)) failed.add(name);
  };
  /** the range check of `c·x`: `c` is 0 or 1 here (booleans are checked first) */
  const when = (c: boolean, name: string, x: bigint): void => {
    if (c) range(name, x);
  };
  const equal = (c: boolean, name: string, a: bigint, b: bigint): void => {
    if (c && a !== b) failed.add(name);
  };
  const bool = (name: string, b: bigint): void => {
    if (b * (b - 1n) !== 0n) failed.add(name);
  };

  const s = (n: string): bigint => v.scalars.get(n)!;
  const a = (n: string): readonly bigint[] => v.arrays.get(n)!;
  const strict = s('strict'), u = s('unit'), lot = s('lot'), tiers = s('tiers'), steps = s('steps');
  const floor = a('tierFloor'), rate = a('tierRate'), cum = a('tierCum');
  const ratio = a('stepRatio'), stepRate = a('stepRate');
  const buffer = s('buffer'), share = s('share'), dust = s('dust'), P = s('mark'), I = s('fund');
  const status = s('status'), j = s('closeLots');
  const penalty = s('penalty'), fee = s('liquidatorFee'), R = s('realizedPnl'), payout = s('insurancePayout'), badDebt = s('badDebt');
  const C = s('collateral'), side = s('side'), n = s('lots'), e = s('entry');
  const pnlQ = s('pnlQ'), penQ = s('penQ'), capQ = s('capQ'), capNeg = s('capNeg'), capped = s('capped');
  const feeQ = s('feeQ'), fundQ = s('fundQ'), payCapped = s('payCapped'), maxLots = s('maxLots');
  const aPnlQ = s('aPnlQ'), aPenQ = s('aPenQ'), w = s('minBit'), bPnlQ = s('bPnlQ'), bPenQ = s('bPenQ');

  // -- booleans, the status and the bounds of private inputs and hints (spec §15.5, §15.6)
  // Public parameters are checked by whoever reads them (circuitForm.ts, spec §15.1); the trigger
  // flag and the counts are used as selectors here, so their shape is part of the statement.
  bool('bool-strict', strict);
  bool('bool-side', side);
  bool('bool-capNeg', capNeg);
  bool('bool-capped', capped);
  bool('bool-payCapped', payCapped);
  bool('bool-minBit', w);
  if (!(tiers >= 1n && tiers <= BigInt(K))) failed.add('count-tiers');
  if (!(steps >= 1n && steps <= BigInt(S))) failed.add('count-steps');
  if (!(status >= 0n && status <= 3n)) failed.add('status-range');
  if (failed.size > 0) return { ok: false, failed: [...failed] };
  const isH = status === 0n, isP = status === 1n, isF = status === 2n, isB = status === 3n;
  const isLiq = !isH, isClosed = isF || isB;
  const nT = Number(tiers), nS = Number(steps);

  for (const name of ['collateral', 'lots', 'entry', 'pnlQ', 'penQ', 'capQ', 'feeQ', 'fundQ', 'maxLots', 'aPnlQ', 'aPenQ', 'bPnlQ', 'bPenQ']) {
    const spec = signalOf(name)!;
    const bits = spec.bits!;
    range(`bound-${name}`, spec.signed === true ? s(name) + TWO ** BigInt(bits - 1) : s(name), bits);
  }
  const N0 = n * lot * P; // scale 26
  range('bound-notional', N0, BITS.amount);
  range('bound-entry-notional', n * lot * e, BITS.amount);

  // -- gain condition (spec §15.3): every lot raises the exact slack by at least 2u
  const fLast = stepRate[nS - 1]!;
  range('gain', lot * P * (rate[0]! + buffer - fLast) - TWO * u * E8);

  const sg = side === 1n ? 1n : -1n;
  /** notional of the remainder after k lots (scale 26) */
  const rem = (k: bigint): bigint => (n - k) * lot * P;
  /** signed exact PnL of closing k lots at mark (scale 26) */
  const pnl = (k: bigint): bigint => sg * k * lot * (P - e);
  const E = C + pnl(n);

  /**
   * A tier selector: one-hot over the used slots when `active`, all zero otherwise; the selected
   * bracket holds `N`. Returns the target `MM(N) + b·N` and `MM(N)` at scale 34.
   */
  const tierAt = (name: string, sel: readonly bigint[], active: boolean, N: bigint): { mm: bigint; target: bigint } => {
    let sum = 0n, fl = 0n, next = 0n, hasNext = 0n, r = 0n, c = 0n;
    for (let k = 0; k < K; k++) {
      const x = sel[k]!;
      bool(name, x);
      if (k >= nT && x !== 0n) failed.add(name);
      sum += x;
      fl += x * floor[k]!;
      r += x * rate[k]!;
      c += x * cum[k]!;
      if (k + 1 < nT) {
        next += x * floor[k + 1]!;
        hasNext += x;
      }
    }
    if (sum !== (active ? 1n : 0n)) failed.add(name);
    when(active, name, N - fl);
    when(active && hasNext === 1n, name, next - N - 1n);
    const mm = N * r - c;
    return { mm, target: mm + buffer * N };
  };

  // -- trigger (spec §4.3): liquidatable iff the claim is not healthy
  const before = tierAt('tier-before', a('tierBefore'), true, N0);
  const E8v = E * E8;
  if (bug === 'trigger-strict-lt') {
    // Planted: `<` for both triggers (the inclusive boundary E = MM judged healthy).
    when(isLiq, 'trigger', before.mm - E8v - 1n);
    when(isH && n !== 0n, 'trigger', E8v - before.mm);
  } else {
    when(isLiq, 'trigger', before.mm - E8v - strict);
    when(isH && n !== 0n, 'trigger', E8v - before.mm - (1n - strict));
  }
  when(isLiq, 'nonempty', n - 1n);

  // -- penalty step (spec §5.1): the last s with E ≤ m_s·MM
  const sel = a('stepSel');
  let sum = 0n, mSel = 0n, mNext = 0n, hasNext = 0n, f = 0n;
  for (let k = 0; k < S; k++) {
    const x = sel[k]!;
    bool('step', x);
    if (k >= nS && x !== 0n) failed.add('step');
    sum += x;
    mSel += x * ratio[k]!;
    f += x * stepRate[k]!;
    if (k + 1 < nS) {
      mNext += x * ratio[k + 1]!;
      hasNext += x;
    }
  }
  if (sum !== (isLiq ? 1n : 0n)) failed.add('step');
  const E16v = E * E16;
  when(isLiq, 'step', mSel * before.mm - E16v);
  when(isLiq && hasNext === 1n, 'step', E16v - mNext * before.mm - 1n);

  // -- healthy: nothing happens
  for (const x of [j, penalty, fee, R, payout, badDebt]) equal(isH, 'healthy-claim', x, 0n);

  // -- the fill of j lots (spec §7.2–§7.5)
  when(isP, 'close-size', j - 1n);
  when(isP, 'close-size', n - 1n - j);
  equal(isClosed, 'close-size', j, n);
  const X = pnl(j);
  const rho = X - pnlQ * u;
  when(isLiq, 'pnl-floor', rho);
  when(isLiq, 'pnl-floor', u - 1n - rho);
  equal(isLiq, 'pnl-claim', R, pnlQ * u);
  const penRoom = penQ * u * E8 - f * j * lot * P;
  if (bug === 'penalty-truncated') {
    // Planted: ⌊f·N_c⌋_u where the spec rounds up.
    when(isLiq, 'pen-ceil', -penRoom);
    when(isLiq, 'pen-ceil', u * E8 - 1n + penRoom);
  } else {
    when(isLiq, 'pen-ceil', penRoom);
    when(isLiq, 'pen-ceil', u * E8 - 1n - penRoom);
  }
  const eMinus = E - rho;
  when(isLiq, 'cap-floor', eMinus - capQ * u);
  when(isLiq, 'cap-floor', u - 1n - (eMinus - capQ * u));
  when(isLiq, 'cap-sign', capNeg === 1n ? -capQ - 1n : capQ);
  const capM = (1n - capNeg) * capQ;
  when(isLiq, 'pen-cap', capped === 1n ? penQ * u - capM * u - 1n : capM * u - penQ * u);
  equal(isLiq, 'pen-cap', penalty, capped === 1n ? capM * u : penQ * u);
  const feeRoom = penalty * share - feeQ * u * E8;
  when(isLiq, 'fee-floor', feeRoom);
  when(isLiq, 'fee-floor', u * E8 - 1n - feeRoom);
  equal(isLiq, 'fee-claim', fee, feeQ * u);
  const after = C + R - penalty;
  when(isF, 'bankrupt', after);
  when(isB, 'bankrupt', -after - 1n);
  const D = -after;
  equal(isB, 'bad-debt', badDebt, D);
  equal(!isB, 'bad-debt', badDebt, 0n);
  const fundAfter = I + penalty - fee + rho;
  when(isB, 'fund-floor', fundAfter - fundQ * u);
  when(isB, 'fund-floor', u - 1n - (fundAfter - fundQ * u));
  when(isB, 'payout', payCapped === 1n ? D - fundQ * u - 1n : fundQ * u - D);
  equal(isB, 'payout', payout, payCapped === 1n ? fundQ * u : D);
  equal(!isB, 'payout', payout, 0n);

  // -- the probes of minimality (spec §15.3, §15.5): a, a − 1, a − 2
  const probeA = isP || (isClosed && maxLots !== 0n);
  const pa = isP ? j : isClosed ? maxLots : 0n;
  const probeB = probeA && pa !== 1n;
  const probeC = isP && pa !== 1n && w === 1n && pa !== 2n;
  const tA = tierAt('tier-a', a('tierA'), probeA, rem(pa));
  const tB = tierAt('tier-b', a('tierB'), probeB, rem(pa - 1n));
  const tC = tierAt('tier-c', a('tierC'), probeC, rem(pa - 2n));
  /** exact slack g(k) at scale 34 */
  const g = (k: bigint, target: bigint): bigint => E8v - f * k * lot * P - target;
  /** rounded slack ĝ(k) with the quotient hints of R(k)/u and ⌈f·kℓP⌉_u/u */
  const gHat = (k: bigint, rq: bigint, pq: bigint, target: bigint): bigint => (E - (pnl(k) - rq * u) - pq * u) * E8 - target;
  const meets = (x: bigint): bigint => x - (1n - strict);
  const misses = (x: bigint): bigint => -x - strict;
  /** the rounding checks of the quotient hints at k (as pnl-floor and pen-ceil at j) */
  const rounding = (c: boolean, name: string, k: bigint, rq: bigint, pq: bigint): void => {
    const r = pnl(k) - rq * u;
    when(c, name, r);
    when(c, name, u - 1n - r);
    const p = pq * u * E8 - f * k * lot * P;
    when(c, name, p);
    when(c, name, u * E8 - 1n - p);
  };

  // partial: a non-dust remainder, ĝ(j) meets the target, and j − 1 lots would not
  when(isP, 'non-dust', rem(j) - dust);
  equal(isP, 'probe-a', aPnlQ, pnlQ);
  equal(isP, 'probe-a', aPenQ, penQ);
  if (bug !== 'missing-range-check') when(isP, 'target-at-j', meets(gHat(j, aPnlQ, aPenQ, tA.target)));
  when(isP && pa !== 1n && w === 0n, 'minimal-prev', misses(g(pa - 1n, tB.target)));
  const wOne = isP && pa !== 1n && w === 1n;
  rounding(wOne, 'minimal-prev', pa - 1n, bPnlQ, bPenQ);
  when(wOne, 'minimal-prev', misses(gHat(pa - 1n, bPnlQ, bPenQ, tB.target)));
  when(probeC, 'minimal-prev2', misses(g(pa - 2n, tC.target)));

  // full / bankrupt: no partial close meets the target with a non-dust remainder
  when(isClosed, 'max-lots', n - 1n - maxLots);
  when(isClosed && maxLots !== 0n, 'max-lots', rem(maxLots) - dust);
  when(isClosed && maxLots !== n - 1n, 'max-lots', dust - rem(maxLots + 1n) - 1n);
  const aClosed = isClosed && maxLots !== 0n;
  rounding(aClosed, 'no-partial', maxLots, aPnlQ, aPenQ);
  when(aClosed, 'no-partial', misses(gHat(maxLots, aPnlQ, aPenQ, tA.target)));
  when(aClosed && maxLots !== 1n, 'no-partial-prev', misses(g(maxLots - 1n, tB.target)));

  return failed.size === 0 ? { ok: true } : { ok: false, failed: [...failed] };
}

interface ParsedInputs {
  readonly scalars: ReadonlyMap<string, bigint>;
  readonly arrays: ReadonlyMap<string, readonly bigint[]>;
}

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

function parseInputs(inputs: CircuitInputs): { ok: true; value: ParsedInputs } | { ok: false; failed: string[] } {
  const scalars = new Map<string, bigint>();
  const arrays = new Map<string, readonly bigint[]>();
  const failed: string[] = [];
  for (const name of INPUTS) {
    const spec = signalOf(name)!;
    const x: unknown = Object.prototype.hasOwnProperty.call(inputs, name) ? inputs[name] : undefined;
    if (spec.length === undefined) {
      if (typeof x === 'string' && INTEGER.test(x)) scalars.set(name, BigInt(x));
      else failed.push(`input:${name}`);
    } else if (Array.isArray(x) && x.length === spec.length && x.every((y) => typeof y === 'string' && INTEGER.test(y))) {
      arrays.set(name, (x as readonly string[]).map((y) => BigInt(y)));
    } else failed.push(`input:${name}`);
  }
  return failed.length === 0 ? { ok: true, value: { scalars, arrays } } : { ok: false, failed };
}
