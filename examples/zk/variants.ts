/**
 * The circuit variants: the correct circuit and the three planted bugs of issue 15, each a tiny
 * wrapper file in examples/zk/circuits/ that instantiates the one template with its `BUG` number.
 * One table, so the engine's environment variable, the tests and the benchmark name them alike.
 */

/** A variant's name as `LIQCHECK_ZK_BUG` spells it (`none`: the correct circuit). */
export type ZkVariant = 'none' | 'constraints-only' | 'trigger-strict-lt' | 'penalty-truncated' | 'missing-range-check';

/** Every variant with its circuit file (without `.circom`) and the template's `BUG` parameter. */
export const ZK_VARIANTS: Readonly<Record<ZkVariant, { readonly file: string; readonly bug: number; readonly what: string }>> = {
  none: { file: 'liquidation', bug: 0, what: 'the relation of docs/spec.md §15' },
  // The same constraints (the same r1cs, so the same keys) without the witness-time mirrors of the
  // range checks: slower, but its witness code rejects exactly where a constraint fails.
  'constraints-only': { file: 'liquidation_constraints_only', bug: 0, what: 'the relation of §15, constraints only (no assert mirrors)' },
  'trigger-strict-lt': { file: 'liquidation_trigger_strict_lt', bug: 1, what: 'the inclusive trigger E ≤ MM checked as strict E < MM' },
  'penalty-truncated': { file: 'liquidation_penalty_truncated', bug: 2, what: 'the penalty ⌊f·N_c⌋_u where the spec rounds up' },
  'missing-range-check': { file: 'liquidation_missing_range_check', bug: 3, what: 'the range check of the target slack at j dropped' },
};

/** A planted bug's variant. */
export type PlantedVariant = Exclude<ZkVariant, 'none' | 'constraints-only'>;

/** The planted bugs (every variant with a bug). */
export const PLANTED_BUGS = (Object.keys(ZK_VARIANTS) as ZkVariant[]).filter((v): v is PlantedVariant => ZK_VARIANTS[v].bug !== 0);

/** The variant named by `LIQCHECK_ZK_BUG` (absent or empty: `none`), or an Error naming the known ones. */
export function variantFromEnv(value: string | undefined): ZkVariant | Error {
  const v = value === undefined || value === '' ? 'none' : value;
  return Object.hasOwn(ZK_VARIANTS, v) ? (v as ZkVariant) : new Error(`LIQCHECK_ZK_BUG=${v}: unknown variant; known: ${Object.keys(ZK_VARIANTS).filter((k) => k !== 'none').join(', ')}`);
}
