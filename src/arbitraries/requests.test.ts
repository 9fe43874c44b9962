/**
 * The requests arbitrary reaches every region of the requested close size (spec §10.3): no
 * request, one lot, below the cap, exactly the cap, above it, the whole position and beyond.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../model/decimal.ts';
import { fromDec } from '../model/fixed.ts';
import { parsePolicy } from '../policy/parsePolicy.ts';
import type { Policy } from '../wire/policy.ts';
import { scenariosUnder } from './policyScenario.ts';
import { requestCaps, requestPlace, type RequestPlace } from './requests.ts';
import { scenario } from './scenario.ts';

const POLICY: Policy = { closeSize: { kind: 'requested', closeFactor: '0.5', maximumSize: '20' } };

describe('requestsFor', () => {
  it('places requests in every region around the cap, on the lot grid, for held markets only', { timeout: 60_000 }, () => {
    const parsed = parsePolicy(POLICY);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const counts = new Map<RequestPlace, number>();
    let positions = 0;
    for (const s of fc.sample(scenariosUnder(parsed.value, POLICY, scenario()), { seed: 11, numRuns: 400 })) {
      const caps = requestCaps(s, parsed.value.closeSize);
      const requests = s.requests ?? {};
      for (const market of Object.keys(requests)) expect(caps.has(market), `request for ${market}, which is not held`).toBe(true);
      for (const [market, { a, lot, cap }] of caps) {
        positions++;
        const raw = requests[market];
        const r = raw === undefined ? null : fromDec(new Dec(raw));
        if (r !== null) {
          expect(r.sign(), `${market} request ${raw}`).toBe(1);
          expect(new Dec(raw!).mod(new Dec(s.params.markets[market]!.lotSize)).isZero(), `${market} request ${raw} off the lot grid`).toBe(true);
        }
        const place = requestPlace(r, a, cap, lot);
        counts.set(place, (counts.get(place) ?? 0) + 1);
      }
    }
    const share = Object.fromEntries([...counts].map(([k, n]) => [k, `${((100 * n) / positions).toFixed(1)}%`]));
    console.log(`[requests] ${positions} positions:`, JSON.stringify(share));
    for (const place of ['none', 'one-lot', 'below-cap', 'cap', 'above-cap', 'whole', 'beyond'] as const) {
      expect(counts.get(place) ?? 0, `requests ${place}: ${JSON.stringify(share)}`).toBeGreaterThanOrEqual(positions / 100);
    }
  });
});
