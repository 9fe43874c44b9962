/**
 * The scenarios `liqcheck check` and `checkEngine` generate when no parameters are pinned.
 * @see docs/spec.md#2-inputs
 */
import fc from 'fast-check';
import type { Scenario } from '../model/types.ts';
import { defaultParams } from './defaultParams.ts';
import { riskParams } from './riskParams.ts';
import { scenario } from './scenario.ts';

/**
 * Market ids of the generated parameter sets of the default run, in code-unit order: eight, so an
 * account can hold eight positions. `kPEPE-PERP` (Hyperliquid's name for 1,000 PEPE) sorts last
 * in code units but between `ETH` and `LINK` in a locale collation, so a tie-break that does not
 * follow spec §6.2 can show.
 */
export const RUN_MARKET_IDS = ['AVAX-PERP', 'BTC-PERP', 'DOGE-PERP', 'ETH-PERP', 'LINK-PERP', 'SOL-PERP', 'XRP-PERP', 'kPEPE-PERP'] as const;

/**
 * Weights of the sources: one case in four on the built-in profile, two in four on generated
 * parameters with one to four markets, one in four on large accounts (four to eight markets,
 * three to eight positions), which the fewest-positions bias of {@link scenario} would seldom
 * reach otherwise. Every market of a parameter set costs generation and parsing time whether or
 * not a position uses it, hence the split rather than one to eight markets throughout.
 */
const BUILT_IN_WEIGHT = 1;
const GENERATED_WEIGHT = 2;
const LARGE_WEIGHT = 1;

/**
 * The default scenario source: one case in four under the built-in profile, the others under
 * risk parameters drawn by {@link riskParams} — price impact, either trigger, quote scales 0…8,
 * liquidator shares, dust, tiny and coarse lots, ticks, one to eight markets, one to four tiers,
 * penalty schedules up to and past the maintenance rate — with accounts of up to eight positions.
 * Every source also draws equal notionals on purpose (the tie-break of spec §6.2) and negative
 * margin ratios whose expansion does not terminate (the rounding of spec §1.3).
 *
 * @remarks A fixed profile can only ever reach what it contains: with two markets, no impact,
 * the strict trigger and one quote scale, an engine's impact code, its inclusive branch and its
 * handling of three or more positions would never run. `--params FILE` still pins the parameters.
 */
export function defaultRunScenarios(): fc.Arbitrary<Scenario> {
  const extras = { ties: true, inexactRatios: true } as const;
  const most = RUN_MARKET_IDS.length;
  return fc.oneof(
    { arbitrary: scenario({ params: fc.constant(defaultParams), ...extras }), weight: BUILT_IN_WEIGHT },
    {
      arbitrary: scenario({ params: riskParams({ marketIds: RUN_MARKET_IDS, markets: { min: 1, max: 4 } }), positions: { min: 1, max: 4 }, ...extras }),
      weight: GENERATED_WEIGHT,
    },
    {
      arbitrary: scenario({ params: riskParams({ marketIds: RUN_MARKET_IDS, markets: { min: 4, max: most } }), positions: { min: 3, max: most }, ...extras }),
      weight: LARGE_WEIGHT,
    },
  );
}
