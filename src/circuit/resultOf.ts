/**
 * The wire result (spec §8) of a circuit claim: what an engine that proves its liquidations
 * reports, assembled from the public claim and the prover's integer form (spec §15.7).
 *
 * @remarks Why from the claim and not from the rules: the circuit engine answers with whatever
 * claim the circuit accepts (circuitEngine.ts), so a wrong claim the circuit lets through must
 * become a wrong result the gate can see. Only what the claim does not carry is recomputed from
 * the form: the penalty rate (the step the circuit checked), equity and requirements before and
 * after, and the margin ratio `⌊E/MM⌋_{10^−18}` — a diagnostic the circuit never computes (it
 * divides), written here outside it.
 * @see docs/spec.md#15-circuit-friendly-profile
 */
import { Fixed, toCanonical } from '../model/fixed.ts';
import type { GroupSnapshot, LiquidationResult } from '../model/types.ts';
import type { CircuitForm } from './circuitForm.ts';
import { AMOUNT_SCALE, PRICE_SCALE, RATE_SCALE, REQ_SCALE, SIZE_SCALE } from './layout.ts';
import { floorDiv, Valuation, type Claim } from './witness.ts';

const STATUS = ['healthy', 'partial', 'full', 'bankrupt'] as const;

const at = (m: bigint, scale: number): string => toCanonical(new Fixed(m, scale));
const amount = (m: bigint): string => at(m, AMOUNT_SCALE);

/** `⌊E/MM⌋` on the 10^−18 grid (E at scale 26, MM at 34), or null when MM = 0. */
function ratio(equity: bigint, mm: bigint): string | null {
  if (mm === 0n) return null;
  return at(floorDiv(equity * 10n ** 26n, mm), 18);
}

function snapshot(equity: bigint, mm: bigint, target: bigint): GroupSnapshot {
  return { equity: amount(equity), maintenance: at(mm, REQ_SCALE), target: at(target, REQ_SCALE), marginRatio: ratio(equity, mm) };
}

/** The result of an empty account: the cross group, healthy, nothing changed (§4.3). */
export function emptyResult(form: CircuitForm): LiquidationResult {
  const cross = snapshot(form.crossCollateral, 0n, 0n);
  return {
    status: 'healthy',
    fills: [],
    account: { collateral: amount(form.crossCollateral), positions: [] },
    insuranceFund: amount(form.fund),
    insurancePayout: '0',
    badDebt: '0',
    socializedLoss: '0',
    groups: [{ group: 'cross', status: 'healthy', before: cross, after: cross }],
  };
}

/** The wire result of `claim` on `form` (a form with a position). */
export function resultOf(form: CircuitForm, claim: Claim): LiquidationResult {
  const p = form.position!;
  const v = new Valuation(form);
  const j = claim.closeLots;
  const healthy = claim.status === 0;
  const closed = claim.status === 2 || claim.status === 3;
  const before = snapshot(v.equity, v.mm0, v.target(v.rem(0n)));
  const fee = claim.liquidatorFee;
  const insuranceFee = claim.penalty - fee;
  const rho = healthy ? 0n : v.pnl(j) - claim.realizedPnl;
  const groupCollateral = healthy ? form.collateral : closed && claim.status === 3 ? 0n : form.collateral + claim.realizedPnl - claim.penalty;
  const left = p.lots - j;
  let after: GroupSnapshot;
  if (healthy) after = before;
  else if (closed) after = snapshot(groupCollateral, 0n, 0n);
  else {
    const N = v.rem(j);
    after = snapshot(groupCollateral + v.sign * left * form.lot * (form.mark - p.entry), v.mm(N), v.target(N));
  }
  const fills = healthy
    ? []
    : [{
        market: p.market,
        side: p.side === 1 ? ('sell' as const) : ('buy' as const),
        size: at(j * form.lot, SIZE_SCALE),
        price: at(form.mark, PRICE_SCALE),
        notional: amount(j * v.lotNotional),
        penaltyRate: at(v.rate, RATE_SCALE),
        penalty: amount(claim.penalty),
        liquidatorFee: amount(fee),
        insuranceFee: amount(insuranceFee),
        realizedPnl: amount(claim.realizedPnl),
      }];
  const openPositions = closed
    ? []
    : [{
        market: p.market,
        size: at((p.side === 1 ? 1n : -1n) * left * form.lot, SIZE_SCALE),
        entryPrice: at(p.entry, PRICE_SCALE),
        ...(p.isolated ? { isolatedMargin: amount(groupCollateral) } : {}),
      }];
  // §4.1: a closed isolated position's margin returns to the cross pool after every group.
  const collateral = p.isolated ? form.crossCollateral + (closed ? groupCollateral : 0n) : groupCollateral;
  const group = { group: p.isolated ? p.market : 'cross', status: STATUS[claim.status], before, after };
  const cross = snapshot(form.crossCollateral, 0n, 0n);
  return {
    status: STATUS[claim.status],
    fills,
    account: { collateral: amount(collateral), positions: openPositions },
    insuranceFund: amount(form.fund + (healthy ? 0n : insuranceFee + rho) - claim.insurancePayout),
    insurancePayout: amount(claim.insurancePayout),
    badDebt: amount(claim.badDebt),
    socializedLoss: amount(claim.badDebt - claim.insurancePayout),
    groups: p.isolated ? [{ group: 'cross', status: 'healthy', before: cross, after: cross }, group] : [group],
  };
}
