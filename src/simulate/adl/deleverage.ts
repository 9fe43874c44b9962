/**
 * Auto-deleveraging (spec S9): the counterparties of a bankrupt account pay its socialized loss
 * at its bankruptcy price, in BitMEX's ranking order.
 *
 * @remarks Why lots and caps: every reduction is a trade, so it is a multiple of the lot; a
 * counterparty never gives more than its position or its equity (ADL must not make it bankrupt in
 * turn, SYS-007); the last one rounds up to a whole lot so the loss is paid in full, the excess
 * (less than one lot's spread) going to the fund with the collateral floors' residues.
 */
import { ceilDiv, type Dec, dmin, floorDiv, ZERO } from '../../model/decimal.ts';
import { reductionChange } from './applyReduction.ts';
import { bitmexRanking, type RankedCandidate } from './bitmexRanking.ts';
import { rankByBitmexScore } from './rankByBitmexScore.ts';
import type { AdlEvent, AdlReduction } from '../stepEngine.ts';
import type { AdlCandidate, AdlInput, LazyRankFn, RankFn } from './types.ts';

/**
 * The ADL event of one liquidation whose result socialized `input.owed`.
 *
 * @param rank - the counterparty ranking (default S9's, read lazily: only the reduced prefix is
 *   ever ordered); any {@link RankFn}, or a function returning an iterable (an incrementally kept
 *   book), is read in order only as far as the loss needs.
 */
export function deleverage(input: AdlInput, rank: RankFn | LazyRankFn = rankByBitmexScore): Omit<AdlEvent, 'bankrupt'> {
  const { bankrupt, owed, mark, lot, tick, unit } = input;
  const q = bankrupt.size;
  const long = !q.isNegative();
  const side = long ? 'long' : 'short';
  const none = (bankruptcyPrice: Dec, spread: Dec) => ({
    side,
    bankruptcyPrice,
    spread,
    owed,
    reductions: [],
    toFund: ZERO,
    unpaid: owed.gt(0) ? owed : ZERO,
  } as const);
  // No position: no bankruptcy price; reported at the mark with no spread.
  if (q.isZero()) return none(mark, ZERO);
  // P_b = −κ/q, rounded away from the mark: ⌈·⌉_τ for a long, ⌊·⌋_τ for a short (q < 0: −κ/q = κ/|q|).
  const bankruptcyPrice = long
    ? ceilDiv(bankrupt.cash.neg(), q.mul(tick)).mul(tick)
    : floorDiv(bankrupt.cash, q.neg().mul(tick)).mul(tick);
  const spread = bankruptcyPrice.sub(mark).abs();
  const beyond = long ? bankruptcyPrice.gt(mark) : bankruptcyPrice.lt(mark);
  if (!owed.gt(0) || spread.isZero() || !beyond) return none(bankruptcyPrice, spread);

  const others = input.candidates.filter((c) => (long ? c.size.isNegative() : c.size.gt(0)) && c.equity.gt(0));
  const ranking: Iterable<RankedCandidate> = rank === rankByBitmexScore ? bitmexRanking(others, mark) : rank(others, mark);
  const lotSpread = lot.mul(spread);
  const reductions: AdlReduction[] = [];
  let rest = owed;
  let residues = ZERO;
  // rest > 0 here (owed > 0); stop as soon as it is paid, so a lazy ranking is read no further.
  for (const { candidate, score } of ranking) {
    const lots = reducibleLots(candidate, ceilDiv(rest, lotSpread), lotSpread, input, spread);
    if (lots.isZero()) continue;
    const size = lots.mul(lot);
    const transfer = size.mul(spread);
    residues = residues.add(reductionChange(candidate.size, candidate.entry, size, transfer, mark, unit).residue);
    reductions.push({ account: candidate.id, size, transfer, score });
    rest = rest.sub(transfer);
    if (!rest.gt(0)) break;
  }
  return {
    side,
    bankruptcyPrice,
    spread,
    owed,
    reductions,
    toFund: (rest.isNegative() ? rest.neg() : ZERO).add(residues),
    unpaid: rest.gt(0) ? rest : ZERO,
  };
}

/**
 * The lots `c` gives: at most `need`, its position, and what its equity pays (`a·g ≤ E`), lowered
 * further while the collateral floor's residue would leave its equity below zero.
 */
function reducibleLots(c: AdlCandidate, need: Dec, lotSpread: Dec, input: AdlInput, spread: Dec): Dec {
  let lots = dmin(need, dmin(floorDiv(c.size.abs(), input.lot), floorDiv(c.equity, lotSpread)));
  // Equity after = E − a·g − ρ with ρ < u: only a transfer within one unit of E can go negative,
  // and each lot less frees ℓ·g, so this loop runs at most ⌈u/(ℓ·g)⌉ times.
  while (lots.gt(0)) {
    const size = lots.mul(input.lot);
    const left = c.equity.sub(size.mul(spread));
    if (left.gte(input.unit)) break;
    const { residue } = reductionChange(c.size, c.entry, size, size.mul(spread), input.mark, input.unit);
    if (!left.sub(residue).isNegative()) break;
    lots = lots.sub(1);
  }
  return lots;
}
