/**
 * Certificates against the zoo (spec §14): on every default-run case where a zoo engine's result
 * differs from the reference's, the certifier writes the best certificate it can for the wrong
 * result and the verifier must refuse it — and refuse it for the claim the bug breaks.
 *
 * Seed: `LIQCHECK_SEED` (properties/profile.ts), printed at start and on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED } from './profile.ts';
import { defaultRunScenarios } from '../src/arbitraries/defaultRun.ts';
import { certify } from '../src/certificate/certify.ts';
import { verifyCertificate, type Claim } from '../src/certificate/verifyCertificate.ts';
import { liquidate } from '../src/model/liquidate.ts';
import { ZOO } from '../src/zoo/index.ts';

const CASES = 400;

/**
 * The claims (spec §14.4) each engine's bug breaks first, reasoned from its one-line bug — not
 * read off this test's output. `*` is an arithmetic bug that can surface in any claim.
 */
const CLAIMS: Readonly<Record<string, readonly Claim[] | '*'>> = {
  oneLotShort: ['continue', 'minimal'], // ĝ(j) misses the target after the fill
  roundedToNearest: ['continue', 'minimal', 'full-close'], // one lot short, or past the minimal close
  oneLotMore: ['minimal', 'full-close'], // the run of misses reaches the minimal close, where ĝ meets
  alwaysFull: ['full-close'], // a partial size meets the target
  uncappedPenalty: ['penalty'],
  triggerSwapped: ['trigger'],
  triggerOnTarget: ['trigger'],
  positionFlipped: ['fill'], // a size beyond the position
  penaltyRebate: ['penalty'],
  insuranceIgnored: ['outcome', 'fund'], // the payout witness, or the result's payout total
  insuranceOverdrawn: ['outcome', 'fund'],
  negativeCollateral: ['outcome'],
  feeLeak: ['split'],
  floatEngine: '*',
  tierOffByOne: ['snapshot', 'trigger', 'continue', 'minimal', 'full-close'], // MM from the bracket below
  ignoresDust: ['minimal'], // the remainder is dust
  inputOrder: ['order'],
  shortBias: ['penalty'],
  nondeterministic: ['split'], // the liquidator fee rounded up
  givesUpUnderwater: ['trigger'],
  reversedSchedule: ['step'],
  impactSignFlipped: ['fill'], // the execution price
  strictOnly: ['trigger'],
  quoteScaleFixed: '*', // every quote rounding at the wrong unit
  lotFromDecimals: ['fill', 'continue', 'minimal', 'full-close'], // a size off the lot grid
  shareFixed: ['split'],
  largestThenInputOrder: ['order'],
  tieByLocale: ['order'],
  ratioTowardZero: ['snapshot'],
};

/**
 * Engines whose bug lies outside what a certificate checks, so that a wrong result of theirs may be
 * accepted. None: the verifier replays every field of the result (spec §14.4) — the fee split,
 * the insurance fund, the payout, bad debt and the snapshots included — so every differing result
 * must be refused. Kept as a table so that a claim dropped from the verifier has to be listed here.
 */
const OUTSIDE_THE_CLAIMS: readonly string[] = [];

describe('certificates of the zoo engines', () => {
  it(`refuse every wrong result of every engine, for the claim its bug breaks (${CASES} default-run cases)`, () => {
    const scenarios = fc.sample(defaultRunScenarios(), { numRuns: CASES, seed: SEED });
    const reference = scenarios.map((sc) => liquidate(sc));
    const lines: string[] = [];
    let wrong = 0;
    let refused = 0;
    let shown = 0;
    for (const z of ZOO) {
      const allowed = CLAIMS[z.name];
      expect(allowed, `${z.name}: add it to CLAIMS`).toBeDefined();
      let differ = 0;
      let rejected = 0;
      const seen = new Map<string, number>();
      for (const [i, sc] of scenarios.entries()) {
        const ref = reference[i]!;
        const o = z.engine(sc);
        if (!ref.ok || !o.ok || JSON.stringify(o.result) === JSON.stringify(ref.result)) continue;
        differ++;
        const c = certify(sc, o.result);
        // A result the certifier cannot read is malformed: the verifier refuses it even with the
        // certificate of the right result.
        const right = c.kind === 'certificate' ? c : certify(sc, ref.result);
        const v = verifyCertificate(sc, o.result, right.kind === 'certificate' ? right.certificate : null);
        if (v.ok) {
          expect(OUTSIDE_THE_CLAIMS, `${z.name} accepted on ${JSON.stringify(sc)}`).toContain(z.name);
          continue;
        }
        rejected++;
        const claim = c.kind === 'certificate' ? v.failures[0]!.claim : 'shape';
        seen.set(claim, (seen.get(claim) ?? 0) + 1);
        if (allowed !== '*') expect(allowed, `${z.name} refused for ${claim}: ${JSON.stringify(v.failures[0])}`).toContain(claim);
      }
      wrong += differ;
      refused += rejected;
      if (differ > 0) shown++;
      lines.push(`  ${z.name}: ${rejected}/${differ} refused${differ > 0 ? ` (${[...seen].map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`);
    }
    console.log(`zoo results refused by their certificates (seed ${SEED}): ${refused}/${wrong} = ${((100 * refused) / wrong).toFixed(1)} %\n${lines.join('\n')}`);
    expect(refused).toBe(wrong);
    // enough of the zoo showed a wrong result for the share to mean something
    expect(shown).toBeGreaterThanOrEqual(20);
  });
});
