/**
 * The liquidator's requested close sizes for a scenario (spec §10.3 `requested`): for each held
 * position, no request, or a request placed around the cap `C` of the close size — one lot, one
 * lot below `C`, exactly `C`, one lot above, the whole position, more than the position — so that
 * every branch of `min(request, |q|, C)` and of the dust rule is reached.
 * @see docs/spec.md#103-close-size
 */
import fc from 'fast-check';
import { Dec } from '../model/decimal.ts';
import { Fixed, fmax, fromDec, FZERO, toCanonical } from '../model/fixed.ts';
import type { Scenario } from '../model/types.ts';
import type { FCloseSize } from '../policy/policy.ts';
import { requestCap } from '../policy/closeSize/requested.ts';

/** Where a request lies relative to its position and cap (for the distribution test). */
export type RequestPlace = 'none' | 'one-lot' | 'below-cap' | 'cap' | 'above-cap' | 'whole' | 'beyond';

const THREE = new Fixed(3n, 0);

const PLACES: readonly { readonly arbitrary: fc.Arbitrary<RequestPlace>; readonly weight: number }[] = (
  [['none', 3], ['one-lot', 1], ['below-cap', 2], ['cap', 3], ['above-cap', 2], ['whole', 2], ['beyond', 1]] as const
).map(([p, weight]) => ({ arbitrary: fc.constant(p), weight }));

/** The size a place stands for, on the lot grid and > 0; null for no request. */
function sizeAt(place: RequestPlace, a: Fixed, cap: Fixed, lot: Fixed): Fixed | null {
  switch (place) {
    case 'none':
      return null;
    case 'one-lot':
      return lot;
    case 'below-cap':
      return fmax(lot, cap.sub(lot));
    case 'cap':
      return cap;
    case 'above-cap':
      return cap.add(lot);
    case 'whole':
      return a;
    case 'beyond':
      return a.add(lot.mul(THREE));
  }
}

/** `C` of §10.3 for a held position of the scenario (a full close when the close size is not `requested`). */
function capOf(closeSize: FCloseSize | undefined, a: Fixed, lot: Fixed): Fixed {
  return closeSize?.kind === 'requested' ? requestCap(a, lot, closeSize.closeFactor, closeSize.maximumSize) : a;
}

/** Classifies a drawn request of a held position (inverse of the drawing, for the distribution test). */
export function requestPlace(request: Fixed | null, a: Fixed, cap: Fixed, lot: Fixed): RequestPlace {
  if (request === null) return 'none';
  if (request.gt(a)) return 'beyond';
  if (request.eq(a)) return 'whole';
  if (request.eq(cap)) return 'cap';
  if (request.gt(cap)) return 'above-cap';
  return request.eq(lot) ? 'one-lot' : 'below-cap';
}

/** The requests of `s`'s held positions under `closeSize` (its cap); markets without a request are absent. */
export function requestsFor(s: Scenario, closeSize?: FCloseSize): fc.Arbitrary<Record<string, string>> {
  const held = s.account.positions.map((p) => {
    const a = fromDec(new Dec(p.size)).abs();
    const lot = fromDec(new Dec(s.params.markets[p.market]!.lotSize));
    return { market: p.market, a, lot, cap: capOf(closeSize, a, lot) };
  });
  return fc.tuple(...held.map(() => fc.oneof(...PLACES))).map((places) => {
    const out: Record<string, string> = {};
    held.forEach((h, i) => {
      const size = sizeAt(places[i]!, h.a, h.cap, h.lot);
      if (size !== null && size.gt(FZERO)) out[h.market] = toCanonical(size);
    });
    return out;
  });
}

/** The cap of every held position of `s` (for tests that classify the drawn requests). */
export function requestCaps(s: Scenario, closeSize: FCloseSize | undefined): Map<string, { readonly a: Fixed; readonly lot: Fixed; readonly cap: Fixed }> {
  return new Map(
    s.account.positions.map((p) => {
      const a = fromDec(new Dec(p.size)).abs();
      const lot = fromDec(new Dec(s.params.markets[p.market]!.lotSize));
      return [p.market, { a, lot, cap: capOf(closeSize, a, lot) }];
    }),
  );
}
