/**
 * Profile zoo engine "whole close skipped": a close that would take a whole position is not sent;
 * every close of part of a position is the policy's.
 *
 * Bug class: a partial-liquidation engine that only ever reduces and leaves whole closes to a
 * backstop that acts only further down. Hyperliquid closes a position below its minimum notional
 * (100 000 USDC) whole at once (docs/profiles/hyperliquid.md); a port that sends only the 20 %
 * slices never liquidates small accounts above the 2/3 backstop threshold. Realistic; no venue
 * report found.
 *
 * Violates LIQ-002 (a liquidatable group gets no fill) where the policy's first close is whole.
 */
import type { Engine } from '../../model/types.ts';
import { executeClose } from '../../policy/price/executeClose.ts';
import { underPolicy } from './support.ts';

export const wholeCloseSkipped: Engine = underPolicy(() => ({
  execute: (cx, g, market, size) => (size.eq(g.positions.find((p) => p.market === market)!.size.abs()) ? { group: g, fills: [] } : executeClose(cx, g, market, size)),
}));
