import { floorTo, fmax, fmin, FZERO, type Fixed } from '../model/fixed.ts';
import { exactOf, ledger, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';
import { takenOver } from './backstopTakeover.ts';

/**
 * LIQ-022 — a requested close never exceeds the request, nor the cap of the close factor and the
 * maximum size, and touches no position without a request.
 *
 * @remarks The fills of one market are summed: a book walk (§10.4) splits one close into levels.
 * @see docs/spec.md#103-close-size
 */
export const requestBounded: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-022',
  title: 'request-bounded close',
  statement:
    "Under the requested close size, the fills of each market sum to at most min(request, C) with C = max(ℓ, min(⌊closeFactor·|q|⌋_ℓ, ⌊maximumSize⌋_ℓ)), |q| the position before; a market without a request gets no fill.",
  domain: 'Scenarios under a requested close size (the scenario carries `requests`). Aave v3 applies its close factor to the debt of one reserve, Drift clamps the liquidator’s max base by its own margin rules: both are at most this cap. Groups taken over by a backstop (§10.8) are judged by LIQ-027 instead.',
  spec: '#103-close-size',
  presumes: ['request-bounded'],
  check: (c) => {
    const x = exactOf(c);
    const rule = x.policy.closeSize;
    if (rule.kind !== 'requested') return [];
    const requests = c.input.requests ?? new Map<string, Fixed>();
    const out: string[] = [];
    for (const g of ledger(c)) {
      // §10.8: a takeover closes every position whatever was requested, decided on the scenario's own E and MM.
      if (takenOver(c, g)) continue;
      const closed = new Map<string, Fixed>();
      for (const f of g.fills) closed.set(f.market, (closed.get(f.market) ?? FZERO).add(f.size));
      for (const [market, total] of closed) {
        const request = requests.get(market);
        if (request === undefined) {
          out.push(`group ${g.id}: ${s(total)} ${market} closed, but the liquidator requested nothing in ${market}`);
          continue;
        }
        const pos = g.before.positions.find((p) => p.market === market);
        const lot = x.v.params.markets.get(market)?.lot;
        if (pos === undefined || lot === undefined) continue;
        const a = pos.size.abs();
        const byFactor = floorTo(rule.closeFactor.mul(a), lot);
        const cap = fmax(lot, rule.maximumSize === null ? byFactor : fmin(byFactor, floorTo(rule.maximumSize, lot)));
        const bound = fmin(request, cap);
        if (total.gt(bound)) {
          out.push(`group ${g.id}: ${s(total)} ${market} closed of ${s(a)}, more than min(request ${s(request)}, cap ${s(cap)}) (close factor ${s(rule.closeFactor)}${rule.maximumSize === null ? '' : `, maximum size ${s(rule.maximumSize)}`})`);
        }
      }
    }
    return out;
  },
};
