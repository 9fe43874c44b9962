import { ZERO, type Dec } from './decimal.ts';
import { maintenanceMargin } from './maintenanceMargin.ts';
import type { MarginGroup } from './marginGroup.ts';
import type { ParsedParams, Position } from './types.ts';

/** Market state a group is valued against. */
export interface Valuation {
  readonly params: ParsedParams;
  readonly marks: ReadonlyMap<string, Dec>;
}

/** Equity, requirement and notional of a margin group at mark. */
export interface GroupHealth {
  readonly equity: Dec;
  readonly maintenance: Dec;
  readonly notional: Dec;
  /** `maintenance + buffer · notional` */
  readonly target: Dec;
}

export function markOf(v: Valuation, market: string): Dec {
  const p = v.marks.get(market);
  if (p === undefined) throw new Error(`no mark for ${market}`); // parse guarantees it
  return p;
}

export function tiersOf(v: Valuation, market: string) {
  const m = v.params.markets.get(market);
  if (m === undefined) throw new Error(`no params for ${market}`); // parse guarantees it
  return m;
}

/** Notional `|q|·P` of a position at mark. */
export function notionalOf(v: Valuation, p: Position): Dec {
  return p.size.abs().mul(markOf(v, p.market));
}

/** Unrealized PnL `q·(P − e)` of a position at mark. */
export function unrealizedPnl(v: Valuation, p: Position): Dec {
  return p.size.mul(markOf(v, p.market).sub(p.entry));
}

/**
 * `E = C + Σ U_i`, `MM = Σ MM_i(N_i)`, `T = MM + b·Σ N_i` (all exact).
 *
 * @see docs/spec.md#4-margin-groups-equity-requirement-trigger
 */
export function groupHealth(v: Valuation, g: Pick<MarginGroup, 'collateral' | 'positions'>): GroupHealth {
  let equity = g.collateral;
  let maintenance = ZERO;
  let notional = ZERO;
  for (const p of g.positions) {
    const n = notionalOf(v, p);
    equity = equity.add(unrealizedPnl(v, p));
    maintenance = maintenance.add(maintenanceMargin(tiersOf(v, p.market).tiers, n));
    notional = notional.add(n);
  }
  return { equity, maintenance, notional, target: maintenance.add(v.params.buffer.mul(notional)) };
}
