/** The semantic checks of a scenario's `book` (spec §10.4), through parseScenario. */
import { describe, expect, it } from 'vitest';
import { tenthLotParams } from '../model/__support__/bookExample.ts';
import { parseScenario } from '../model/parseScenario.ts';

const base = {
  params: tenthLotParams({ dustNotional: '0' }),
  marks: { BTC: '90' },
  account: { collateral: '10', positions: [{ market: 'BTC', size: '1', entryPrice: '100' }] },
  insuranceFund: '0',
  policy: { price: { kind: 'book', remainder: 'left' } },
};

function issuesOf(book: unknown, policy: unknown = base.policy) {
  const p = parseScenario({ ...base, policy, book });
  return p.ok ? [] : p.issues;
}

describe('readBooks', () => {
  it('accepts a valid book, and one side empty', () => {
    expect(issuesOf({ BTC: { bids: [{ price: '89.5', size: '0.3' }, { price: '80', size: '1' }], asks: [] } })).toEqual([]);
  });

  it('names the tick and the lot of the market of an off-grid level', () => {
    const issues = issuesOf({ BTC: { bids: [{ price: '89.3', size: '0.25' }], asks: [] } });
    expect(issues).toEqual([
      { path: 'book["BTC"].bids[0].price', expected: 'a multiple of the tick size 0.5 of "BTC"', received: '"89.3"' },
      { path: 'book["BTC"].bids[0].size', expected: 'a multiple of the lot size 0.1 of "BTC"', received: '"0.25"' },
    ]);
  });

  it('requires bids strictly descending and asks strictly ascending', () => {
    expect(issuesOf({ BTC: { bids: [{ price: '89', size: '1' }, { price: '89', size: '1' }], asks: [] } }).map((i) => i.path)).toEqual(['book["BTC"].bids[1].price']);
    expect(issuesOf({ BTC: { bids: [], asks: [{ price: '91', size: '1' }, { price: '90.5', size: '1' }] } }).map((i) => i.path)).toEqual(['book["BTC"].asks[1].price']);
  });

  it('rejects a zero size, a market not in params, and a book under a policy that does not read it', () => {
    expect(issuesOf({ BTC: { bids: [{ price: '89', size: '0' }], asks: [] } }).map((i) => i.path)).toEqual(['book["BTC"].bids[0].size']);
    expect(issuesOf({ ETH: { bids: [], asks: [] } }).map((i) => i.path)).toEqual(['book["ETH"]']);
    expect(issuesOf({ BTC: { bids: [], asks: [] } }, { price: { kind: 'mark' } }).map((i) => i.path)).toEqual(['book']);
  });
});
