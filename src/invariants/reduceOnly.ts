import { FZERO, type Fixed } from '../model/fixed.ts';
import { exactOf, signedClose, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-008 — liquidation only reduces positions.
 *
 * @see docs/spec.md#72-a-fill
 */
export const reduceOnly: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-008',
  title: 'reduce-only',
  statement: 'Fills only close existing positions (a sell closes a long, a buy a short, size > 0); no position grows, flips or appears; each position after equals its size before minus its fills, with entry price and margin mode unchanged.',
  domain: 'All scenarios.',
  spec: '#72-a-fill',
  presumes: [],
  check: (c) => {
    const x = exactOf(c);
    const out: string[] = [];
    const before = new Map(x.positions.map((p) => [p.market, p]));
    const closed = new Map<string, Fixed>();
    x.output.fills.forEach((f, i) => {
      const p = before.get(f.market);
      if (p === undefined) return void out.push(`fill ${i} trades ${f.market}, where the account has no position`);
      if (!f.size.gt(FZERO)) out.push(`fill ${i} (${f.market}) has non-positive size ${s(f.size)}`);
      const wanted = p.size.gt(FZERO) ? 'sell' : 'buy';
      if (f.side !== wanted) out.push(`fill ${i} (${f.market}) is a ${f.side} on a ${p.size.gt(FZERO) ? 'long' : 'short'}: it increases the position`);
      closed.set(f.market, (closed.get(f.market) ?? FZERO).add(signedClose(f)));
    });
    const after = new Map(x.output.account.positions.map((p) => [p.market, p]));
    for (const a of x.output.account.positions) {
      if (!before.has(a.market)) out.push(`position ${a.market} (${s(a.size)}) appears after liquidation`);
    }
    for (const [market, p] of before) {
      const a = after.get(market);
      const expected = p.size.sub(closed.get(market) ?? FZERO);
      const got = a?.size ?? FZERO;
      if (!got.eq(expected)) out.push(`${market}: size ${s(p.size)} minus fills ${s(closed.get(market) ?? FZERO)} is ${s(expected)}, but ${s(got)} is reported`);
      if (!expected.isZero() && expected.gt(FZERO) !== p.size.gt(FZERO)) out.push(`${market}: fills flip the position from ${s(p.size)} to ${s(expected)}`);
      if (a !== undefined && !a.entry.eq(p.entry)) out.push(`${market}: entry price changed from ${s(p.entry)} to ${s(a.entry)}`);
      if (a !== undefined && (a.isolatedMargin === null) !== (p.isolatedMargin === null)) out.push(`${market}: margin mode changed`);
    }
    return out;
  },
};
