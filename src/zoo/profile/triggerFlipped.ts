/**
 * Profile zoo engine "trigger flipped": the profile's trigger boundary read the other way round —
 * a strict venue (`E < MM`) liquidates at `E = MM` too, an inclusive one (`E ≤ MM`) only below.
 * Everything else is the scenario's policy.
 *
 * Bug class: `<` vs `≤` at the liquidation boundary, copied from another venue's docs (Binance:
 * "when the margin ratio reaches 100 %", Drift: `total_collateral < margin_requirement`). The
 * base zoo's triggerSwapped is the same bug on the decimal path, which runs only minimal-close.
 *
 * Violates LIQ-001 under a strict trigger (a group at exactly `E = MM` is acted on) and LIQ-002
 * under an inclusive one (a group at `E = MM` is left alone).
 */
import type { Engine } from '../../model/types.ts';
import { withInput } from '../support.ts';

export const triggerFlipped: Engine = withInput((sc) => ({ ...sc, params: { ...sc.params, trigger: sc.params.trigger === 'strict' ? 'inclusive' : 'strict' } }));
