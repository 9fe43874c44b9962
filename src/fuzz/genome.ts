/**
 * The genome of a stress account: a handful of integers (millionths) that fast-check draws,
 * shrinks and replays, and that the targeted search mutates. Integers shrink toward 0, so every
 * gene is oriented for shrinking to mean something plain: leverage 0 is the maximum leverage
 * (collateral exactly at initial margin), ratio 0 the deepest distress drawn, split 0 an even path.
 * @see docs/params.md#fuzz
 */
import fc from 'fast-check';
import type { Genome } from '../wire/fuzzReport.ts';

export const GENE_SCALE = 1_000_000;

/** A genome as reports carry it; src/wire/fuzzReport.ts describes each gene. */
export type { Genome };

const gene = fc.integer({ min: 0, max: GENE_SCALE });

/** Genomes for a params set with `markets` markets and paths of `steps` steps. */
export function genomeArb(markets: number, steps: number): fc.Arbitrary<Genome> {
  return fc.record(
    {
      market: fc.integer({ min: 0, max: markets - 1 }),
      long: fc.boolean(),
      notional: gene,
      price: gene,
      // Half the accounts at (or very near) the maximum leverage: the accounts that break first.
      leverage: fc.oneof(fc.integer({ min: 0, max: GENE_SCALE / 20 }), gene),
      ratio: gene,
      split: fc.array(gene, { minLength: steps, maxLength: steps }),
    },
    { noNullPrototype: true },
  );
}
