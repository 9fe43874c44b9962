/**
 * Zoo engine "impact sign flipped": the price impact is applied with the wrong sign — a long is
 * sold at `⌊P·(1+σ)⌋_tick` and a short bought back at `⌈P·(1−σ)⌉_tick`, so the liquidation fill
 * pays the trader a premium over mark instead of charging the concession.
 *
 * Bug class: a slippage sign convention mixed up between "price the liquidator pays" and "price
 * the trader gets" (a `bid`/`ask` swap). Invisible without price impact (σ = 0 closes at mark),
 * so a fixed profile with no impact never sees it.
 *
 * Violates LIQ-024 (fills execute at the mark conceded against the trader).
 */
import type { Engine } from '../model/types.ts';
import { withInput } from './support.ts';

export const impactSignFlipped: Engine = withInput((sc) => ({ ...sc, params: { ...sc.params, priceImpact: sc.params.priceImpact.neg() } }));
