/**
 * Profile zoo engine "initial as maintenance": every bracket's maintenance rate is replaced by its
 * initial-margin rate (the bracket's maintenance amount kept), so the trigger and the close sizes
 * are read on a requirement above the real one.
 *
 * Bug class: two columns of a venue's tier table swapped — OKX serves its tiers with `mmr` and
 * `imr` side by side (docs/profiles/okx-swap.md), and liquidating "below initial margin" is a
 * common misreading. Realistic; no venue report found.
 *
 * Violates LIQ-001 (a group at or above its real maintenance is liquidated) wherever a tier's
 * initial rate exceeds its maintenance rate.
 */
import type { Engine, MarketParams } from '../../model/types.ts';
import { withInput } from '../support.ts';

function initial(m: MarketParams): MarketParams {
  return { ...m, tiers: m.tiers.map((t) => ({ ...t, rate: t.initialRate })) };
}

export const initialAsMaintenance: Engine = withInput((sc) => ({
  ...sc,
  params: { ...sc.params, markets: new Map([...sc.params.markets].map(([id, m]) => [id, initial(m)])) },
}));
