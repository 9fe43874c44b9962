/**
 * The circuit-friendly profile's fixed layout (spec §15): the compile-time scales, slot counts and
 * bit widths, and the exact list of the circuit's signals — the contract the circom circuit
 * (examples/zk/) and the TypeScript relation (relation.ts) are both written against.
 *
 * @remarks Why one list: the circuit, the relation, the honest prover (witness.ts) and the fixtures
 * (fixtures/circuit/cases/) exchange `CircuitInputs` by these names only; a name or a scale that
 * drifted between two of them would make the circuit check a different statement than the gate.
 * Every value is an integer `= decimal · 10^scale`, written as a decimal string (negative values
 * with a minus sign; circom's witness calculator reduces them mod p).
 * @see docs/spec.md#15-circuit-friendly-profile
 */

/** Fraction digits of a size (lot `ℓ`); a position and a close are counted in lots. */
export const SIZE_SCALE = 8;
/** Fraction digits of a price (mark `P`, entry `e`). */
export const PRICE_SCALE = 18;
/** Fraction digits of a rate (maintenance rate, target buffer, step ratio and rate, liquidator share). */
export const RATE_SCALE = 8;
/** Fraction digits of a quote amount; a notional `n·ℓ·P` lands here by design (8 + 18). */
export const AMOUNT_SCALE = 26;
/** Fraction digits of a requirement, a target and a slack (amount × rate: 26 + 8). */
export const REQ_SCALE = 34;
/** Fraction digits of a step comparison `E·10^16` vs `m·MM` (34 + 8). */
export const STEP_SCALE = 42;

/** Tier slots (the profile's most tiers). */
export const K = 4;
/** Penalty step slots (the profile's most steps). */
export const S = 4;
/**
 * Width of every inequality range check `0 ≤ x < 2^W` (circomlib Num2Bits(W)). Every honest
 * difference in the profile's domain is below 2^214 (spec §15 bound table); every value the
 * circuit computes from bounded inputs is below 2^250, so no range check can pass by wrapping
 * mod p (BN254, p ≈ 2^253.6).
 */
export const W = 216;

/** Bound checks of private inputs and hints, `0 ≤ x < 2^bits` (signed ones shifted by 2^(bits−1)). */
export const BITS = {
  /** position lots n; also the hint maxLots */
  lots: 64,
  /** entry price e at scale 18 (≤ 10^12 · 10^18 < 2^100) */
  entry: 100,
  /** collateral C, notional n·ℓ·P and entry notional n·ℓ·e at scale 26 */
  amount: 150,
  /** every rounding quotient (R/u, penalty units, cap units, fee units, fund units) */
  quotient: 128,
} as const;

/** What a signal holds, for the table of spec §15 and the circuit's comments. */
export type SignalKind = 'public' | 'private' | 'output';

/** One signal of the circuit: a scalar or an array of `length` slots. */
export interface SignalSpec {
  readonly name: string;
  readonly kind: SignalKind;
  /** present for arrays (K tier slots or S step slots) */
  readonly length?: number;
  /** fraction digits of the integer (`null`: a count, a flag or an index) */
  readonly scale: number | null;
  /** a bound check of the value `0 ≤ x < 2^bits`, or of `x + 2^(bits−1)` when signed */
  readonly bits?: number;
  readonly signed?: boolean;
  readonly doc: string;
}

/**
 * The signals in circuit order: public inputs, then private inputs (the account, the salt, the
 * hints), then the one public output. Unused tier/step slots are zero and can never be selected
 * (the relation requires their selectors to be 0: the slot index is ≥ `tiers` / `steps`).
 */
export const SIGNALS: readonly SignalSpec[] = [
  // -- public: parameters in integer form
  { name: 'strict', kind: 'public', scale: null, doc: 'trigger: 1 strict (E < MM), 0 inclusive (E ≤ MM)' },
  { name: 'unit', kind: 'public', scale: AMOUNT_SCALE, doc: 'quote unit u = 10^(26 − quoteScale)' },
  { name: 'lot', kind: 'public', scale: SIZE_SCALE, doc: 'lot ℓ of the market' },
  { name: 'tiers', kind: 'public', scale: null, doc: 'number of used tier slots, 1…K' },
  { name: 'tierFloor', kind: 'public', length: K, scale: AMOUNT_SCALE, doc: 'notional floor L_k (L_0 = 0); unused slots 0' },
  { name: 'tierRate', kind: 'public', length: K, scale: RATE_SCALE, doc: 'maintenance rate r_k; unused slots 0' },
  { name: 'tierCum', kind: 'public', length: K, scale: REQ_SCALE, doc: 'maintenance amount cum_k; unused slots 0' },
  { name: 'steps', kind: 'public', scale: null, doc: 'number of used penalty step slots, 1…S' },
  { name: 'stepRatio', kind: 'public', length: S, scale: RATE_SCALE, doc: 'maxMarginRatio m_s (strictly decreasing); unused slots 0' },
  { name: 'stepRate', kind: 'public', length: S, scale: RATE_SCALE, doc: 'penalty rate f_s (non-decreasing); unused slots 0' },
  { name: 'buffer', kind: 'public', scale: RATE_SCALE, doc: 'targetBuffer b' },
  { name: 'share', kind: 'public', scale: RATE_SCALE, doc: 'liquidatorShare s' },
  { name: 'dust', kind: 'public', scale: AMOUNT_SCALE, doc: 'dustNotional' },
  // -- public: market state
  { name: 'mark', kind: 'public', scale: PRICE_SCALE, doc: 'mark P of the position market' },
  { name: 'fund', kind: 'public', scale: AMOUNT_SCALE, doc: 'insurance fund I before the group (the cross group of an isolated position is empty: I unchanged)' },
  // -- public: the claim
  { name: 'status', kind: 'public', scale: null, doc: 'group status: 0 healthy, 1 partial, 2 full, 3 bankrupt' },
  { name: 'closeLots', kind: 'public', scale: null, doc: 'j, lots closed (0 healthy, n full/bankrupt)' },
  { name: 'penalty', kind: 'public', scale: AMOUNT_SCALE, doc: 'penalty of the fill, capped (§7.3)' },
  { name: 'liquidatorFee', kind: 'public', scale: AMOUNT_SCALE, doc: '⌊penalty · s⌋_u' },
  { name: 'realizedPnl', kind: 'public', scale: AMOUNT_SCALE, doc: 'R = ⌊q_c·(P − e)⌋_u, signed' },
  { name: 'insurancePayout', kind: 'public', scale: AMOUNT_SCALE, doc: 'min(D, ⌊I′⌋_u), 0 unless bankrupt' },
  { name: 'badDebt', kind: 'public', scale: AMOUNT_SCALE, doc: 'D = −(C + R − penalty), 0 unless bankrupt' },
  // -- private: the account (committed)
  { name: 'collateral', kind: 'private', scale: AMOUNT_SCALE, bits: BITS.amount, doc: 'C: the cross collateral, or the isolated margin of an isolated position' },
  { name: 'side', kind: 'private', scale: null, doc: '1 long, 0 short (boolean)' },
  { name: 'lots', kind: 'private', scale: null, bits: BITS.lots, doc: 'n = |q| / ℓ (0: no position)' },
  { name: 'entry', kind: 'private', scale: PRICE_SCALE, bits: BITS.entry, doc: 'entry price e' },
  { name: 'salt', kind: 'private', scale: null, doc: 'blinding of the commitment (any field element)' },
  // -- private: hints
  { name: 'tierBefore', kind: 'private', length: K, scale: null, doc: 'one-hot: tier of N_0 = n·ℓ·P' },
  { name: 'tierA', kind: 'private', length: K, scale: null, doc: 'one-hot: tier of the remainder after a lots (a = j partial, maxLots full/bankrupt); all 0 when probe a is off' },
  { name: 'tierB', kind: 'private', length: K, scale: null, doc: 'one-hot: tier of the remainder after a − 1 lots; all 0 when probe b is off' },
  { name: 'tierC', kind: 'private', length: K, scale: null, doc: 'one-hot: tier of the remainder after a − 2 lots; all 0 when probe c is off' },
  { name: 'stepSel', kind: 'private', length: S, scale: null, doc: 'one-hot: the penalty step (last s with E ≤ m_s·MM); all 0 when healthy' },
  { name: 'pnlQ', kind: 'private', scale: null, bits: BITS.quotient, signed: true, doc: 'R / u of the fill (j lots)' },
  { name: 'penQ', kind: 'private', scale: null, bits: BITS.quotient, doc: '⌈f·N_c / u⌉ of the fill, uncapped' },
  { name: 'capQ', kind: 'private', scale: null, bits: BITS.quotient, signed: true, doc: '⌊E⁻ / u⌋, E⁻ = E − ρ (the cap of §7.3)' },
  { name: 'capNeg', kind: 'private', scale: null, doc: 'boolean: capQ < 0 (the cap is 0)' },
  { name: 'capped', kind: 'private', scale: null, doc: 'boolean: the cap binds (penalty = max(0, capQ)·u < penQ·u)' },
  { name: 'feeQ', kind: 'private', scale: null, bits: BITS.quotient, doc: 'liquidatorFee / u' },
  { name: 'fundQ', kind: 'private', scale: null, bits: BITS.quotient, doc: '⌊I′ / u⌋, I′ = I + insuranceFee + ρ (bankrupt only, else 0)' },
  { name: 'payCapped', kind: 'private', scale: null, doc: 'boolean: the fund limits the payout (payout = fundQ·u < D)' },
  { name: 'maxLots', kind: 'private', scale: null, bits: BITS.lots, doc: 'j_max: the largest lot count < n whose remainder is not dust (full/bankrupt only, else 0)' },
  { name: 'aPnlQ', kind: 'private', scale: null, bits: BITS.quotient, signed: true, doc: 'R(a) / u for ĝ(a); equals pnlQ when partial' },
  { name: 'aPenQ', kind: 'private', scale: null, bits: BITS.quotient, doc: '⌈f·a·ℓ·P / u⌉ for ĝ(a); equals penQ when partial' },
  { name: 'minBit', kind: 'private', scale: null, doc: 'w: 0 = exact g(j − 1) misses; 1 = ĝ(j − 1) misses and (j = 2 or exact g(j − 2) misses)' },
  { name: 'bPnlQ', kind: 'private', scale: null, bits: BITS.quotient, signed: true, doc: 'R(j − 1) / u for ĝ(j − 1) (partial, w = 1, else 0)' },
  { name: 'bPenQ', kind: 'private', scale: null, bits: BITS.quotient, doc: '⌈f·(j − 1)·ℓ·P / u⌉ for ĝ(j − 1) (partial, w = 1, else 0)' },
  // -- public output
  { name: 'commitment', kind: 'output', scale: null, doc: 'Poseidon(collateral, side, lots, entry, salt) (circomlib Poseidon(5)); computed by the circuit, outside relation.ts' },
];

/** The circuit's inputs (public and private), as circom's input JSON: decimal strings. */
export type CircuitInputs = Record<string, string | readonly string[]>;

/** Names of the public inputs, in circuit order (the order of the verifier's public signals after the output). */
export const PUBLIC_INPUTS: readonly string[] = SIGNALS.filter((s) => s.kind === 'public').map((s) => s.name);
/** Names of the private inputs, in circuit order. */
export const PRIVATE_INPUTS: readonly string[] = SIGNALS.filter((s) => s.kind === 'private').map((s) => s.name);
/** Every input name (public then private): exactly the keys of a complete `CircuitInputs`. */
export const INPUTS: readonly string[] = [...PUBLIC_INPUTS, ...PRIVATE_INPUTS];

/** The signal spec of `name` (an input or the output). */
export function signalOf(name: string): SignalSpec | undefined {
  return SIGNALS.find((s) => s.name === name);
}
