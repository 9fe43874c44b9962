/**
 * Profile zoo engine "side of the position": every fill reports the side of the position it
 * closes (a long's close as a "buy", a short's as a "sell") instead of the side of the closing
 * trade. Amounts are the reference's under the scenario's policy.
 *
 * Bug class: a side field copied from the position record rather than from the order — read by
 * a downstream ledger, the fill now increases the position. Realistic; no venue report found.
 *
 * Violates LIQ-008 (reduce-only: a fill on the wrong side) on every scenario with a fill.
 */
import type { Engine } from '../../model/types.ts';
import { withResult } from '../support.ts';

export const sideOfPosition: Engine = withResult((r) => ({ ...r, fills: r.fills.map((f) => ({ ...f, side: f.side === 'sell' ? 'buy' : 'sell' })) }));
