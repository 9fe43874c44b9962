/**
 * The genome of a stress account: a handful of integers (millionths) that fast-check draws,
 * shrinks and replays, and that the targeted search mutates. Integers shrink toward 0, so every
 * gene is oriented for shrinking to mean something plain: leverage 0 is the maximum leverage
 * (collateral exactly at initial margin), ratio 0 the deepest distress drawn, split 0 an even path.
 * @see docs/params.md#fuzz
 */
import fc from 'fast-check';

export const GENE_SCALE = 1_000_000;

export interface Genome {
  /** index into the params' markets, in id order */
  readonly market: number;
  readonly long: boolean;
  /** where the opening notional lies in the market's notional range (log scale) */
  readonly notional: number;
  /** where the opening mark lies in the market's price range (log scale) */
  readonly price: number;
  /** 0: opened at the maximum leverage of its bracket (collateral = initial margin); GENE_SCALE: 1× */
  readonly leverage: number;
  /** boundary family: the margin ratio E/MM the account is placed at, 0 → 0.02, GENE_SCALE → 1 */
  readonly ratio: number;
  /** how an adverse move is split over the steps of a path (weights; equal weights are an even path) */
  readonly split: readonly number[];
}

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
