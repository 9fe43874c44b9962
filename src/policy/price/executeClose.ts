/**
 * Executes a close of `size` of one position under the policy's price part (spec §10.4): at mark
 * (§7.1–§7.3, one fill), by walking the order book, or at the bankruptcy price of the part closed.
 * @see docs/spec.md#104-execution-price
 */
import type { Fixed } from '../../model/fixed.ts';
import { closeFill, type FGroup } from '../../model/fixedCore.ts';
import type { CloseContext, Closed } from '../closeContext.ts';
import { penaltyRoomOf } from '../penalty/bankruptcyRoom.ts';
import { bankruptcyClose } from './bankruptcyClose.ts';
import { bookClose } from './bookClose.ts';

export function executeClose(cx: CloseContext, g: FGroup, market: string, size: Fixed): Closed {
  if (cx.policy.price.kind === 'book') return bookClose(cx, g, market, size);
  if (cx.policy.price.kind === 'bankruptcy') return bankruptcyClose(cx, g, market, size);
  const closed = closeFill(cx.v, g, market, size, cx.rate, undefined, penaltyRoomOf(cx.policy.penalty));
  return { group: closed.group, fills: [closed.fill] };
}
