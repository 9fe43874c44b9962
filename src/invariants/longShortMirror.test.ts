/**
 * LIQ-013 under a book price (spec §10.4, §10.7): the mirror reflects the book too. Hand-computed
 * on the worked example of §10.4 (not a published vector).
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import { parseScenario } from '../model/parseScenario.ts';
import type { Scenario } from '../model/types.ts';
import { checkCase } from './checkCase.ts';
import type { Case } from './invariant.ts';
import { longShortMirror } from './longShortMirror.ts';
import { bookExample } from '../model/__support__/bookExample.ts';
import { parseResult } from '../model/parseResult.ts';

const example = (asks: readonly { price: string; size: string }[]): Scenario => bookExample('bankruptcy', asks);

function caseOf(sc: Scenario): Case {
  const input = parseScenario(sc);
  const out = liquidate(sc);
  if (!input.ok || !out.ok) throw new Error('the example must run');
  const output = parseResult(out.result);
  if (!output.ok) throw new Error('the result must parse');
  return { scenario: sc, input: input.value, result: out.result, output: output.value };
}

describe('LIQ-013 with a book', () => {
  it('reflects the book: asks become bids and bids asks, each price 2P − p', () => {
    const [m] = longShortMirror.derive(caseOf(example([{ price: '90.5', size: '5' }])));
    expect(m?.scenario.book).toEqual({ BTC: { bids: [{ price: '89.5', size: '5' }], asks: [{ price: '90.5', size: '0.5' }, { price: '91', size: '1' }] } });
    expect(m?.scenario.account.positions[0]).toMatchObject({ size: '-2', entryPrice: '80' });
    // The mirror short buys 0.5 at 90.5, 1 at 91 and the rest at the bankruptcy price
    // 0.5·⌊(0.5·80 − 1.15)/0.25⌋ = 0.5·155 = 77.5 = 2·90 − 102.5.
    const out = liquidate(m!.scenario);
    expect(out.ok && out.result.fills.map((f) => [f.side, f.size, f.price])).toEqual([['buy', '0.5', '90.5'], ['buy', '1', '91'], ['buy', '0.5', '77.5']]);
  });

  it('holds for the reference on the example', { timeout: 20_000 }, () => {
    expect(checkCase(liquidate, example([{ price: '90.5', size: '5' }]), { invariants: [longShortMirror] }).violations).toEqual([]);
  });

  it('is out of its domain when a reflected level would not be positive (an ask at 2P or above)', () => {
    expect(longShortMirror.derive(caseOf(example([{ price: '180', size: '5' }])))).toEqual([]);
  });
});
