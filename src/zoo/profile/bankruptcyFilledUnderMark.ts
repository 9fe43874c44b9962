/**
 * Profile zoo engine "bankruptcy fill under a mark policy": a policy that executes at the mark
 * (§7.1) has its closes filled at the bankruptcy price of the part closed (§10.4) instead.
 *
 * Bug class: one step of the venue's process taken for all of it. Binance's Smart Liquidation
 * first reduces the position by an IOC order and only if that fails "the position is closed at the
 * bankruptcy price" (Liquidation FAQ, https://www.binance.com/en/support/faq/360033525271, as
 * docs/profiles/binance-usdm.md quotes it); a port that fills every close at the bankruptcy price
 * hands the remaining margin to the liquidator.
 *
 * Violates LIQ-024 (fills not at the mark conceded by the price impact).
 */
import type { Engine } from '../../model/types.ts';
import { bankruptcyClose } from '../../policy/price/bankruptcyClose.ts';
import { underPolicy } from './support.ts';

export const bankruptcyFilledUnderMark: Engine = underPolicy(() => ({ execute: bankruptcyClose }));
