/**
 * The driver's replaceable pieces (docs/simulation.md S5–S7): each is one decision a simulator
 * can get wrong, so the zoo's wrong simulators (src/simulate/zoo/) swap exactly one and the judge
 * must catch it.
 * @see docs/simulation.md#s5-keepers-liquidators
 */
import type { Dec } from '../model/decimal.ts';
import { auctionPrice } from './auction/index.ts';

/** What a keeper's decision reads of the keeper. */
export interface KeeperView {
  readonly id: string;
  readonly latency: number;
  readonly cost: Dec;
  readonly cash: Dec;
}

export interface SimulationRules {
  /** S5: whether keeper k acts (default: t ≥ flaggedAt + latency, cash > 0, reward ≥ cost, notional ≤ left) */
  readonly keeperActs: (k: KeeperView, reward: Dec, notional: Dec, left: Dec, step: number, flaggedAt: number) => boolean;
  /** S7: the mark a round's liquidations are computed at (default: the round's mark) */
  readonly liquidationMark: (roundMark: Dec, markWhenFlagged: Dec) => Dec;
  /** S7: the order flagged accounts are offered in (default: id order, i.e. the input sorted) */
  readonly order: (ids: readonly string[]) => readonly string[];
  /** S6 (default: auction/auctionPrice) */
  readonly auctionPrice: typeof auctionPrice;
}

/** S5: latency served, cash left, the reward covers the cost, the taken notional within capital left. */
export function keeperActs(k: KeeperView, reward: Dec, notional: Dec, left: Dec, step: number, flaggedAt: number): boolean {
  return step >= flaggedAt + k.latency && k.cash.gt(0) && reward.gte(k.cost) && notional.lte(left);
}

/** The ids in code-unit order (ids are ASCII, so this is also the ids' byte order). */
export function idOrder(ids: readonly string[]): readonly string[] {
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export const REFERENCE_SIM_RULES: SimulationRules = Object.freeze({
  keeperActs,
  liquidationMark: (roundMark: Dec) => roundMark,
  order: idOrder,
  auctionPrice,
});
