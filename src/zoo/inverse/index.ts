/**
 * The inverse zoo: deliberately wrong engines whose bug shows only on inverse (coin-margined)
 * markets (spec §12), each the reference under the scenario's policy with one thing changed. The
 * invariants re-scoped or added for inverse markets (§12.8: LIQ-007, LIQ-029, LIQ-030) are each
 * violated by one of them on inverse scenarios where the reference is clean
 * (properties/inverseZoo.test.ts).
 */
import type { Policy } from '../../wire/policy.ts';
import type { ZooEntry } from '../index.ts';
import { contractValueOne } from './contractValueOne.ts';
import { inverseBankruptcyTowardTrader } from './inverseBankruptcyTowardTrader.ts';
import { inversePnlRoundedUp } from './inversePnlRoundedUp.ts';

/** A zoo entry ({@link ZooEntry}: `violates` lists the ids shown on inverse scenarios). */
export interface InverseZooEntry extends Omit<ZooEntry, 'needs'> {
  /** the policies its scenarios are drawn under (each in §12.1's domain); any of them when absent */
  readonly policies?: readonly Policy[];
}

/** BitMEX's and Bybit's inverse policy shape (profiles/bitmex-xbtusd.json): a full close at the bankruptcy price. */
export const FULL_AT_BANKRUPTCY: Policy = {
  requirement: { kind: 'tiers', valuation: 'mark' },
  closeSize: { kind: 'full' },
  price: { kind: 'bankruptcy' },
  penalty: { kind: 'steps', cap: 'bankruptcy' },
  loss: { kind: 'insurance-then-socialized' },
  trigger: { kind: 'params' },
};

export const INVERSE_ZOO: readonly InverseZooEntry[] = [
  { name: 'contractValueOne', engine: contractValueOne, bug: 'every inverse contract valued at 1 USD whatever its contract value', violates: ['LIQ-030'] },
  { name: 'inversePnlRoundedUp', engine: inversePnlRoundedUp, bug: 'an inverse fill’s realized PnL rounded up to the coin unit (toward the trader) instead of down', violates: ['LIQ-007'] },
  {
    name: 'inverseBankruptcyTowardTrader',
    engine: inverseBankruptcyTowardTrader,
    bug: 'the inverse bankruptcy price rounded toward the trader (a long’s down, a short’s up) instead of §12.4’s way',
    violates: ['LIQ-029'],
    policies: [FULL_AT_BANKRUPTCY],
  },
];
